"""The IT settings file (TOML), environment overrides and command-line flags, validated,
with defaults. A bad value names its key and line. No Qt.

Precedence, lowest first: defaults < settings file < FBSS_KIOSK_* environment < flags.
Each setting is declared once, below (`[delivery]`'s in kiosk/delivery/config.py, `[updates]`
and `[metrics]` in kiosk/fleet/config.py): type, default, check, doc and flag
(kiosk/settings_spec.py). Its environment variable is FBSS_KIOSK_<KEY>, or
FBSS_KIOSK_<TABLE>_<KEY> for a table such as `[delivery]`."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from kiosk.delivery.config import DeliverySettings, missing
from kiosk.fleet.config import MetricsSettings, UpdateSettings
from kiosk.paths import BUNDLED_CONTENT, default_data_dir, default_log_dir
from kiosk.settings_checks import base_url_ok, default_kiosk_id, plain_line, time_zone_ok
from kiosk.settings_file import LocatedSettingsError, parse_settings
from kiosk.settings_spec import Spec, convert, setting, shown_raw, specs
from kiosk.toml_lines import line_of

ENV_PREFIX = "FBSS_KIOSK_"


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
    kiosk_id: str = setting(
        factory=default_kiosk_id,
        check=lambda v: re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", v) is not None,
        meaning="letters, digits, '.', '_' or '-' (at most 64), e.g. 'lobby-2'",
        shown="the computer's host name",
        doc="this kiosk's name, stored and sent with every request and shown in `doctor` and "
        "the staff menu",
    )
    site: str = setting(
        "",
        check=plain_line,
        meaning="one line of at most 80 characters",
        shown="empty",
        doc='the waiting room or clinic this kiosk stands in, in words (e.g. "North clinic, '
        '2nd floor"); stored and sent with every request',
    )
    time_zone: str = setting(
        "",
        check=time_zone_ok,
        meaning="a time zone name such as 'America/Chicago', or empty",
        shown="empty (the system's)",
        doc="the time zone of the times staff read in exports and e-mails",
    )
    emergency_number: str = setting(
        "911",
        check=lambda v: re.fullmatch(r"[0-9]{2,6}", v) is not None,
        meaning="the local emergency number, 2 to 6 digits",
        doc="the emergency number the urgent page tells patients to call",
    )
    take_home_url: str = setting(
        "",
        check=base_url_ok,
        meaning="an http:// or https:// address, or empty",
        shown="empty (no QR codes)",
        doc="where the clinic hosts the HTML export; each topic screen then shows a QR code "
        "to its page there",
    )
    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    updates: UpdateSettings = field(default_factory=UpdateSettings)
    metrics: MetricsSettings = field(default_factory=MetricsSettings)


KIOSK_SPECS = specs(Settings)
# The tables beside [kiosk], each a field of Settings; variables FBSS_KIOSK_<TABLE>_<KEY>.
TABLES: dict[str, type] = {
    "delivery": DeliverySettings,
    "updates": UpdateSettings,
    "metrics": MetricsSettings,
}
TABLE_SPECS = {name: specs(cls) for name, cls in TABLES.items()}


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


def _read_file(path: Path, problems: list[str], where: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The checked values of each section of the file; each problem with its line."""
    try:
        data, lines = parse_settings(path)
    except LocatedSettingsError as exc:
        raise SettingsError([str(exc)]) from None
    sections = ["kiosk", *TABLES]
    for name in data:
        if name not in sections:
            listed = ", ".join(f"[{section}]" for section in sections)
            problems.append(
                f"{path}:{line_of(lines, [name])}: unknown section or key '{name}'; "
                f"put settings under {listed}"
            )
        elif not isinstance(data[name], dict):
            problems.append(
                f"{path}:{line_of(lines, [name])}: '{name}' must be a table, written "
                f"[{name}] on a line of its own, not {_kind(data[name])}"
            )
    values: dict[str, dict[str, Any]] = {name: {} for name in sections}
    for section in sections:
        known = KIOSK_SPECS if section == "kiosk" else TABLE_SPECS[section]
        what = "setting" if section == "kiosk" else f"{section} setting"
        table = data.get(section)
        for key, raw in (table if isinstance(table, dict) else {}).items():
            at = f"{path}:{line_of(lines, [section, key])}"
            where[f"{section}.{key}"] = at
            try:
                if key not in known:
                    raise ValueError(_unknown(key, known, what))
                values[section][key] = convert(known[key], raw, from_text=False)
            except ValueError as exc:
                problems.append(f"{at}: {exc}")
    return values


def _read_env(
    env: Any,
    section: str,
    known: dict[str, Spec],
    problems: list[str],
    where: dict[str, str],
) -> dict[str, Any]:
    prefix = ENV_PREFIX if section == "kiosk" else f"{ENV_PREFIX}{section.upper()}_"
    values: dict[str, Any] = {}
    for key, spec in known.items():
        name = prefix + key.upper()
        if name in env:
            where[f"{section}.{key}"] = name
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
    where: dict[str, str] = {}  # 'section.key' -> 'FILE:LINE' or the variable that set it
    values: dict[str, dict[str, Any]] = {name: {} for name in ("kiosk", *TABLES)}
    if path is not None:
        values = _read_file(path, problems, where)
    env = os.environ if environ is None else environ
    for section in values:
        known = KIOSK_SPECS if section == "kiosk" else TABLE_SPECS[section]
        values[section] |= _read_env(env, section, known, problems, where)
    if problems:
        raise SettingsError(problems)
    tables = {name: replace(cls(), **values[name]) for name, cls in TABLES.items()}
    for key, message in missing(tables["delivery"]):
        at = where.get(f"delivery.{key}", f"{path or 'settings'}:1")
        problems.append(f"{at}: {message}")
    if problems:
        raise SettingsError(problems)
    given = {k: v for k, v in (flags or {}).items() if v is not None and k in KIOSK_SPECS}
    given = {k: KIOSK_SPECS[k].value(v) if KIOSK_SPECS[k].is_path else v for k, v in given.items()}
    return replace(Settings(**tables), **(values["kiosk"] | given))


def documented_keys() -> list[str]:
    kiosk = [f.name for f in fields(Settings) if f.name not in TABLES]
    return kiosk + [f.name for cls in TABLES.values() for f in fields(cls)]
