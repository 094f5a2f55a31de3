"""The `[delivery]` settings: which channels carry requests to the clinic, and how.

Kept light (no ssl, no smtplib) because the settings module imports it at start-up. Secrets
are never values here: only the paths of files that hold them (password_file, token_file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from kiosk.appointments.form_spec import CHANNELS, EMAIL, FHIR, NO_CHANNEL

TLS_MODES: Final = ("starttls", "implicit")  # no plain-text mode on purpose
DEFAULT_PORTS: Final = {"starttls": 587, "implicit": 465}
FHIR_RESOURCES: Final = ("appointment", "bundle")
PATH_KEYS: Final = frozenset(
    {"smtp_password_file", "smtp_ca_file", "fhir_token_file", "fhir_ca_file"}
)

_ADDRESS = re.compile(r"[^@\s<>,;\"]{1,64}@[^@\s<>,;\".]+(\.[^@\s<>,;\".]+)+")


@dataclass(frozen=True)
class DeliverySettings:
    channels: tuple[str, ...] = ()  # empty: 'none', the request stays on the kiosk
    purge_after_days: int = 7
    smtp_host: str = ""
    smtp_port: int = 0  # 0: 587 for starttls, 465 for implicit
    smtp_tls: str = "starttls"
    smtp_username: str = ""
    smtp_password_file: Path | None = None
    smtp_from: str = ""
    smtp_to: tuple[str, ...] = field(default=())
    smtp_ca_file: Path | None = None
    smtp_timeout: float = 30.0
    fhir_url: str = ""
    fhir_resource: str = "appointment"
    fhir_token_file: Path | None = None
    fhir_ca_file: Path | None = None
    fhir_timeout: float = 30.0

    @property
    def port(self) -> int:
        return self.smtp_port or DEFAULT_PORTS.get(self.smtp_tls, 587)


def _channels_ok(value: list[str]) -> bool:
    names = set(value)
    if not names <= {NO_CHANNEL, *CHANNELS} or len(names) != len(value):
        return False
    return not (NO_CHANNEL in names and len(names) > 1)


def _https_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        return parts.scheme == "https" and bool(parts.hostname) and parts.port != 0
    except ValueError:
        return False


# key -> (type, check, what the check means), as settings.RULES; documented in docs/settings.md
DELIVERY_RULES: dict[str, tuple[type, Any, str]] = {
    "channels": (list, _channels_ok, "a list of 'none', 'email', 'fhir' (none alone)"),
    "purge_after_days": (int, lambda v: 0 <= v <= 365, "days between 0 and 365"),
    "smtp_host": (str, lambda v: bool(re.fullmatch(r"[A-Za-z0-9.:\[\]-]+", v)), "a host name"),
    "smtp_port": (int, lambda v: 0 <= v <= 65535, "a port number (0: the TLS mode's default)"),
    "smtp_tls": (str, lambda v: v in TLS_MODES, "'starttls' or 'implicit'"),
    "smtp_username": (str, lambda v: True, "a user name"),
    "smtp_password_file": (str, lambda v: bool(v), "the path of a file holding the password"),
    "smtp_from": (str, lambda v: bool(_ADDRESS.fullmatch(v)), "an e-mail address"),
    "smtp_to": (
        list,
        lambda v: bool(v) and all(_ADDRESS.fullmatch(a) for a in v),
        "a list of e-mail addresses",
    ),
    "smtp_ca_file": (str, lambda v: bool(v), "the path of a PEM file of CA certificates"),
    "smtp_timeout": (float, lambda v: 1 <= v <= 300, "seconds between 1 and 300"),
    "fhir_url": (str, _https_url, "an https:// URL"),
    "fhir_resource": (str, lambda v: v in FHIR_RESOURCES, "'appointment' or 'bundle'"),
    "fhir_token_file": (str, lambda v: bool(v), "the path of a file holding a bearer token"),
    "fhir_ca_file": (str, lambda v: bool(v), "the path of a PEM file of CA certificates"),
    "fhir_timeout": (float, lambda v: 1 <= v <= 300, "seconds between 1 and 300"),
}


def to_field(key: str, value: Any) -> Any:
    """A checked setting value as the DeliverySettings field holds it."""
    if key == "channels":
        return tuple(name for name in value if name != "none")
    if key == "smtp_to":
        return tuple(value)
    if key in PATH_KEYS:
        return Path(value)
    return value


def missing(settings: DeliverySettings) -> list[tuple[str, str]]:
    """Settings a chosen channel cannot work without, as (key to blame, message)."""
    problems: list[tuple[str, str]] = []
    if EMAIL in settings.channels:
        for key in ("smtp_host", "smtp_from", "smtp_to"):
            if not getattr(settings, key):
                problems.append(("channels", f"'channels' includes 'email' but '{key}' is not set"))
    if settings.smtp_username and settings.smtp_password_file is None:
        problems.append(("smtp_username", "'smtp_username' needs 'smtp_password_file'"))
    if FHIR in settings.channels and not settings.fhir_url:
        problems.append(("channels", "'channels' includes 'fhir' but 'fhir_url' is not set"))
    return problems
