"""Real servers on loopback for the delivery tests: a TLS certificate authority made at test
time (trustme), an SMTP server (aiosmtpd) with STARTTLS or implicit TLS and a password, and an
HTTPS "clinic" that stores FHIR resources and can fail, hang or drop its answer on purpose.

The clinic side keeps what it stored across server restarts (the record survives the network
going away), de-duplicates like a FHIR server doing conditional create, and counts every POST,
so a test can prove "exactly one copy" while the kiosk sent some twice.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"
SMTP_USER = "kiosk@clinic.example"
SMTP_PASSWORD = "s3cret-Pa55-word"
WAIT = 60.0  # longest a test waits for a server-side event; reached only when broken


@dataclass(frozen=True)
class Certs:
    ca_file: Path  # the CA that signed the servers' certificate
    stranger_ca_file: Path  # a CA that did not
    server_context: ssl.SSLContext


def make_certs(folder: Path) -> Certs:
    folder.mkdir(parents=True, exist_ok=True)
    ca, stranger = trustme.CA(), trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(HOST, "localhost").configure_cert(server_context)
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    stranger.cert_pem.write_to_path(str(folder / "stranger.pem"))
    return Certs(folder / "ca.pem", folder / "stranger.pem", server_context)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# --- SMTP -----------------------------------------------------------------------------------


@dataclass
class Mail:
    message: EmailMessage
    tls: bool
    authenticated: bool
    recipients: list[str]


@dataclass
class MailSink:
    """aiosmtpd handler: keeps every accepted message; `replies` answer DATA instead."""

    mails: list[Mail] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.replies:
            return self.replies.pop(0)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        tls = server.transport.get_extra_info("ssl_object") is not None
        mail = Mail(message, tls, bool(session.authenticated), list(envelope.rcpt_tos))
        with self.cond:
            self.mails.append(mail)
            self.cond.notify_all()
        return "250 OK queued"

    def wait_for(self, count: int) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: len(self.mails) >= count, WAIT)


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    ok = (
        isinstance(data, LoginPassword)
        and data.login == SMTP_USER.encode()
        and data.password == SMTP_PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535


class SmtpServer:
    """mode 'starttls' (STARTTLS required before anything else, then AUTH), 'implicit'
    (TLS from the first byte) or 'plain' (offers no STARTTLS: the kiosk must refuse it)."""

    def __init__(self, sink: MailSink, certs: Certs, mode: str = "starttls") -> None:
        self.sink, self.certs, self.mode = sink, certs, mode
        self.port = free_port()
        self._controller: Controller | None = None

    def start(self) -> None:
        options: dict[str, Any] = {"authenticator": _authenticator}
        if self.mode == "starttls":
            options |= {
                "tls_context": self.certs.server_context,
                "require_starttls": True,
                "auth_required": True,
            }
        elif self.mode == "implicit":
            # AUTH over TLS from the start: aiosmtpd only knows about STARTTLS, hence False.
            options |= {"ssl_context": self.certs.server_context, "auth_require_tls": False}
        self._controller = Controller(self.sink, hostname=HOST, port=self.port, **options)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


# --- HTTPS / FHIR ---------------------------------------------------------------------------


@dataclass
class Post:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    outcome: str


class Clinic:
    """The clinic's FHIR side. `script` says how to treat the next POSTs:
    'ok', 'fail' (503, nothing stored), 'redirect' (307 elsewhere, nothing stored), 'hang'
    (store, then never answer until the test ends), 'drop' (store, then close the connection
    without an answer)."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}  # request id -> stored resource
        self.posts: list[Post] = []
        self.script: list[str] = []
        self.cond = threading.Condition()
        self.release = threading.Event()

    def key_of(self, headers: dict[str, str], body: dict[str, Any]) -> str:
        """The request id, the way a FHIR server's conditional create finds it."""
        query = headers.get("If-None-Exist")
        if query is None and body.get("resourceType") == "Bundle":
            query = body["entry"][-1]["request"]["ifNoneExist"]
        assert query is not None, "no conditional-create query"
        return query.rpartition("|")[2]

    def receive(self, path: str, headers: dict[str, str], body: dict[str, Any]) -> tuple[str, int]:
        with self.cond:
            outcome = self.script.pop(0) if self.script else "ok"
            status = {"fail": 503, "redirect": 307}.get(outcome, 0)
            if not status:
                key = self.key_of(headers, body)
                status = 200 if key in self.records else 201
                self.records.setdefault(key, body)
            self.posts.append(Post(path, headers, body, outcome))
            self.cond.notify_all()
        return outcome, status

    def wait_until(self, predicate: Callable[[Clinic], bool]) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: predicate(self), WAIT)


class _Handler(BaseHTTPRequestHandler):
    server: _FhirHttpServer
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length))
        outcome, status = self.server.clinic.receive(self.path, dict(self.headers), body)
        self.close_connection = True
        if outcome == "hang":
            self.server.clinic.release.wait(WAIT)  # the kiosk times out long before
            return
        if outcome == "drop":
            return  # stored, but the kiosk never hears so
        answer = b'{"resourceType": "OperationOutcome", "issue": []}'
        self.send_response(status)
        if status == 307:
            self.send_header("Location", "https://elsewhere.example/fhir/Appointment")
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _FhirHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    clinic: Clinic


class FhirServer:
    """HTTPS on loopback for a Clinic; stop() and start() again on the same port."""

    def __init__(self, clinic: Clinic, certs: Certs) -> None:
        self.clinic, self.certs = clinic, certs
        self.port = free_port()
        self._server: _FhirHttpServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}/fhir/Appointment"

    def start(self) -> None:
        server = _FhirHttpServer((HOST, self.port), _Handler)
        server.clinic = self.clinic
        server.socket = self.certs.server_context.wrap_socket(server.socket, server_side=True)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(WAIT)
            self._server = self._thread = None
