"""DeliveryError: why a delivery attempt failed, as a kind that is safe to log and store.

Servers' own texts are never kept: an SMTP reply or a FHIR OperationOutcome may echo what
was sent, which is patient data. Only codes (SMTP 451, HTTP 503) and error names survive.
"""

from __future__ import annotations

import errno
import http.client
import smtplib
import ssl
from typing import Final

# Kinds that say the channel is unusable right now (so its other jobs wait too), as opposed
# to 'rejected' and 'bug', which are about one request.
CHANNEL_WIDE: Final = frozenset(
    {"network", "timeout", "tls", "certificate", "auth", "config", "disconnected", "server"}
)


class DeliveryError(Exception):
    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind} ({detail})" if detail else kind)
        self.kind, self.detail = kind, detail

    @property
    def channel_wide(self) -> bool:
        return self.kind in CHANNEL_WIDE


def by_status(code: int, protocol: str) -> DeliveryError:
    """A server's refusal: try again later (4xx SMTP, 5xx/408/429 HTTP) or rejected."""
    smtp = protocol == "SMTP"
    temporary = 400 <= code < 500 if smtp else code >= 500 or code in (408, 425, 429)
    return DeliveryError("server" if temporary else "rejected", f"{protocol} {code}")


def classify(exc: BaseException) -> DeliveryError:
    """Map whatever smtplib, http.client, ssl or the OS raised to a DeliveryError."""
    if isinstance(exc, DeliveryError):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        return DeliveryError("certificate", exc.verify_message or "not trusted")
    if isinstance(exc, ssl.SSLError):
        return DeliveryError("tls", exc.reason or type(exc).__name__)
    if isinstance(exc, TimeoutError):
        return DeliveryError("timeout")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return DeliveryError("tls", "server offers no STARTTLS")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return DeliveryError("auth", f"SMTP {exc.smtp_code}")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _ in exc.recipients.values()})
        return by_status(max(codes) if codes else 550, "SMTP")
    if isinstance(exc, smtplib.SMTPResponseException):
        return by_status(exc.smtp_code, "SMTP")
    if isinstance(exc, smtplib.SMTPServerDisconnected | http.client.RemoteDisconnected):
        return DeliveryError("disconnected", type(exc).__name__)
    if isinstance(exc, http.client.HTTPException):
        return DeliveryError("disconnected", type(exc).__name__)
    if isinstance(exc, smtplib.SMTPException):
        return DeliveryError("server", type(exc).__name__)
    if isinstance(exc, OSError):
        name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
        return DeliveryError("network", name)
    return DeliveryError("bug", type(exc).__name__)
