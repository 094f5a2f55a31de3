"""The fleet's metrics without Qt (issue 20, F2/F3): what they say, the textfile written by
rename, failures logged once without secrets and retried, a last write at stop, the outbox
backlog and the content state read by the writer thread, and delivery failures counted."""

from __future__ import annotations

import logging
import os
import random
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.appointments import RequestStore
from kiosk.appointments.backlog import read_backlog
from kiosk.content.live import LiveContent
from kiosk.content.source import ContentSource
from kiosk.delivery.worker import DeliveryWorker
from kiosk.fleet.kiosk_state import KioskState
from kiosk.fleet.metrics import FORM_STEPS, Identity, KioskMetrics
from kiosk.fleet.metrics_writer import MetricsWriter
from tests.appointments.factories import MARKER, FakeClock, request
from tests.delivery.fakes import FakeChannel

KIOSK_ID = "lobby-2"
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def samples(text: str) -> Samples:
    """Every sample as {(name, sorted labels): value}, parsed by prometheus_client."""
    found: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(found: Samples, name: str, **labels: str) -> float:
    """One sample's value; every sample carries the kiosk's id."""
    labels.setdefault("kiosk_id", KIOSK_ID)
    return found[(name, tuple(sorted(labels.items())))]


def make_metrics() -> KioskMetrics:
    return KioskMetrics(Identity("0.1.0", KIOSK_ID, "North clinic"))


class NoDisplay:
    def show(self, content: object) -> None: ...
    def replace_now(self, content: object) -> None: ...
    def offer(self, content: object) -> None: ...


def test_the_metrics_say_who_the_kiosk_is_and_what_patients_used() -> None:
    metrics = make_metrics()
    metrics.beat(1_700_000_000.0)
    metrics.session_started("en")
    metrics.opened("section", "alpha")
    metrics.opened("topic", "alpha-one")
    metrics.opened("topic", "alpha-one")
    metrics.language_switched("es")
    metrics.text_size(1.5)
    metrics.high_contrast(True)
    metrics.opened("request", "alpha-one")
    metrics.form_left("phone")
    metrics.session_reset()
    found = samples(metrics.text().decode())
    info = value(
        found,
        "fbss_kiosk_info",
        version="0.1.0",
        site="North clinic",
        content_version="",
        content_hash="",
    )
    assert info == 1
    assert value(found, "fbss_kiosk_ui_heartbeat_timestamp_seconds") == 1_700_000_000.0
    assert value(found, "fbss_kiosk_content_state", state="out_of_service") == 1
    assert value(found, "fbss_kiosk_patient_sessions_total") == 1
    assert value(found, "fbss_kiosk_session_resets_total") == 1
    assert value(found, "fbss_kiosk_section_opens_total", section="alpha") == 1
    assert value(found, "fbss_kiosk_topic_views_total", topic="alpha-one") == 2
    assert value(found, "fbss_kiosk_language_chosen_total", language="en") == 1
    assert value(found, "fbss_kiosk_language_chosen_total", language="es") == 1
    assert value(found, "fbss_kiosk_text_size_chosen_total", percent="150") == 1
    assert value(found, "fbss_kiosk_contrast_chosen_total", mode="high") == 1
    assert value(found, "fbss_kiosk_form_started_total") == 1
    assert value(found, "fbss_kiosk_form_abandoned_total", step="phone") == 1
    steps = {dict(labels)["step"] for name, labels in found if name.endswith("abandoned_total")}
    assert steps == set(FORM_STEPS)
    assert all(dict(labels)["kiosk_id"] == KIOSK_ID for _, labels in found)


def test_use_counters_hold_no_time_and_no_reference_code() -> None:
    """A `_created` sample would date a patient's first tap to the microsecond; the
    thank-you's route carries the request's reference code, which must never be a label."""
    metrics = make_metrics()
    metrics.opened("topic", "alpha-one")
    metrics.opened("confirmation", "K7M3QX")
    text = metrics.text().decode()
    assert "_created" not in text
    assert "K7M3QX" not in text
    assert value(samples(text), "fbss_kiosk_form_sent_total") == 1


def test_the_textfile_is_replaced_whole_and_parses(tmp_path: Path) -> None:
    path = tmp_path / "fbss_kiosk.prom"
    metrics = make_metrics()
    writer = MetricsWriter(metrics, path, "", 15.0, clock=lambda: 1234.0)
    writer.write_once()
    first = path.stat().st_ino
    metrics.opened("topic", "beta-one")
    writer.write_once()
    # rename(2) of a file written beside it: a new inode, never the old one rewritten in
    # place, so node_exporter reads the old file or the new one, never half of one.
    assert path.stat().st_ino != first
    assert os.listdir(tmp_path) == ["fbss_kiosk.prom"]  # no temporary file left behind
    found = samples(path.read_text())
    assert value(found, "fbss_kiosk_topic_views_total", topic="beta-one") == 1
    assert value(found, "fbss_kiosk_metrics_written_timestamp_seconds") == 1234.0
    assert writer.rounds == 2


def test_a_failed_write_or_push_is_logged_once_without_secrets_and_tried_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "textfile"  # does not exist yet: node_exporter not installed
    port = free_closed_port()
    url = f"http://metrics:s3cret-{MARKER}@127.0.0.1:{port}"
    writer = MetricsWriter(make_metrics(), folder / "k.prom", url, 15.0)
    with caplog.at_level(logging.INFO, logger="kiosk.metrics"):
        writer.write_once()
        writer.write_once()
        folder.mkdir()
        writer.write_once()
    lines = [r.getMessage() for r in caplog.records]
    assert sum("textfile to" in line for line in lines) == 1, lines
    assert sum("push to" in line for line in lines) == 1, lines
    assert any("textfile works again" in line for line in lines), lines
    assert (folder / "k.prom").is_file()
    assert not any("s3cret" in line or MARKER in line for line in lines)
    assert writer.rounds == 3


def free_closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again: a connection is refused


def test_the_thread_writes_each_round_and_once_more_at_stop(tmp_path: Path) -> None:
    path = tmp_path / "k.prom"
    metrics = make_metrics()
    wrote = threading.Event()
    writer = MetricsWriter(metrics, path, "", 3600.0, on_written=wrote.set)
    writer.start()
    assert wrote.wait(60)  # the first round comes at once, the next in an hour
    metrics.session_reset()  # after that round: only the write at stop can show it
    writer.stop(timeout=60)
    assert writer.rounds == 2
    assert value(samples(path.read_text()), "fbss_kiosk_session_resets_total") == 1


def test_the_outbox_backlog_counts_requests_still_waiting(data_dir: Path) -> None:
    clock = FakeClock()
    assert read_backlog(data_dir) == (0, None)  # no database yet
    with RequestStore(data_dir, clock=clock, channels=("email",)) as store:
        store.save(request())
        made = clock()
        clock.advance(minutes=5)
        store.save(request())
        assert read_backlog(data_dir) == (2, made)
        job = store.outbox.due(["email"])[0]
        store.outbox.delivered(job)
        assert read_backlog(data_dir) == (1, made + timedelta(minutes=5))


def test_the_writer_reads_the_outbox_and_the_content_state(mini_dir: Path) -> None:
    data = mini_dir / "data"
    clock = FakeClock()
    with RequestStore(data, clock=clock, channels=("email",)) as store:
        store.save(request())
    metrics = make_metrics()
    live = LiveContent(ContentSource(mini_dir / "content.yaml", data))
    now = clock().timestamp() + 7200
    state = KioskState(metrics, live, data, clock=lambda: now)
    state()
    found = samples(metrics.text().decode())
    assert value(found, "fbss_kiosk_content_state", state="out_of_service") == 1
    assert value(found, "fbss_kiosk_outbox_pending_requests") == 1
    assert value(found, "fbss_kiosk_outbox_oldest_pending_age_seconds") == 7200
    live.start(NoDisplay())
    live.source.wait_for_snapshot()
    state()
    found = samples(metrics.text().decode())
    assert value(found, "fbss_kiosk_content_state", state="ok") == 1
    infos = [labels for name, labels in found if name == "fbss_kiosk_info"]
    assert dict(infos[0])["content_version"] == "local"
    good_hash = dict(infos[0])["content_hash"]
    assert len(good_hash) == 12
    assert value(found, "fbss_kiosk_topic_views_total", topic="alpha-one") == 0  # listed
    (mini_dir / "content.yaml").write_text("sections: [\n")  # a broken edit
    live.reload()
    state()
    found = samples(metrics.text().decode())
    assert value(found, "fbss_kiosk_content_state", state="last_good") == 1
    infos = [labels for name, labels in found if name == "fbss_kiosk_info"]
    assert dict(infos[0])["content_hash"] == good_hash  # what is shown did not change


def test_delivery_failures_are_counted_by_channel(data_dir: Path) -> None:
    clock = FakeClock()
    with RequestStore(data_dir, clock=clock, channels=("email",)) as store:
        store.save(request())
    metrics = make_metrics()
    worker = DeliveryWorker(
        lambda: RequestStore(data_dir, clock=clock, recover=False),
        {"email": FakeChannel("email", down=True)},
        clock=clock,
        rng=random.Random(7),
    )
    worker.on_failure = metrics.delivery_failed
    worker.run_once()
    worker.close()
    found = samples(metrics.text().decode())
    assert value(found, "fbss_kiosk_delivery_failures_total", channel="email", outcome="failed")
