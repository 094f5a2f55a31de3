"""Draft wording ("to be confirmed", "TODO", "por confirmar"): which phrases, and how they
are found in patient text. No YAML, no Qt.

The check runs on every text at every load (the kiosk's too), so it must cost next to
nothing on clean content: each phrase has a key word, and a text is searched with the full
pattern only if it holds the key of a phrase that occurs somewhere in the file."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Used when content.yaml has no `draft_phrases:` list (docs/content-format.md): what a
# writer leaves for "fill in later", in both languages (see DraftWords.build for matching).
DEFAULT_DRAFT_PHRASES = (
    "to be confirmed",
    "to be decided",
    "to be determined",
    "TBC",
    "TBD",
    "TODO",
    "FIXME",
    "XXX",
    "lorem ipsum",
    "lorem",
    "ipsum",
    "placeholder",
    "should review",
    "needs review",
    "must review",
    "draft text",
    "por confirmar",
    "pendiente de confirmar",
    "pendiente de revisión",
    "pendiente de revisar",
    "por definir",
    "por determinar",
    "debe revisarla",
    "debe revisarlo",
    "debe revisar",
    "texto provisional",
    "borrador",
)


def _letters(word: str) -> str:
    """A word as a pattern that also takes it without its accents ("revisión" or
    "revision"), the way people type on a keyboard without them."""
    parts = []
    for char in word:
        plain = unicodedata.normalize("NFD", char)[0]
        parts.append(f"[{char}{plain}]" if plain != char else re.escape(char))
    return "".join(parts)


def _key(phrase: str) -> str:
    """A piece of the phrase any match holds, lowercased: the longest run of plain
    letters in its longest word ("revisi" for "revisión")."""
    runs = re.findall(r"[a-z0-9]+", phrase.lower())
    return max(runs, key=len) if runs else phrase.lower()


@dataclass(frozen=True)
class DraftWords:
    pattern: re.Pattern[str]
    keys: tuple[str, ...]  # a match holds one of these (lowercased)

    @classmethod
    def build(cls, phrases: Iterable[str], file_text: str | None = None) -> DraftWords | None:
        """One pattern for all `phrases`, as whole words, with or without accents. A
        phrase in capitals (TODO, TBD) matches only in capitals, so the Spanish word
        "todo" is no draft; any other matches in any case. Spaces match any run of spaces
        or a line break (YAML may break a phrase over two lines). With `file_text`, only
        the phrases whose key occurs in it are kept (None when none does)."""
        any_case: list[str] = []
        capitals: list[str] = []
        keys: set[str] = set()
        low = file_text.lower() if file_text is not None else None
        for phrase in sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True):
            key = _key(phrase)
            if low is not None and key not in low:
                continue  # in no text of this file
            keys.add(key)
            words = r"\s+".join(_letters(word) for word in phrase.split())
            (capitals if phrase.isupper() else any_case).append(words)  # longest first
        parts = [f"(?i:{'|'.join(any_case)})"] if any_case else []
        parts += capitals
        if not parts:
            return None
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")
        return cls(pattern, tuple(sorted(keys)))

    def find(self, text: str) -> list[re.Match[str]]:
        low = text.lower()
        if not any(key in low for key in self.keys):
            return []
        return list(self.pattern.finditer(text))
