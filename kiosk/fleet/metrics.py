"""The kiosk's Prometheus metrics (issue 20, F2 and F3), in a registry of their own. No Qt:
the GUI thread only calls the small methods below (an increment, a gauge set), and the
writer thread (kiosk/fleet/metrics_writer.py) reads the stores and writes. Every metric is
listed in docs/fleet.md.

Use counters carry content ids only (a topic's id, a section's id, a language code, a
step name), never anything a patient typed, and no time: the counters have no `_created`
series, so a count says at most "some time since the last write". Each label value is one
of a fixed set from the content or the form spec, so no patient can add a series."""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import prometheus_client
from prometheus_client import CollectorRegistry, Counter, Gauge, Info
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from kiosk.appointments.form_spec import STEPS

if TYPE_CHECKING:
    from kiosk.content import Content

# A counter's `_created` sample is the time its first increment happened (to the
# microsecond): a patient's tap. Off for the whole process, before any counter is made.
prometheus_client.disable_created_metrics()  # type: ignore[no-untyped-call]

NAMESPACE = "fbss_kiosk"
CONTENT_STATES = ("ok", "last_good", "out_of_service")
FORM_STEPS = (*(name for name, _ in STEPS), "review")
TEXT_SIZES = {1.0: "100", 1.5: "150", 2.0: "200"}
_NOT_YET = object()  # no content seen yet: the first set_content fills the info


@dataclass(frozen=True)
class Identity:
    version: str  # the kiosk software's
    kiosk_id: str
    site: str


def content_hash(content: Content) -> str:
    """A short fingerprint of what the kiosk shows (its parsed content, not the file, so a
    broken edit on disk does not change it)."""
    return hashlib.sha256(repr(content).encode()).hexdigest()[:12]


class WithKioskId(Collector):
    """Every sample of `inner` with the kiosk's id as a label, in the textfile as in the
    push, so one alert rule fits both (node_exporter's own labels name the computer, not
    the kiosk)."""

    def __init__(self, inner: CollectorRegistry, kiosk_id: str) -> None:
        self.inner, self.kiosk_id = inner, kiosk_id

    def collect(self) -> Iterator[Metric]:
        for metric in self.inner.collect():
            labelled = copy.copy(metric)
            labelled.samples = [
                sample._replace(labels={**sample.labels, "kiosk_id": self.kiosk_id})
                for sample in metric.samples
            ]
            yield labelled


class KioskMetrics:
    def __init__(self, identity: Identity) -> None:
        self.identity = identity
        self.registry = registry = CollectorRegistry(auto_describe=True)
        # What is written and pushed: the same metrics, each with the kiosk_id label.
        self.output = CollectorRegistry(auto_describe=False)
        self.output.register(WithKioskId(registry, identity.kiosk_id))

        def counter(name: str, doc: str, labels: tuple[str, ...] = ()) -> Counter:
            return Counter(name, doc, labels, namespace=NAMESPACE, registry=registry)

        def gauge(name: str, doc: str, labels: tuple[str, ...] = ()) -> Gauge:
            return Gauge(name, doc, labels, namespace=NAMESPACE, registry=registry)

        self.info = Info(NAMESPACE, "the kiosk and what it shows", registry=registry)
        self.heartbeat = gauge(
            "ui_heartbeat_timestamp_seconds",
            "when the GUI thread last ran its heartbeat timer (stale: the screen is frozen)",
        )
        self.written = gauge(
            "metrics_written_timestamp_seconds", "when the writer thread wrote these metrics"
        )
        self.interval = gauge(
            "metrics_interval_seconds", "seconds between two writes (alert rules scale with it)"
        )
        self.content_version = gauge(
            "content_version",
            "the published content's version number (0: this disk's own file); a kiosk "
            "below its group's highest has not taken the latest content yet",
        )
        self.content_state = gauge(
            "content_state", "1 for the content's state: ok, last_good, out_of_service", ("state",)
        )
        self.content_changed = gauge(
            "content_changed_timestamp_seconds", "when the content shown last changed"
        )
        self.outbox_pending = gauge(
            "outbox_pending_requests", "call-back requests not yet delivered (being retried)"
        )
        self.outbox_oldest = gauge(
            "outbox_oldest_pending_age_seconds",
            "age of the oldest request not yet delivered (0: none waiting)",
        )
        self.delivery_failures = counter(
            "delivery_failures",
            "delivery attempts that failed (retried) or were refused for good",
            ("channel", "outcome"),
        )
        self.sessions = counter("patient_sessions", "patient sessions started (start screen woken)")
        self.resets = counter("session_resets", "resets between patients")
        self.topic_views = counter("topic_views", "topics opened, by topic id", ("topic",))
        self.section_opens = counter("section_opens", "sections opened, by id", ("section",))
        self.languages = counter(
            "language_chosen", "sessions started in, or switched to, a language", ("language",)
        )
        self.text_sizes = counter("text_size_chosen", "text size changes, by size", ("percent",))
        self.contrast = counter("contrast_chosen", "contrast changes, by mode", ("mode",))
        self.form_started = counter("form_started", "call-back forms opened")
        self.form_sent = counter("form_sent", "call-back requests stored (thank-you shown)")
        self.form_abandoned = counter(
            "form_abandoned", "forms left before sending, by the step shown last", ("step",)
        )
        for state in CONTENT_STATES:
            self.content_state.labels(state)
        # Every series a patient can move is there at 0 from the start, so the first tap
        # counts in increase() and the file's size does not grow with use.
        for step in FORM_STEPS:
            self.form_abandoned.labels(step)
        for percent in TEXT_SIZES.values():
            self.text_sizes.labels(percent)
        for mode in ("high", "normal"):
            self.contrast.labels(mode)
        self._content: object = _NOT_YET
        self._content_version = ""
        self.set_content(None, "", "out_of_service", 0.0)

    # The GUI thread (each an increment or a set; prometheus_client locks) ---------------
    def beat(self, now: float) -> None:
        self.heartbeat.set(now)

    def session_started(self, language: str) -> None:
        self.sessions.inc()
        self.languages.labels(language).inc()

    def session_reset(self) -> None:
        self.resets.inc()

    def opened(self, kind: str, ident: str) -> None:
        """A screen the patient opened (not Back). The confirmation's ident is a request's
        reference code: never used."""
        if kind == "topic":
            self.topic_views.labels(ident).inc()
        elif kind == "section":
            self.section_opens.labels(ident).inc()
        elif kind == "request":
            self.form_started.inc()
        elif kind == "confirmation":
            self.form_sent.inc()

    def form_left(self, step: str) -> None:
        self.form_abandoned.labels(step if step in FORM_STEPS else "review").inc()

    def language_switched(self, language: str) -> None:
        self.languages.labels(language).inc()

    def text_size(self, scale: float) -> None:
        self.text_sizes.labels(TEXT_SIZES.get(scale, str(round(scale * 100)))).inc()

    def high_contrast(self, on: bool) -> None:
        self.contrast.labels("high" if on else "normal").inc()

    # The delivery threads -------------------------------------------------------------
    def know_channels(self, channels: tuple[str, ...]) -> None:
        for channel in channels:
            for outcome in ("failed", "refused"):
                self.delivery_failures.labels(channel, outcome)

    def delivery_failed(self, channel: str, outcome: str) -> None:
        self.delivery_failures.labels(channel, outcome).inc()

    # The writer thread ----------------------------------------------------------------
    def set_content(self, content: Content | None, version: str, state: str, now: float) -> None:
        """What the kiosk shows now; the hash is only worked out when the content changed."""
        if content is not self._content or version != self._content_version:
            self._content, self._content_version = content, version
            self.content_changed.set(now)
            self.content_version.set(int(version) if version.isdigit() else 0)
            if content is not None:
                self._know(content)
            ident = self.identity
            self.info.info(
                {
                    "version": ident.version,
                    "site": ident.site,
                    "content_version": version,
                    "content_hash": content_hash(content) if content is not None else "",
                }
            )
        for known in CONTENT_STATES:
            self.content_state.labels(known).set(1 if known == state else 0)

    def _know(self, content: Content) -> None:
        for language in content.languages:
            self.languages.labels(language)
        for section in content.sections:
            self.section_opens.labels(section.id)
            for topic in section.topics:
                self.topic_views.labels(topic.id)

    def set_outbox(self, pending: int, oldest_age_s: float) -> None:
        self.outbox_pending.set(pending)
        self.outbox_oldest.set(max(0.0, oldest_age_s))

    def text(self) -> bytes:
        """The metrics in the text format node_exporter and the Pushgateway read."""
        return prometheus_client.generate_latest(self.output)
