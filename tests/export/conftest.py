"""The web export in a real browser: the site served on loopback (as a clinic's web server
would serve it, folder addresses included), Debian's Chromium driven through chromedriver
(selenium), and axe-core from the npm registry, pinned and checked."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content import Content, load_content
from kiosk.export_html import export_html
from tests.conftest import ROOT
from tests.tools import missing, need

AXE_VERSION = "4.10.3"
# The registry's integrity of that tarball (`npm view axe-core@4.10.3 dist.integrity`);
# npm checks the download against the registry and this checks npm got that one.
AXE_INTEGRITY = (
    "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYt"
    "JYLkuIoYZvGfTs/PbZhideTcEg=="
)
AXE_CACHE = ROOT / ".cache" / f"axe-core-{AXE_VERSION}"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # no access log in the output
        pass


@pytest.fixture(scope="session")
def shipped() -> Content:
    return load_content(ROOT / "content.yaml").content


@pytest.fixture(scope="session")
def served(
    tmp_path_factory: pytest.TempPathFactory, shipped: Content
) -> Iterator[tuple[str, Path]]:
    """(base URL, folder) of the shipped content's export served on 127.0.0.1, exported
    with that base as its take_home_url, as a clinic would publish it."""
    folder = tmp_path_factory.mktemp("site")
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    export_html(shipped, folder, ROOT / "assets", take_home_url=base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, folder
    server.shutdown()
    server.server_close()
    thread.join(timeout=30)


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe.min.js of the pinned axe-core, installed once with npm into .cache/."""
    script = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = need("npm", "npm")
        scratch = AXE_CACHE.with_name(f"{AXE_CACHE.name}.{os.getpid()}")
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        done = subprocess.run(
            [npm, "install", "--prefix", str(scratch), "--no-save", "--no-audit", "--no-fund",
             "--ignore-scripts", f"axe-core@{AXE_VERSION}"],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            missing(f"npm could not install axe-core@{AXE_VERSION}: {done.stderr[-800:]}")
        lock = json.loads((scratch / "node_modules" / ".package-lock.json").read_text())
        assert lock["packages"]["node_modules/axe-core"]["integrity"] == AXE_INTEGRITY
        shutil.rmtree(AXE_CACHE, ignore_errors=True)
        scratch.rename(AXE_CACHE)  # whole, or not at all
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium (Debian's) through chromedriver; nothing leaves this machine."""
    chromium = need("chromium", "chromium")
    driver_path = need("chromedriver", "chromium-driver")
    os.environ.setdefault("SE_OFFLINE", "true")  # never let selenium fetch a driver
    os.environ.setdefault("SE_AVOID_STATS", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-sync",
                 "--disable-component-update", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--window-size=1280,800"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()
