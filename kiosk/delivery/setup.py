"""Build the delivery worker from the `[delivery]` settings. app.py gives the request
service the channel names at once (each saved request gets its jobs) and starts the worker
after the first paint; the worker then sends whatever is waiting."""

from __future__ import annotations

from pathlib import Path

from kiosk.appointments.form_spec import EMAIL, FHIR
from kiosk.appointments.store import RequestStore
from kiosk.delivery.config import DeliverySettings
from kiosk.delivery.worker import Channel, DeliveryWorker


def build_channels(settings: DeliverySettings, time_zone: str = "") -> dict[str, Channel]:
    """`time_zone`: the [kiosk] setting, for the local times staff read."""
    channels: dict[str, Channel] = {}
    if EMAIL in settings.channels:
        from kiosk.delivery.email_channel import EmailChannel

        channels[EMAIL] = EmailChannel(settings, time_zone=time_zone)
    if FHIR in settings.channels:
        from kiosk.delivery.fhir_channel import FhirChannel

        channels[FHIR] = FhirChannel(settings)
    return channels


def build_worker(settings: DeliverySettings, data_dir: Path, time_zone: str = "") -> DeliveryWorker:
    def open_store() -> RequestStore:
        # recover=False: only the kiosk's own request service may set a damaged file aside.
        return RequestStore(data_dir, recover=False)

    return DeliveryWorker(
        open_store,
        build_channels(settings, time_zone),
        purge_after_days=settings.purge_after_days,
    )
