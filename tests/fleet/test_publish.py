"""`main.py keys init` and `main.py publish`: private keys readable by their owner only,
the repository laid out as python-tuf's stock client expects, versions bumped, expiry set,
the root key needed only once, nothing published from content that is not valid."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.fleet.keys import ROLES
from tests.conftest import MINI, run_main
from tests.fleet.conftest import Office
from tests.fleet.helpers import repository


def signed(repo: Path, name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((repo / "metadata" / name).read_text())["signed"]
    return data


def expires_in(repo: Path, name: str) -> timedelta:
    when = datetime.fromisoformat(str(signed(repo, name)["expires"]).replace("Z", "+00:00"))
    return when - datetime.now(UTC)


def test_keys_init_writes_private_keys_0600_and_says_root_stays_offline(tmp_path: Path) -> None:
    done = run_main("keys", "init", "--keys", str(tmp_path / "keys"))
    assert done.returncode == 0, done.stderr
    for role in ROLES:
        mode = stat.S_IMODE((tmp_path / "keys" / f"{role}.pem").stat().st_mode)
        assert mode == 0o600, (role, oct(mode))
    assert "OFFLINE" in done.stdout and "root.pem" in done.stdout
    again = run_main("keys", "init", "--keys", str(tmp_path / "keys"))
    assert again.returncode == 1 and "never overwritten" in again.stderr
    repo = tmp_path / "repo"
    done = run_main("publish", "--keys", str(tmp_path / "keys"), "--repo", str(repo),
                    "--content", str(MINI / "content.yaml"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "content version 1 as content.tar.gz" in done.stdout
    assert (repo / "metadata" / "1.root.json").is_file()


def test_publish_lays_out_the_repository_for_the_stock_client(office: Office) -> None:
    office.publish()
    meta = office.repo / "metadata"
    for name in ("1.root.json", "root.json", "timestamp.json", "snapshot.json", "targets.json",
                 "1.snapshot.json", "1.targets.json"):  # fmt: skip
        assert (meta / name).is_file(), name
    assert (office.repo / "targets" / "content.tar.gz").is_file()
    assert signed(office.repo, "root.json")["consistent_snapshot"] is True
    assert timedelta(hours=23) < expires_in(office.repo, "timestamp.json") <= timedelta(days=1)
    for name in ("snapshot.json", "targets.json"):
        assert timedelta(days=6) < expires_in(office.repo, name) <= timedelta(days=7)
    assert timedelta(days=364) < expires_in(office.repo, "root.json") <= timedelta(days=365)


def test_each_publish_bumps_the_versions_and_prunes_old_files(office: Office) -> None:
    for _ in range(4):
        office.publish()
    assert signed(office.repo, "timestamp.json")["version"] == 4
    assert signed(office.repo, "targets.json")["version"] == 4
    targets = signed(office.repo, "targets.json")["targets"]
    assert targets["content.tar.gz"]["custom"] == {"version": 4}  # type: ignore[index]
    kept = sorted(p.name for p in (office.repo / "metadata").glob("*.targets.json"))
    assert kept == ["3.targets.json", "4.targets.json"], "the previous set stays for a moment"


def test_the_same_content_packs_to_the_same_bytes(office: Office) -> None:
    office.publish()
    first = (office.repo / "targets" / "content.tar.gz").read_bytes()
    (office.content.parent / "assets" / "icons" / "circle.svg").touch()  # a newer time only
    office.publish()
    assert (office.repo / "targets" / "content.tar.gz").read_bytes() == first


def test_the_root_key_is_needed_only_for_the_first_publish(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    offline = tmp_path / "safe" / "root.pem"
    offline.parent.mkdir()
    (office.keys / "root.pem").rename(offline)
    args = ["publish", "--keys", str(office.keys), "--repo", str(office.repo)]
    assert main([*args, "--content", str(office.content)]) == 1
    assert "the root key is needed" in capsys.readouterr().err
    offline.rename(office.keys / "root.pem")
    office.publish()
    (office.keys / "root.pem").rename(offline)
    office.publish()  # the online keys alone
    assert main([*args, "--refresh"]) == 0
    assert signed(office.repo, "timestamp.json")["version"] == 3


def test_content_that_is_not_valid_is_not_published(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    office.publish()
    before = (office.repo / "metadata" / "timestamp.json").read_bytes()
    office.content.write_text("format: [\n", encoding="utf-8")
    args = ["publish", "--keys", str(office.keys), "--repo", str(office.repo)]
    assert main([*args, "--content", str(office.content)]) == 1
    err = capsys.readouterr().err
    assert f"{office.content}:" in err and "nothing published" in err
    assert (office.repo / "metadata" / "timestamp.json").read_bytes() == before


def test_draft_wording_is_not_published(office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    office.publish()
    before = (office.repo / "metadata" / "timestamp.json").read_bytes()
    text = office.content.read_text(encoding="utf-8")
    office.content.write_text(text.replace("Alpha one,", "Alpha one TODO,", 1), encoding="utf-8")
    args = ["publish", "--keys", str(office.keys), "--repo", str(office.repo)]
    assert main([*args, "--content", str(office.content)]) == 1
    err = capsys.readouterr().err
    assert "draft wording 'TODO'" in err and "not fit to publish" in err
    assert (office.repo / "metadata" / "timestamp.json").read_bytes() == before


def test_a_bad_site_name_is_refused(office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["publish", "--keys", str(office.keys), "--repo", str(office.repo)]
    assert main([*args, "--site", "../north"]) == 2
    assert "must be a-z" in capsys.readouterr().err


def test_refresh_resigns_the_timestamp_and_renews_what_expires_soon(office: Office) -> None:
    office.publish()
    args = ["publish", "--keys", str(office.keys), "--repo", str(office.repo), "--refresh"]
    assert main(args) == 0
    assert signed(office.repo, "timestamp.json")["version"] == 2
    assert signed(office.repo, "snapshot.json")["version"] == 1, "most days: timestamp only"
    assert signed(office.repo, "targets.json")["version"] == 1
    later = datetime.now(UTC) + timedelta(days=5)  # the week's metadata has 2 days left
    repository(office.keys, office.repo, now=later).refresh()
    assert signed(office.repo, "snapshot.json")["version"] == 2
    targets = signed(office.repo, "targets.json")
    assert targets["version"] == 2
    assert targets["targets"]["content.tar.gz"]["custom"] == {"version": 1}, "same content"  # type: ignore[index]
