"""Restart and exit from the staff menu, in a real kiosk process (offscreen): without a
supervisor, restart replaces the process (same PID, a fresh start); exit to desktop ends it
with the code the systemd unit and Shell Launcher are told not to restart on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.staff.desk import EXIT_TO_DESKTOP
from tests.conftest import MINI, ROOT

# The staff menu's buttons call Kiosk.desk.restart / exit_to_desktop; this script presses
# them as soon as the kiosk has started: restart the first time, exit the second.
HARNESS = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
import kiosk.app
from kiosk.cli import main

flag = Path(os.environ["HARNESS_FLAG"])
with flag.open("a") as f:
    f.write(f"{os.getpid()}\\n")
original = kiosk.app.Kiosk.start

def start(self):
    original(self)
    starts = flag.read_text().split()
    action = self.desk.restart if len(starts) == 1 else self.desk.exit_to_desktop
    QTimer.singleShot(0, action)

kiosk.app.Kiosk.start = start
sys.exit(main())
"""


def test_restart_replaces_the_process_and_exit_uses_the_no_restart_code(tmp_path: Path) -> None:
    script = tmp_path / "harness.py"
    script.write_text(HARNESS, encoding="utf-8")
    flag = tmp_path / "starts"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FBSS_KIOSK_", "NOTIFY_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HARNESS_FLAG=str(flag), PYTHONPATH=str(ROOT))
    logs = tmp_path / "logs"
    result = subprocess.run(
        [sys.executable, str(script), "run", "--windowed",
         "--content", str(MINI / "content.yaml"), "--data-dir", str(tmp_path / "data")],
        env={**env, "FBSS_KIOSK_LOG_DIR": str(logs)},
        capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == EXIT_TO_DESKTOP, result.stderr
    pids = flag.read_text().split()
    assert len(pids) == 2 and pids[0] == pids[1], "restarted in place, once"
    log = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert log.count("kiosk started") == 2
    assert "staff: restart requested" in log and "staff: exit to desktop requested" in log
