"""Dates as patients read them, in their language's own form ("November 20, 2026",
"20 de noviembre de 2026"), from the Unicode CLDR data that Babel carries rather than
month tables of our own. No Qt.

Babel is imported on the first date, not at start-up: the start screen shows none, and
the import and a language's data take tens of milliseconds (docs/benchmarks.md)."""

from __future__ import annotations

import logging
from datetime import date
from functools import lru_cache

log = logging.getLogger("kiosk.design")


@lru_cache(maxsize=256)
def long_date(day: date, lang: str) -> str:
    """`day` in `lang`'s long form; the ISO form (2026-11-20) if Babel or its data for
    `lang` is missing, so a broken install still shows a date a reader can make out."""
    try:
        from babel.core import UnknownLocaleError
        from babel.dates import format_date
    except ImportError:
        log.warning("dates: Babel is not installed; showing dates as YYYY-MM-DD")
        return day.isoformat()
    try:
        return format_date(day, format="long", locale=lang)
    except (UnknownLocaleError, ValueError):
        log.warning("dates: no date format for language %r; showing YYYY-MM-DD", lang)
        return day.isoformat()


def warm_up(langs: tuple[str, ...]) -> None:
    """Load Babel and each language's data now (after the first paint), so the first
    patient to open About does not wait for them."""
    for lang in langs:
        long_date(date(2000, 1, 1), lang)
