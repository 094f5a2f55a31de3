"""Restart-test helper: run the real delivery worker (FHIR channel) in its own process.

Usage: python worker_process.py DATA_DIR FHIR_URL CA_FILE. Prints one line per delivered
request ("delivered REFERENCE"), flushed, so the test can follow it; the test kills it with
SIGKILL in the middle of a send.
"""

from __future__ import annotations

import logging
import random
import sys
import threading
from pathlib import Path

from kiosk.appointments import RequestStore
from kiosk.delivery.backoff import Backoff
from kiosk.delivery.config import DeliverySettings
from kiosk.delivery.fhir_channel import FhirChannel
from kiosk.delivery.worker import DeliveryWorker


class Printer(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("request %s delivered by"):
            sys.stdout.write(f"delivered {record.args[0]}\n")  # type: ignore[index]
            sys.stdout.flush()


def main(data_dir: Path, url: str, ca_file: Path) -> None:
    logging.getLogger("kiosk.delivery").addHandler(Printer())
    logging.getLogger("kiosk.delivery").setLevel(logging.INFO)
    settings = DeliverySettings(channels=("fhir",), fhir_url=url, fhir_ca_file=ca_file)
    worker = DeliveryWorker(
        lambda: RequestStore(data_dir, recover=False),
        {"fhir": FhirChannel(settings)},
        backoff=Backoff(base=0.02, cap=0.2),
        rng=random.Random(),
    )
    worker.start()
    threading.Event().wait(600)  # until killed


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
