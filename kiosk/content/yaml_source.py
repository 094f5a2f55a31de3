"""Read a YAML file into a node tree safely: a regular file only, size and depth caps, no
tags, no anchors/aliases.

We keep PyYAML's *nodes* (not constructed Python objects) so every value still knows its
line and column, and so an alias bomb never expands: shared nodes are detected, not copied.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError
from .files import FileProblem, read_regular_file

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50  # the shipped content needs 9 levels
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)

try:  # the C parser is several times faster; the pure-Python one behaves the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_HINTS = {
    "mapping values are not allowed here": "check the indentation, or put the text in quotes",
    "could not find expected ':'": "a line is missing ':' or a quote is not closed",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "expected <block end>": "check the indentation of this line",
}


def _hint(problem: str, text: str, line: int) -> str:
    lines = text.splitlines()
    if 0 <= line < len(lines) and "\t" in lines[line]:
        return "use spaces, not tabs, to indent"
    return next((h for k, h in _HINTS.items() if k in problem), "")


def _too_deep(text: str) -> Any:
    """Where the nesting first goes deeper than MAX_DEPTH, or None.

    The C composer builds nodes recursively and overflows the C stack (a segfault, not an
    exception) at a few thousand levels, which 60 KB of `[` or `- ` reaches.
    Returns the yaml Mark (the C or the Python kind) of the first level too deep. LibYAML's
    parser keeps its stacks on the heap, so its events are safe to count; counting stops
    at the first level too deep, so a hostile file costs no more than its first few KB."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, _CLOSE):
            depth -= 1
    return None


def _place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index)
    return line + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _syntax_error(path: Path, text: str, exc: yaml.YAMLError) -> ContentError:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        line, col = _place(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        msg = f"the file contains a control character (U+{ord(char):04X}); delete it"
        return ContentError(path, line, col, msg)
    if not isinstance(exc, yaml.MarkedYAMLError):
        return ContentError(path, 1, 1, "YAML error: " + " ".join(str(exc).split()))
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    hint = _hint(problem, text, mark.line if mark else -1)
    msg = f"YAML syntax error: {problem}" + (f" ({hint})" if hint else "")
    return ContentError(path, line, col, msg)


def compose_file(path: Path) -> tuple[yaml.Node | None, list[ContentError], str]:
    """Return the root node of `path` and the file's text, or None with located errors."""
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except FileProblem as exc:
        message = str(exc).replace("cannot be read:", "cannot read the file:")
        if not message.startswith("cannot"):
            message = ("this path " if exc.not_a_file else "the file ") + message
        return None, [ContentError(path, 1, 1, message)], ""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = "the file is not UTF-8 text; save it as UTF-8 in your editor"
        return None, [ContentError(path, line, col, msg)], ""
    try:
        deep = _too_deep(text)
        if deep is not None:
            msg = (
                f"the text is nested more than {MAX_DEPTH} levels deep here; "
                "check the brackets and the indentation"
            )
            return None, [ContentError(path, deep.line + 1, deep.column + 1, msg)], text
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return None, [_syntax_error(path, text, exc)], text
    if node is None:
        return None, [ContentError(path, 1, 1, "the file is empty")], text
    return node, [], text


def find_aliases(root: yaml.Node) -> list[yaml.Mark]:
    """Where a node is used a second time (`*name`), anywhere in the file, even under keys
    nobody reads. The walk never enters a node twice, so a billion-laughs file costs no
    more than its own size."""
    seen: set[int] = set()
    places: list[yaml.Mark] = []
    stack: list[tuple[yaml.Node, yaml.Mark]] = [(root, root.start_mark)]
    while stack:
        node, where = stack.pop()
        if id(node) in seen:
            places.append(where)
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, key.start_mark) for key, value in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, item.start_mark) for item in reversed(node.value))
    return places
