"""What a request records besides the form (issue 19): the language the patient used, the
reason as they saw it and in the staff language, and which kiosk and site it came from.

None means "not recorded": requests saved before schema 5 have none of it. No Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

# Staff read exports, e-mails and FHIR in English (the labels come from the content).
STAFF_LANGUAGE: Final = "en"

# A BCP 47 tag as the content uses them ("es", "pt-BR"); anything else is not stored.
_LANGUAGE_RE: Final = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}")
_LABEL_MAX: Final = 200


@dataclass(frozen=True)
class ReasonText:
    """One reason of the pick list in words: as the patient saw it, and for staff."""

    shown: str
    staff: str


@dataclass(frozen=True)
class RequestContext:
    language: str | None = None  # BCP 47 code of the session, e.g. "es"
    reason_shown: str | None = None  # the label in the patient's language
    reason_staff: str | None = None  # the label in STAFF_LANGUAGE
    kiosk_id: str | None = None
    site: str | None = None


def language_ok(code: str) -> bool:
    return _LANGUAGE_RE.fullmatch(code) is not None


def label(text: str | None) -> str | None:
    """A label fit to store: one line, bounded; None when empty."""
    if not text:
        return None
    line = " ".join(text.split())[:_LABEL_MAX]
    return line or None
