"""`main.py keys init`: one ed25519 key per TUF role, as PEM files readable by their owner
only. The root key signs only the root metadata (the first publish, a key rotation, a
renewal): it belongs offline, on a USB stick in a safe, not on the publishing PC."""

from __future__ import annotations

import os
from pathlib import Path

from securesystemslib.signer import CryptoSigner

ROLES = ("root", "targets", "snapshot", "timestamp")
ONLINE_ROLES = ("targets", "snapshot", "timestamp")


class KeyProblem(Exception):
    """A key that is missing, unreadable or not the one the repository trusts."""


def key_path(keys_dir: Path, role: str) -> Path:
    return keys_dir / f"{role}.pem"


def init_keys(keys_dir: Path) -> list[Path]:
    """A new key for each role; refuses to overwrite any existing key file."""
    existing = [key_path(keys_dir, role) for role in ROLES if key_path(keys_dir, role).exists()]
    if existing:
        raise KeyProblem(f"{existing[0]} already exists; keys are never overwritten")
    keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    for role in ROLES:
        # Created 0600 from the start: never readable by others, not even for a moment.
        written.append(write_key(keys_dir, role, CryptoSigner.generate_ed25519()))
    return written


def load_signer(keys_dir: Path, role: str) -> CryptoSigner | None:
    """The role's signer, or None when its key file is not there (the root key, offline)."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    path = key_path(keys_dir, role)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeyProblem(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        private = load_pem_private_key(data, None)
        return CryptoSigner(private)
    except (ValueError, TypeError) as exc:
        raise KeyProblem(f"{path}: not an ed25519 key in PEM ({exc})") from None


def write_key(keys_dir: Path, role: str, signer: CryptoSigner) -> Path:
    """`signer` becomes the role's key file; the old file is kept as retired-<role>-N.pem
    (to destroy once every kiosk has the new root: docs/fleet.md)."""
    path = key_path(keys_dir, role)
    if path.exists():
        number = 1
        while (retired := keys_dir / f"retired-{role}-{number}.pem").exists():
            number += 1
        os.replace(path, retired)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(signer.private_bytes)
    return path
