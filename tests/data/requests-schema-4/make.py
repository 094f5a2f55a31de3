"""How requests.sqlite3 beside this file was made: by the kiosk's code at schema 4 (commit
31106f9, before issue 19), so the migration test opens a file really written by it.

    git worktree add --detach /tmp/old main~N   # a commit at schema 4
    PYTHONPATH=/tmp/old python tests/data/requests-schema-4/make.py OUTDIR

Three requests (accents, an e-mail, notes, a topic as the reason) and six delivery jobs:
one delivered, one refused, one failed once, three pending.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.appointments import RequestStore, to_request

FORMS: list[dict[str, str | bool]] = [
    {
        "first_name": "María",
        "last_name": "García",
        "phone": "(202) 555-0123",
        "email": "",
        "best_time": "morning",
        "reason": "reason-pain-continues",
        "note": "",
        "consent": True,
    },
    {
        "first_name": "José",
        "last_name": "Núñez",
        "phone": "202-555-0144",
        "email": "jose@example.org",
        "best_time": "evening",
        "reason": "reason-medicines",
        "note": "Llamar después de las 5",
        "consent": True,
    },
    {
        "first_name": "Ann",
        "last_name": "O'Neil",
        "phone": "+1 312 555 0199",
        "email": "",
        "best_time": "afternoon",
        "reason": "cause-overview",
        "note": "=1+1",
        "consent": True,
    },
]


def main(out: Path) -> None:
    now = [datetime(2026, 11, 20, 15, 30, tzinfo=UTC)]
    with RequestStore(out, clock=lambda: now[0], channels=("email", "fhir")) as store:
        for values in FORMS:
            store.save(to_request(values))
            now[0] += timedelta(hours=2, minutes=7, seconds=3, microseconds=12345)
        jobs = store.outbox.due(["email", "fhir"])
        store.outbox.delivered(jobs[0])
        store.outbox.refused(jobs[1], "422")
        store.outbox.failed(jobs[2], "network")
    with sqlite3.connect(out / "requests.sqlite3") as conn:
        print("schema", conn.execute("PRAGMA user_version").fetchone()[0])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
