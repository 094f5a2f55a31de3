"""Where each table and key of a TOML file is written, for `FILE:LINE: message`.

tomllib (Python 3.12) returns plain dicts with no positions, so this reads the file's
structure the way TOML does: table headers and `key =` at the start of a statement, with
strings, comments and multi-line values skipped. It only runs on text tomllib has already
parsed, so it can be simple about malformed input. No Qt."""

from __future__ import annotations

from collections.abc import Sequence

Path = tuple[str, ...]
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Reader:
    def __init__(self, text: str):
        self.text, self.i, self.line = text, 0, 1

    def peek(self, ahead: int = 0) -> str:
        j = self.i + ahead
        return self.text[j] if j < len(self.text) else ""

    def skip_blank(self, newlines: bool) -> None:
        """Spaces and tabs (and comments and newlines when `newlines`)."""
        while self.i < len(self.text):
            char = self.text[self.i]
            if char in " \t\r":
                self.i += 1
            elif char == "#":
                end = self.text.find("\n", self.i)
                self.i = len(self.text) if end < 0 else end
            elif char == "\n" and newlines:
                self.line += 1
                self.i += 1
            else:
                return

    def string(self) -> str:
        """A quoted string at the cursor (any of TOML's four kinds); its raw inside."""
        quote = self.text[self.i : self.i + 3]
        if quote not in ('"""', "'''"):
            quote = self.text[self.i]
        self.i += len(quote)
        start = self.i
        while self.i < len(self.text) and not self.text.startswith(quote, self.i):
            if self.text[self.i] == "\n":
                self.line += 1
            escaped = self.text[self.i] == "\\" and quote[0] == '"'
            self.i += 2 if escaped else 1
        inside = self.text[start : self.i]
        self.i += len(quote)
        return inside

    def key(self) -> Path:
        """A dotted key (`a.b."c"`) at the cursor."""
        parts: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            if self.peek() in "\"'":
                parts.append(self.string())
            else:
                start = self.i
                while self.peek() in _BARE and self.peek():
                    self.i += 1
                parts.append(self.text[start : self.i])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.i += 1

    def value(self) -> None:
        """Skip one value, however many lines its arrays, tables and strings take."""
        depth = 0
        while self.i < len(self.text):
            char = self.text[self.i]
            if char in "\"'":
                self.string()
                continue
            if char == "#" or char == "\n":
                if depth == 0:
                    return
                self.skip_blank(newlines=True)
                continue
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
            self.i += 1


def key_lines(text: str) -> dict[Path, int]:
    """The 1-based line where each table, key and dotted-key prefix is first written, by
    its full path: `[delivery]` is ("delivery",), `smtp_tls` inside it is
    ("delivery", "smtp_tls")."""
    reader, lines = _Reader(text), dict[Path, int]()
    table: Path = ()
    while True:
        reader.skip_blank(newlines=True)
        if reader.i >= len(text):
            return lines
        if reader.peek() == "[":
            double = reader.peek(1) == "["
            reader.i += 2 if double else 1
            table = reader.key()
            reader.i += 2 if double else 1
            _note(lines, table, reader.line)
        else:
            _note(lines, table + reader.key(), reader.line)
            reader.i += 1  # the '='
            reader.skip_blank(newlines=False)
            reader.value()


def _note(lines: dict[Path, int], path: Path, line: int) -> None:
    for end in range(1, len(path) + 1):
        lines.setdefault(path[:end], line)


def line_of(lines: dict[Path, int], path: Sequence[str]) -> int:
    """The line of `path`, else of its nearest written parent (a key inside an inline
    table), else 1."""
    for end in range(len(path), 0, -1):
        found = lines.get(tuple(path[:end]))
        if found is not None:
            return found
    return 1
