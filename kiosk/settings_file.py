"""Reading the IT settings file safely, before TOML sees it: a regular file of a sane
size, UTF-8, not nested deeply. tomllib recurses once per level of nesting, so 100,000
brackets were a RecursionError traceback, not a located message (issue 16). No Qt."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import Any

from kiosk.toml_lines import key_lines


class SettingsFileError(ValueError):
    """What is wrong with the file, and the 1-based line it is on."""

    def __init__(self, line: int, message: str):
        self.line, self.message = line, message
        super().__init__(f"{line}: {message}")


class LocatedSettingsError(ValueError):
    """A problem of the whole file, its text already 'FILE:LINE: message'."""


MAX_SETTINGS_BYTES = 256 * 1024  # a settings file is a few kB
MAX_NESTING = 16  # arrays and inline tables inside each other; the documented keys need 1


def read_settings_text(path: Path) -> str:
    """The settings file as text, or SettingsFileError with its line: only a regular file,
    of a sane size, in UTF-8 (a BOM from Notepad is allowed), and not nested deeply
    (tomllib recurses once per level)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as file:
            regular = stat.S_ISREG(os.fstat(file.fileno()).st_mode)
            data = file.read(MAX_SETTINGS_BYTES + 1) if regular else b""
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SettingsFileError(1, f"cannot read the settings file: {reason}") from None
    except ValueError:  # a NUL in the path
        raise SettingsFileError(1, "cannot read the settings file: bad path") from None
    if not regular:  # a FIFO would block the kiosk's start until someone writes to it
        raise SettingsFileError(1, "the settings file must be a regular file")
    if len(data) > MAX_SETTINGS_BYTES:
        raise SettingsFileError(1, f"the settings file is over {MAX_SETTINGS_BYTES:,} bytes")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[:2].count(0) == 1:
        raise SettingsFileError(1, "the settings file is UTF-16; save it as UTF-8")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = f"0x{data[exc.start]:02X}"
        message = f"not UTF-8 text (byte {byte} at column {column}); save the file as UTF-8"
        raise SettingsFileError(line, message) from None
    deep = too_deep(text, MAX_NESTING)
    if deep:
        raise SettingsFileError(deep, f"nested more than {MAX_NESTING} levels deep")
    return text


def too_deep(text: str, limit: int) -> int:
    """The line where brackets and braces nest deeper than `limit`, else 0. Strings and
    comments are skipped; anything else odd is left to tomllib to report."""
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
        char = text[i]
        if char == "\n":
            line += 1
        elif char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif char in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else char
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                if text[i] == "\n":
                    line += 1
                    if len(quote) == 1:
                        break  # an unclosed string: tomllib says where
                i += 2 if (text[i] == "\\" and quote[0] == '"') else 1
            i += len(quote)
            continue
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
        i += 1
    return 0


def parse_settings(path: Path) -> tuple[dict[str, Any], dict[tuple[str, ...], int]]:
    """The file's tables and the line of each key, or LocatedSettingsError
    ('FILE:LINE: message')."""
    try:
        text = read_settings_text(Path(path))
    except SettingsFileError as exc:
        raise LocatedSettingsError(f"{path}:{exc.line}: {exc.message}") from None
    import tomllib  # only when there is a file: a kiosk without one starts sooner

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _decode_error_line(exc, text)
        raise LocatedSettingsError(f"{path}:{line}: not valid TOML: {exc}") from None
    except RecursionError:  # deeper than too_deep() measures, e.g. dotted keys
        raise LocatedSettingsError(f"{path}:1: nested too deeply") from None
    return data, key_lines(text)


def _decode_error_line(exc: ValueError, text: str) -> int:
    """tomllib's own position: `lineno` from Python 3.14; before that only its message has
    it, always ending '(at line N, column M)' or '(at end of document)'."""
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    message = str(exc)
    if message.endswith("(at end of document)"):
        return text.count("\n") + 1
    where = message.rpartition("(at line ")[2].partition(",")[0]
    return int(where) if where.isdigit() else 1
