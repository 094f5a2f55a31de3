"""Real servers on loopback for the delivery tests: a TLS certificate authority made at test
time (trustme), an SMTP server (aiosmtpd) with STARTTLS or implicit TLS and a password, and an
HTTPS "clinic" that stores FHIR resources and can fail, hang or drop its answer on purpose.

The clinic side keeps what it stored across server restarts (the record survives the network
going away), implements FHIR conditional create as the specification says (If-None-Exist, or
a transaction entry's ifNoneExist, searched against the identifiers of what it stored: no
match creates, one match answers 200 and creates nothing, several answer 412; no condition
always creates) and counts every POST, so a test can prove "exactly one copy" while the kiosk
sent some twice. Also: a server that trickles its answer a byte at a time, one that accepts
connections and never says a word, and a mail sink that stores a message and hangs up
before its "250".
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import itertools
import json
import socket
import ssl
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from kiosk.delivery.fhir_resource import REQUEST_SYSTEM

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
    hang_ups: int = 0  # the next messages are stored, then the line drops before "250"
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
            hang_up = self.hang_ups > 0
            self.hang_ups -= hang_up
            self.cond.notify_all()
        if hang_up:
            server.transport.abort()  # stored, but the kiosk never hears so
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
    without an answer), or a status code such as '400' (answered so, nothing stored)."""

    def __init__(self) -> None:
        self.stored: dict[str, list[dict[str, Any]]] = {}  # resource type -> resources
        self.posts: list[Post] = []
        self.script: list[str] = []
        self.cond = threading.Condition()
        self.release = threading.Event()
        self._ids = itertools.count(1)

    @property
    def records(self) -> dict[str, dict[str, Any]]:
        """Request id -> the stored Appointment for it; a second copy fails the test."""
        ids = [request_id(a) for a in self.stored.get("Appointment", [])]
        copies = {key: n for key, n in Counter(ids).items() if n > 1}
        assert not copies, f"the clinic stored a request more than once: {copies}"
        return {request_id(a): a for a in self.stored.get("Appointment", [])}

    def create(self, kind: str, resource: dict[str, Any], condition: str | None) -> int:
        """FHIR create, conditional when `condition` (the If-None-Exist query) is given."""
        if condition is not None:
            matches = self.search(kind, condition)
            if len(matches) > 1:
                return 412
            if matches:
                return 200
        resource = dict(resource, id=str(next(self._ids)))
        self.stored.setdefault(kind, []).append(resource)
        return 201

    def search(self, kind: str, query: str) -> list[dict[str, Any]]:
        """The stored resources of `kind` matching every `identifier=system|value` in it."""
        found = self.stored.get(kind, [])
        for name, value in parse_qsl(query, keep_blank_values=True):
            assert name == "identifier", f"this fake searches by identifier only, not {name}"
            system, _, code = value.rpartition("|")
            found = [
                r
                for r in found
                if any(
                    i.get("value") == code and (not system or i.get("system") == system)
                    for i in r.get("identifier", [])
                )
            ]
        return found

    def transact(self, bundle: dict[str, Any]) -> int:
        """A transaction Bundle: each entry created (conditionally) in turn."""
        statuses = []
        for entry in bundle["entry"]:
            request = entry["request"]
            assert request["method"] == "POST"
            statuses.append(
                self.create(request["url"], entry["resource"], request.get("ifNoneExist"))
            )
        return 412 if 412 in statuses else 200

    def receive(self, path: str, headers: dict[str, str], body: dict[str, Any]) -> tuple[str, int]:
        with self.cond:
            outcome = self.script.pop(0) if self.script else "ok"
            status = {"fail": 503, "redirect": 307}.get(outcome, 0)
            if outcome.isdigit():
                status = int(outcome)
            if not status:
                if body.get("resourceType") == "Bundle":
                    status = self.transact(body)
                else:
                    status = self.create(
                        path.rpartition("/")[2], body, headers.get("If-None-Exist")
                    )
            self.posts.append(Post(path, headers, body, outcome))
            self.cond.notify_all()
        return outcome, status

    def wait_until(self, predicate: Callable[[Clinic], bool]) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: predicate(self), WAIT)


def request_id(resource: dict[str, Any]) -> str:
    return next(i["value"] for i in resource["identifier"] if i["system"] == REQUEST_SYSTEM)


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


# --- servers that misbehave at the socket -------------------------------------------------


class TrickleServer:
    """Accepts one connection at a time (TLS if `certs`), reads an HTTP request if
    `read_request`, then sends `answer` one byte every `pace` seconds. The pace is the
    server's behaviour under test, not a wait in the test; stop() ends it at once."""

    def __init__(
        self,
        answer: bytes,
        certs: Certs | None = None,
        *,
        read_request: bool = True,
        pace: float = 0.5,
    ) -> None:
        self.answer, self.certs, self.read_request, self.pace = answer, certs, read_request, pace
        self.port = free_port()
        self.connections = 0
        self.sent = 0  # bytes of the answer sent, over all connections
        self.cond = threading.Condition()
        self._stop = threading.Event()
        self._listener = socket.create_server((HOST, self.port))
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}/fhir/Appointment"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._thread.join(WAIT)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with self.cond:
                self.connections += 1
                self.cond.notify_all()
            with contextlib.suppress(OSError), conn:
                self._trickle(conn)

    def _trickle(self, conn: socket.socket) -> None:
        conn.settimeout(WAIT)
        sock: socket.socket = conn
        if self.certs is not None:
            sock = self.certs.server_context.wrap_socket(conn, server_side=True)
        with sock:
            if self.read_request:
                _read_http_request(sock)
            for byte in self.answer:
                if self._stop.wait(self.pace):
                    return
                sock.sendall(bytes([byte]))
                with self.cond:
                    self.sent += 1
            self._stop.wait(self.pace)


def _read_http_request(sock: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        ),
        0,
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return
        body += chunk


class SilentServer:
    """Accepts connections and never says a word (not even the TLS handshake) until stopped."""

    def __init__(self) -> None:
        self.port = free_port()
        self._listener = socket.create_server((HOST, self.port))
        self._held: list[socket.socket] = []
        self.cond = threading.Condition()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}/fhir/Appointment"

    @property
    def connections(self) -> int:
        return len(self._held)

    def start(self) -> None:
        self._thread.start()

    def wait_for_connection(self) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: self._held, WAIT)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._thread.join(WAIT)
        for conn in self._held:
            conn.close()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with self.cond:
                self._held.append(conn)
                self.cond.notify_all()
