"""One poll of the TUF repository with python-tuf's stock client (`tuf.ngclient`). No Qt:
the kiosk runs `poll()` on a worker thread (kiosk/ui/update_poller.py), the bench runs 50.

A poll refreshes the signed metadata (root, timestamp, snapshot, targets: signatures,
versions, expiry all checked by the engine), finds this kiosk's bundle (its site's, else
the group's), downloads it only when its version is new, checks its hash and length
(the engine again), unpacks it into a fresh folder (kiosk/fleet/bundle.py) and loads it
as the kiosk would. Anything wrong: refused with the reason, logged, never shown; the
kiosk keeps what it has. Nothing here touches patient data."""

from __future__ import annotations

import logging
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import urllib3
from tuf.api import exceptions
from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater, UpdaterConfig
from tuf.ngclient.fetcher import FetcherInterface
from tuf.ngclient.urllib3_fetcher import Urllib3Fetcher

from kiosk.content import ContentErrors

from .bundle import BundleRefused, Limits, unpack_bundle
from .repository import GROUP_TARGET, site_target
from .status import UpdateState, read_state, updates_dir, write_state

log = logging.getLogger("kiosk.updates")

NEW, SAME, REFUSED, OFFLINE = "new", "same", "refused", "offline"
KEEP_FOLDERS = 3  # the shown bundle, one waiting for the reset, and the one before


@dataclass(frozen=True)
class PollResult:
    kind: str  # NEW, SAME, REFUSED or OFFLINE
    reason: str  # in words, for the log and staff
    content_path: Path | None = None  # NEW: the unpacked, validated content.yaml
    state: UpdateState | None = None  # NEW: what to record once the kiosk took it


def _reason(exc: BaseException) -> tuple[str, str]:
    """(kind, words) for what the engine or the network raised."""
    detail = str(exc)[:200] or type(exc).__name__
    if isinstance(exc, exceptions.ExpiredMetadataError):
        return REFUSED, f"expired metadata, the repository may be frozen ({detail})"
    if isinstance(exc, exceptions.BadVersionNumberError):
        return REFUSED, f"older metadata than this kiosk has seen: rollback ({detail})"
    if isinstance(exc, exceptions.UnsignedMetadataError):
        return REFUSED, f"metadata not signed by the trusted keys ({detail})"
    if isinstance(exc, exceptions.LengthOrHashMismatchError):
        return REFUSED, f"the bundle does not match its signed length or hash ({detail})"
    if isinstance(exc, exceptions.DownloadLengthMismatchError):
        return REFUSED, f"a file is longer than its signed length ({detail})"
    if isinstance(exc, exceptions.RepositoryError):
        return REFUSED, f"repository refused ({type(exc).__name__}: {detail})"
    return OFFLINE, f"the update server could not be reached ({type(exc).__name__})"


class UpdateClient:
    def __init__(
        self,
        url: str,
        data_dir: Path,
        trusted_root: Path,
        site: str = "",
        limits: Limits | None = None,
        fetcher: FetcherInterface | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.url = url.rstrip("/")
        self.data_dir, self.trusted_root, self.site = data_dir, trusted_root, site
        self.limits = limits or Limits()
        # One fetcher for every poll: its connection pool is kept between them.
        self.fetcher = fetcher or Urllib3Fetcher(socket_timeout=20, app_user_agent="fbss-kiosk")
        self._now = now
        self.dir = updates_dir(data_dir)

    def poll(self) -> PollResult:
        """Never raises for a bad server or bundle: the result says what happened."""
        state = read_state(self.data_dir)
        try:
            result = self._poll(state)
        except BundleRefused as exc:
            result = PollResult(REFUSED, f"unsafe bundle: {exc}")
        except ContentErrors as exc:
            first = exc.errors[0] if exc.errors else "no detail"
            result = PollResult(REFUSED, f"the bundle's content is not valid ({first})")
        except (exceptions.RepositoryError, exceptions.DownloadError) as exc:
            result = PollResult(*_reason(exc))
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            result = PollResult(*_reason(exc))
        self._log(result)
        checked = self._now().replace(microsecond=0).isoformat().replace("+00:00", "")
        ok = result.kind != REFUSED
        noted = replace(state, url=self.url, checked=checked, result=result.reason, ok=ok)
        if result.kind != NEW:
            write_state(self.data_dir, noted)  # a NEW one is recorded by accepted()
            return result
        assert result.state is not None
        accepted = replace(result.state, checked=checked, result=result.reason, ok=True)
        return replace(result, state=accepted)

    def accepted(self, result: PollResult) -> None:
        """The kiosk took the new content: it is the one to start from from now on."""
        if result.state is not None:
            write_state(self.data_dir, result.state)
            self._prune(result.state.folder)

    def _poll(self, state: UpdateState) -> PollResult:
        try:
            root = self.trusted_root.read_bytes()
        except OSError as exc:
            return PollResult(
                REFUSED, f"no trusted root.json at {self.trusted_root} ({exc.strerror})"
            )
        metadata_dir = self.dir / "metadata"
        downloads = self.dir / "downloads"
        for folder in (metadata_dir, downloads):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        updater = Updater(
            metadata_dir=str(metadata_dir),
            metadata_base_url=f"{self.url}/metadata/",
            target_dir=str(downloads),
            target_base_url=f"{self.url}/targets/",
            fetcher=self.fetcher,
            config=UpdaterConfig(app_user_agent="fbss-kiosk"),
            bootstrap=root,
        )
        updater.refresh()
        info = self._find(updater)
        if info is None:
            return PollResult(SAME, "no content published for this kiosk yet")
        version = info.custom.get("version") if isinstance(info.custom, dict) else None
        if not isinstance(version, int) or version < 1:
            return PollResult(REFUSED, f"{info.path} has no content version")
        sha = info.hashes.get("sha256", "")
        if (version, info.path, sha) == (state.version, state.target, state.sha256):
            if state.content_path(self.data_dir) is not None:
                return PollResult(SAME, f"no new content (version {version})")
        elif version < state.version and info.path == state.target:
            return PollResult(
                REFUSED, f"version {version} is older than this kiosk's {state.version}: rollback"
            )
        if info.length > self.limits.bundle_bytes:
            return PollResult(
                REFUSED,
                f"the bundle is {info.length:,} bytes; the limit is {self.limits.bundle_bytes:,}",
            )
        archive = downloads / "bundle.tar.gz"
        archive.unlink(missing_ok=True)
        updater.download_target(info, filepath=str(archive))  # length and hash checked
        name = f"content/v{version}-{secrets.token_hex(4)}"
        dest = self.dir / name
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            content_path = unpack_bundle(archive, dest, self.limits)
            from kiosk.content.source import check_and_cache

            # Checked here, in the worker; the kiosk's own load of it is then a cache read.
            check_and_cache(content_path, self.data_dir)
        except BaseException:
            shutil.rmtree(dest, ignore_errors=True)
            raise
        finally:
            archive.unlink(missing_ok=True)
        new_state = UpdateState(version, info.path, sha, name, self.url)
        return PollResult(NEW, f"new content version {version}", content_path, new_state)

    def _find(self, updater: Updater) -> TargetFile | None:
        if self.site:
            info = updater.get_targetinfo(site_target(self.site))
            if info is not None:
                return info
        return updater.get_targetinfo(GROUP_TARGET)

    def _log(self, result: PollResult) -> None:
        if result.kind == REFUSED:
            log.error("updates: refused: %s; keeping the current content", result.reason)
        elif result.kind == OFFLINE:
            log.warning("updates: %s; keeping the current content", result.reason)
        elif result.kind == NEW:
            log.info("updates: %s verified and unpacked", result.reason)
        else:
            log.debug("updates: %s", result.reason)

    def _prune(self, keep: str) -> None:
        """Old unpacked bundles go; the newest few stay (one may still be on the screen)."""
        folders = sorted(
            (p for p in (self.dir / "content").glob("v*-*") if p.is_dir()),
            key=lambda p: p.stat().st_mtime_ns,
        )
        for old in folders[:-KEEP_FOLDERS]:
            if old != self.dir / keep:
                shutil.rmtree(old, ignore_errors=True)
