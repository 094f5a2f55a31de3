"""`doctor` names the kiosk and its site (issue 19), so IT can tell 20 kiosks apart."""

from __future__ import annotations

from pathlib import Path

from tests.test_doctor import MINI, doctor, line


def test_doctor_shows_kiosk_id_and_site(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text(
        f'[kiosk]\nkiosk_id = "lobby-2"\nsite = "North clinic, 2nd floor"\n'
        f"content = '{MINI / 'content.yaml'}'\n",
        encoding="utf-8",
    )
    result = doctor("--settings", str(settings), "--data-dir", str(tmp_path))
    row = line(result, "kiosk")
    assert row.startswith("OK") and row.endswith("lobby-2, site: North clinic, 2nd floor")
