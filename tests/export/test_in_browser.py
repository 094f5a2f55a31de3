"""The web export in headless Chromium (T2): every page of both languages loads with no
console error, every internal link and picture resolves, axe-core finds no serious or
critical violation, nothing scrolls sideways at 360x740 (a phone) or 1280x800, each
topic's take-home address (the kiosk's QR code) opens that topic's page, and a printed
topic carries a code to itself."""

from __future__ import annotations

import base64
import subprocess
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from kiosk.content import Content
from kiosk.site_paths import page_path, take_home_url
from tests.tools import decode_qr, need

SIZES = {"phone": (360, 740, True), "laptop": (1280, 800, False)}
LINKS = """return [...document.querySelectorAll('a[href], link[href]')].map(e => e.href)
  .concat([...document.images].map(i => i.src))"""
# Pictures the browser had no reason to put off (loading=lazy ones below the fold are
# checked by fetching them, with the links).
BROKEN_IMAGES = """return [...document.images].filter(i => i.loading !== 'lazy' &&
  !(i.complete && i.naturalWidth > 0)).map(i => i.src)"""
RUN_AXE = """const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v =>
  ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))));"""
SIDEWAYS = "return [document.scrollingElement.scrollWidth, window.innerWidth]"


def all_pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


def viewport(browser: Any, size: str) -> None:
    width, height, mobile = SIZES[size]
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def console_errors(browser: Any) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def test_every_page_loads_clean_links_resolve_and_axe_passes(
    browser: Any, served: tuple[str, Path], axe_script: str, shipped: Content
) -> None:
    base, folder = served
    pages = all_pages(folder)
    topics = sum(len(s.topics) for s in shipped.sections)
    assert len(pages) == 1 + 2 * (2 + len(shipped.sections) + topics)
    viewport(browser, "laptop")
    console_errors(browser)  # nothing left from before
    problems: dict[str, object] = {}
    minor: dict[str, int] = {}
    links: set[str] = set()
    for page in pages:
        browser.get(urljoin(base, page))
        if errors := console_errors(browser):
            problems[f"{page}: console"] = errors
        if broken := browser.execute_script(BROKEN_IMAGES):
            problems[f"{page}: pictures"] = broken
        links |= set(browser.execute_script(LINKS))
        browser.execute_script(axe_script)
        for violation in browser.execute_async_script(RUN_AXE):
            if violation["impact"] in ("serious", "critical"):
                problems[f"{page}: axe {violation['id']}"] = violation
            else:
                minor[violation["id"]] = minor.get(violation["id"], 0) + 1
    internal = {link.split("#", 1)[0] for link in links if link.startswith(base)}
    assert not {link for link in links if not link.startswith(base)}, "a link leaves the site"
    for link in sorted(internal):
        with urllib.request.urlopen(link, timeout=30) as answer:  # loopback only
            if answer.status != 200:
                problems[f"link {link}"] = answer.status
    assert not problems, problems
    assert len(internal) > len(pages)  # every page is linked, and the pictures
    print(f"{len(pages)} pages, {len(internal)} internal links, axe minor/moderate: {minor}")


@pytest.mark.parametrize("size", list(SIZES))
def test_nothing_scrolls_sideways(
    browser: Any, served: tuple[str, Path], size: str, tmp_path: Path
) -> None:
    base, folder = served
    viewport(browser, size)
    wide: dict[str, list[int]] = {}
    shots = 0
    for page in all_pages(folder):
        browser.get(urljoin(base, page))
        scroll_width, inner_width = browser.execute_script(SIDEWAYS)
        if scroll_width > inner_width:
            wide[page] = [scroll_width, inner_width]
        if page.count("/") in (1, 3):  # each language's home and every topic
            shot = tmp_path / (page.replace("/", "-").removesuffix("-index.html") + ".png")
            assert browser.save_screenshot(str(shot))
            shots += 1
    assert inner_width == SIZES[size][0]
    assert not wide, wide
    assert shots == 2 + 2 * 32
    if size == "phone":  # kept for a person to look at: `pytest --basetemp DIR`
        assert (tmp_path / "en-treatment-spinal-cord-stimulation.png").is_file()


def test_each_topics_take_home_address_opens_its_page(
    browser: Any, served: tuple[str, Path], shipped: Content
) -> None:
    """The address in each topic's QR code (the one the kiosk draws, decoded in
    tests/ui/test_take_home.py) is a page of the site: the topic's, in that language."""
    base, folder = served
    viewport(browser, "phone")
    for lang in shipped.languages:
        for section in shipped.sections:
            for topic in section.topics:
                url = take_home_url(base, lang, section, topic.id)
                assert urlsplit(url).query == "" and url.endswith("/")
                assert (folder / page_path(shipped, lang, "topic", topic.id)).is_file()
                browser.get(url)
                heading = browser.execute_script("return document.querySelector('h1').innerText")
                assert heading == topic.title.get(lang), url
                assert browser.execute_script("return document.documentElement.lang") == lang
                assert not console_errors(browser), url


def test_a_printed_topic_carries_a_code_to_itself(
    browser: Any, served: tuple[str, Path], shipped: Content, tmp_path: Path
) -> None:
    """Chromium prints the page (its print style: no bar, the QR code shown) to PDF; poppler
    draws the PDF at 150 dpi and zbar reads the page's own address back from the paper."""
    pdftoppm = need("pdftoppm", "poppler-utils")
    base, _ = served
    section = shipped.section("treatment")
    assert section is not None
    for lang in shipped.languages:
        url = take_home_url(base, lang, section, "treatment-spinal-cord-stimulation")
        browser.get(url)
        pdf = tmp_path / f"{lang}.pdf"
        pdf.write_bytes(base64.b64decode(browser.print_page()))
        done = subprocess.run(
            [pdftoppm, "-r", "150", "-png", str(pdf), str(tmp_path / lang)],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        sheets = sorted(tmp_path.glob(f"{lang}-*.png"))
        found = [text for texts in decode_qr(sheets).values() for text in texts]
        assert found == [url]
