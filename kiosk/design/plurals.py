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


def language_name(code: str, reader: str) -> str:
    """The language `code` ('es', 'es-MX') named in the language `reader`, capitalised as
    a label ('Spanish', 'Español'); the code itself when CLDR does not know it."""
    base = code.replace("_", "-").split("-")[0].lower()
    name = _locale(reader).languages.get(base)
    return code if name is None else str(name)[:1].upper() + str(name)[1:]


def language_in_words(code: str, staff_lang: str) -> str:
    """'Spanish / Español' for code 'es' read in English: the staff's word, then the
    patient's own (one word when both are the same language)."""
    base = code.replace("_", "-").split("-")[0].lower()
    ours, theirs = language_name(code, staff_lang), language_name(code, base)
    return ours if ours == theirs else f"{ours} / {theirs}"
