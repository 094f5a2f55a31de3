"""Staff export of stored requests as CSV or JSON, to a stream or to a private (0600) file."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Final, Literal, TextIO, get_args

from kiosk.appointments.files import PRIVATE_FILE, fsync_dir
from kiosk.appointments.form_spec import FIELDS, FREE_TEXT
from kiosk.appointments.records import StoredRequest

ExportFormat = Literal["csv", "json"]
FORMATS: Final[tuple[str, ...]] = get_args(ExportFormat)

# The record's own columns around the form's fields, in the form's order.
COLUMNS: Final = ("reference", "created_at", "status", *FIELDS, "id")
# Text a patient typed. A spreadsheet would run a cell starting with one of these as a formula.
_FREE_TEXT: Final = FREE_TEXT
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, str | bool | None]


def to_row(record: StoredRequest) -> Row:
    """One record as plain values; created_at in UTC ISO 8601."""
    req = record.request
    return {
        "reference": record.reference,
        "created_at": record.created_at.isoformat(),
        "status": record.status,
        "first_name": req.first_name,
        "last_name": req.last_name,
        "phone": req.phone,
        "email": req.email,
        "best_time": req.best_time,
        "reason": req.reason,
        "note": req.note,
        "consent": req.consent,
        "id": record.id,
    }


def write_csv(records: Iterable[StoredRequest], stream: TextIO, newline: str = "\r\n") -> int:
    """CSV with a header row; returns the number of records written.

    RFC 4180 "\r\n" for files opened with newline=""; pass "\n" for a text stream such as
    stdout that translates newlines itself.
    """
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator=newline)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({key: _csv_cell(key, value) for key, value in to_row(record).items()})
        count += 1
    return count


def write_json(records: Iterable[StoredRequest], stream: TextIO) -> int:
    """A JSON array of objects (null for empty optional fields); returns the count."""
    rows = [to_row(record) for record in records]
    json.dump(rows, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
    return len(rows)


def write_export(
    records: Iterable[StoredRequest], fmt: ExportFormat, stream: TextIO, newline: str = "\r\n"
) -> int:
    if fmt == "csv":
        return write_csv(records, stream, newline)
    if fmt == "json":
        return write_json(records, stream)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def export_to_file(records: Iterable[StoredRequest], fmt: ExportFormat, path: Path) -> int:
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
            count = write_export(records, fmt, stream)
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
