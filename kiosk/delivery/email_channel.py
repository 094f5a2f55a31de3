"""E-mail channel: one message per request over SMTP, always inside TLS.

STARTTLS (port 587) or implicit TLS (port 465); a server that does not offer STARTTLS is an
error, never a reason to send in clear text. Authentication (if set) only after TLS is up.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib

from kiosk.appointments.outbox import Job
from kiosk.delivery.config import DeliverySettings
from kiosk.delivery.email_message import build_message
from kiosk.delivery.errors import classify
from kiosk.delivery.tls import client_context, read_secret

log = logging.getLogger("kiosk.delivery")


class EmailChannel:
    name = "email"

    def __init__(self, settings: DeliverySettings, local_hostname: str | None = None) -> None:
        self._settings = settings
        self._local_hostname = local_hostname  # EHLO name; tests pin it, None asks the OS

    def send(self, job: Job) -> None:
        """Deliver one request; returns when the server accepted it, else DeliveryError."""
        s = self._settings
        message = build_message(job.record, s.smtp_from, s.smtp_to)
        try:
            smtp = self._connect()
        except Exception as exc:
            raise classify(exc) from None
        try:
            refused = smtp.send_message(message)
        except Exception as exc:
            raise classify(exc) from None
        finally:
            # The message is accepted once send_message returns: a failed QUIT must not turn
            # that into a retry (a second copy).
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.quit()
            smtp.close()
        if refused:
            log.warning(
                "request %s: %d of %d e-mail recipient(s) refused it",
                job.reference,
                len(refused),
                len(s.smtp_to),
            )

    def probe(self) -> None:
        """Connect, start TLS and log in without sending anything (for `doctor`)."""
        try:
            smtp = self._connect()
        except Exception as exc:
            raise classify(exc) from None
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.quit()
        smtp.close()

    def _connect(self) -> smtplib.SMTP:
        s = self._settings
        context = client_context(s.smtp_ca_file)
        password = read_secret(s.smtp_password_file) if s.smtp_username else ""
        smtp: smtplib.SMTP
        if s.smtp_tls == "implicit":
            smtp = smtplib.SMTP_SSL(
                s.smtp_host,
                s.port,
                local_hostname=self._local_hostname,
                timeout=s.smtp_timeout,
                context=context,
            )
        else:
            smtp = smtplib.SMTP(
                s.smtp_host, s.port, local_hostname=self._local_hostname, timeout=s.smtp_timeout
            )
        try:
            if s.smtp_tls != "implicit":
                smtp.ehlo()
                smtp.starttls(context=context)  # raises if not offered: never plain text
                smtp.ehlo()
            if s.smtp_username:
                smtp.login(s.smtp_username, password)
        except BaseException:
            smtp.close()
            raise
        return smtp
