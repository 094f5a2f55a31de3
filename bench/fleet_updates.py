"""`python -m bench.fleet_updates`: 50 kiosks' update clients (the Qt-free code, the stock
tuf.ngclient) against one repository made by `publish`, served on loopback by a plain
static HTTP server. Time and bytes per poll, counted at the server (headers included):
a first poll on a new kiosk, a poll when nothing changed, and a poll after a new publish.
Then what 500 kiosks at a 5-minute interval ask of the server (docs/fleet.md)."""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

from bench.common import CACHE, ROOT, summary

CLIENTS = 50
FLEET, INTERVAL_S = 500, 300


class Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = self.bytes = 0

    def take(self) -> tuple[int, int]:
        with self.lock:
            seen, self.requests, self.bytes = (self.requests, self.bytes), 0, 0
        return seen


class _CountingWriter:
    def __init__(self, raw: BinaryIO, counter: Counter):
        self.raw, self.counter = raw, counter

    def write(self, data: bytes) -> int:
        with self.counter.lock:
            self.counter.bytes += len(data)
        return self.raw.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class CountingHandler(SimpleHTTPRequestHandler):
    counter: Counter

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self.counter)  # type: ignore[assignment]

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        with self.counter.lock:
            self.counter.requests += 1

    def log_message(self, format: str, *args: object) -> None:
        pass


def _round(
    name: str, clients: list[Any], counter: Counter, expect: str, together: bool = True
) -> dict[str, Any]:
    """Every client polls once: all at the same moment (the worst case for the server), or
    one after the other (as 500 kiosks spread over 5 minutes mostly are)."""

    def one(client: Any) -> tuple[float, str]:
        began = time.perf_counter()
        result = client.poll()
        if result.kind == "new":
            client.accepted(result)
        return (time.perf_counter() - began) * 1000, result.kind

    counter.take()
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(clients) if together else 1) as pool:
        done = list(pool.map(one, clients))
    wall = time.perf_counter() - began
    requests, sent = counter.take()
    kinds = {kind for _, kind in done}
    if kinds != {expect}:
        raise RuntimeError(f"{name}: expected every poll to be {expect!r}, got {kinds}")
    return {
        "poll_ms": summary([ms for ms, _ in done]),
        "round_s": round(wall, 2),
        "requests_per_poll": round(requests / len(clients), 2),
        "bytes_per_poll": round(sent / len(clients)),
    }


def measure(clients: int = CLIENTS, content: Path = ROOT / "content.yaml") -> dict[str, Any]:
    from kiosk.cli import main as cli
    from kiosk.fleet.update_client import UpdateClient

    CACHE.mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="fleet-", dir=CACHE))
    try:
        office = shutil.copytree(content.parent, scratch / "office", ignore=_only_content)
        staff_file = office / content.name
        keys, repo = scratch / "keys", scratch / "repo"
        quiet: Callable[..., int] = functools.partial(_quietly, cli)
        quiet(["keys", "init", "--keys", str(keys)])
        publish = ["publish", "--keys", str(keys), "--repo", str(repo)]
        quiet([*publish, "--content", str(staff_file)])
        counter = Counter()
        handler = functools.partial(CountingHandler, directory=str(repo))
        CountingHandler.counter = counter
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            fleet = []
            for i in range(clients):
                root = scratch / f"kiosk-{i}" / "updates" / "root.json"
                root.parent.mkdir(parents=True)
                shutil.copy(repo / "metadata" / "1.root.json", root)
                fleet.append(UpdateClient(url, root.parent.parent, root))
            result: dict[str, Any] = {"clients": clients}
            result["first_poll"] = _round("first poll", fleet, counter, "new")
            result["unchanged"] = _round("unchanged", fleet, counter, "same")
            text = staff_file.read_text(encoding="utf-8")
            staff_file.write_text(text + "\n# edited\n", encoding="utf-8")
            quiet([*publish, "--content", str(staff_file)])
            result["new_version"] = _round("new version", fleet, counter, "new")
            result["unchanged_one_at_a_time"] = _round(
                "unchanged", fleet, counter, "same", together=False
            )
            quiet([*publish, "--refresh"])  # the daily re-signing: a new timestamp only
            result["after_refresh"] = _round("after refresh", fleet, counter, "same")
            staff_file.write_text(text + "\n# edited again\n", encoding="utf-8")
            quiet([*publish, "--content", str(staff_file)])
            result["new_version_one_at_a_time"] = _round(
                "new version", fleet, counter, "new", together=False
            )
        finally:
            server.shutdown()
            server.server_close()
        bundle = (repo / "targets" / "content.tar.gz").stat().st_size
        result["bundle_bytes"] = bundle
        result["fleet"] = fleet_load(result)
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _only_content(folder: str, names: list[str]) -> set[str]:
    """The content file and assets/ only (not the whole checkout)."""
    if Path(folder) == ROOT:
        return {n for n in names if n not in ("content.yaml", "assets")}
    return set()


def _quietly(cli: Callable[[list[str]], int], argv: list[str]) -> int:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        code = cli(argv)
    if code != 0:
        raise RuntimeError(f"main.py {' '.join(argv[:1])} failed ({code})")
    return code


def fleet_load(result: dict[str, Any]) -> dict[str, Any]:
    """500 kiosks polling every 5 minutes, spread out: what the server sees."""
    polls_per_s = FLEET / INTERVAL_S
    same = result["unchanged"]
    new = result["new_version"]
    return {
        "kiosks": FLEET,
        "interval_s": INTERVAL_S,
        "polls_per_s": round(polls_per_s, 2),
        "requests_per_s_unchanged": round(polls_per_s * same["requests_per_poll"], 2),
        "bytes_per_s_unchanged": round(polls_per_s * same["bytes_per_poll"]),
        "bytes_per_day_unchanged": round(polls_per_s * same["bytes_per_poll"] * 86400),
        "bytes_per_new_version_whole_fleet": FLEET * new["bytes_per_poll"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fleet_updates", description=__doc__)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--out", type=Path, help="also write the figures here (JSON)")
    args = parser.parse_args(argv)
    result = measure(args.clients)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
