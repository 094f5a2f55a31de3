"""The `[delivery]` settings table: parsed, checked, every problem with its key and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.delivery.config import DeliverySettings
from kiosk.settings import SettingsError, load_settings

EMAIL = """[kiosk]
region = "US"

[delivery]
channels = ["email", "fhir"]
purge_after_days = 3
smtp_host = "mail.clinic.example"
smtp_tls = "implicit"
smtp_username = "kiosk"
smtp_password_file = "/etc/fbss-kiosk/smtp-password"
smtp_from = "kiosk@clinic.example"
smtp_to = ["desk@clinic.example", "nurse@clinic.example"]
fhir_url = "https://fhir.clinic.example:8443/fhir/Appointment"
fhir_resource = "bundle"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_is_channel_none() -> None:
    assert load_settings(None, environ={}).delivery == DeliverySettings()
    assert DeliverySettings().channels == ()


def test_a_full_delivery_table(tmp_path: Path) -> None:
    d = load_settings(write(tmp_path, EMAIL), environ={}).delivery
    assert d.channels == ("email", "fhir") and d.purge_after_days == 3
    assert (d.smtp_tls, d.port) == ("implicit", 465)
    assert d.smtp_password_file == Path("/etc/fbss-kiosk/smtp-password")
    assert d.smtp_to == ("desk@clinic.example", "nurse@clinic.example")
    assert d.fhir_resource == "bundle" and d.fhir_timeout == 30


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    env = {"FBSS_KIOSK_DELIVERY_CHANNELS": "email", "FBSS_KIOSK_DELIVERY_SMTP_PORT": "2525"}
    d = load_settings(write(tmp_path, EMAIL), environ=env).delivery
    assert d.channels == ("email",) and d.port == 2525


def test_none_means_no_channel(tmp_path: Path) -> None:
    path = write(tmp_path, '[delivery]\nchannels = ["none"]\n')
    assert load_settings(path, environ={}).delivery.channels == ()


def test_every_problem_names_its_key_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[kiosk]\nregion = 'US'\n\n[delivery]\n"
        "channels = ['email', 'none']\n"  # 5
        "smtp_tls = 'none'\n"  # 6
        "fhir_url = 'http://fhir.clinic.example/'\n"  # 7
        "smtp_verify = false\n"  # 8: there is no switch to skip certificate checks
        "smtp_to = 'desk@clinic.example'\n",  # 9: a list, not a string
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert caught.value.problems == [
        f"{path}:5: 'channels' must be a list of 'none', 'email', 'fhir' (none alone), "
        "not ['email', 'none']",
        f"{path}:6: 'smtp_tls' must be 'starttls' or 'implicit', not 'none'",
        f"{path}:7: 'fhir_url' must be an https:// URL, not 'http://fhir.clinic.example/'",
        f"{path}:8: unknown delivery setting 'smtp_verify'; did you mean 'smtp_port'?",
        f"{path}:9: 'smtp_to' must be a list of e-mail addresses, not 'desk@clinic.example'",
    ]


def test_a_channel_without_what_it_needs_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "[delivery]\n\nchannels = ['fhir']\nsmtp_username = 'kiosk'\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert caught.value.problems == [
        f"{path}:4: 'smtp_username' needs 'smtp_password_file'",
        f"{path}:3: 'channels' includes 'fhir' but 'fhir_url' is not set",
    ]


def test_a_bad_environment_value_names_the_variable() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(None, environ={"FBSS_KIOSK_DELIVERY_CHANNELS": "email,fax"})
    assert caught.value.problems[0].startswith("FBSS_KIOSK_DELIVERY_CHANNELS: 'channels' must")


def test_the_same_key_in_another_table_does_not_confuse_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "# smtp_tls = 'x'\n[delivery]\nsmtp_tls = 'tls'\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(path, environ={})
    assert caught.value.problems[0].startswith(f"{path}:3: 'smtp_tls'")
