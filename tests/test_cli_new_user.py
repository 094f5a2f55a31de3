"""The commands as the README promises them to a new user, each through a real process:
`run` is the default command, `requests` on a kiosk with no request yet, and a doctor
whose lines agree with each other and whose exit code monitoring can trust."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI, ROOT, run_main
from tests.test_supervision import Listener

START_TIMEOUT_S = 90  # a loaded two-core machine; a bound, not a measurement


def start_kiosk(argv: list[str], tmp_path: Path) -> tuple[subprocess.Popen[str], Listener]:
    """`python main.py ARGV` with a systemd-like notify socket: READY=1 arrives once the
    kiosk is up and about to serve its event loop."""
    got = Listener(tmp_path / "notify.sock")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FBSS_KIOSK_", "NOTIFY_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        NOTIFY_SOCKET=str(tmp_path / "notify.sock"),
        FBSS_KIOSK_LOG_DIR=str(tmp_path / "logs"),
        FBSS_KIOSK_SPEECH_ENGINE="none",
    )
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *argv],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return proc, got


@pytest.mark.parametrize(
    "argv",
    [
        ["--windowed", "--size", "1280x800"],
        ["--data-dir", "{data}", "--windowed"],
        ["--content", "{content}", "--windowed", "--lang", "es"],
    ],
    ids=["windowed", "data-dir-first", "content-first"],
)
def test_run_flags_work_without_the_word_run(tmp_path: Path, argv: list[str]) -> None:
    data = tmp_path / "data"
    flags = [a.format(data=data, content=MINI / "content.yaml") for a in argv]
    if "--data-dir" not in flags:
        flags += ["--data-dir", str(data)]
    proc, got = start_kiosk(flags, tmp_path)
    try:
        assert got.wait_for(b"READY=1", START_TIMEOUT_S), proc.stderr and proc.stderr.read()
        assert proc.poll() is None, "the kiosk is running"
        assert (data / "kiosk.lock").exists(), "it took the data folder it was given"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=60)
        got.close()
    assert "unrecognized arguments" not in err and "invalid choice" not in err
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk started (content ok)" in log


def test_a_mistyped_command_still_says_so() -> None:
    result = run_main("valdate")
    assert result.returncode == 2
    assert "invalid choice: 'valdate'" in result.stderr


def kiosk_folder_without_requests(tmp_path: Path) -> Path:
    """A data folder as a kiosk leaves it after starting, before any request."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "kiosk.lock").touch()
    return data


def test_requests_list_on_a_kiosk_with_no_request_yet(tmp_path: Path) -> None:
    data = kiosk_folder_without_requests(tmp_path)
    result = run_main("requests", "list", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "no requests yet" in result.stdout
    assert not (data / "requests.sqlite3").exists(), "nothing is created by looking"


def test_requests_export_on_a_kiosk_with_no_request_yet(tmp_path: Path) -> None:
    data = kiosk_folder_without_requests(tmp_path)
    out = tmp_path / "export.csv"
    result = run_main(
        "requests", "export", "--format", "csv", "--data-dir", str(data), "--output", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "no requests yet" in result.stderr
    header = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(header) == 1 and "reference" in header[0].lower(), "an empty export, header only"
    result = run_main("requests", "export", "--format", "json", "--data-dir", str(data))
    assert result.returncode == 0 and result.stdout.strip() == "[]"


def test_requests_in_the_default_folder_before_any_request(tmp_path: Path) -> None:
    home = tmp_path / "share"  # XDG_DATA_HOME: the default data folder does not exist yet
    result = run_main("requests", "list", env={"XDG_DATA_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert "no requests yet" in result.stdout


def test_requests_in_a_folder_that_is_not_a_kiosks_still_warns(tmp_path: Path) -> None:
    result = run_main("requests", "list", "--data-dir", str(tmp_path / "typo"))
    assert result.returncode == 1
    assert "no request database in" in result.stderr and "wrong --data-dir?" in result.stderr


def doctor(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return run_main("doctor", *args, env={"XDG_STATE_HOME": str(home / "state")})


def row(result: subprocess.CompletedProcess[str], name: str) -> str:
    return next(line for line in result.stdout.splitlines() if line[6:].startswith(name + " "))


def test_doctor_never_says_delivered_when_nothing_is_sent(tmp_path: Path) -> None:
    from kiosk.appointments.store import RequestStore
    from tests.appointments.factories import request

    data = tmp_path / "data"
    with RequestStore(data) as store:
        store.save(request())
    result = doctor("--content", str(MINI / "content.yaml"), "--data-dir", str(data), home=tmp_path)
    assert "1 new for staff" in row(result, "database")
    outbox = row(result, "outbox")
    assert "delivered" not in outbox
    assert "channel none" in outbox and "1 request(s) kept on this kiosk" in outbox


@pytest.mark.parametrize("kind", ["missing", "folder", "unreadable"])
def test_doctor_fails_when_the_kiosk_cannot_show_its_content(tmp_path: Path, kind: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(MINI, site)
    content = site / "content.yaml"
    if kind == "missing":
        content.unlink()
    elif kind == "folder":
        content.unlink()
        content.mkdir()
    else:
        if os.geteuid() == 0:
            pytest.skip("root reads any file")
        content.chmod(0)
    result = doctor("--content", str(content), "--data-dir", str(tmp_path / "d"), home=tmp_path)
    assert result.returncode == 1, result.stdout
    line = row(result, "content")
    assert line.startswith("FAIL") and str(content) in line and "out of service" in line
    assert "Traceback" not in result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("1 problem(s)")


def test_doctor_fails_while_the_last_good_copy_stands_in(tmp_path: Path) -> None:
    """Staff's edits are not reaching the screen: monitoring must hear of it."""
    from kiosk.content.source import ContentSource

    site, data = tmp_path / "site", tmp_path / "data"
    shutil.copytree(MINI, site)
    source = ContentSource(site / "content.yaml", data)
    assert source.load_at_start().content is not None  # keeps the last good copy
    source.wait_for_snapshot()
    (site / "content.yaml").write_text("format: [\n", encoding="utf-8")
    result = doctor("--content", str(site / "content.yaml"), "--data-dir", str(data), home=tmp_path)
    assert result.returncode == 1
    line = row(result, "content")
    assert line.startswith("FAIL") and "last good copy" in line
