"""`main.py keys init` and `main.py publish`, at the office (docs/fleet.md); their flags
are in kiosk/cli.py. No Qt.

publish: check the content as for a release, pack it (kiosk/fleet/bundle.py), and add it
to the TUF repository (kiosk/fleet/repository.py), which any static web server can serve."""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.content import Content, ContentErrors
from kiosk.fleet.config import SITE_NAME


def release_check(content_path: Path, assets_dir: Path) -> Content | None:
    """The content as `validate` checks it, errors printed; None when it must not go out.
    The one place a stricter release check (`validate --release`) plugs in."""
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
    for warning in result.warnings:
        print(f"{warning} (warning)", file=sys.stderr)
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


def cmd_publish(
    keys_dir: Path,
    repo_dir: Path,
    content: Path,
    site: str | None = None,
    drop_site: str | None = None,
    refresh: bool = False,
) -> int:
    from securesystemslib.signer import Signer
    from tuf.api.serialization import DeserializationError

    from .keys import KeyProblem, load_signer
    from .repository import GROUP_TARGET, Repository, site_target

    for name in (site, drop_site):
        if name is not None and not SITE_NAME.fullmatch(name):
            print(f"publish: site '{name}' must be a-z, 0-9, '-' or '_'", file=sys.stderr)
            return 2
    try:
        signers: dict[str, Signer] = {
            role: signer
            for role in ("root", "targets", "snapshot", "timestamp")
            if (signer := load_signer(keys_dir, role)) is not None
        }
        repo = Repository(repo_dir, signers)
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
    return 0


def pack(content_path: Path) -> bytes | None:
    from kiosk.content.snapshot import used_assets

    from .bundle import pack_bundle

    assets = content_path.parent / "assets"
    content = release_check(content_path, assets)
    if content is None:
        return None
    return pack_bundle(content_path, assets, used_assets(content))
