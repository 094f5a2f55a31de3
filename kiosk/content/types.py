"""Small declarative value types that read YAML nodes, report located errors and
describe themselves as JSON Schema, so the validator and the editor schema never drift."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import yaml

from .errors import ContentError
from .files import file_size
from .image_info import read_image_info
from .model import LText

ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed; write the text out again"
INVALID: Any = object()  # sentinel: a value that failed and has already been reported

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_TAGS |= {_STD + "seq", _STD + "map"}


@dataclass
class Ctx:
    """What a read needs besides the node: where to report, and file-wide facts."""

    path: Path
    assets_dir: Path
    languages: tuple[str, ...] = ("en", "es")
    today: date = field(default_factory=date.today)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    ids: dict[str, yaml.Node] = field(default_factory=dict)
    check_readability: bool = False  # staff warnings from `validate`; too slow for start-up
    text: str = ""  # the file's text, to quote a key as the staff wrote it

    def error(self, node: yaml.Node, message: str, key: str = "") -> Any:
        m = node.start_mark
        self.errors.append(ContentError(self.path, m.line + 1, m.column + 1, message, key))
        return INVALID

    def warn(self, node: yaml.Node, message: str, key: str = "") -> None:
        m = node.start_mark
        self.warnings.append(ContentError(self.path, m.line + 1, m.column + 1, message, key))


def suggest(word: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


SHOWN = 60  # characters of a staff value quoted in a message
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # new lines and tabs are fine


def shown(text: str) -> str:
    """A staff value fit to quote in one line of a message: control characters escaped,
    long values cut (a 2 MB value must not become a 2 MB log line)."""
    cut = text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], cut)


def key_text(node: yaml.Node, ctx: Ctx) -> str:
    """A mapping key as the staff wrote it, even when it is a list or a set of keys."""
    if isinstance(node, yaml.ScalarNode):
        return shown(str(node.value))
    start, end = node.start_mark.index, node.end_mark.index
    return shown(ctx.text[start:end].strip()) if 0 <= start < end <= len(ctx.text) else ""


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a set of keys"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "empty" if node.tag == _STD + "null" else f"'{shown(str(node.value))}'"


class Type:
    description = ""

    def read(self, node: yaml.Node, ctx: Ctx) -> Any:
        """Check the node is safe to look at, then read it."""
        if id(node) in ctx.seen:
            return INVALID  # an alias: already reported, with its place, by find_aliases
        ctx.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            return ctx.error(node, f"YAML tags like '{node.tag}' are not allowed")
        return self._read(node, ctx)

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError


class Text(Type):
    """A non-empty string. Any plain scalar counts as text, so `es: No` stays the word 'No'."""

    def __init__(self, pattern: str = "", rule: str = "", max_len: int = 0):
        self.pattern, self.rule, self.max_len = pattern, rule, max_len

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return ctx.error(node, f"expected text, found {_kind(node)}")
        value = str(node.value).strip()
        if not value or node.tag == _STD + "null":
            return ctx.error(node, "this text is empty")
        if self.max_len and len(value) > self.max_len:
            return ctx.error(
                node,
                f"this text is too long ({len(value):,} characters; the limit here is "
                f"{self.max_len:,}); shorten it or split it",
            )
        bad = _CONTROL_IN_TEXT.search(value)
        if bad:  # "\0" or "\a" typed as an escape: invisible, or it cuts the text short
            code = ord(bad.group())
            return ctx.error(node, f"this text contains a control character (U+{code:04X})")
        if self.pattern and not re.fullmatch(self.pattern, value):
            return ctx.error(node, f"'{shown(value)}' {self.rule}")
        return value

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.pattern:
            s["pattern"] = f"^{self.pattern}$"
        if self.max_len:
            s["maxLength"] = self.max_len
        return s


@dataclass(frozen=True)
class TextKind:
    """A kind of text (a title, a paragraph) and the most characters the screen has room for."""

    name: str
    max_len: int


class Localized(Type):
    """One text per configured language, each no longer than its kind allows (see
    docs/content-format.md); a missing translation is an error."""

    def __init__(self, kind: TextKind, description: str = ""):
        self.kind, self.description = kind, description
        self._text = Text(max_len=kind.max_len)

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        if not isinstance(node, yaml.MappingNode):
            langs = ", ".join(ctx.languages)
            return ctx.error(
                node, f"expected a text for each language ({langs}), found {_kind(node)}"
            )
        values: dict[str, str] = {}
        ok = True
        given = {str(k.value) for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        absent = [lang for lang in ctx.languages if lang not in given]
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                codes = list(ctx.languages)
                ctx.error(key_node, f"'{key_text(key_node, ctx)}' is not a language code {codes}")
                ok = False
                continue
            lang = str(key_node.value)
            if lang not in ctx.languages:
                # Two-letter codes are too short for fuzzy matching; the one language
                # that is missing is the best guess.
                hint = suggest(lang, list(ctx.languages)) or (
                    f"; did you mean '{absent[0]}'?" if len(absent) == 1 else ""
                )
                ctx.error(
                    key_node,
                    f"'{shown(lang)}' is not one of the languages {list(ctx.languages)}{hint}",
                )
                ok = False
                continue
            text = self._text.read(value_node, ctx)
            ok = ok and text is not INVALID
            values[lang] = text
        for lang in ctx.languages:
            if lang not in values:
                ctx.error(node, f"missing the '{lang}' translation", key=lang)
                ok = False
        return LText(values, ctx.languages[0]) if ok else INVALID

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.kind.name}"}


class Date(Type):
    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        try:
            if isinstance(node, yaml.ScalarNode):
                return date.fromisoformat(str(node.value))
        except ValueError:
            pass
        return ctx.error(node, f"expected a date like 2027-01-31, found {_kind(node)}")

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


class Choice(Type):
    def __init__(self, *values: str | int):
        self.values = values

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        names = [str(v) for v in self.values]
        if isinstance(node, yaml.ScalarNode) and str(node.value) in names:
            return self.values[names.index(str(node.value))]
        got = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        return ctx.error(node, f"expected one of {names}, found {_kind(node)}{suggest(got, names)}")

    def schema(self) -> dict[str, Any]:
        if len(self.values) == 1:
            return {"const": self.values[0]}
        return {"enum": list(self.values)}


class Asset(Type):
    """A file inside the assets folder, named relative to it."""

    EXTENSIONS = (".png", ".jpg", ".jpeg", ".svg")
    MAX_PATH = 200  # characters; the shipped names are under 30
    MAX_NAME_BYTES = 255  # a file or folder name, as most file systems allow
    MAX_BYTES = 10 * 1024 * 1024
    MAX_PIXELS = 40_000_000  # decoding is scaled, but a bomb still costs time to read
    MAX_SIDE = 12_000
    NEEDED_WIDTH = 2400  # the widest a picture is ever shown, at 2x for sharp screens

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        value = Text()._read(node, ctx)
        if value is INVALID:
            return INVALID
        if len(value) > self.MAX_PATH:
            return ctx.error(
                node,
                f"'{shown(value)}' is too long for a file path ({len(value):,} characters; "
                f"the limit is {self.MAX_PATH})",
            )
        problem = self._name_problem(value)
        if problem:
            return ctx.error(node, f"'{shown(value)}' {problem}")
        try:
            return self._check_file(node, value, ctx)
        except (OSError, ValueError, RuntimeError) as exc:
            # Anything else the file system says (a loop of links, a name it refuses):
            # still a located problem with the staff's file, never a crash.
            if isinstance(exc, RuntimeError):  # pathlib's word for a loop of links
                why = "it is a link that leads back to itself"
            elif isinstance(exc, OSError) and exc.strerror:
                why = exc.strerror
            else:
                why = "the file system refuses this name"
            return ctx.error(node, f"assets/{shown(value)} cannot be read: {why}")

    def _name_problem(self, value: str) -> str:
        """What is wrong with the name itself, before the file system is asked."""
        if _CONTROL.search(value):
            return "contains a control character (such as a NUL or a tab); type the name again"
        if Path(value).is_absolute() or PureWindowsPath(value).is_absolute() or value[:1] in "/\\":
            return "must be a path inside assets/, like icons/what.svg"
        if Path(value).suffix.lower() not in self.EXTENSIONS:
            return "must be a PNG, JPEG or SVG file"
        for part in PurePosixPath(value.replace("\\", "/")).parts:
            if len(part.encode("utf-8", "surrogateescape")) > self.MAX_NAME_BYTES:
                return f"has a file or folder name longer than {self.MAX_NAME_BYTES} bytes"
        return ""

    def _check_file(self, node: yaml.Node, value: str, ctx: Ctx) -> Any:
        root = ctx.assets_dir.resolve()
        target = (root / value).resolve()
        if not target.is_relative_to(root):
            return ctx.error(node, f"'{shown(value)}' points outside the assets folder")
        if not target.exists():
            # The first names in the folder are enough for a "did you mean".
            names = islice(target.parent.iterdir(), 1000) if target.parent.is_dir() else ()
            hint = suggest(target.name, [p.name for p in names])
            return ctx.error(node, f"image not found: assets/{shown(value)}{hint}")
        try:
            size = file_size(target)
            if size > self.MAX_BYTES:
                limit = self.MAX_BYTES // (1024 * 1024)
                message = f"is too large ({size:,} bytes; limit {limit} MB)"
                return ctx.error(node, f"assets/{shown(value)} {message}")
            info = read_image_info(target, self.MAX_BYTES)
        except ValueError as exc:  # BadImage, SvgProblem, FileProblem: already in words
            return ctx.error(node, f"assets/{shown(value)} {exc}")
        pixels = info.width * info.height
        if pixels > self.MAX_PIXELS or max(info.width, info.height) > self.MAX_SIDE:
            return ctx.error(
                node,
                f"assets/{shown(value)} is {info.width}x{info.height} pixels; the limit is "
                f"{self.MAX_PIXELS // 1_000_000} megapixels and {self.MAX_SIDE} pixels a side",
            )
        if info.width > self.NEEDED_WIDTH:
            ctx.warn(
                node,
                f"assets/{shown(value)} is {info.width} pixels wide; {self.NEEDED_WIDTH} is "
                "enough (a smaller file loads faster)",
            )
        return target

    def schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "maxLength": self.MAX_PATH,
            "pattern": r"^(?![/\\])(?!.*\.\.)[^:]+\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Ss][Vv][Gg])$",
        }


class List(Type):
    def __init__(self, item: Type, min_items: int, max_items: int, description: str = ""):
        self.item, self.min_items, self.max_items = item, min_items, max_items
        self.description = description

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return ctx.error(
                node, f"expected a list (lines starting with '- '), found {_kind(node)}"
            )
        if len(node.value) < self.min_items:
            return ctx.error(node, f"this list needs at least {self.min_items} item(s)")
        if len(node.value) > self.max_items:
            return ctx.error(
                node, f"this list has {len(node.value):,} items; the limit is {self.max_items}"
            )
        items = [self.item.read(child, ctx) for child in node.value]
        return INVALID if any(i is INVALID for i in items) else tuple(items)

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            s["minItems"] = self.min_items
        s["maxItems"] = self.max_items
        return s


@dataclass(frozen=True)
class Field:
    type: Type
    required: bool = True
    description: str = ""


Builder = Callable[[dict[str, Any], dict[str, yaml.Node], Ctx], Any]


class Object(Type):
    """A mapping with known keys. Unknown keys get a 'did you mean'; missing ones are named."""

    def __init__(
        self,
        name: str,
        fields: dict[str, Field],
        build: Builder,
        exactly_one_of: tuple[str, ...] = (),
        description: str = "",
    ):
        self.name, self.fields, self.build = name, fields, build
        self.exactly_one_of, self.description = exactly_one_of, description

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return ctx.error(node, f"expected {self.name} (a set of keys), found {_kind(node)}")
        values: dict[str, Any] = {}
        nodes: dict[str, yaml.Node] = {}
        ok = True
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                # `[a, b]: x` or `{a: b}: x`: quoted as written, not as PyYAML's node.
                ctx.error(
                    key_node,
                    f"unknown key '{key_text(key_node, ctx)}' in {self.name}: a key is one "
                    "word, like 'title', not a list or a set of keys",
                )
                ok = False
                continue
            key = str(key_node.value)
            if key in nodes:
                ctx.error(key_node, f"'{shown(key)}' appears twice in this {self.name}", key)
                ok = False
            elif key not in self.fields:
                hint = suggest(key, list(self.fields))
                ctx.error(key_node, f"unknown key '{shown(key)}' in {self.name}{hint}", key)
                ok = False
            else:
                nodes[key] = value_node
                values[key] = self.fields[key].type.read(value_node, ctx)
                ok = ok and values[key] is not INVALID
        if self.exactly_one_of:
            present = [k for k in self.exactly_one_of if k in nodes]
            if len(present) != 1:
                keys = ", ".join(self.exactly_one_of)
                return ctx.error(node, f"{self.name} needs exactly one of: {keys}")
        for key, spec in self.fields.items():
            if spec.required and key not in nodes:
                ctx.error(node, f"{self.name} is missing '{key}'", key)
                ok = False
        return self.build(values, nodes, ctx) if ok else INVALID

    def schema(self) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for key, spec in self.fields.items():
            props[key] = dict(spec.type.schema())
            if spec.description:
                props[key]["description"] = spec.description
        s: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
        if self.description:
            s["description"] = self.description
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            s["required"] = required
        if self.exactly_one_of:
            s["oneOf"] = [{"required": [k]} for k in self.exactly_one_of]
        return s
