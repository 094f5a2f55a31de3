"""The take-home QR code on topic screens (T1): read back from the screen's pixels by a
real decoder (zbar), exactly the topic's page in the session's language, at 100% and 200%
text, landscape and portrait, default and high contrast; crisp, large enough, and absent
(with no space kept for it) when take_home_url is not set."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.content import Content
from kiosk.patient.navigation import Route, RouteKind
from kiosk.site_paths import take_home_url
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.screenshots import set_look
from kiosk.ui.widgets.qr_code import QUIET_ZONE, qr_modules
from tests.conftest import ROOT
from tests.tools import decode_qr

BASE = "https://clinic.example/fbss/"
PX_PER_MM = 1 / 0.277  # a 24-inch 1080p screen: 0.277 mm a pixel


def topic_window(
    make_window: Callable[..., MainWindow],
    content: Content,
    lang: str,
    size: tuple[int, int] = (1920, 1080),
    base: str = BASE,
) -> MainWindow:
    window = make_window(content, size, lang)
    window.take_home_url = base
    return window


def show_topic(window: MainWindow, topic_id: str) -> TopicScreen:
    window.show_route(Route(RouteKind.TOPIC, topic_id))
    QApplication.processEvents()
    screen = window.current_screen
    assert isinstance(screen, TopicScreen)
    return screen


def expected_url(content: Content, lang: str, topic_id: str, base: str = BASE) -> str:
    found = content.topic(topic_id)
    assert found is not None
    return take_home_url(base, lang, found[0], topic_id)


def grab_topics(
    window: MainWindow, content: Content, folder: Path, scale: float = 1.0, hc: bool = False
) -> dict[str, str]:
    """Every topic screen of the window's language to PNG; file name -> expected URL."""
    shots: dict[str, str] = {}
    for section in content.sections:
        for topic in section.topics:
            show_topic(window, topic.id)
            set_look(window, scale, hc)
            QApplication.processEvents()
            name = f"{window.lang}-{topic.id}.png"
            assert window.grab().save(str(folder / name))
            shots[name] = expected_url(content, window.lang, topic.id)
    return shots


@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["100", "200"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_topic_code_decodes_to_its_page(
    make_window: Callable[..., MainWindow],
    shipped_content: Content,
    tmp_path: Path,
    lang: str,
    scale: float,
) -> None:
    window = topic_window(make_window, shipped_content, lang)
    shots = grab_topics(window, shipped_content, tmp_path, scale)
    decoded = decode_qr([tmp_path / name for name in shots])
    assert {name: decoded[name] for name in shots} == {n: [url] for n, url in shots.items()}
    assert all(f"/{lang}/" in url and "?" not in url for url in shots.values())


@pytest.mark.parametrize(
    ("size", "hc"), [((1080, 1920), False), ((1920, 1080), True), ((1280, 800), False)]
)
def test_portrait_short_and_high_contrast_screens_decode(
    make_window: Callable[..., MainWindow],
    shipped_content: Content,
    tmp_path: Path,
    size: tuple[int, int],
    hc: bool,
) -> None:
    window = topic_window(make_window, shipped_content, "es", size)
    shots = {}
    for topic_id in ("treatment-spinal-cord-stimulation", "urgent-warning-signs"):
        show_topic(window, topic_id)
        set_look(window, 2.0, hc)
        QApplication.processEvents()
        assert window.size().toTuple() == size  # the card never makes the window grow
        window.grab().save(str(tmp_path / f"{topic_id}.png"))
        shots[f"{topic_id}.png"] = [expected_url(shipped_content, "es", topic_id)]
    assert decode_qr([tmp_path / name for name in shots]) == shots


def test_the_code_is_crisp_large_and_dark_on_light(
    make_window: Callable[..., MainWindow], shipped_content: Content
) -> None:
    """Every pixel of the code is pure black or white and each module is a square of whole
    pixels matching the code's matrix, quiet zone included; it is at least 3 cm (109 px)
    on a 24-inch 1080p screen, also in high contrast."""
    topic_id = "treatment-spinal-cord-stimulation"
    url = expected_url(shipped_content, "en", topic_id)
    window = topic_window(make_window, shipped_content, "en")
    for hc in (False, True):
        code = show_topic(window, topic_id).take_home
        set_look(window, 1.0, hc)
        QApplication.processEvents()
        assert code is not None
        widget = code.code
        image = window.grab().toImage()
        origin = widget.mapTo(window, widget.rect().topLeft())
        rows = qr_modules(url)
        module = widget.module_px
        assert widget.width() == widget.height() == len(rows) * module
        assert widget.width() >= 200  # aims at about 6 cm; 3 cm (109 px) is the floor
        assert len(rows) == len(rows[0]) and rows[0] == bytes([255]) * len(rows)  # quiet
        assert all(row[:QUIET_ZONE] == bytes([255]) * QUIET_ZONE for row in rows)
        for y in range(widget.height()):
            for x in range(widget.width()):
                pixel = image.pixel(origin.x() + x, origin.y() + y) & 0xFFFFFF
                want = 0xFFFFFF if rows[y // module][x // module] else 0x000000
                assert pixel == want, (hc, x, y)
        assert widget.width() / PX_PER_MM >= 30  # mm
    assert window.session.high_contrast


def test_no_setting_no_code_and_no_space_kept(
    make_window: Callable[..., MainWindow], shipped_content: Content, tmp_path: Path
) -> None:
    window = topic_window(make_window, shipped_content, "en", base="")
    screen = show_topic(window, "treatment-spinal-cord-stimulation")
    assert screen.take_home is None
    assert screen.scroll_area.width() == screen.width()  # the page has the whole width
    window.grab().save(str(tmp_path / "plain.png"))
    assert decode_qr([tmp_path / "plain.png"]) == {"plain.png": []}
    window.take_home_url = BASE
    window.show_route(Route(RouteKind.HOME))
    with_code = show_topic(window, "treatment-spinal-cord-stimulation")
    assert with_code.take_home is not None
    assert with_code.scroll_area.width() < with_code.width()


def test_the_language_switch_points_the_code_at_the_other_language(
    make_window: Callable[..., MainWindow], shipped_content: Content
) -> None:
    window = topic_window(make_window, shipped_content, "en")
    topic_id = "treatment-spinal-cord-stimulation"
    show_topic(window, topic_id)
    window.set_language("es")
    QApplication.processEvents()
    screen = window.current_screen
    assert isinstance(screen, TopicScreen) and screen.take_home is not None
    assert screen.take_home.code.url == f"{BASE}es/treatment/spinal-cord-stimulation/"
    assert "cámara" in screen.take_home.sentence.text()


def test_a_code_is_made_once_per_address(
    make_window: Callable[..., MainWindow], shipped_content: Content, qtbot: QtBot
) -> None:
    window = topic_window(make_window, shipped_content, "en", base="https://cache.example/x")
    before = qr_modules.cache_info()
    show_topic(window, "treatment-injections")
    window.show_route(Route(RouteKind.HOME))
    show_topic(window, "treatment-injections")
    after = qr_modules.cache_info()
    assert (after.misses - before.misses, after.hits - before.hits) == (1, 1)


LAZY = """
import sys
from PySide6.QtWidgets import QApplication
from kiosk.content import load_content
from kiosk.patient.navigation import Route, RouteKind
from kiosk.ui.display import build_window
app = QApplication([])
content = load_content(sys.argv[1]).content
window = build_window(content, "en", idle_seconds=120, start_on_attract=True,
                      take_home_url="https://clinic.example/fbss")
window.show(); app.processEvents(); window.prepare_home(); app.processEvents()
print("start", "segno" in sys.modules, "kiosk.ui.widgets.qr_code" in sys.modules)
window.show_route(Route(RouteKind.TOPIC, "treatment-plan")); app.processEvents()
print("topic", "segno" in sys.modules, "kiosk.ui.widgets.qr_code" in sys.modules)
"""


def test_the_code_is_made_when_a_topic_is_built_not_at_start() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LAZY, str(ROOT / "content.yaml")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["start False False", "topic True True"]
