"""Which plural form a count takes in a language, by the CLDR rules Babel keeps (Spanish
has "many" for round millions; other languages have more forms than one/other). Babel is
imported when a staff screen first counts something, not while the kiosk starts."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale


@cache
def _locale(lang: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def plural_category(n: int, lang: str) -> str:
    """'one', 'other', ... for `n` in `lang` (English rules for an unknown language)."""
    return str(_locale(lang).plural_form(n))


def language_in_words(code: str, staff_lang: str) -> str:
    """'Spanish / Español' for code 'es' read in English: the staff's word, then the
    patient's own (one word when both are the same language)."""
    theirs = _locale(code).languages.get(code, code)
    ours = _locale(staff_lang).languages.get(code, code)
    ours, theirs = ours[:1].upper() + ours[1:], theirs[:1].upper() + theirs[1:]
    return ours if ours == theirs else f"{ours} / {theirs}"
