"""The outbox in the request database: a request and its delivery jobs are one transaction,
statuses for staff, the schema step that adds it, purges that take the jobs along."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.appointments import RequestStore, StoreError
from kiosk.appointments.schema import MIGRATIONS
from kiosk.appointments.service import Failed, RequestService, Saved
from kiosk.appointments.store import DB_NAME
from tests.appointments.factories import FakeClock, form, request


def count(data_dir: Path, table: str) -> int:
    with closing(sqlite3.connect(data_dir / DB_NAME)) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_a_saved_request_has_one_job_per_channel_due_now(
    store: RequestStore, clock: FakeClock
) -> None:
    receipt = store.save(request())
    jobs = store.outbox.due(["email", "fhir"])
    assert [(j.key, j.channel, j.attempts) for j in jobs] == [
        (receipt.id, "email", 0),
        (receipt.id, "fhir", 0),
    ]
    assert jobs[0].reference == receipt.reference and jobs[0].record.request == request()
    assert store.outbox.states() == {receipt.id: "email waiting, fhir waiting"}
    assert store.outbox.next_due(["email", "fhir"]) == {"email": clock.now, "fhir": clock.now}


def test_request_and_jobs_commit_together_or_not_at_all(data_dir: Path) -> None:
    with RequestStore(data_dir, channels=("email",)) as store:
        store.save(request())
        with closing(sqlite3.connect(store.path)) as conn, conn:  # the job insert will fail
            conn.execute(
                "CREATE TRIGGER no_jobs BEFORE INSERT ON outbox "
                "BEGIN SELECT RAISE(ABORT, 'outbox broken'); END"
            )
        with pytest.raises(StoreError):
            store.save(request())
    assert (count(data_dir, "requests"), count(data_dir, "outbox")) == (1, 1)


def test_the_patient_is_thanked_only_if_the_job_is_stored_too(data_dir: Path) -> None:
    notified: list[str] = []
    service = RequestService(data_dir, channels=("fhir",), notify=lambda: notified.append("wake"))
    assert isinstance(service.submit(form(), {"treatment"}), Saved)
    with closing(sqlite3.connect(data_dir / DB_NAME)) as conn, conn:
        conn.execute(
            "CREATE TRIGGER no_jobs BEFORE INSERT ON outbox "
            "BEGIN SELECT RAISE(ABORT, 'outbox broken'); END"
        )
    assert isinstance(service.submit(form(), {"treatment"}), Failed)
    service.close()
    assert notified == ["wake"]  # only for the request that was saved
    assert (count(data_dir, "requests"), count(data_dir, "outbox")) == (1, 1)


def test_channel_none_keeps_requests_local(data_dir: Path) -> None:
    with RequestStore(data_dir) as store:
        store.save(request())
        assert store.outbox.states() == {}
        assert store.outbox.summary().waiting == 0
    assert count(data_dir, "outbox") == 0


def test_unknown_channels_are_refused(data_dir: Path) -> None:
    with pytest.raises(ValueError, match="fax"):
        RequestStore(data_dir, channels=("fax",))
    with pytest.raises(ValueError, match="fax"):
        RequestService(data_dir, channels=("fax",))


def test_an_older_database_gains_the_outbox_and_keeps_its_requests(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    with closing(sqlite3.connect(data_dir / DB_NAME)) as conn, conn:
        for step in MIGRATIONS[:2]:
            for sql in step:
                conn.execute(sql)
        conn.execute("PRAGMA user_version = 2")
        conn.execute(
            "INSERT INTO requests VALUES ('old-id', 'ABCDEF', '2026-01-01T00:00:00.000000+00:00',"
            " 'new', 'A', 'B', '+12025550123', NULL, 'morning', 'treatment', NULL, 1)"
        )
    with RequestStore(data_dir, channels=("email",)) as store:
        assert [r.reference for r in store.list()] == ["ABCDEF"]
        assert store.outbox.states() == {}  # saved before delivery existed: stays local
        store.save(request())
        assert len(store.outbox.states()) == 1


def test_staff_purge_takes_the_jobs_along(store: RequestStore, clock: FakeClock) -> None:
    store.save(request())
    clock.advance(days=40)
    assert store.purge_older_than(30) == 1
    assert store.outbox.states() == {} and store.outbox.due(["email", "fhir"]) == []


def test_summary_counts_waiting_overdue_and_the_last_problem(
    store: RequestStore, clock: FakeClock
) -> None:
    old = store.save(request())
    clock.advance(hours=2)
    store.save(request())
    [email_job] = [j for j in store.outbox.due(["email"]) if j.key == old.id]
    store.outbox.begin_attempt(email_job, clock.now + timedelta(seconds=30))
    store.outbox.failed(email_job, "tls")
    summary = store.outbox.summary()
    assert (summary.waiting, summary.overdue, summary.problems) == (2, 1, {"email": "tls"})
    assert store.outbox.waiting_by_channel() == {"email": 2, "fhir": 2}
    for job in store.outbox.due(["email", "fhir"], everything=True):
        store.outbox.delivered(job)
    assert store.outbox.summary().line() == "every call-back request has been delivered"


def test_the_refused_state_arrives_by_a_schema_step_that_keeps_every_job(
    data_dir: Path, clock: FakeClock
) -> None:
    at = "2026-03-01T09:00:00.000000+00:00"
    with RequestStore(data_dir, clock=clock, channels=("email", "fhir")) as store:
        receipt = store.save(request())
        [email_job, _] = store.outbox.due(["email", "fhir"])
        store.outbox.delivered(email_job)
    with closing(sqlite3.connect(data_dir / DB_NAME)) as conn, conn:  # back to version 3
        conn.execute("DROP TABLE outbox")
        for sql in MIGRATIONS[2]:
            conn.execute(sql)
        conn.execute(
            "INSERT INTO outbox VALUES (?, 'email', 'delivered', 1, ?, NULL, ?), "
            "(?, 'fhir', 'pending', 2, ?, 'network', NULL)",
            (receipt.id, at, at, receipt.id, at),
        )
        for column in ("language", "reason_shown", "reason_staff", "kiosk_id", "site"):
            conn.execute(f"ALTER TABLE requests DROP COLUMN {column}")  # added by step 5
        conn.execute("PRAGMA user_version = 3")
    with RequestStore(data_dir, clock=clock) as store:
        assert store.outbox.states() == {receipt.id: "email sent, fhir retry 2 network"}
        [job] = store.outbox.due(["fhir"], everything=True)
        store.outbox.refused(job, "HTTP 422")
        assert store.outbox.states() == {receipt.id: "email sent, fhir REFUSED HTTP 422"}
        assert store.outbox.due(["fhir"], everything=True) == []
        assert store.outbox.retry_all_now() == 0  # refused stays refused
