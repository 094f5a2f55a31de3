"""The IT settings file: defaults, file, environment, flags, and located errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.settings import Settings, SettingsError, documented_keys, load_settings
from tests.conftest import run_main

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    settings = load_settings(None, environ={})
    assert settings == Settings()
    assert settings.idle_timeout == 120 and settings.idle_warning == 30


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk]\nidle_timeout = 90\nlanguage = 'es'\nwindowed = true\n")
    settings = load_settings(path, environ={"FBSS_KIOSK_IDLE_TIMEOUT": "60"})
    assert (settings.idle_timeout, settings.language, settings.windowed) == (60, "es", True)
    flagged = load_settings(
        path, environ={"FBSS_KIOSK_IDLE_TIMEOUT": "60"}, flags={"idle_timeout": 45}
    )
    assert flagged.idle_timeout == 45


def test_every_problem_names_its_key_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# clinic settings\n[kiosk]\nidle_timeout = 'soon'\nscren = 1\nregion = 'usa'\n",
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert caught.value.problems == [
        f"{path}:3: 'idle_timeout' must be seconds between 10 and 3600, not 'soon'",
        f"{path}:4: unknown setting 'scren'; did you mean 'screen'?",
        f"{path}:5: 'region' must be a two-letter country, e.g. US, not 'usa'",
    ]


def test_broken_toml_gives_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk]\nidle_timeout = \n")
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert caught.value.problems[0].startswith(f"{path}:2: not valid TOML")


def test_bad_environment_value(tmp_path: Path) -> None:
    with pytest.raises(
        SettingsError, match="FBSS_KIOSK_WINDOWED: 'windowed' must be true or false"
    ):
        load_settings(None, environ={"FBSS_KIOSK_WINDOWED": "maybe"})


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for key in documented_keys():
        assert f"| `{key}` |" in doc, key


def test_run_refuses_a_bad_settings_file_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk]\nidle_warning = -5\n")
    result = run_main("run", "--settings", str(path))
    assert result.returncode == 2
    assert f"{path}:2: 'idle_warning' must be seconds between 1 and 600, not -5" in result.stderr
    assert "Traceback" not in result.stderr


# --- files that are not settings at all (issue 16, item 8) ---------------------------------

DEEP = "x = " + "[" * 100_000 + "]" * 100_000 + "\n"
HOSTILE: dict[str, tuple[bytes, int, str]] = {
    # name: (file bytes, line blamed, words in the message)
    "latin-1": ("[kiosk]\nlanguage = 'café'\n".encode("latin-1"), 2, "not UTF-8"),
    "utf-16": ("[kiosk]\nwindowed = true\n".encode("utf-16"), 1, "UTF-16"),
    "deep": (("[kiosk]\n" + DEEP).encode(), 2, "nested"),
    "array of tables": (b"# site 4\n[[kiosk]]\nwindowed = true\n", 2, "'kiosk' must be a table"),
    "kiosk = 5": (b"\nkiosk = 5\n", 2, "'kiosk' must be a table"),
    "delivery = [1]": (b"delivery = [1]\n[kiosk]\n", 1, "'delivery' must be a table"),
    "huge number": (b"[kiosk]\nidle_timeout = " + b"9" * 400 + b"\n", 2, "idle_timeout"),
    "NUL in a path": (b'[kiosk]\ndata_dir = "a\\u0000b"\n', 2, "'data_dir' must be"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_file_that_is_not_settings_gets_its_line_not_a_traceback(
    tmp_path: Path, name: str
) -> None:
    data, line, words = HOSTILE[name]
    path = tmp_path / "settings.toml"
    path.write_bytes(data)
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    assert problem.startswith(f"{path}:{line}: ") and words in problem, problem
    assert len(problem) < 300, "a message, not a dump of the file"


def test_a_bom_from_notepad_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"\xef\xbb\xbf[kiosk]\nwindowed = true\n")
    assert load_settings(path, environ={}).windowed


def test_a_fifo_or_a_folder_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    for path in (fifo, tmp_path):
        with pytest.raises(SettingsError) as caught:
            load_settings(path, environ={})
        assert caught.value.problems[0].startswith(f"{path}:1: ")


@pytest.mark.parametrize("name", ["latin-1", "utf-16", "deep", "array of tables"])
def test_run_and_doctor_report_a_hostile_file_with_its_line(tmp_path: Path, name: str) -> None:
    data, line, words = HOSTILE[name]
    path = tmp_path / "settings.toml"
    path.write_bytes(data)
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}
    doctor = run_main("doctor", "--settings", str(path), "--data-dir", str(tmp_path), env=env)
    assert doctor.returncode == 2, doctor.stdout + doctor.stderr
    assert f"{path}:{line}: " in doctor.stdout and words in doctor.stdout
    assert "Traceback" not in doctor.stderr
    run = run_main("run", "--settings", str(path), env=env)
    # A bad setting: no kiosk, no crash (70), no traceback. The code is cli.py's.
    assert run.returncode == 2, run.stderr
    assert f"{path}:{line}: " in run.stderr and words in run.stderr
    assert "Traceback" not in run.stderr


# --- one declaration per setting (issue 17) -----------------------------------------------


def test_the_docs_tables_are_the_declared_settings() -> None:
    from kiosk.settings import TABLES
    from kiosk.settings_spec import doc_table, specs

    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    tables = [doc_table(specs(cls), False) for cls in TABLES.values()]
    for table in (doc_table(specs(Settings), True), *tables):
        assert table in doc, "run `python -m kiosk.settings_spec` and paste its tables"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # the same words inside a multi-line string, or in an earlier table, are not the key
        ("[kiosk]\ncontent = '''\nregion = 'x'\n'''\nregion = 'usa'\n", 5),
        ("[delivery]\nsmtp_to = [\n  'a@b.example',\n]\n[kiosk]\n\nregion = 'usa'\n", 7),
        ("# notes\n\nkiosk.region = 'usa'\n", 3),  # a dotted key
        ("\nkiosk = { region = 'usa' }\n", 2),  # in an inline table: the table's line
    ],
)
def test_a_bad_value_gets_the_line_toml_reads_it_on(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert caught.value.problems == [
        f"{path}:{line}: 'region' must be a two-letter country, e.g. US, not 'usa'"
    ]


def test_run_flags_come_from_the_declaration() -> None:
    from kiosk.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["run", "--idle-timeout", "45", "--lang", "es", "--windowed"])
    assert (args.idle_timeout, args.language, args.windowed) == (45, "es", True)
    unset = parser.parse_args(["run"])
    assert unset.idle_timeout is None and unset.windowed is None, "not given: file or default"


# --- who and where this kiosk is (issues 19-21) ---------------------------------------------


def test_identity_settings_default_and_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import socket
    from types import SimpleNamespace

    monkeypatch.setattr(socket, "gethostname", lambda: "Front Desk PC")  # Windows
    monkeypatch.setattr(
        os, "uname", lambda: SimpleNamespace(nodename="Front Desk PC"), raising=False
    )
    settings = load_settings(None, environ={})
    assert (settings.kiosk_id, settings.site, settings.emergency_number) == (
        "Front-Desk-PC",
        "",
        "911",
    )
    assert settings.time_zone == "" and settings.take_home_url == ""
    path = write(
        tmp_path,
        '[kiosk]\nkiosk_id = "lobby-2"\nsite = "North clinic"\ntime_zone = "America/Chicago"\n'
        'emergency_number = "112"\ntake_home_url = "https://clinic.example/fbss/"\n',
    )
    settings = load_settings(path, environ={})
    assert (settings.kiosk_id, settings.site, settings.time_zone) == (
        "lobby-2",
        "North clinic",
        "America/Chicago",
    )
    assert (settings.emergency_number, settings.take_home_url) == (
        "112",
        "https://clinic.example/fbss/",
    )
    bad = write(
        tmp_path,
        '[kiosk]\nkiosk_id = "lobby 2"\ntime_zone = "Mars/Olympus"\nemergency_number = "9-1-1"\n'
        'take_home_url = "ftp://x"\n',
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(bad, environ={})
    assert [p.split(": ")[0] for p in caught.value.problems] == [f"{bad}:{n}" for n in (2, 3, 4, 5)]
    assert "'time_zone' must be a time zone name" in caught.value.problems[1]


def test_fleet_tables_from_file_and_environment(tmp_path: Path) -> None:
    path = write(
        tmp_path, '[updates]\nurl = "https://c.example/fbss"\n[metrics]\npushgateway = 5\n'
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert caught.value.problems == [
        f"{path}:4: 'pushgateway' must be an http:// or https:// address, or empty, not 5"
    ]
    path = write(tmp_path, '[updates]\nurl = "https://c.example/fbss"\ninterval = 600\n')
    env = {"FBSS_KIOSK_METRICS_TEXTFILE": str(tmp_path / "k.prom")}
    settings = load_settings(path, environ=env)
    assert settings.updates.url == "https://c.example/fbss" and settings.updates.interval == 600
    assert settings.metrics.textfile == tmp_path / "k.prom" and settings.metrics.pushgateway == ""
    with pytest.raises(SettingsError, match="unknown updates setting 'ur1'; did you mean 'url'"):
        load_settings(write(tmp_path, '[updates]\nur1 = "x"\n'), environ={})


def test_each_settings_kind_read_from_its_annotation_is_what_typing_says() -> None:
    """The quick reading of annotations (start-up) and typing.get_type_hints agree."""
    import sys
    import typing

    from kiosk import settings_spec
    from kiosk.settings import TABLES

    for cls in (Settings, *TABLES.values()):
        hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
        for name, spec in settings_spec.specs(cls).items():
            assert spec.kind is settings_spec._toml_kind(hints[name]), name
