"""The `[delivery]` settings: which channels carry requests to the clinic, and how.

Kept light (no ssl, no smtplib) because the settings module imports it at start-up. Secrets
are never values here: only the paths of files that hold them (password_file, token_file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from kiosk.appointments.form_spec import CHANNELS, EMAIL, FHIR, NO_CHANNEL
from kiosk.settings_spec import setting

TLS_MODES: Final = ("starttls", "implicit")  # no plain-text mode on purpose
DEFAULT_PORTS: Final = {"starttls": 587, "implicit": 465}
FHIR_RESOURCES: Final = ("appointment", "bundle")

_ADDRESS = re.compile(r"[^@\s<>,;\"]{1,64}@[^@\s<>,;\".]+(\.[^@\s<>,;\".]+)+")


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


def _set(value: str) -> bool:
    return bool(value)


PEM = "the path of a PEM file of CA certificates"
SECONDS = "seconds between 1 and 300"


# One declaration per setting (kiosk/settings_spec.py); documented in docs/settings.md.
@dataclass(frozen=True)
class DeliverySettings:
    channels: tuple[str, ...] = setting(
        (),  # empty: 'none', the request stays on the kiosk
        check=_channels_ok,
        meaning="a list of 'none', 'email', 'fhir' (none alone)",
        to_value=lambda names: tuple(name for name in names if name != "none"),
        shown='`["none"]`',
        doc="where requests go: `none` (kept on the kiosk for staff export only), `email`, "
        "`fhir`, or both of the last two",
    )
    purge_after_days: int = setting(
        7,
        check=lambda v: 0 <= v <= 365,
        meaning="days between 0 and 365",
        doc="a request delivered on every channel is securely deleted from the kiosk this many "
        "days later (0-365; 0: at the next hourly sweep)",
    )
    smtp_host: str = setting(
        "",
        check=lambda v: bool(re.fullmatch(r"[A-Za-z0-9.:\[\]-]+", v)),
        meaning="a host name",
        doc="the clinic's mail server (needed for `email`)",
    )
    smtp_port: int = setting(
        0,  # 0: 587 for starttls, 465 for implicit
        check=lambda v: 0 <= v <= 65535,
        meaning="a port number (0: the TLS mode's default)",
        doc="0 means 587 for `starttls`, 465 for `implicit`",
    )
    smtp_tls: str = setting(
        "starttls",
        check=lambda v: v in TLS_MODES,
        meaning="'starttls' or 'implicit'",
        doc="`starttls` or `implicit`; there is no clear-text mode",
    )
    smtp_username: str = setting(
        "",
        meaning="a user name",
        shown="empty",
        doc="log in as this user (after TLS is up); empty: no login",
    )
    smtp_password_file: Path | None = setting(
        None,
        check=_set,
        meaning="the path of a file holding the password",
        doc="file whose first line is the SMTP password (needed with `smtp_username`)",
    )
    smtp_from: str = setting(
        "",
        check=lambda v: bool(_ADDRESS.fullmatch(v)),
        meaning="an e-mail address",
        doc="the sender address (needed for `email`)",
    )
    smtp_to: tuple[str, ...] = setting(
        (),
        check=lambda v: bool(v) and all(_ADDRESS.fullmatch(a) for a in v),
        meaning="a list of e-mail addresses",
        doc="list of front-desk addresses (needed for `email`)",
    )
    smtp_ca_file: Path | None = setting(
        None,
        check=_set,
        meaning=PEM,
        shown="the system's CAs",
        doc="PEM file of the CA(s) that signed the mail server's certificate, if it is the "
        "clinic's own",
    )
    smtp_timeout: float = setting(
        30.0,
        check=lambda v: 1 <= v <= 300,
        meaning=SECONDS,
        doc="the longest one delivery attempt to the mail server may take, from connecting to "
        "its last reply, in seconds (1-300)",
    )
    fhir_url: str = setting(
        "",
        check=_https_url,
        meaning="an https:// URL",
        doc="`https://` URL the resource is POSTed to: e.g. `.../fhir/Appointment`, or the base "
        "URL for `bundle` (needed for `fhir`)",
    )
    fhir_resource: str = setting(
        "appointment",
        check=lambda v: v in FHIR_RESOURCES,
        meaning="'appointment' or 'bundle'",
        doc="`appointment` (Appointment, status proposed, patient contained) or `bundle` "
        "(transaction Bundle: Patient + Appointment)",
    )
    fhir_token_file: Path | None = setting(
        None,
        check=_set,
        meaning="the path of a file holding a bearer token",
        doc="file whose first line is a bearer token sent as `Authorization: Bearer ...`; "
        "empty: none",
    )
    fhir_ca_file: Path | None = setting(
        None,
        check=_set,
        meaning=PEM,
        shown="the system's CAs",
        doc="PEM file of the CA(s) that signed the FHIR server's certificate",
    )
    fhir_timeout: float = setting(
        30.0,
        check=lambda v: 1 <= v <= 300,
        meaning=SECONDS,
        doc="the longest one delivery attempt to the FHIR server may take, from connecting to "
        "its last reply, in seconds (1-300)",
    )

    @property
    def port(self) -> int:
        return self.smtp_port or DEFAULT_PORTS.get(self.smtp_tls, 587)


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
