"""How one setting is declared: its dataclass field carries a `Spec` (check, one-line doc,
command-line flag). The loader (kiosk/settings.py), the `run` flags (kiosk/cli.py) and the
tables of docs/settings.md all read these, so adding a setting is one declaration plus its
use. No Qt; no argparse (that stays in kiosk/cli.py)."""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, field, fields
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Spec:
    key: str
    kind: type  # as written in TOML: str, int, float, bool, or list (of strings)
    default: Any  # the field's value when nothing sets it
    check: Callable[[Any], bool]
    meaning: str  # what a good value is: "'key' must be {meaning}, not ..."
    doc: str  # the docs table's one line
    shown: str  # the docs table's default column
    flag: str = ""  # `run --flag`, if the setting has one
    metavar: str = ""
    flag_help: str = ""
    to_value: Callable[[Any], Any] | None = None  # a checked value as the field holds it

    def value(self, checked: Any) -> Any:
        if self.to_value is not None:
            return self.to_value(checked)
        if self.kind is list:
            return tuple(checked)
        return Path(checked) if self.is_path else checked

    @property
    def is_path(self) -> bool:
        return isinstance(self.default, Path) or self.default is None

    @property
    def help(self) -> str:
        """The flag's help, with the default as this machine has it (argparse %-escaped)."""
        default = self.default
        if isinstance(default, float) and default.is_integer():
            default = int(default)
        return self.flag_help.format(default=default).replace("%", "%%")


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def convert(spec: Spec, raw: Any, from_text: bool) -> Any:
    """A raw value (from TOML, or text from the environment) checked, as the field holds it."""
    kind = spec.kind
    try:
        if kind is list:  # of strings; comma-separated in an environment variable
            if from_text and isinstance(raw, str):
                raw = [part.strip() for part in raw.split(",") if part.strip()]
            if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
                raise ValueError
            value: Any = raw
        elif kind is bool:
            if isinstance(raw, bool):
                value = raw
            elif from_text and str(raw).lower() in _TRUE + _FALSE:
                value = str(raw).lower() in _TRUE
            else:
                raise ValueError
        elif kind is float:
            if isinstance(raw, bool):
                raise ValueError
            value = float(raw)
        elif kind is int:
            if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
                raise ValueError
            value = int(raw)
        else:
            if not isinstance(raw, str):
                raise ValueError
            value = raw
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"'{spec.key}' must be {spec.meaning}, not {shown_raw(raw)}") from None
    if not spec.check(value):
        raise ValueError(f"'{spec.key}' must be {spec.meaning}, not {shown_raw(raw)}")
    return spec.value(value)


def shown_raw(raw: Any) -> str:
    text = repr(raw)
    return text if len(text) <= 60 else text[:57] + "..."


def setting(
    default: Any = MISSING,
    *,
    factory: Callable[[], Any] | None = None,
    check: Callable[[Any], bool] = lambda v: True,
    meaning: str,
    doc: str,
    shown: str | None = None,
    flag: str = "",
    metavar: str = "",
    flag_help: str = "",
    to_value: Callable[[Any], Any] | None = None,
) -> Any:
    """A dataclass field declared with everything else about the setting (see Spec)."""
    meta = {
        "check": check,
        "meaning": meaning,
        "doc": doc,
        "shown": shown,
        "flag": flag,
        "metavar": metavar,
        "flag_help": flag_help,
        "to_value": to_value,
    }
    if factory is not None:
        return field(default_factory=factory, metadata={"setting": meta})
    return field(default=default, metadata={"setting": meta})


def specs(cls: type) -> dict[str, Spec]:
    """Every setting of a settings dataclass, in declaration order."""
    found: dict[str, Spec] = {}
    hints: dict[str, Any] | None = None
    for item in fields(cls):
        meta = item.metadata.get("setting")
        if meta is None:
            continue  # a nested table, such as Settings.delivery
        default = _default(item)
        kind = _kind_of_text(item.type) if isinstance(item.type, str) else None
        if kind is None:  # an annotation the quick reading does not know: ask typing
            if hints is None:
                hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
            kind = _toml_kind(hints[item.name])
        shown = meta["shown"] if meta["shown"] is not None else _shown(default)
        found[item.name] = Spec(item.name, kind, default, **{**meta, "shown": shown})
    return found


def _default(item: Field[Any]) -> Any:
    if item.default_factory is not MISSING:
        return item.default_factory()
    return item.default


_SIMPLE = {"str": str, "int": int, "float": float, "bool": bool}


def _kind_of_text(annotation: str) -> type | None:
    """The TOML kind from the annotation as written (`from __future__ import annotations`
    keeps it text). typing.get_type_hints compiles every annotation, ~15 ms of each start
    for the kiosk's 45 settings (docs/benchmarks.md)."""
    text = annotation.replace(" ", "")
    if text.startswith("tuple["):
        return list
    if text in ("Path", "Path|None", "None|Path"):
        return str  # a path (or none) is written as a string
    return _SIMPLE.get(text)


def _toml_kind(hint: Any) -> type:
    if typing.get_origin(hint) is tuple:
        return list
    if typing.get_origin(hint) in (types.UnionType, typing.Union) or hint is Path:
        return str  # a path (or none) is written as a string
    return typing.cast(type, hint)


def _shown(default: Any) -> str:
    if isinstance(default, bool):
        return "`true`" if default else "`false`"
    if isinstance(default, float) and default.is_integer():
        return f"`{int(default)}`"
    if default in ("", (), None):
        return ""
    return f"`{default}`"


def doc_table(all_specs: dict[str, Spec], with_flags: bool) -> str:
    """The markdown table of docs/settings.md for one section."""
    head = ["key", "default", "flag", "meaning"] if with_flags else ["key", "default", "meaning"]
    rows = [_row(head), "|" + "---|" * len(head)]
    for spec in all_specs.values():
        flag = f"`{spec.flag}`" if spec.flag else ""
        cells = [f"`{spec.key}`", spec.shown, *([flag] if with_flags else []), spec.doc]
        rows.append(_row(cells))
    return "\n".join(rows) + "\n"


def _row(cells: list[str]) -> str:
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


def main() -> None:
    """`python -m kiosk.settings_spec`: the tables to paste into docs/settings.md."""
    from kiosk.settings import TABLES, Settings

    print(doc_table(specs(Settings), with_flags=True))
    for name, cls in TABLES.items():
        print(f"[{name}]\n")
        print(doc_table(specs(cls), with_flags=False))


if __name__ == "__main__":
    main()
