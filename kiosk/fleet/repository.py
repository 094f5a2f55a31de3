"""Write a TUF repository as python-tuf's stock `ngclient.Updater` reads it. No Qt.

    metadata/1.root.json, root.json       the trust anchor (kiosks ship with one)
    metadata/timestamp.json               short-lived, re-signed at every publish or refresh
    metadata/N.snapshot.json, N.targets.json (and snapshot.json, targets.json, the latest)
    targets/<sha256>.content.tar.gz (and content.tar.gz); sites/<site>/... the same

Consistent snapshots: every file a client fetches after timestamp.json has a name of its
own, and timestamp.json is written last, so a kiosk that polls while a publish is copied
to the web server sees either the old set or the new one, never half of each."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from securesystemslib.signer import Signer
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from .keys import KeyProblem

EXPIRY = {
    "root": timedelta(days=365),
    "targets": timedelta(days=7),
    "snapshot": timedelta(days=7),
    "timestamp": timedelta(days=1),
}
# A refresh re-signs targets and snapshot too once they have less than this left.
RENEW_MARGIN = timedelta(days=3)
GROUP_TARGET = "content.tar.gz"
_COMPACT = JSONSerializer(compact=True)  # every kiosk fetches timestamp.json each poll


def site_target(site: str) -> str:
    return f"sites/{site}/{GROUP_TARGET}"


@dataclass(frozen=True)
class Published:
    target: str
    version: int
    length: int
    timestamp_version: int


def _write(path: Path, data: bytes) -> None:
    """Atomic: a web server never serves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)  # served to anyone: the metadata and bundles are public
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _unnumbered[T: (Targets, Snapshot, Timestamp)](signed: T) -> Metadata[T]:
    """New metadata at version 0, so the first commit (which bumps every version) makes
    it 1 (the constructor refuses 0)."""
    signed.version = 0
    return Metadata(signed)


class Repository:
    def __init__(
        self,
        repo_dir: Path,
        signers: dict[str, Signer],
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.dir, self.signers, self._now = repo_dir, signers, now
        self.meta_dir = repo_dir / "metadata"
        self.targets_dir = repo_dir / "targets"

    def _load(self, role: str) -> Metadata | None:  # type: ignore[type-arg]
        path = self.meta_dir / f"{role}.json"
        return Metadata.from_file(str(path)) if path.is_file() else None

    def _expires(self, role: str) -> datetime:
        return (self._now() + EXPIRY[role]).replace(microsecond=0)

    def _signer(self, role: str) -> Signer:
        signer = self.signers.get(role)
        if signer is None:
            raise KeyProblem(f"the {role} key is needed for this and was not found")
        return signer

    def _sign_write(self, md: Metadata, role: str, versioned: bool) -> None:  # type: ignore[type-arg]
        md.signatures.clear()
        md.sign(self._signer(role))
        data = md.to_bytes(_COMPACT)
        if versioned:
            _write(self.meta_dir / f"{md.signed.version}.{role}.json", data)
        _write(self.meta_dir / f"{role}.json", data)

    def root(self) -> Metadata[Root]:
        """The repository's root, made (and signed with the root key) on the first publish;
        the online keys must be the ones it trusts."""
        root = self._load("root")
        if root is None:
            new = Root(expires=self._expires("root"), consistent_snapshot=True)
            for role in ("root", "targets", "snapshot", "timestamp"):
                new.add_key(self._signer(role).public_key, role)
            root = Metadata(new)
            self._sign_write(root, "root", versioned=True)
        assert isinstance(root.signed, Root)
        for role in ("targets", "snapshot", "timestamp"):
            signer = self.signers.get(role)
            if signer is not None and signer.public_key.keyid not in root.signed.roles[role].keyids:
                raise KeyProblem(
                    f"the {role} key given is not the one this repository's root trusts"
                )
        return root

    def publish(
        self, target: str, data: bytes, custom: dict[str, object] | None = None
    ) -> Published:
        """Add or replace one target (its bytes first, then the metadata, timestamp last)."""
        self.root()
        targets = self._targets()
        version = targets.signed.version + 1
        info = TargetFile.from_data(target, data, ["sha256"])
        info.unrecognized_fields["custom"] = {"version": version, **(custom or {})}
        digest = info.hashes["sha256"]
        folder = (self.targets_dir / target).parent
        _write(folder / f"{digest}.{Path(target).name}", data)
        _write(self.targets_dir / target, data)  # the plain name, for people and curl
        targets.signed.targets[target] = info
        timestamp = self._commit(targets)
        self.prune()
        return Published(target, version, len(data), timestamp)

    def drop(self, target: str) -> bool:
        """Remove a target (a site back on the group's content); False if it was not there."""
        self.root()
        targets = self._targets()
        if targets.signed.targets.pop(target, None) is None:
            return False
        self._commit(targets)
        (self.targets_dir / target).unlink(missing_ok=True)
        self.prune()
        return True

    def rotate(self, role: str, new: Signer) -> int:
        """Trust `new` instead of the role's old key: a new root version (with a new expiry)
        signed by the old root key, and for the root role by the new one too, as TUF asks;
        then the online metadata signed again with the current keys. Kiosks follow the
        chain of roots by themselves. Returns the new root's version."""
        root = self.root()
        old_root = self._signer("root")
        for keyid in list(root.signed.roles[role].keyids):
            root.signed.revoke_key(keyid, role)
        root.signed.add_key(new.public_key, role)
        root.signed.version += 1
        root.signed.expires = self._expires("root")
        root.signatures.clear()
        root.sign(old_root)
        if role == "root":
            root.sign(new, append=True)
        data = root.to_bytes(_COMPACT)
        _write(self.meta_dir / f"{root.signed.version}.root.json", data)
        _write(self.meta_dir / "root.json", data)
        self.signers[role] = new
        self._commit(self._targets())
        self.prune()
        return int(root.signed.version)

    def root_expires(self) -> datetime:
        return self.root().signed.expires

    def refresh(self) -> int:
        """Re-sign the timestamp (and snapshot and targets when they expire soon): run daily,
        or every kiosk refuses the repository as frozen once the timestamp expires."""
        self.root()
        targets = self._targets()
        snapshot = self._load("snapshot")
        soon = self._now() + RENEW_MARGIN
        renew_targets = targets.signed.expires < soon
        # Only the timestamp, most days: the kiosks then fetch nothing but timestamp.json.
        renew_snapshot = renew_targets or snapshot is None or snapshot.signed.expires < soon
        version = self._commit(targets if renew_targets else None, renew_snapshot)
        self.prune()
        return version

    def _targets(self) -> Metadata[Targets]:
        targets = self._load("targets")
        if targets is None:
            return _unnumbered(Targets(expires=self._expires("targets")))
        return targets

    def _commit(self, targets: Metadata[Targets] | None, new_snapshot: bool = True) -> int:
        snapshot = self._load("snapshot") or _unnumbered(Snapshot())
        assert isinstance(snapshot.signed, Snapshot)
        if targets is not None:
            targets.signed.version += 1
            targets.signed.expires = self._expires("targets")
            self._sign_write(targets, "targets", versioned=True)
            snapshot.signed.meta["targets.json"] = MetaFile(version=targets.signed.version)
        if new_snapshot or targets is not None:
            snapshot.signed.version += 1
            snapshot.signed.expires = self._expires("snapshot")
            self._sign_write(snapshot, "snapshot", versioned=True)
        timestamp = self._load("timestamp") or _unnumbered(Timestamp())
        assert isinstance(timestamp.signed, Timestamp)
        timestamp.signed.version += 1
        timestamp.signed.expires = self._expires("timestamp")
        timestamp.signed.snapshot_meta = MetaFile(version=snapshot.signed.version)
        self._sign_write(timestamp, "timestamp", versioned=False)
        return timestamp.signed.version

    def prune(self) -> None:
        """Old versioned files go, but the previous set stays: a kiosk that read the last
        timestamp.json a moment ago can still fetch what it names."""
        for role in ("snapshot", "targets"):
            current = self._load(role)
            keep = current.signed.version - 1 if current is not None else 0
            for path in self.meta_dir.glob(f"*.{role}.json"):
                number = path.name.split(".", 1)[0]
                if number.isdigit() and int(number) < keep:
                    path.unlink(missing_ok=True)
        wanted: set[Path] = set()
        for version_file in self.meta_dir.glob("*.targets.json"):
            md = Metadata.from_file(str(version_file))
            assert isinstance(md.signed, Targets)
            for name, info in md.signed.targets.items():
                wanted.add(
                    self.targets_dir
                    / Path(name).parent
                    / f"{info.hashes['sha256']}.{Path(name).name}"
                )
        for path in self.targets_dir.rglob("*.*.tar.gz"):
            if len(path.name.split(".", 1)[0]) == 64 and path not in wanted:
                path.unlink(missing_ok=True)

    def targets(self) -> dict[str, TargetFile]:
        md = self._load("targets")
        return dict(md.signed.targets) if md is not None else {}
