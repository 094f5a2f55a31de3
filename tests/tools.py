"""Outside programs a test needs (a QR decoder, a browser): found, or the test skips on a
developer's machine and FAILS under CI (CI=true), where a skip would hide a missing install
step (`make test` installs them: the Makefile's SYSDEPS_TEST)."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest


def ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(what: str) -> None:
    """Skip, or fail under CI, saying what is missing and how to get it."""
    if ci():
        pytest.fail(f"{what} - CI is set, so this is a failure, not a skip")
    pytest.skip(what)


def need(binary: str, package: str) -> str:
    """The path of `binary`, from the Debian package `package`."""
    found = shutil.which(binary)
    if found is None:
        missing(f"needs {binary} (Debian: {package}; `make test` installs it)")
    assert found is not None
    return found


def decode_qr(images: list[Path]) -> dict[str, list[str]]:
    """Every QR code zbar reads in each image: file name -> the texts (empty: none)."""
    zbarimg = need("zbarimg", "zbar-tools")
    done = subprocess.run(
        [zbarimg, "--xml", "-q", "-Sdisable", "-Sqrcode.enable", *map(str, images)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 4), done.stderr  # 4: some image had no code
    found: dict[str, list[str]] = {path.name: [] for path in images}
    ns = {"z": "http://zbar.sourceforge.net/2008/barcode"}
    for source in ET.fromstring(done.stdout).findall("z:source", ns):
        name = Path(source.attrib["href"]).name
        found[name] = [(data.text or "") for data in source.iterfind(".//z:data", ns)]
    return found
