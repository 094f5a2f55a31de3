"""Crash-test helper: save requests forever, printing each reference only after save() returns.

Usage: python crash_writer.py DATA_DIR. The crash test kills this with SIGKILL; every line it
managed to print is a receipt the patient would have seen, so it must be in the database.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.appointments import RequestStore, to_request

FORM: dict[str, str | bool] = {
    "first_name": "Crash",
    "last_name": "Test",
    "phone": "(202) 555-0123",
    "best_time": "afternoon",
    "reason": "treatment",
    "note": "written by crash_writer.py " + "x" * 150,  # a few rows per page, page splits
    "consent": True,
}


def main(data_dir: Path) -> None:
    request = to_request(FORM)
    store = RequestStore(data_dir)
    for _ in range(100_000):  # bounded, in case nobody kills it
        receipt = store.save(request)
        sys.stdout.write(receipt.reference + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
