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
# to 'rejected', 'bug' and 'interrupted', which are about one request.
CHANNEL_WIDE: Final = frozenset(
    {"network", "timeout", "tls", "certificate", "auth", "config", "disconnected", "server"}
)
# The server judged this request and said no for good: retrying sends the same bytes to the
# same answer, so the job is marked refused and kept for staff instead.
PERMANENT: Final = frozenset({"rejected"})
# Refusals about the kiosk's credentials, not the request: fixing the password or token file
# must let every waiting request through, so these are retried like an outage.
_SMTP_AUTH: Final = frozenset({530, 534, 535, 538})
_HTTP_AUTH: Final = frozenset({401, 403, 407})
_HTTP_TRY_LATER: Final = frozenset({408, 429})


class DeliveryError(Exception):
    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind} ({detail})" if detail else kind)
        self.kind, self.detail = kind, detail

    @property
    def channel_wide(self) -> bool:
        return self.kind in CHANNEL_WIDE

    @property
    def permanent(self) -> bool:
        return self.kind in PERMANENT


def by_status(code: int, protocol: str) -> DeliveryError:
    """A server's answer other than success, sorted into: try again later ('server': SMTP
    4xx, HTTP 5xx, 408, 429), our credentials ('auth'), the settings ('config': an HTTP
    redirect, never followed) or a permanent refusal of this request ('rejected': SMTP 5xx,
    any other HTTP 4xx)."""
    detail = f"{protocol} {code}"
    if protocol == "SMTP":
        if code in _SMTP_AUTH:
            return DeliveryError("auth", detail)
        return DeliveryError("rejected" if 500 <= code < 600 else "server", detail)
    if code in _HTTP_AUTH:
        return DeliveryError("auth", detail)
    if 300 <= code < 400:
        return DeliveryError("config", f"{detail} redirect not followed")
    if 400 <= code < 500 and code not in _HTTP_TRY_LATER:
        return DeliveryError("rejected", detail)
    return DeliveryError("server", detail)


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
        # Refused for good only if every recipient was: a 4xx for any is worth a retry.
        codes = sorted({code for code, _ in exc.recipients.values()})
        return by_status(codes[0] if codes else 550, "SMTP")
    if isinstance(exc, smtplib.SMTPConnectError | smtplib.SMTPHeloError):
        return DeliveryError("server", f"SMTP {exc.smtp_code}")  # the server, not the request
    if isinstance(exc, smtplib.SMTPSenderRefused) and exc.smtp_code >= 500:
        return DeliveryError("config", f"SMTP {exc.smtp_code} sender refused")  # smtp_from
    if isinstance(exc, smtplib.SMTPResponseException):
        return by_status(exc.smtp_code, "SMTP")
    if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(
        exc.__context__, TimeoutError
    ):
        return DeliveryError("timeout")  # smtplib reports a timed-out reply as a hang-up
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
