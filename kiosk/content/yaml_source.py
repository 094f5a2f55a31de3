"""Read a YAML file into a node tree safely: size cap, no tags, no anchors/aliases.

We keep PyYAML's *nodes* (not constructed Python objects) so every value still knows its
line and column, and so an alias bomb never expands: shared nodes are detected, not copied.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ContentError

MAX_BYTES = 2 * 1024 * 1024

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


def compose_file(path: Path) -> tuple[yaml.Node | None, list[ContentError]]:
    """Return the root node of `path`, or None with located errors."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [ContentError(path, 1, 1, f"cannot read the file: {exc.strerror}")]
    if size > MAX_BYTES:
        return None, [
            ContentError(
                path, 1, 1, f"the file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})"
            )
        ]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = "the file is not UTF-8 text; save it as UTF-8 in your editor"
        return None, [ContentError(path, line, col, msg)]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        hint = _hint(problem, text, mark.line if mark else -1)
        msg = f"YAML syntax error: {problem}" + (f" ({hint})" if hint else "")
        return None, [ContentError(path, line, col, msg)]
    except yaml.YAMLError as exc:
        return None, [ContentError(path, 1, 1, f"YAML error: {exc}")]
    if node is None:
        return None, [ContentError(path, 1, 1, "the file is empty")]
    return node, []


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
