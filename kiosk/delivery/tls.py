"""TLS for every channel: certificates and host names always verified, TLS 1.2 or newer.

There is deliberately no way to turn verification off. A clinic with its own CA gives its
certificate file (smtp_ca_file / fhir_ca_file), which then replaces the system's list.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from kiosk.delivery.deadline import Deadline, DeadlineContext
from kiosk.delivery.errors import DeliveryError


def client_context(ca_file: Path | None, deadline: Deadline | None = None) -> DeadlineContext:
    """What ssl.create_default_context() makes (without its SSLKEYLOGFILE hook: session keys
    never go to a file), as a context whose sockets keep to `deadline`."""
    context = DeadlineContext(ssl.PROTOCOL_TLS_CLIENT)
    context.deadline = deadline
    try:
        if ca_file:
            context.load_verify_locations(cafile=str(ca_file))
        else:
            context.load_default_certs(ssl.Purpose.SERVER_AUTH)
    except (OSError, ssl.SSLError) as exc:
        raise DeliveryError("config", f"CA file unusable ({type(exc).__name__})") from None
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    # PROTOCOL_TLS_CLIENT demands a valid chain and a matching host name; the asserts keep a
    # future edit from loosening that silently.
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    return context


def read_secret(path: Path | None) -> str:
    """A password or token from its file (first line, without the line break).

    Never logged: on failure only the error name is reported."""
    if path is None:
        return ""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        name = type(exc).__name__
        raise DeliveryError("config", f"secret file unreadable ({name})") from None
    secret = text.splitlines()[0].strip() if text.strip() else ""
    if not secret:
        raise DeliveryError("config", "secret file is empty")
    return secret
