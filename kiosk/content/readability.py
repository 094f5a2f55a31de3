"""Reading level of English topic text, for staff warnings in `validate` (never at run time).

Uses textstat when it is installed (it is, with the project's test tools); without it the
check is skipped and `validate` says so once."""

from __future__ import annotations

import warnings
from collections.abc import Iterable

TARGET_GRADE = 6.0
HARD_LIMIT_GRADE = 8.0


def as_sentences(texts: Iterable[str]) -> str:
    """Titles and bullets have no full stop; give them one so they count as sentences."""
    parts = [t.strip() for t in texts if t.strip()]
    return " ".join(p if p[-1] in ".?!:" else p + "." for p in parts)


def grade(texts: Iterable[str]) -> float | None:
    """Flesch-Kincaid grade of the texts, or None when textstat is not available."""
    try:
        with warnings.catch_warnings():  # its pkg_resources import warns; not the staff's concern
            warnings.simplefilter("ignore")
            import textstat  # type: ignore[import-untyped]
    except ImportError:
        return None
    return float(textstat.flesch_kincaid_grade(as_sentences(texts)))
