"""The pieces put together as app.py does (the service knows the channels at once, the
worker starts after the first paint) and a real kiosk process started from the settings
file that delivers a request left waiting by an earlier run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from kiosk.appointments import RequestStore
from kiosk.appointments.service import RequestService, Saved
from kiosk.delivery.setup import build_worker
from tests.appointments.factories import form, request
from tests.delivery.conftest import fhir_settings
from tests.delivery.servers import Certs, Clinic, FhirServer

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini" / "content.yaml"


def test_a_request_sent_before_the_worker_starts_is_delivered(
    data_dir: Path, fhir_server: FhirServer, clinic: Clinic, certs: Certs
) -> None:
    worker = build_worker(fhir_settings(fhir_server, certs), data_dir)
    service = RequestService(data_dir, channels=tuple(worker.channels), notify=worker.wake)
    try:
        outcome = service.submit(form(), {"treatment"})  # a patient faster than start-up
        assert isinstance(outcome, Saved)
        worker.start()  # Kiosk.start_delivery, after the first paint
        assert clinic.wait_until(lambda c: len(c.records) == 1)
        outcome = service.submit(form(), {"treatment"})  # and the next one at once
        assert isinstance(outcome, Saved)
        assert clinic.wait_until(lambda c: len(c.records) == 2)
    finally:
        worker.stop()
        service.close()
    assert not worker.running


def test_a_kiosk_started_from_its_settings_delivers_what_was_waiting(
    tmp_path: Path, fhir_server: FhirServer, clinic: Clinic, certs: Certs
) -> None:
    data_dir = tmp_path / "data"
    with RequestStore(data_dir, channels=("fhir",)) as store:
        waiting = store.save(request())  # saved by a kiosk that died before delivering it
    settings = tmp_path / "settings.toml"
    settings.write_text(
        f"[kiosk]\ncontent = '{MINI}'\ndata_dir = '{data_dir}'\nwindowed = true\n"
        f"log_dir = '{tmp_path / 'logs'}'\n\n"
        f"[delivery]\nchannels = ['fhir']\nfhir_url = '{fhir_server.url}'\n"
        f"fhir_ca_file = '{certs.ca_file}'\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("FBSS_KIOSK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    kiosk = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "run", "--settings", str(settings)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert clinic.wait_until(lambda c: len(c.records) == 1)
    finally:
        kiosk.send_signal(signal.SIGTERM)
        kiosk.wait(timeout=60)
    assert list(clinic.records) == [waiting.id]
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "delivery worker started (fhir)" in log  # written before the thread starts
