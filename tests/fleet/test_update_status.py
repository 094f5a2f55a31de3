"""doctor and the staff menu say which content version the kiosk has, where it came from
and when it last checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.doctor import FAIL, OK, WARN, check_updates
from kiosk.fleet.config import UpdateSettings
from kiosk.fleet.status import installed_version, staff_lines
from kiosk.fleet.update_client import UpdateClient
from kiosk.settings import Settings
from tests.conftest import MINI, run_main
from tests.fleet.conftest import Office


def settings_for(client: UpdateClient, url: str) -> Settings:
    updates = UpdateSettings(url=url, root=client.trusted_root)
    return Settings(content=MINI / "content.yaml", data_dir=client.data_dir, updates=updates)


def test_updates_off_is_the_file_on_this_disk(tmp_path: Path) -> None:
    check = check_updates(Settings(content=MINI / "content.yaml", data_dir=tmp_path))
    assert check.status == OK and "updates are off" in check.detail
    assert staff_lines(tmp_path, MINI / "content.yaml") == [], "never polled: no line"


def test_doctor_and_staff_show_version_source_and_last_check(
    office: Office, make_client: Callable[..., UpdateClient]
) -> None:
    office.publish()
    client = make_client()
    settings = settings_for(client, office.url)
    assert check_updates(settings).status == WARN, "not checked yet"
    result = client.poll()
    client.accepted(result)
    check = check_updates(settings)
    assert check.status == OK
    assert f"Content version 1 from {office.url} (content.tar.gz)" in check.detail
    assert "last checked 20" in check.detail and "new content version 1" in check.detail
    lines = staff_lines(client.data_dir, MINI / "content.yaml")
    assert lines == [check.detail]
    # The metrics' content version (the fleet's "content older than the group's" alert).
    assert installed_version(office.url, client.data_dir) == "1"
    assert installed_version("", client.data_dir) == "local"


def test_a_refused_poll_warns_and_a_missing_root_fails(
    office: Office, make_client: Callable[..., UpdateClient]
) -> None:
    office.publish()
    client = make_client()
    client.accepted(client.poll())
    for bundle in (office.repo / "targets").glob("*.tar.gz"):
        bundle.write_bytes(b"not the signed bytes")
    office.publish()
    for bundle in (office.repo / "targets").glob("*.tar.gz"):
        bundle.write_bytes(b"not the signed bytes")
    client.poll()
    check = check_updates(settings_for(client, office.url))
    assert check.status == WARN and "Content version 1" in check.detail
    assert "does not match" in check.detail
    client.trusted_root.unlink()
    assert check_updates(settings_for(client, office.url)).status == FAIL


def test_doctor_command_fails_without_the_trusted_root(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('[updates]\nurl = "http://127.0.0.1:9/fbss"\n', encoding="utf-8")
    done = run_main(
        "doctor", "--settings", str(settings), "--content", str(MINI / "content.yaml"),
        "--data-dir", str(tmp_path / "data"), env={"XDG_STATE_HOME": str(tmp_path / "state")},
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    row = next(r for r in done.stdout.splitlines() if r[6:].startswith("updates"))
    assert row.startswith("FAIL") and "no trusted root" in row
