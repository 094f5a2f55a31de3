"""Staff export of stored requests as CSV, JSON or JSON Lines, to a stream or to a private
(0600) file. Each row gives what staff read (local time, language, reason in words, site and
kiosk) first, then the machine columns that scripts rely on (UTC time, reason id, ids)."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from datetime import tzinfo
from pathlib import Path
from typing import Final, Literal, TextIO, get_args

from kiosk.appointments.files import PRIVATE_FILE, fsync_dir
from kiosk.appointments.form_spec import FREE_TEXT
from kiosk.appointments.readable import language_words, local_time, reason_words
from kiosk.appointments.records import StoredRequest

ExportFormat = Literal["csv", "json", "jsonl"]
FORMATS: Final[tuple[str, ...]] = get_args(ExportFormat)

# Readable first, in the order staff call back with, then what scripts use; every column of
# before issue 19 is kept under its name (created_at in UTC, reason as its pick-list id).
COLUMNS: Final = (
    "reference",
    "local_time",
    "status",
    "first_name",
    "last_name",
    "phone",
    "email",
    "best_time",
    "reason_text",
    "reason",
    "note",
    "language",
    "site",
    "kiosk",
    "created_at",
    "reason_as_shown",
    "language_code",
    "consent",
    "id",
)
# Text a patient typed, or that content and settings wrote. A spreadsheet would run a cell
# starting with one of these as a formula.
_FREE_TEXT: Final = FREE_TEXT | {"reason_text", "reason_as_shown", "site", "kiosk"}
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, str | bool | None]


def to_row(record: StoredRequest, where: tzinfo | None = None) -> Row:
    """One record as plain values: local_time in `where` (None: the system's zone),
    created_at in UTC ISO 8601; None where an older request did not record it."""
    req, ctx = record.request, record.context
    return {
        "reference": record.reference,
        "local_time": local_time(record.created_at, where),
        "status": record.status,
        "first_name": req.first_name,
        "last_name": req.last_name,
        "phone": req.phone,
        "email": req.email,
        "best_time": req.best_time,
        "reason_text": reason_words(req.reason, ctx),
        "reason": req.reason,
        "note": req.note,
        "language": language_words(ctx.language),
        "site": ctx.site,
        "kiosk": ctx.kiosk_id,
        "created_at": record.created_at.isoformat(),
        "reason_as_shown": ctx.reason_shown,
        "language_code": ctx.language,
        "consent": req.consent,
        "id": record.id,
    }


def write_csv(
    records: Iterable[StoredRequest],
    stream: TextIO,
    newline: str = "\r\n",
    where: tzinfo | None = None,
) -> int:
    """CSV with a header row; returns the number of records written.

    RFC 4180 "\r\n" for files opened with newline=""; pass "\n" for a text stream such as
    stdout that translates newlines itself.
    """
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator=newline)
    writer.writeheader()
    count = 0
    for record in records:
        row = to_row(record, where)
        writer.writerow({key: _csv_cell(key, value) for key, value in row.items()})
        count += 1
    return count


def write_json(
    records: Iterable[StoredRequest], stream: TextIO, where: tzinfo | None = None
) -> int:
    """A JSON array of objects (null for empty optional fields); returns the count."""
    rows = [to_row(record, where) for record in records]
    json.dump(rows, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
    return len(rows)


def write_jsonl(
    records: Iterable[StoredRequest], stream: TextIO, where: tzinfo | None = None
) -> int:
    """JSON Lines: one object a line, the same keys as JSON, for scripts that read a
    record at a time (and append files day by day); returns the count."""
    count = 0
    for record in records:
        stream.write(json.dumps(to_row(record, where), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_export(
    records: Iterable[StoredRequest],
    fmt: ExportFormat,
    stream: TextIO,
    newline: str = "\r\n",
    where: tzinfo | None = None,
) -> int:
    if fmt == "csv":
        return write_csv(records, stream, newline, where)
    if fmt == "json":
        return write_json(records, stream, where)
    if fmt == "jsonl":
        return write_jsonl(records, stream, where)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def export_to_file(
    records: Iterable[StoredRequest], fmt: ExportFormat, path: Path, where: tzinfo | None = None
) -> int:
    """Write the export to `path`, readable by this user only, all or nothing.

    The data goes to a new 0600 temporary file beside `path` (mkstemp: O_CREAT|O_EXCL, 0600),
    then replaces `path` in one rename, so an existing file's looser mode is never inherited
    and a failed export never leaves half a file.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    # utf-8-sig: Excel, what most front desks open CSV with, then reads accents correctly.
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as stream:
            if hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), PRIVATE_FILE)  # mkstemp's 0600, whatever the umask
            count = write_export(records, fmt, stream, where=where)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return count


def _csv_cell(key: str, value: str | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key in _FREE_TEXT and value.startswith(_FORMULA_STARTS):
        return "'" + value  # shown as text, never evaluated (OWASP CSV injection advice)
    return value
