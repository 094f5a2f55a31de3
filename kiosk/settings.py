"""The IT settings file (TOML), environment overrides and command-line flags, validated,
with defaults. A bad value names its key and line. No Qt.

Precedence, lowest first: defaults < settings file < FBSS_KIOSK_* environment < flags.
Each setting is declared once, below (and `[delivery]`'s in kiosk/delivery/config.py):
type, default, check, doc and flag (kiosk/settings_spec.py). Its environment variable is
FBSS_KIOSK_<KEY>, or FBSS_KIOSK_DELIVERY_<KEY> for `[delivery]`."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from kiosk.delivery.config import DeliverySettings, missing
from kiosk.paths import BUNDLED_CONTENT, default_data_dir, default_log_dir
from kiosk.settings_file import SettingsFileError, read_settings_text
from kiosk.settings_spec import Spec, convert, setting, shown_raw, specs
from kiosk.toml_lines import key_lines, line_of

ENV_PREFIX = "FBSS_KIOSK_"
DELIVERY_ENV_PREFIX = "FBSS_KIOSK_DELIVERY_"


def _path_ok(value: str) -> bool:
    return bool(value) and "\0" not in value


BOOL = "true or false"


@dataclass(frozen=True)
class Settings:
    content: Path = setting(
        BUNDLED_CONTENT,
        check=_path_ok,
        meaning="a path to content.yaml",
        shown="the bundled `content.yaml`",
        doc="the content file to show; its `assets/` folder sits beside it",
        flag="--content",
        metavar="PATH",
        flag_help="content.yaml to show",
    )
    data_dir: Path = setting(
        factory=default_data_dir,
        check=_path_ok,
        meaning="a folder path",
        shown="`~/.local/share/fbss-kiosk` (Linux), `%LOCALAPPDATA%\\fbss-kiosk` (Windows)",
        doc="call-back requests (0600), the last good content, the staff PIN",
        flag="--data-dir",
        metavar="DIR",
        flag_help="where data lives ({default})",
    )
    language: str = setting(
        "",
        check=lambda v: v in ("", "en", "es"),
        meaning="'en', 'es' or empty",
        shown="empty (the content's first language)",
        doc="language shown to each new patient: `en` or `es`",
        flag="--lang",
        metavar="CODE",
        flag_help="start language, e.g. es",
    )
    idle_timeout: float = setting(
        120.0,
        check=lambda v: 10 <= v <= 3600,
        meaning="seconds between 10 and 3600",
        doc='seconds without a touch before "Are you still there?" (10-3600; long topics get '
        "extra reading time)",
        flag="--idle-timeout",
        metavar="SECONDS",
        flag_help="quiet time before the 'still there?' warning (default {default})",
    )
    idle_warning: float = setting(
        30.0,
        check=lambda v: 1 <= v <= 600,
        meaning="seconds between 1 and 600",
        doc="seconds of countdown before the screen is wiped (1-600)",
        flag="--idle-warning",
        metavar="SECONDS",
        flag_help="countdown before the screen clears (default {default})",
    )
    confirmation_seconds: float = setting(
        60.0,
        check=lambda v: 10 <= v <= 600,
        meaning="seconds between 10 and 600",
        doc="seconds the thank-you screen with the reference code stays before the screen is "
        "wiped, unless the patient taps Done or goes on (10-600)",
    )
    windowed: bool = setting(
        False,
        meaning=BOOL,
        doc="a normal window instead of full screen (testing only)",
        flag="--windowed",
        flag_help="a normal window, not full screen",
    )
    screen: int = setting(
        0,
        check=lambda v: 0 <= v <= 16,
        meaning="a screen number from 0",
        doc="which screen to fill when there are several (0 = first)",
        flag="--screen",
        metavar="N",
        flag_help="which screen to fill (0 = first)",
    )
    hide_cursor: bool = setting(True, meaning=BOOL, doc="hide the mouse pointer in full screen")
    keep_awake: bool = setting(
        True,
        meaning=BOOL,
        doc="keep the screen from blanking while the kiosk runs, in full screen (Windows: "
        "`SetThreadExecutionState`; X11: `xset s off -dpms`; Wayland/cage: do not run "
        "`swayidle`)",
    )
    speech_engine: str = setting(  # "none": no speech button
        "",
        check=lambda v: re.fullmatch(r"[a-z0-9_-]*", v) is not None,
        meaning="an engine name such as 'speechd', 'sapi' or 'none'; empty for the default",
        shown="empty (the system's engine: speech-dispatcher on Linux, SAPI/WinRT on Windows)",
        doc="which QtTextToSpeech engine reads screens aloud; `none` hides the Listen button; "
        "a language without a voice in the engine has no Listen button either (`doctor` "
        "lists the engines)",
    )
    region: str = setting(
        "US",
        check=lambda v: bool(re.fullmatch(r"[A-Z]{2}", v)),
        meaning="a two-letter country, e.g. US",
        doc="two-letter country used to check phone numbers",
    )
    log_level: str = setting(
        "INFO",
        check=lambda v: v in ("DEBUG", "INFO", "WARNING", "ERROR"),
        meaning="INFO, WARNING, ...",
        doc="`DEBUG`, `INFO`, `WARNING` or `ERROR`; no patient data is logged at any level",
    )
    log_dir: Path = setting(
        factory=default_log_dir,
        check=_path_ok,
        meaning="a folder path",
        shown="`~/.local/state/fbss-kiosk` (Linux), `%LOCALAPPDATA%\\fbss-kiosk\\logs` (Windows)",
        doc="`kiosk.log`, rotated at 1 MB, 5 old files kept, readable by the kiosk's user only",
    )
    delivery: DeliverySettings = field(default_factory=DeliverySettings)


KIOSK_SPECS = specs(Settings)
DELIVERY_SPECS = specs(DeliverySettings)


class SettingsError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _kind(value: Any) -> str:
    if isinstance(value, list):
        is_tables = bool(value) and all(isinstance(v, dict) for v in value)
        return "an array of tables ([[...]])" if is_tables else "a list"
    return f"a value ({shown_raw(value)})"


def _unknown(key: str, known: dict[str, Spec], what: str) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown {what} '{key}'{hint}"


def _parse(path: Path) -> tuple[dict[str, Any], dict[tuple[str, ...], int]]:
    """The file's tables and the line of each key, or SettingsError with the line."""
    try:
        text = read_settings_text(Path(path))
    except SettingsFileError as exc:
        raise SettingsError([f"{path}:{exc.line}: {exc.message}"]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _decode_error_line(exc, text)
        raise SettingsError([f"{path}:{line}: not valid TOML: {exc}"]) from None
    except RecursionError:  # deeper than too_deep() measures, e.g. dotted keys
        raise SettingsError([f"{path}:1: nested too deeply"]) from None
    return data, key_lines(text)


def _decode_error_line(exc: tomllib.TOMLDecodeError, text: str) -> int:
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


def _read_file(
    path: Path, problems: list[str], where: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The checked [kiosk] and [delivery] values of the file; each problem with its line."""
    data, lines = _parse(path)
    for name in ("kiosk", "delivery"):
        if name in data and not isinstance(data[name], dict):
            problems.append(
                f"{path}:{line_of(lines, [name])}: '{name}' must be a table, written "
                f"[{name}] on a line of its own, not {_kind(data[name])}"
            )
    for name in data:
        if name not in ("kiosk", "delivery"):
            problems.append(
                f"{path}:{line_of(lines, [name])}: unknown section or key '{name}'; "
                "put settings under [kiosk] or [delivery]"
            )
    values: dict[str, dict[str, Any]] = {"kiosk": {}, "delivery": {}}
    for section, known, what in (
        ("delivery", DELIVERY_SPECS, "delivery setting"),
        ("kiosk", KIOSK_SPECS, "setting"),
    ):
        table = data.get(section)
        for key, raw in (table if isinstance(table, dict) else {}).items():
            at = f"{path}:{line_of(lines, [section, key])}"
            if section == "delivery":
                where[key] = at
            try:
                if key not in known:
                    raise ValueError(_unknown(key, known, what))
                values[section][key] = convert(known[key], raw, from_text=False)
            except ValueError as exc:
                problems.append(f"{at}: {exc}")
    return values["kiosk"], values["delivery"]


def _read_env(
    env: Any, prefix: str, known: dict[str, Spec], problems: list[str], where: dict[str, str]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, spec in known.items():
        name = prefix + key.upper()
        if name in env:
            where[key] = name
            try:
                values[key] = convert(spec, env[name], from_text=True)
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
    return values


def load_settings(
    path: Path | None = None,
    environ: dict[str, str] | None = None,
    flags: dict[str, Any] | None = None,
) -> Settings:
    """Defaults, then the file, then FBSS_KIOSK_* variables, then flags (None = not given).
    Raises SettingsError listing every problem as 'FILE:LINE: message' or 'ENV: message'."""
    problems: list[str] = []
    delivery_where: dict[str, str] = {}  # key -> 'FILE:LINE' or the variable that set it
    kiosk_values: dict[str, Any] = {}
    delivery_values: dict[str, Any] = {}
    if path is not None:
        kiosk_values, delivery_values = _read_file(path, problems, delivery_where)
    env = os.environ if environ is None else environ
    env_values = _read_env(env, ENV_PREFIX, KIOSK_SPECS, problems, {})
    delivery_values |= _read_env(env, DELIVERY_ENV_PREFIX, DELIVERY_SPECS, problems, delivery_where)
    if problems:
        raise SettingsError(problems)
    delivery = replace(DeliverySettings(), **delivery_values)
    for key, message in missing(delivery):
        problems.append(f"{delivery_where.get(key, f'{path or "settings"}:1')}: {message}")
    if problems:
        raise SettingsError(problems)
    given = {k: v for k, v in (flags or {}).items() if v is not None and k in KIOSK_SPECS}
    given = {k: KIOSK_SPECS[k].value(v) if KIOSK_SPECS[k].is_path else v for k, v in given.items()}
    return replace(Settings(delivery=delivery), **(kiosk_values | env_values | given))


def documented_keys() -> list[str]:
    kiosk = [f.name for f in fields(Settings) if f.name != "delivery"]
    return kiosk + [f.name for f in fields(DeliverySettings)]
