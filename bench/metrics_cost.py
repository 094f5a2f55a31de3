"""What the fleet's metrics cost a kiosk (docs/fleet.md), on the shipped content: one use
counter increment (the only work on a tap), one refresh of the content state and outbox,
one textfile write, one push to a Pushgateway on loopback (if `prometheus-pushgateway` is
installed), and the textfile's size. Not a test: numbers for the docs.

    python -m bench.metrics_cost
"""

from __future__ import annotations

import statistics
import tempfile
import time
import timeit
from pathlib import Path

from kiosk.appointments import RequestStore
from kiosk.content.live import LiveContent
from kiosk.content.source import ContentSource
from kiosk.fleet.kiosk_state import KioskState
from kiosk.fleet.metrics import Identity, KioskMetrics
from kiosk.fleet.metrics_writer import MetricsWriter

ROOT = Path(__file__).resolve().parent.parent


class _NoDisplay:
    def show(self, content: object) -> None: ...
    def replace_now(self, content: object) -> None: ...
    def offer(self, content: object) -> None: ...


def _ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples):.2f} ms, max {max(samples):.2f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        with RequestStore(data, channels=("email",)):
            pass
        live = LiveContent(ContentSource(ROOT / "content.yaml", data))
        live.start(_NoDisplay())
        live.source.wait_for_snapshot()
        metrics = KioskMetrics(Identity("0.1.0", "lobby-2", "North clinic, 2nd floor"))
        state = KioskState(metrics, live, data)
        started = time.perf_counter()
        state()  # the first one hashes the content
        first = (time.perf_counter() - started) * 1000
        refresh = [timeit.timeit(state, number=1) * 1000 for _ in range(50)]
        n = 100_000
        tap = timeit.timeit(lambda: metrics.opened("topic", "what-is-fbss"), number=n) / n
        path = Path(folder) / "fbss_kiosk.prom"
        writer = MetricsWriter(metrics, path, "", 15.0)
        writes = []
        for _ in range(50):
            writer.write_once()
            writes.append(writer.last_write_ms)
        print(f"tap: one counter increment {tap * 1e6:.1f} us")
        print(f"refresh: first (hashes the content) {first:.1f} ms; then {_ms(refresh)}")
        print(f"textfile write: {_ms(writes)}; {path.stat().st_size} bytes")
        print(f"series: {sum(1 for line in path.read_text().splitlines() if line[:1] != '#')}")
        _push(metrics, Path(folder))


def _push(metrics: KioskMetrics, folder: Path) -> None:
    try:
        from tests.fleet.pushgateway import running_pushgateway
    except ImportError:
        return
    import pytest

    try:
        with running_pushgateway(folder) as url:
            writer = MetricsWriter(metrics, None, url, 15.0)
            pushes = []
            for _ in range(50):
                writer.write_once()
                pushes.append(writer.last_push_ms)
            print(f"push to a Pushgateway on loopback: {_ms(pushes)}")
    except pytest.skip.Exception:
        print("push: prometheus-pushgateway is not installed")


if __name__ == "__main__":
    main()
