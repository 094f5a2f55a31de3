"""The IT settings file (TOML), environment overrides and command-line flags, validated,
with defaults. A bad value names its key and line. No Qt.

Precedence, lowest first: defaults < settings file < FBSS_KIOSK_* environment < flags.
The `[delivery]` table (kiosk/delivery/config.py) says how requests reach the clinic; its
environment variables are FBSS_KIOSK_DELIVERY_<KEY>."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from kiosk.delivery.config import DELIVERY_RULES, DeliverySettings, missing, to_field
from kiosk.paths import BUNDLED_CONTENT, default_data_dir, default_log_dir
from kiosk.settings_file import SettingsFileError, read_settings_text

ENV_PREFIX = "FBSS_KIOSK_"
DELIVERY_ENV_PREFIX = "FBSS_KIOSK_DELIVERY_"


@dataclass(frozen=True)
class Settings:
    content: Path = BUNDLED_CONTENT
    data_dir: Path = field(default_factory=default_data_dir)
    language: str = ""  # empty: the content's first language
    idle_timeout: float = 120.0
    idle_warning: float = 30.0
    windowed: bool = False
    screen: int = 0
    hide_cursor: bool = True
    keep_awake: bool = True
    speech_engine: str = ""  # empty: the system's engine; "none": no speech button
    region: str = "US"
    log_level: str = "INFO"
    log_dir: Path = field(default_factory=default_log_dir)
    delivery: DeliverySettings = field(default_factory=DeliverySettings)


# key -> (type, check, what the check means) ; every key is documented in docs/settings.md
RULES: dict[str, tuple[type, Any, str]] = {
    "content": (str, lambda v: bool(v) and "\0" not in v, "a path to content.yaml"),
    "data_dir": (str, lambda v: bool(v) and "\0" not in v, "a folder path"),
    "language": (str, lambda v: v in ("", "en", "es"), "'en', 'es' or empty"),
    "idle_timeout": (float, lambda v: 10 <= v <= 3600, "seconds between 10 and 3600"),
    "idle_warning": (float, lambda v: 1 <= v <= 600, "seconds between 1 and 600"),
    "windowed": (bool, lambda v: True, "true or false"),
    "screen": (int, lambda v: 0 <= v <= 16, "a screen number from 0"),
    "hide_cursor": (bool, lambda v: True, "true or false"),
    "keep_awake": (bool, lambda v: True, "true or false"),
    "speech_engine": (
        str,
        lambda v: re.fullmatch(r"[a-z0-9_-]*", v) is not None,
        "an engine name such as 'speechd', 'sapi' or 'none'; empty for the default",
    ),
    "region": (str, lambda v: bool(re.fullmatch(r"[A-Z]{2}", v)), "a two-letter country, e.g. US"),
    "log_dir": (str, lambda v: bool(v) and "\0" not in v, "a folder path"),
    "log_level": (str, lambda v: v in ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO, WARNING, ..."),
}


class SettingsError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _kind(value: Any) -> str:
    if isinstance(value, list):
        is_tables = bool(value) and all(isinstance(v, dict) for v in value)
        return "an array of tables ([[...]])" if is_tables else "a list"
    return f"a value ({_shown(value)})"


def _line_of_table(text: str, name: str) -> int:
    """The line of `[[name]]`, `[name]` or `name = ...` at the top level."""
    name_re = re.escape(name)
    pattern = rf"^[ \t]*(\[\[?[ \t]*{name_re}[ \t]*\]|{name_re}[ \t]*=)"
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _line_of(text: str, key: str, section: str | None = None) -> int:
    start = 0
    if section is not None:  # the key as written inside [section], not in another table
        header = re.search(rf"^[ \t]*\[[ \t]*{re.escape(section)}[ \t]*\]", text, re.MULTILINE)
        start = header.end() if header else 0
    pattern = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=", re.MULTILINE)
    match = pattern.search(text, start)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _convert(
    key: str, raw: Any, from_text: bool, rules: dict[str, tuple[type, Any, str]] = RULES
) -> Any:
    kind, check, meaning = rules[key]
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
            elif from_text and str(raw).lower() in (
                "1",
                "true",
                "yes",
                "on",
                "0",
                "false",
                "no",
                "off",
            ):
                value = str(raw).lower() in ("1", "true", "yes", "on")
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
        raise ValueError(f"'{key}' must be {meaning}, not {_shown(raw)}") from None
    if not check(value):
        raise ValueError(f"'{key}' must be {meaning}, not {_shown(raw)}")
    return value


def _shown(raw: Any) -> str:
    text = repr(raw)
    return text if len(text) <= 60 else text[:57] + "..."


def _apply(settings: Settings, values: dict[str, Any]) -> Settings:
    changes: dict[str, Any] = {}
    for key, value in values.items():
        changes[key] = Path(value) if key in ("content", "data_dir", "log_dir") else value
    return replace(settings, **changes)


def load_settings(
    path: Path | None = None,
    environ: dict[str, str] | None = None,
    flags: dict[str, Any] | None = None,
) -> Settings:
    """Defaults, then the file, then FBSS_KIOSK_* variables, then flags (None = not given).
    Raises SettingsError listing every problem as 'FILE:LINE: message' or 'ENV: message'."""
    settings = Settings()
    problems: list[str] = []
    delivery_values: dict[str, Any] = {}
    delivery_where: dict[str, str] = {}  # key -> 'FILE:LINE' or the variable that set it
    if path is not None:
        try:
            text = read_settings_text(Path(path))
        except SettingsFileError as exc:
            raise SettingsError([f"{path}:{exc.line}: {exc.message}"]) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            # Python 3.14 adds exc.lineno; before that the line is only in the message.
            found = re.search(r"line (\d+)", str(exc))
            line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else 1)
            raise SettingsError([f"{path}:{line}: not valid TOML: {exc}"]) from None
        except RecursionError:  # deeper than too_deep() measures, e.g. dotted keys
            raise SettingsError([f"{path}:1: nested too deeply"]) from None
        for name in ("kiosk", "delivery"):
            if name in data and not isinstance(data[name], dict):
                problems.append(
                    f"{path}:{_line_of_table(text, name)}: '{name}' must be a table, written "
                    f"[{name}] on a line of its own, not {_kind(data[name])}"
                )
        values: dict[str, Any] = {}
        table = data.get("kiosk", {}) if isinstance(data.get("kiosk"), dict) else {}
        for name in data:
            if name not in ("kiosk", "delivery"):
                problems.append(
                    f"{path}:{_line_of(text, name)}: unknown section or key '{name}'; "
                    "put settings under [kiosk] or [delivery]"
                )
        delivery = data.get("delivery", {}) if isinstance(data.get("delivery"), dict) else {}
        for key, raw in delivery.items():
            where = f"{path}:{_line_of(text, key, 'delivery')}"
            delivery_where[key] = where
            try:
                delivery_values[key] = _convert_delivery(key, raw, from_text=False)
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
        for key, raw in table.items():
            if key not in RULES:
                import difflib

                close = difflib.get_close_matches(key, list(RULES), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                problems.append(f"{path}:{_line_of(text, key)}: unknown setting '{key}'{hint}")
                continue
            try:
                values[key] = _convert(key, raw, from_text=False)
            except ValueError as exc:
                problems.append(f"{path}:{_line_of(text, key)}: {exc}")
        settings = _apply(settings, values)
    env = os.environ if environ is None else environ
    env_values: dict[str, Any] = {}
    for key in RULES:
        name = ENV_PREFIX + key.upper()
        if name in env:
            try:
                env_values[key] = _convert(key, env[name], from_text=True)
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
    for key in DELIVERY_RULES:
        name = DELIVERY_ENV_PREFIX + key.upper()
        if name in env:
            delivery_where[key] = name
            try:
                delivery_values[key] = _convert_delivery(key, env[name], from_text=True)
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
    if problems:
        raise SettingsError(problems)
    settings = replace(settings, delivery=replace(settings.delivery, **delivery_values))
    for key, message in missing(settings.delivery):
        problems.append(f"{delivery_where.get(key, f'{path or "settings"}:1')}: {message}")
    if problems:
        raise SettingsError(problems)
    settings = _apply(settings, env_values)
    given = {k: v for k, v in (flags or {}).items() if v is not None and k in RULES}
    return _apply(settings, {k: str(v) if isinstance(v, Path) else v for k, v in given.items()})


def _convert_delivery(key: str, raw: Any, from_text: bool) -> Any:
    if key not in DELIVERY_RULES:
        import difflib

        close = difflib.get_close_matches(key, list(DELIVERY_RULES), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"unknown delivery setting '{key}'{hint}")
    return to_field(key, _convert(key, raw, from_text, DELIVERY_RULES))


def documented_keys() -> list[str]:
    kiosk = [f.name for f in fields(Settings) if f.name != "delivery"]
    return kiosk + [f.name for f in fields(DeliverySettings)]
