"""`doctor` on delivery: each channel reached with a verified certificate (nothing sent), and
anything undelivered for more than an hour is a FAIL."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.appointments import RequestStore
from tests.appointments.factories import FakeClock, request
from tests.conftest import run_main
from tests.delivery.servers import HOST, SMTP_USER, Certs, Clinic, FhirServer, MailSink, SmtpServer

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini" / "content.yaml"


def doctor(tmp_path: Path, delivery: str) -> subprocess.CompletedProcess[str]:
    settings = tmp_path / "settings.toml"
    settings.write_text(
        f"[kiosk]\ncontent = '{MINI}'\ndata_dir = '{tmp_path / 'data'}'\n\n[delivery]\n{delivery}",
        encoding="utf-8",
    )
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    return run_main("doctor", "--settings", str(settings), env=env)


def row(result: subprocess.CompletedProcess[str], name: str) -> str:
    """'STATUS name: detail', whatever the table's column width."""
    line = next(line for line in result.stdout.splitlines() if line[6:].startswith(name + " "))
    return f"{line[:4].strip()} {name}: {line[6 + len(name) :].strip()}"


def email_table(server: SmtpServer, certs: Certs, password_file: Path) -> str:
    return (
        "channels = ['email']\n"
        f"smtp_host = '{HOST}'\nsmtp_port = {server.port}\nsmtp_tls = 'starttls'\n"
        f"smtp_username = '{SMTP_USER}'\nsmtp_password_file = '{password_file}'\n"
        "smtp_from = 'kiosk@clinic.example'\nsmtp_to = ['desk@clinic.example']\n"
        f"smtp_ca_file = '{certs.ca_file}'\n"
    )


def test_a_working_mail_server_passes_and_gets_no_mail(
    tmp_path: Path, smtp_server: SmtpServer, sink: MailSink, certs: Certs, password_file: Path
) -> None:
    result = doctor(tmp_path, email_table(smtp_server, certs, password_file))
    assert result.returncode == 0, result.stdout + result.stderr
    assert row(result, "delivery email") == (
        f"OK delivery email: {HOST}:{smtp_server.port} (starttls) reachable, certificate verified"
    )
    assert row(result, "outbox").startswith("OK")
    assert sink.mails == []


def test_an_unreachable_server_fails(
    tmp_path: Path, smtp_server: SmtpServer, certs: Certs, password_file: Path
) -> None:
    smtp_server.stop()
    result = doctor(tmp_path, email_table(smtp_server, certs, password_file))
    assert result.returncode == 1
    assert row(result, "delivery email").startswith("FAIL")
    assert row(result, "delivery email").endswith("network (ECONNREFUSED)")


def test_a_password_file_others_can_read_is_a_warning(
    tmp_path: Path, smtp_server: SmtpServer, certs: Certs, password_file: Path
) -> None:
    os.chmod(password_file, 0o644)
    result = doctor(tmp_path, email_table(smtp_server, certs, password_file))
    assert result.returncode == 0
    assert row(result, "delivery email").startswith("WARN")
    assert "mode 0o644" in row(result, "delivery email")


def test_undelivered_for_over_an_hour_fails(
    tmp_path: Path, fhir_server: FhirServer, clinic: Clinic, certs: Certs
) -> None:
    clock = FakeClock(datetime.now(UTC) - timedelta(hours=2))
    with RequestStore(tmp_path / "data", clock=clock, channels=("fhir",)) as store:
        store.save(request())
    table = f"channels = ['fhir']\nfhir_url = '{fhir_server.url}'\n"
    table += f"fhir_ca_file = '{certs.ca_file}'\n"
    result = doctor(tmp_path, table)
    assert result.returncode == 1
    assert row(result, "delivery fhir").startswith("OK")
    assert row(result, "outbox") == (
        "FAIL outbox: OVERDUE: 1 request(s) waiting to be delivered, 1 for more than an hour"
    )
    assert clinic.posts == []  # doctor looks; it never delivers


def test_jobs_for_a_channel_no_longer_configured_are_pointed_out(tmp_path: Path) -> None:
    with RequestStore(tmp_path / "data", channels=("fhir",)) as store:
        store.save(request())
    result = doctor(tmp_path, "channels = ['none']\n")
    assert result.returncode == 0
    assert row(result, "delivery").startswith("OK delivery: channel none")
    assert row(result, "outbox") == (
        "WARN outbox: 1 request(s) waiting to be delivered; 1 for fhir, no longer a "
        "configured channel (add it back to deliver them)"
    )
