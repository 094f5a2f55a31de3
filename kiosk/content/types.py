"""Small declarative value types that read YAML nodes, report located errors and
describe themselves as JSON Schema, so the validator and the editor schema never drift.
The ground (Ctx, Type) is in type_base, texts in text_types, pictures in asset_type;
this module holds the structure (lists, objects) and the small scalars, and names them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from .asset_type import Asset
from .text_types import Localized, Text, TextKind
from .type_base import (
    ALIAS_MESSAGE,
    INVALID,
    Ctx,
    Type,
    key_text,
    kind_of,
    shown,
    suggest,
)

__all__ = [
    "ALIAS_MESSAGE",
    "INVALID",
    "Asset",
    "Builder",
    "Choice",
    "Ctx",
    "Date",
    "Field",
    "List",
    "Localized",
    "Object",
    "Text",
    "TextKind",
    "Type",
    "shown",
    "suggest",
]


class Date(Type):
    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        try:
            if isinstance(node, yaml.ScalarNode):
                return date.fromisoformat(str(node.value))
        except ValueError:
            pass
        return ctx.error(node, f"expected a date like 2027-01-31, found {kind_of(node)}")

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
        hint = suggest(got, names)
        return ctx.error(node, f"expected one of {names}, found {kind_of(node)}{hint}")

    def schema(self) -> dict[str, Any]:
        if len(self.values) == 1:
            return {"const": self.values[0]}
        return {"enum": list(self.values)}


class List(Type):
    def __init__(self, item: Type, min_items: int, max_items: int, description: str = ""):
        self.item, self.min_items, self.max_items = item, min_items, max_items
        self.description = description

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return ctx.error(
                node, f"expected a list (lines starting with '- '), found {kind_of(node)}"
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
            return ctx.error(node, f"expected {self.name} (a set of keys), found {kind_of(node)}")
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
