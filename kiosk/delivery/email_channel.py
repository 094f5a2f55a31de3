"""E-mail channel: one message per request over SMTP, always inside TLS.

STARTTLS (port 587) or implicit TLS (port 465); a server that does not offer STARTTLS is an
error, never a reason to send in clear text. Authentication (if set) only after TLS is up.

Delivery is at least once, de-duplicated by Message-ID: a server that stored the message but
whose "250" was lost gets it again on the retry, with the same Message-ID (from the request's
id), which mail systems and people use to spot the copy. Each attempt, from connect to the
last reply, must end within `smtp_timeout`.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import socket
import ssl
from email.message import EmailMessage

from kiosk.appointments.form_spec import EMAIL
from kiosk.appointments.outbox import Job
from kiosk.appointments.readable import zone
from kiosk.delivery.config import DeliverySettings
from kiosk.delivery.deadline import Deadline
from kiosk.delivery.email_message import build_message
from kiosk.delivery.tls import client_context, read_secret

log = logging.getLogger("kiosk.delivery")


class _Smtp(smtplib.SMTP):
    """SMTP (then STARTTLS) whose socket keeps to the attempt's deadline."""

    def __init__(self, host: str, port: int, local_hostname: str | None, deadline: Deadline):
        self.deadline = deadline  # before connecting, which the base __init__ does
        super().__init__(host, port, local_hostname, timeout=deadline.seconds)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        return self.deadline.connect((host, port))


class _SmtpTls(smtplib.SMTP_SSL):
    """SMTP inside TLS from the first byte, keeping to the attempt's deadline."""

    def __init__(
        self,
        host: str,
        port: int,
        local_hostname: str | None,
        deadline: Deadline,
        context: ssl.SSLContext,
    ):
        self.deadline = deadline
        super().__init__(host, port, local_hostname, timeout=deadline.seconds, context=context)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        raw = self.deadline.connect((host, port))
        return self.context.wrap_socket(raw, server_hostname=host)


class EmailChannel:
    name = EMAIL

    def __init__(
        self, settings: DeliverySettings, local_hostname: str | None = None, time_zone: str = ""
    ) -> None:
        self._settings = settings
        self._zone = zone(time_zone)  # the clinic's local time in the message
        self._local_hostname = local_hostname  # EHLO name; tests pin it, None asks the OS
        self._current: Deadline | None = None  # the attempt in flight, for abort()

    def send(self, job: Job) -> None:
        """Deliver one request; returns when the server accepted it, else DeliveryError."""
        s = self._settings
        message = build_message(job.record, s.smtp_from, s.smtp_to, self._zone)
        deadline = self._current = Deadline(s.smtp_timeout)
        try:
            refused = self._send(message, deadline)
        finally:
            self._current = None
        if refused:
            log.warning(
                "request %s: %d of %d e-mail recipient(s) refused it",
                job.reference,
                len(refused),
                len(s.smtp_to),
            )

    def _send(self, message: EmailMessage, deadline: Deadline) -> dict[str, tuple[int, bytes]]:
        try:
            smtp = self._connect(deadline)
        except Exception as exc:
            raise deadline.failure(exc) from None
        try:
            return smtp.send_message(message)
        except Exception as exc:
            raise deadline.failure(exc) from None
        finally:
            # The message is accepted once send_message returns: a failed QUIT must not turn
            # that into a retry (a second copy).
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.quit()
            smtp.close()

    def probe(self) -> None:
        """Connect, start TLS and log in without sending anything (for `doctor`)."""
        deadline = Deadline(self._settings.smtp_timeout)
        try:
            smtp = self._connect(deadline)
        except Exception as exc:
            raise deadline.failure(exc) from None
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.quit()
        smtp.close()

    def abort(self) -> None:
        """From another thread: end the attempt in flight now (the worker is stopping)."""
        current = self._current
        if current is not None:
            current.cancel()

    def _connect(self, deadline: Deadline) -> smtplib.SMTP:
        s = self._settings
        context = client_context(s.smtp_ca_file, deadline)
        password = read_secret(s.smtp_password_file) if s.smtp_username else ""
        smtp: smtplib.SMTP
        if s.smtp_tls == "implicit":
            smtp = _SmtpTls(s.smtp_host, s.port, self._local_hostname, deadline, context)
        else:
            smtp = _Smtp(s.smtp_host, s.port, self._local_hostname, deadline)
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
