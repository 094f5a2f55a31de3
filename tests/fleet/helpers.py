"""A TUF repository made by `publish`, served by a real HTTP server on loopback."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kiosk.cli import main
from kiosk.fleet.keys import load_signer
from kiosk.fleet.repository import Repository


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # the test output stays readable


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """`directory` over HTTP on 127.0.0.1, on a free port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)


def publish(keys: Path, repo: Path, content: Path, *more: str) -> None:
    """`main.py publish` as IT runs it (in this process: the same code path)."""
    args = ["publish", "--keys", str(keys), "--repo", str(repo), "--content", str(content)]
    assert main([*args, *more]) == 0


def repository(keys: Path, repo: Path, now: datetime | None = None) -> Repository:
    """The repository with the publishing keys, for what `publish` cannot be made to do
    (a signed but hostile bundle, an injected clock)."""
    signers = {r: s for r in ("targets", "snapshot", "timestamp") if (s := load_signer(keys, r))}
    if now is None:
        return Repository(repo, signers)
    return Repository(repo, signers, now=lambda: now)


def edit(content: Path, old: str, new: str) -> None:
    text = content.read_text(encoding="utf-8")
    assert old in text
    content.write_text(text.replace(old, new, 1), encoding="utf-8")
