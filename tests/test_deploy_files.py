"""The files IT installs agree with the app: the unit's restart rules match the exit codes,
and the example settings file is valid."""

from __future__ import annotations

import configparser
import subprocess

from kiosk.settings import load_settings
from kiosk.staff.desk import EXIT_TO_DESKTOP
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def test_unit_supervises_with_the_watchdog_and_respects_exit_to_desktop() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment, method-assign]
    unit.read(DEPLOY / "fbss-kiosk.service", encoding="utf-8")
    service = unit["Service"]
    assert service["Type"] == "notify"
    assert service["NotifyAccess"] == "all"  # the kiosk is cage's child
    assert int(service["WatchdogSec"]) > 0 and service["Restart"] == "always"
    assert service["RestartPreventExitStatus"] == str(EXIT_TO_DESKTOP)
    assert service["PAMName"] == "fbss-kiosk" and (DEPLOY / "pam-fbss-kiosk").is_file()
    assert "main.py run --settings /etc/fbss-kiosk/settings.toml" in service["ExecStart"]


def test_example_settings_are_valid() -> None:
    settings = load_settings(DEPLOY / "settings.example.toml", environ={})
    assert settings.keep_awake and settings.hide_cursor
    assert str(settings.data_dir) == "/var/lib/fbss-kiosk"


def test_install_script_is_valid_shell() -> None:
    done = subprocess.run(
        ["bash", "-n", str(DEPLOY / "install-linux.sh")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
