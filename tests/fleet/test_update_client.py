"""The kiosk's update client (Qt-free) against a repository made by `publish`, served on
loopback: a new version arrives verified and valid; every attack is refused with its
reason, logged, and leaves the kiosk with what it had."""

from __future__ import annotations

import io
import logging
import shutil
import socket
import tarfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tuf.api.metadata import Metadata

from kiosk.cli import main
from kiosk.content import load_content
from kiosk.fleet.bundle import Limits
from kiosk.fleet.keys import load_signer
from kiosk.fleet.status import read_state
from kiosk.fleet.update_client import NEW, OFFLINE, REFUSED, SAME, PollResult, UpdateClient
from tests.fleet.conftest import Office
from tests.fleet.helpers import edit, repository

MakeClient = Callable[..., UpdateClient]


def take(client: UpdateClient) -> PollResult:
    """A poll whose new content the kiosk accepts, as the kiosk's poller does."""
    result = client.poll()
    assert result.kind == NEW, result.reason
    client.accepted(result)
    return result


def title(result: PollResult) -> str:
    assert result.content_path is not None
    return load_content(result.content_path).content.sections[0].title.get("en")


def unpacked(client: UpdateClient) -> list[Path]:
    folder = client.dir / "content"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def assert_refused(client: UpdateClient, words: str, caplog: pytest.LogCaptureFixture) -> None:
    before = read_state(client.data_dir)
    folders = unpacked(client)
    with caplog.at_level(logging.WARNING, logger="kiosk.updates"):
        result = client.poll()
    assert result.kind == REFUSED, result.reason
    assert words in result.reason
    assert result.content_path is None
    assert any(words in r.getMessage() and "refused" in r.getMessage() for r in caplog.records)
    after = read_state(client.data_dir)
    assert (after.version, after.folder) == (before.version, before.folder), "kept what it had"
    assert not after.ok and words in after.result
    assert unpacked(client) == folders, "nothing new left on disk"


def test_a_new_version_arrives_verified_unpacked_and_valid(
    office: Office, make_client: MakeClient
) -> None:
    edit(office.content, "Alpha section", "Alpha v1")
    office.publish()
    client = make_client()
    first = take(client)
    assert title(first) == "Alpha v1"
    state = read_state(client.data_dir)
    assert (state.version, state.target, state.url) == (1, "content.tar.gz", office.url)
    assert client.poll().kind == SAME, "nothing new: nothing downloaded or unpacked again"
    edit(office.content, "Alpha v1", "Alpha v2")
    office.publish()
    second = take(client)
    assert title(second) == "Alpha v2" and read_state(client.data_dir).version == 2


def test_a_site_gets_its_own_content_and_falls_back_to_the_group(
    office: Office, make_client: MakeClient
) -> None:
    office.publish()
    edit(office.content, "Alpha section", "Alpha north")
    office.publish("--site", "north")
    north, south = make_client("north", site="north"), make_client("south", site="south")
    assert title(take(north)) == "Alpha north"
    assert title(take(south)) == "Alpha section", "no site content: the group's"
    assert main(["publish", "--keys", str(office.keys), "--repo", str(office.repo),
                 "--drop-site", "north"]) == 0  # fmt: skip
    back = take(north)
    assert title(back) == "Alpha section" and read_state(north.data_dir).target == "content.tar.gz"


def test_offline_server_keeps_what_the_kiosk_has(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    office.publish()
    client = make_client()
    take(client)
    with socket.socket() as sock:  # a loopback port with nobody listening
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    client.url = f"http://127.0.0.1:{closed}"
    with caplog.at_level(logging.WARNING, logger="kiosk.updates"):
        result = client.poll()
    assert result.kind == OFFLINE and "could not be reached" in result.reason
    assert read_state(client.data_dir).version == 1
    assert "keeping the current content" in caplog.text


def test_tampered_bundle_is_refused(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    office.publish()
    for bundle in (office.repo / "targets").glob("*.tar.gz"):
        data = bytearray(bundle.read_bytes())
        data[len(data) // 2] ^= 0xFF
        bundle.write_bytes(bytes(data))
    assert_refused(make_client(), "does not match its signed length or hash", caplog)


def test_rollback_to_older_metadata_is_refused(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    office.publish()
    old = shutil.copytree(office.repo / "metadata", office.repo.parent / "old-metadata")
    client = make_client()
    take(client)
    edit(office.content, "Alpha section", "Alpha v2")
    office.publish()
    take(client)
    shutil.rmtree(office.repo / "metadata")  # the server replays version 1, all signed
    shutil.copytree(old, office.repo / "metadata")
    assert_refused(client, "rollback", caplog)
    assert read_state(client.data_dir).version == 2


def test_an_older_bundle_is_refused_even_when_the_metadata_cache_is_gone(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    """The engine compares versions with the metadata it keeps; if that copy is lost, the
    kiosk's own record of the content version still refuses going back."""
    office.publish()
    old = shutil.copytree(office.repo, office.repo.parent / "old-repo")
    client = make_client()
    edit(office.content, "Alpha section", "Alpha v2")
    office.publish()
    take(client)
    shutil.rmtree(office.repo)
    shutil.copytree(old, office.repo)
    shutil.rmtree(client.dir / "metadata")
    assert_refused(client, "version 1 is older than this kiosk's 2: rollback", caplog)


def test_frozen_repository_with_expired_metadata_is_refused(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    office.publish()
    client = make_client()
    take(client)
    edit(office.content, "Alpha section", "Alpha v2")
    # Signed as of two days ago: its timestamp (one day) has already run out.
    past = datetime.now(UTC) - timedelta(days=2)
    from kiosk.fleet.publish import pack

    data = pack(office.content)
    assert data is not None
    repository(office.keys, office.repo, now=past).publish("content.tar.gz", data)
    assert_refused(client, "expired metadata", caplog)


def test_metadata_signed_with_a_wrong_key_is_refused(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    office.publish()
    client = make_client()
    take(client)
    other = tmp_path / "other-keys"
    assert main(["keys", "init", "--keys", str(other)]) == 0
    path = office.repo / "metadata" / "timestamp.json"
    timestamp = Metadata.from_file(str(path))
    timestamp.signed.version += 1
    signer = load_signer(other, "timestamp")
    assert signer is not None
    timestamp.sign(signer, append=False)
    timestamp.to_file(str(path))
    assert_refused(client, "not signed by the trusted keys", caplog)


def test_publish_refuses_keys_the_repository_does_not_trust(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office.publish()
    other = tmp_path / "other-keys"
    assert main(["keys", "init", "--keys", str(other)]) == 0
    before = (office.repo / "metadata" / "timestamp.json").read_bytes()
    args = ["publish", "--keys", str(other), "--repo", str(office.repo)]
    assert main([*args, "--content", str(office.content)]) == 1
    assert "is not the one this repository's root trusts" in capsys.readouterr().err
    assert (office.repo / "metadata" / "timestamp.json").read_bytes() == before


def test_a_bundle_over_the_size_cap_is_refused(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    office.publish()
    client = make_client(limits=Limits(bundle_bytes=1000))
    assert_refused(client, "the limit is 1,000", caplog)


def hostile_bundle(office: Office, add: Callable[[tarfile.TarFile], None]) -> None:
    """A bundle signed with the real keys (a compromised office PC) holding `add`'s member."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w:gz") as tar:
        data = office.content.read_bytes()
        info = tarfile.TarInfo("content.yaml")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        add(tar)
    repository(office.keys, office.repo).publish("content.tar.gz", raw.getvalue())


def test_a_signed_bundle_with_a_dotdot_member_is_refused(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    def escape(tar: tarfile.TarFile) -> None:
        info = tarfile.TarInfo("assets/../../../escaped.txt")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"evil"))

    office.publish()
    hostile_bundle(office, escape)
    assert_refused(make_client(), "points outside the bundle (..)", caplog)
    assert not list(tmp_path.rglob("escaped.txt"))


def test_a_signed_bundle_with_a_symlink_member_is_refused(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    def link(tar: tarfile.TarFile) -> None:
        info = tarfile.TarInfo("assets/icons/circle.svg")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(info)

    office.publish()
    hostile_bundle(office, link)
    assert_refused(make_client(), "is a link", caplog)


def test_a_signed_bundle_with_content_that_does_not_load_is_refused(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    office.publish()
    client = make_client()
    take(client)
    (office.content.parent / "content.yaml").write_text("format: [\n", encoding="utf-8")
    hostile_bundle(office, lambda tar: None)
    assert_refused(client, "content is not valid", caplog)


def test_no_trusted_root_on_the_kiosk_accepts_nothing(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    office.publish()
    client = make_client()
    client.trusted_root.unlink()
    assert_refused(client, "no trusted root.json", caplog)


@pytest.mark.parametrize("role", ["targets", "root"])
def test_a_rotated_key_is_followed_and_the_old_one_refused(
    office: Office, make_client: MakeClient, caplog: pytest.LogCaptureFixture, role: str
) -> None:
    office.publish()
    client = make_client()  # trusts 1.root.json, as shipped
    take(client)
    rotate = ["keys", "rotate", "--keys", str(office.keys), "--repo", str(office.repo)]
    assert main([*rotate, "--role", role]) == 0
    assert (office.keys / f"retired-{role}-1.pem").is_file()
    edit(office.content, "Alpha section", "Alpha after rotation")
    office.publish()
    assert title(take(client)) == "Alpha after rotation", "the new root, found by itself"
    assert (client.dir / "metadata" / "root_history" / "2.root.json").is_file()
    if role == "targets":  # metadata signed with the retired key is no longer good
        retired = office.keys / "retired"
        retired.mkdir()
        (office.keys / "retired-targets-1.pem").rename(retired / "targets.pem")
        signer = load_signer(retired, "targets")
        assert signer is not None
        path = office.repo / "metadata" / "targets.json"
        targets = Metadata.from_file(str(path))
        targets.sign(signer, append=False)
        version = targets.signed.version
        targets.to_file(str(office.repo / "metadata" / f"{version}.targets.json"))
        (client.dir / "metadata" / "targets.json").unlink()  # make it fetch them again
        assert_refused(client, "not signed by the trusted keys", caplog)
