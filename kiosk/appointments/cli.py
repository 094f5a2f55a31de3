"""Staff commands: `requests list | export | purge`, with no display needed.

`list` shows no names or phone numbers (anyone may glance at the screen); `export` is how
staff get the full records. Errors print one clear line and exit 1, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, tzinfo
from pathlib import Path

from kiosk.appointments.cli_args import add_requests_parser, date_arg, days_arg
from kiosk.appointments.errors import StoreError
from kiosk.appointments.export import ExportFormat, export_to_file, write_export
from kiosk.appointments.outbox import Outbox
from kiosk.appointments.readable import zone
from kiosk.appointments.records import StoredRequest
from kiosk.appointments.store import DB_NAME, RequestStore
from kiosk.content.cache import CACHE_NAME
from kiosk.content.snapshot import SNAPSHOT_DIR
from kiosk.paths import LOCK_NAME, default_data_dir


def run_requests(args: argparse.Namespace) -> int:
    """Run the parsed `requests` command; 0 on success, 1 with a message on stderr otherwise."""
    action: str = args.requests_command
    data_dir = Path(args.data_dir)
    with _one_line_errors():
        return _run(action, data_dir, args)


def _run(action: str, data_dir: Path, args: argparse.Namespace) -> int:
    try:
        missing = not (data_dir / DB_NAME).is_file()  # never create an empty one for a typo
    except OSError as exc:
        _error(action, f"cannot read {data_dir}: {exc.strerror or exc}")
        return 1
    if missing and not is_kiosk_data_dir(data_dir):
        _error(action, f"no request database in {data_dir} (wrong --data-dir?)")
        return 1
    where: tzinfo | None = None
    if action == "export":
        problems = _export_zone(args)
        if isinstance(problems, list):
            for problem in problems:
                _error(action, problem)
            return 1
        where = problems
    try:
        if missing:
            return _no_requests_yet(action, args)
        # recover=False: a damaged file is reported, never moved from under a running kiosk.
        with RequestStore(data_dir, recover=False) as store:
            if action == "list":
                records = store.list(_start_of(args.since))
                _print_table(records, store.count_pending(), store.outbox.states())
                _print_delivery(store.outbox)
            elif action == "export":
                _export(store.list(_start_of(args.since)), args.format, args.output, where)
            elif action == "purge":
                count = store.purge_older_than(args.older_than)
                print(f"deleted {count} request(s) older than {args.older_than} day(s)")
            else:
                _error(action, "unknown action")
                return 1
    except StoreError as exc:
        _error(action, str(exc))
        return 1
    except OSError as exc:  # the export file: missing folder, no permission, disk full
        _error(action, f"cannot write {exc.filename or 'the output'}: {exc.strerror or exc}")
        return 1
    except Exception as exc:  # staff must never see a traceback; the type is PHI-free
        _error(action, f"unexpected error ({type(exc).__name__})")
        return 1
    return 0


def is_kiosk_data_dir(folder: Path) -> bool:
    """The default data folder, or one a kiosk has run with (its lock, last good content or
    content cache): no requests there means "none yet", not "wrong folder"."""
    try:
        if folder.resolve() == default_data_dir().resolve():
            return True
        return any((folder / name).exists() for name in (LOCK_NAME, SNAPSHOT_DIR, CACHE_NAME))
    except OSError:
        return False


def _no_requests_yet(action: str, args: argparse.Namespace) -> int:
    """A kiosk that has had no request yet: an empty answer, not an error (scripts that
    export every night must not fail on a quiet day)."""
    if action == "export":
        print("no requests yet", file=sys.stderr)
        _export([], args.format, args.output)  # an empty export (CSV header, JSON [])
    elif action == "purge":
        print("no requests yet; nothing to delete")
    else:
        print("no requests yet")
    return 0


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Without a logging set-up, show the store's warnings but not its error log lines:
    each error already becomes the command's one clear message."""
    if logging.getLogger().handlers:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.addFilter(lambda record: record.levelno < logging.ERROR)
    handler.setFormatter(logging.Formatter("warning: %(message)s"))
    logger = logging.getLogger("kiosk.appointments")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _start_of(day: date | None) -> datetime | None:
    """Local midnight at the start of `day`: staff think in the clinic's days, not UTC's."""
    return None if day is None else datetime.combine(day, time()).astimezone()


def _export_zone(args: argparse.Namespace) -> tzinfo | list[str] | None:
    """The zone of the export's local times: --time-zone, else the time_zone setting (the
    --settings file, FBSS_KIOSK_TIME_ZONE), else the system's. A list: the settings'
    problems, each with its place."""
    from kiosk.settings import SettingsError, load_settings

    try:
        settings = load_settings(args.settings, flags={"time_zone": args.time_zone})
    except SettingsError as exc:
        return exc.problems
    return zone(settings.time_zone)


def _export(
    records: list[StoredRequest],
    fmt: ExportFormat,
    output: Path | None,
    where: tzinfo | None = None,
) -> None:
    if output is None:
        write_export(records, fmt, sys.stdout, newline="\n", where=where)
        return
    count = export_to_file(records, fmt, output, where)
    print(f"wrote {count} request(s) to {output}", file=sys.stderr)


def _print_table(records: list[StoredRequest], pending: int, delivery: dict[str, str]) -> None:
    header = ("REFERENCE", "CREATED (LOCAL)", "STATUS", "DELIVERY", "BEST TIME", "REASON")
    rows = [
        (
            r.reference,
            r.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            r.status,
            delivery.get(r.id, "local only"),
            r.request.best_time,
            r.request.reason,
        )
        for r in records
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())
    print(f"{len(rows)} request(s) listed; {pending} new in total")


def _print_delivery(outbox: Outbox) -> None:
    """One line on getting requests to the clinic, when any channel was ever configured."""
    if outbox.states():
        summary = outbox.summary()
        flag = "OVERDUE: " if summary.overdue else ""
        print(f"delivery: {flag}{summary.line()}")


def _error(action: str, message: str) -> None:
    print(f"requests {action}: {message}", file=sys.stderr)


__all__ = ["add_requests_parser", "date_arg", "days_arg", "run_requests"]
