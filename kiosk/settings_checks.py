"""Checks of the kiosk's identity and address settings (kiosk/settings.py). No Qt."""

from __future__ import annotations

import re


def plain_line(value: str) -> bool:
    return len(value) <= 80 and value.isprintable()


def time_zone_ok(value: str) -> bool:
    if not value:
        return True
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(value)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return False
    return True


def base_url_ok(value: str) -> bool:
    if not value:
        return True
    return re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value) is not None


def default_kiosk_id() -> str:
    """The host name, cut to what a kiosk_id may hold (Windows names can hold spaces)."""
    import os

    if hasattr(os, "uname"):  # no socket module to import at start-up
        host = os.uname().nodename
    else:
        import socket

        host = socket.gethostname()
    name = re.sub(r"[^A-Za-z0-9._-]", "-", host).strip(".-_")[:64]
    return name or "kiosk"
