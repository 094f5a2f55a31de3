"""The `requests` command's arguments, kept apart from the store so that building the
kiosk's whole command line stays cheap at start-up (nothing here imports SQLite or
phone-number data)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.paths import default_data_dir

if TYPE_CHECKING:  # generic only in typeshed, not at run time
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

EXPORT_FORMATS = ("csv", "json", "jsonl")  # kept equal to export.FORMATS by a test


def date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-05-01") from None


def time_zone_arg(text: str) -> str:
    from kiosk.settings_checks import time_zone_ok

    if not time_zone_ok(text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a time zone like America/Chicago")
    return text


def days_arg(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days (0 or more)")
    return days


def add_requests_parser(subparsers: SubParsers) -> argparse.ArgumentParser:
    """Add `requests` (list, export, purge) to a main parser's subcommands; returns it."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=default_data_dir(),
        metavar="DIR",
        help="where the kiosk keeps its data (default: %(default)s)",
    )
    parser = subparsers.add_parser(
        "requests",
        help="appointment requests: list, export, purge",
        description="Work with the call-back requests patients left at this kiosk.",
    )
    actions = parser.add_subparsers(dest="requests_command", metavar="ACTION", required=True)

    listing = actions.add_parser(
        "list", parents=[common], help="show references and times (no names or phones)"
    )
    listing.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD", help="from this day on")

    export = actions.add_parser(
        "export", parents=[common], help="full records as CSV, JSON or JSON Lines"
    )
    export.add_argument(
        "--format", choices=EXPORT_FORMATS, required=True, help="csv, json or jsonl (JSON Lines)"
    )
    export.add_argument(
        "--settings",
        type=Path,
        metavar="PATH",
        help="the kiosk's settings file, for its time_zone (see docs/settings.md)",
    )
    export.add_argument(
        "--time-zone",
        type=time_zone_arg,
        metavar="NAME",
        help="local times in this zone, e.g. America/Chicago (default: the time_zone "
        "setting, else the system's)",
    )
    export.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD", help="from this day on")
    export.add_argument(
        "--output", type=Path, metavar="FILE", help="write here (mode 0600) instead of stdout"
    )

    purge = actions.add_parser(
        "purge", parents=[common], help="securely delete requests older than DAYS days"
    )
    purge.add_argument("--older-than", type=days_arg, required=True, metavar="DAYS")
    return parser
