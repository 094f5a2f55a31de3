"""The fleet's metrics in the running kiosk (offscreen, issue 20): pushed to Debian's real
Pushgateway and written as a textfile, both read back with prometheus_client's parser;
a frozen GUI thread shows as a stale heartbeat while the writer thread goes on; each
patient event counted once, by content id."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.appointments.service import Outcome, Saved
from kiosk.content import load_content
from kiosk.fleet.config import MetricsSettings
from kiosk.fleet.metrics import KioskMetrics
from kiosk.fleet.metrics_writer import MetricsWriter
from kiosk.launch import Launch, RunMode
from kiosk.settings import Settings
from kiosk.ui.main_window import MainWindow
from kiosk.ui.metrics_wiring import MetricsWiring
from kiosk.ui.screens.request_form import RequestFormScreen
from tests.appointments.factories import MARKER
from tests.conftest import MINI, ROOT
from tests.fleet.pushgateway import get
from tests.fleet.test_metrics import KIOSK_ID, Samples, make_metrics, samples, value

WAIT_MS = 60_000  # bounded, generous: a loaded two-core machine


def tap(qtbot: QtBot, where: QWidget, name: str) -> None:
    button = where.findChild(QAbstractButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def metered_kiosk(qtbot: QtBot, themed_app: object, mini_dir: Path) -> Iterator[Any]:
    made: list[Kiosk] = []

    def make(metrics: MetricsSettings, **more: Any) -> Kiosk:
        settings = Settings(
            content=mini_dir / "content.yaml",
            data_dir=mini_dir / "data",
            windowed=True,
            speech_engine="none",
            metrics=metrics,
            **more,
        )
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        kiosk = Kiosk(app, Launch(settings, RunMode.KIOSK, size=(1280, 800)), debounce_ms=50)
        kiosk.start()
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def ours(text: str, kiosk_id: str) -> Samples:
    """The kiosk's samples from the Pushgateway's page, without the `job` and `instance`
    labels it adds."""
    found: Samples = {}
    for (name, labels), number in samples(text).items():
        keyed = dict(labels)
        keyed.pop("instance", None)  # the Pushgateway's own, empty
        if keyed.pop("job", None) == "fbss_kiosk" and keyed.get("kiosk_id") == kiosk_id:
            found[(name, tuple(sorted(keyed.items())))] = number
    return found


def test_the_kiosk_pushes_to_a_real_pushgateway_and_writes_the_textfile(
    qtbot: QtBot, pushgateway: str, metered_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """The Pushgateway is set up first, so it is stopped after the kiosk's last push."""
    textfile = tmp_path / "textfile" / "fbss_kiosk.prom"
    textfile.parent.mkdir()
    config = MetricsSettings(textfile=textfile, pushgateway=pushgateway, interval=1.0)
    kiosk = metered_kiosk(config, kiosk_id=KIOSK_ID, site="North clinic")
    qtbot.waitUntil(lambda: kiosk.metrics is not None, timeout=WAIT_MS)
    assert kiosk.metrics is not None
    writer = kiosk.metrics.writer
    window = kiosk.window
    assert isinstance(window, MainWindow)
    tap(qtbot, window.attract, "start-en")
    tap(qtbot, window, "tile-alpha")
    tap(qtbot, window, "row-alpha-one")
    rounds = writer.rounds
    qtbot.waitUntil(lambda: writer.rounds >= rounds + 2, timeout=WAIT_MS)  # one wholly after
    pushed = ours(get(f"{pushgateway}/metrics"), KIOSK_ID)
    written = samples(textfile.read_text())
    for found in (pushed, written):
        infos = [dict(labels) for name, labels in found if name == "fbss_kiosk_info"]
        assert len(infos) == 1
        assert infos[0]["kiosk_id"] == KIOSK_ID and infos[0]["site"] == "North clinic"
        assert len(infos[0]["content_hash"]) == 12
        assert value(found, "fbss_kiosk_ui_heartbeat_timestamp_seconds") > 1e9
        assert value(found, "fbss_kiosk_content_state", state="ok") == 1
        assert value(found, "fbss_kiosk_patient_sessions_total") == 1
        assert value(found, "fbss_kiosk_section_opens_total", section="alpha") == 1
        assert value(found, "fbss_kiosk_topic_views_total", topic="alpha-one") == 1
        assert value(found, "fbss_kiosk_topic_views_total", topic="alpha-two") == 0
        assert value(found, "fbss_kiosk_outbox_pending_requests") == 0


def test_a_frozen_gui_thread_shows_as_a_stale_heartbeat_while_the_file_is_rewritten(
    qtbot: QtBot, tmp_path: Path
) -> None:
    textfile = tmp_path / "fbss_kiosk.prom"
    metrics = make_metrics()
    ticks = itertools.count(1)  # each heartbeat a new value: no wall clock needed
    rounds = itertools.count(1)
    frozen, thawed = threading.Event(), threading.Event()
    while_frozen: list[tuple[float, float]] = []  # (heartbeat, written) read from the file

    def read() -> tuple[float, float]:
        found = samples(textfile.read_text())
        return (
            value(found, "fbss_kiosk_ui_heartbeat_timestamp_seconds"),
            value(found, "fbss_kiosk_metrics_written_timestamp_seconds"),
        )

    def on_written() -> None:  # the writer thread, after each round
        if frozen.is_set() and not thawed.is_set():
            while_frozen.append(read())
            if len(while_frozen) >= 4:
                thawed.set()

    owner = QObject()
    wiring = MetricsWiring(metrics, 10, owner, clock=lambda: float(next(ticks)))
    writer = MetricsWriter(
        metrics, textfile, "", 0.02, clock=lambda: float(next(rounds)), on_written=on_written
    )
    writer.start()
    try:
        qtbot.waitUntil(lambda: textfile.exists() and read()[0] >= 3, timeout=WAIT_MS)

        def freeze() -> None:  # a slot that hangs the event loop, as a stuck screen would
            frozen.set()
            thawed.wait(WAIT_MS / 1000)

        QTimer.singleShot(0, freeze)
        qtbot.waitUntil(thawed.is_set, timeout=WAIT_MS)
        # The first round may have read the gauges just before the freeze; the rest
        # started after it: the same heartbeat, each file newer than the one before.
        beats = [beat for beat, _ in while_frozen[1:]]
        writes = [written for _, written in while_frozen[1:]]
        assert len(set(beats)) == 1, while_frozen
        assert writes == sorted(set(writes)), while_frozen
        stale = beats[0]
        qtbot.waitUntil(lambda: read()[0] > stale, timeout=WAIT_MS)  # it beats again
    finally:
        wiring.stop()
        writer.stop(timeout=60)
        owner.deleteLater()


def saved(values: Mapping[str, str | bool], reasons: Collection[str]) -> Outcome:
    return Saved("K7M3QX")


@pytest.fixture
def counted(qtbot: QtBot, themed_app: object) -> Iterator[tuple[MainWindow, KioskMetrics]]:
    window = MainWindow(load_content(MINI / "content.yaml").content, "en", submit=saved)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    metrics = make_metrics()
    wiring = MetricsWiring(metrics, 1000, window)
    wiring.watch(window)
    yield window, metrics
    wiring.stop()


def count(metrics: KioskMetrics, name: str, **labels: str) -> float:
    return value(samples(metrics.text().decode()), name, **labels)


def test_each_patient_event_is_counted_once_by_content_id(
    qtbot: QtBot, counted: tuple[MainWindow, KioskMetrics]
) -> None:
    window, metrics = counted
    tap(qtbot, window, "tile-alpha")
    tap(qtbot, window, "row-alpha-one")
    tap(qtbot, window, "backButton")  # Back shows the section again: not a new view
    tap(qtbot, window, "row-alpha-one")
    assert count(metrics, "fbss_kiosk_section_opens_total", section="alpha") == 1
    assert count(metrics, "fbss_kiosk_topic_views_total", topic="alpha-one") == 2
    tap(qtbot, window, "languageButton")
    tap(qtbot, window, "textSizeButton")
    tap(qtbot, window, "textSizeButton")
    tap(qtbot, window, "contrastButton")
    assert count(metrics, "fbss_kiosk_language_chosen_total", language="es") == 1
    assert count(metrics, "fbss_kiosk_text_size_chosen_total", percent="150") == 1
    assert count(metrics, "fbss_kiosk_text_size_chosen_total", percent="200") == 1
    assert count(metrics, "fbss_kiosk_contrast_chosen_total", mode="high") == 1
    assert count(metrics, "fbss_kiosk_topic_views_total", topic="alpha-one") == 2  # same place
    window.reset_session()
    window.wake("en")
    assert count(metrics, "fbss_kiosk_session_resets_total") == 1
    assert count(metrics, "fbss_kiosk_patient_sessions_total") == 1
    assert count(metrics, "fbss_kiosk_language_chosen_total", language="en") == 1


def test_a_form_counts_as_started_then_sent_or_abandoned_at_its_step(
    qtbot: QtBot, counted: tuple[MainWindow, KioskMetrics]
) -> None:
    window, metrics = counted
    tap(qtbot, window, "callButton")
    form = window.current_screen
    assert isinstance(form, RequestFormScreen)
    form.go_to(1)  # the phone step
    tap(qtbot, window, "homeButton")
    assert count(metrics, "fbss_kiosk_form_started_total") == 1
    assert count(metrics, "fbss_kiosk_form_abandoned_total", step="phone") == 1
    tap(qtbot, window, "callButton")
    tap(qtbot, window, "languageButton")  # the same form rebuilt in Spanish: not left
    form = window.current_screen
    assert isinstance(form, RequestFormScreen)
    for field in form.fields.values():
        field.setText(MARKER)  # what a patient typed: it must reach no metric
    form.send_request()  # what Send does; the thank-you follows
    text = metrics.text().decode()
    assert MARKER not in text and "K7M3QX" not in text
    assert count(metrics, "fbss_kiosk_form_started_total") == 2
    assert count(metrics, "fbss_kiosk_form_sent_total") == 1
    abandoned = samples(metrics.text().decode())
    assert sum(v for (n, _), v in abandoned.items() if n.endswith("abandoned_total")) == 1
    window.reset_session()  # after the thank-you: nothing more abandoned
    assert count(metrics, "fbss_kiosk_form_abandoned_total", step="phone") == 1
    tap(qtbot, window.attract, "start-en")
    tap(qtbot, window, "callButton")
    window.reset_session()  # the idle reset on a form: abandoned at its first step
    assert count(metrics, "fbss_kiosk_form_abandoned_total", step="name") == 1


def test_no_metrics_setting_no_metrics(
    qtbot: QtBot, metered_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    kiosk = metered_kiosk(MetricsSettings())
    qtbot.waitUntil(
        lambda: kiosk.after_paint is not None and kiosk.after_paint.pending == 0,
        timeout=WAIT_MS,
    )
    assert kiosk.metrics is None
    assert not [t for t in threading.enumerate() if t.name == "metrics"]


def test_the_kiosk_loads_no_metrics_code_until_it_is_asked_to() -> None:
    """Start-up time (docs/benchmarks.md): prometheus_client loads only with [metrics]."""
    script = (
        "import sys, kiosk.app;"
        "print(sorted(m for m in sys.modules if m.startswith(('prometheus_client',"
        " 'kiosk.fleet.metrics', 'kiosk.ui.metrics_wiring'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_kiosk_back_in_service_counts_in_its_new_window(
    qtbot: QtBot,
    metered_kiosk: Callable[..., Kiosk],
    mini_dir: Path,
    tmp_path: Path,
) -> None:
    path = mini_dir / "content.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text("format: [\n", encoding="utf-8")  # no content and no snapshot yet
    textfile = tmp_path / "fbss_kiosk.prom"
    kiosk = metered_kiosk(MetricsSettings(textfile=textfile, interval=1.0), kiosk_id=KIOSK_ID)
    qtbot.waitUntil(lambda: kiosk.metrics is not None and textfile.exists(), timeout=WAIT_MS)
    found = samples(textfile.read_text())
    assert value(found, "fbss_kiosk_content_state", state="out_of_service") == 1
    path.write_text(good, encoding="utf-8")  # staff fix it: a new window, in service
    qtbot.waitUntil(lambda: isinstance(kiosk.window, MainWindow), timeout=WAIT_MS)
    window = kiosk.window
    assert isinstance(window, MainWindow)
    tap(qtbot, window.attract, "start-es")
    tap(qtbot, window, "tile-beta")
    assert kiosk.metrics is not None
    writer = kiosk.metrics.writer
    rounds = writer.rounds
    qtbot.waitUntil(lambda: writer.rounds >= rounds + 2, timeout=WAIT_MS)
    found = samples(textfile.read_text())
    assert value(found, "fbss_kiosk_content_state", state="ok") == 1
    assert value(found, "fbss_kiosk_language_chosen_total", language="es") == 1
    assert value(found, "fbss_kiosk_section_opens_total", section="beta") == 1
