"""`main.py keys init` and `main.py publish`, at the office (docs/fleet.md); their flags
are in kiosk/cli.py. No Qt.

publish: check the content as for a release, pack it (kiosk/fleet/bundle.py), and add it
to the TUF repository (kiosk/fleet/repository.py), which any static web server can serve."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content import Content, ContentErrors
from kiosk.fleet.config import SITE_NAME

ROOT_WARNING = timedelta(days=60)

if TYPE_CHECKING:
    from securesystemslib.signer import Signer


def release_check(content_path: Path, assets_dir: Path) -> Content | None:
    """The content as `validate --release` checks it, errors printed; None when it must
    not go out (not valid, or draft wording or a passed review date)."""
    from kiosk.content import load_content

    try:
        result = load_content(content_path, assets_dir, check_readability=True)
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{content_path}: not valid; nothing published", file=sys.stderr)
        return None
    except OSError as exc:
        print(f"{content_path}:1:1: cannot be read ({exc.strerror or exc})", file=sys.stderr)
        return None
    # As `validate --release`: draft wording or a passed review date never goes out.
    blocking = [w for w in result.warnings if getattr(w, "release", False)]
    for warning in result.warnings:
        print(f"{warning}{'' if warning in blocking else ' (warning)'}", file=sys.stderr)
    if blocking:
        count = len(blocking)
        print(
            f"{content_path}: {count} error{'s' if count != 1 else ''}; not fit to publish "
            "(validate --release); nothing published",
            file=sys.stderr,
        )
        return None
    return result.content


def cmd_keys(keys_dir: Path) -> int:
    from .keys import KeyProblem, init_keys

    try:
        written = init_keys(keys_dir)
    except (KeyProblem, OSError) as exc:
        print(f"keys init: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"keys init: wrote {path} (mode 0600)")
    root = written[0]
    print(
        f"keys init: {root} is the root key. Keep it OFFLINE (a USB stick in a safe): "
        "publish needs it only for the first publish; the other three stay on the "
        "publishing PC."
    )
    return 0


def cmd_rotate(keys_dir: Path, repo_dir: Path, role: str) -> int:
    """A new key for `role`, trusted by a new root version; the old key file is retired."""
    from securesystemslib.signer import CryptoSigner
    from tuf.api.serialization import DeserializationError

    from .keys import KeyProblem, write_key
    from .repository import Repository

    try:
        repo = Repository(repo_dir, _signers(keys_dir))
        new = CryptoSigner.generate_ed25519()
        version = repo.rotate(role, new)
        path = write_key(keys_dir, role, new)
    except (KeyProblem, OSError, DeserializationError) as exc:
        print(f"keys rotate: {exc}; nothing changed", file=sys.stderr)
        return 1
    print(f"keys rotate: new {role} key {path}; root version {version} trusts it")
    print(f"keys rotate: destroy the retired-{role}-*.pem files once every kiosk checked in")
    if role == "root":
        print(f"keys rotate: {path} is the new root key: keep it OFFLINE")
    return 0


def _signers(keys_dir: Path) -> dict[str, Signer]:
    from .keys import load_signer

    return {
        role: signer
        for role in ("root", "targets", "snapshot", "timestamp")
        if (signer := load_signer(keys_dir, role)) is not None
    }


def cmd_publish(
    keys_dir: Path,
    repo_dir: Path,
    content: Path,
    site: str | None = None,
    drop_site: str | None = None,
    refresh: bool = False,
) -> int:
    from tuf.api.serialization import DeserializationError

    from .keys import KeyProblem
    from .repository import GROUP_TARGET, Repository, site_target

    for name in (site, drop_site):
        if name is not None and not SITE_NAME.fullmatch(name):
            print(f"publish: site '{name}' must be a-z, 0-9, '-' or '_'", file=sys.stderr)
            return 2
    try:
        repo = Repository(repo_dir, _signers(keys_dir))
        if refresh:
            print(f"publish: metadata re-signed (timestamp {repo.refresh()})")
            return 0
        if drop_site:
            dropped = repo.drop(site_target(drop_site))
            print(
                f"publish: site {drop_site} {'now uses' if dropped else 'already used'}"
                " the group's content"
            )
            return 0
        data = pack(content)
        if data is None:
            return 1
        target = site_target(site) if site else GROUP_TARGET
        done = repo.publish(target, data)
    except (KeyProblem, OSError, DeserializationError) as exc:
        print(f"publish: {exc}; nothing published", file=sys.stderr)
        return 1
    print(
        f"publish: content version {done.version} as {target} ({done.length:,} bytes) in "
        f"{repo_dir}; kiosks trust {repo_dir / 'metadata' / '1.root.json'}"
    )
    left = repo.root_expires() - datetime.now(UTC)
    if left < ROOT_WARNING:
        print(
            f"publish: WARNING the root expires in {left.days} days: renew it with "
            "`main.py keys rotate --role root` (with the offline root key), or every kiosk "
            "stops accepting content",
            file=sys.stderr,
        )
    return 0


def pack(content_path: Path) -> bytes | None:
    from kiosk.content.snapshot import used_assets

    from .bundle import pack_bundle

    assets = content_path.parent / "assets"
    content = release_check(content_path, assets)
    if content is None:
        return None
    return pack_bundle(content_path, assets, used_assets(content))
