"""Build the delivery worker from the `[delivery]` settings; app.py starts and stops it."""

from __future__ import annotations

from pathlib import Path

from kiosk.appointments.service import RequestService
from kiosk.appointments.store import RequestStore
from kiosk.delivery.config import DeliverySettings
from kiosk.delivery.worker import Channel, DeliveryWorker


def build_channels(settings: DeliverySettings) -> dict[str, Channel]:
    channels: dict[str, Channel] = {}
    if "email" in settings.channels:
        from kiosk.delivery.email_channel import EmailChannel

        channels["email"] = EmailChannel(settings)
    if "fhir" in settings.channels:
        from kiosk.delivery.fhir_channel import FhirChannel

        channels["fhir"] = FhirChannel(settings)
    return channels


def build_worker(settings: DeliverySettings, data_dir: Path) -> DeliveryWorker:
    def open_store() -> RequestStore:
        # recover=False: only the kiosk's own request service may set a damaged file aside.
        return RequestStore(data_dir, recover=False)

    return DeliveryWorker(
        open_store, build_channels(settings), purge_after_days=settings.purge_after_days
    )


def start_delivery(
    settings: DeliverySettings, data_dir: Path, service: RequestService
) -> DeliveryWorker:
    """Give each new request a job per channel, wake the worker on each save, start it.
    With channel 'none' no thread is started: requests stay on the kiosk for staff export."""
    worker = build_worker(settings, data_dir)
    service.deliver_to(tuple(worker.channels), notify=worker.wake)
    worker.start()
    return worker
