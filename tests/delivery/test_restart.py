"""A kiosk killed (SIGKILL) in the middle of a delivery loses nothing and duplicates nothing:
the clinic stored the request but its answer never arrived; after the restart the worker
sends it again with the same key, the clinic recognises it, and every request ends up
there exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore
from tests.appointments.factories import request
from tests.delivery.servers import Certs, Clinic, FhirServer

ROOT = Path(__file__).resolve().parents[2]
HELPER = Path(__file__).with_name("worker_process.py")
REQUESTS = 10
BEFORE_KILL = 3  # delivered and acknowledged before the kill


class Worker:
    def __init__(self, data_dir: Path, server: FhirServer, certs: Certs) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, str(HELPER), str(data_dir), server.url, str(certs.ca_file)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        self._watchdog = threading.Timer(120, self.proc.kill)  # a hang fails, never hangs
        self._watchdog.start()

    def delivered(self, count: int) -> list[str]:
        assert self.proc.stdout is not None
        lines = [self.proc.stdout.readline().decode() for _ in range(count)]
        assert all(line.startswith("delivered ") for line in lines), lines
        return [line.split()[1] for line in lines]

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=60)
        self._watchdog.cancel()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")
def test_kill_9_mid_delivery_then_restart_delivers_each_request_once(
    data_dir: Path, fhir_server: FhirServer, clinic: Clinic, certs: Certs
) -> None:
    with RequestStore(data_dir, channels=("fhir",)) as store:
        references = sorted(store.save(request()).reference for _ in range(REQUESTS))
    clinic.script = ["ok"] * BEFORE_KILL + ["hang"]  # the 4th is stored, never answered

    first = Worker(data_dir, fhir_server, certs)
    try:
        acknowledged = first.delivered(BEFORE_KILL)
        assert clinic.wait_until(lambda c: len(c.posts) == BEFORE_KILL + 1)
    finally:
        first.kill()  # mid-send: the clinic has the 4th request, the kiosk does not know
    with RequestStore(data_dir, recover=False) as store:
        states = store.outbox.states()
    assert sorted(states.values()).count("fhir sent") == BEFORE_KILL
    assert "fhir retry 1 interrupted" in states.values()

    second = Worker(data_dir, fhir_server, certs)
    try:
        rest = second.delivered(REQUESTS - BEFORE_KILL)
    finally:
        second.kill()

    assert sorted(acknowledged + rest) == references  # every request, once each, on the kiosk
    assert len(clinic.records) == REQUESTS  # ... and at the clinic
    keys = [post.headers["Idempotency-Key"] for post in clinic.posts]
    assert len(keys) == REQUESTS + 1 and len(set(keys)) == REQUESTS  # one resend, same key
    with RequestStore(data_dir, recover=False) as store:
        assert store.outbox.summary().waiting == 0
        assert store.diagnostics()["requests"] == REQUESTS
    print(
        f"\nrestart: {REQUESTS} requests, kill -9 after {BEFORE_KILL} with the next stored but "
        f"unanswered; {len(clinic.posts)} POSTs, {len(clinic.records)} records at the clinic"
    )
