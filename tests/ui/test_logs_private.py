"""A whole patient flow, logged at DEBUG to rotating files: none of what was typed is there."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.appointments.service import RequestService
from kiosk.content import Content
from kiosk.logs import setup_logging
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.confirmation import ConfirmationScreen
from tests.ui.test_request_form import FIRST, LAST, PHONE, click, fill_valid, type_on_screen


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    level = logging.getLogger().level
    path = setup_logging(tmp_path / "logs", "DEBUG")
    assert path is not None
    yield path
    setup_logging(None, logging.getLevelName(level))


def test_logs_never_hold_what_a_patient_typed(
    qtbot: QtBot, themed_app: object, mini_content: Content, tmp_path: Path, log_file: Path
) -> None:
    good = RequestService(tmp_path / "data")
    window = MainWindow(mini_content, submit=good.submit)
    qtbot.addWidget(window)
    window.show()
    form = fill_valid(qtbot, window, note="Secretnote")
    click(qtbot, form, "sendButton")
    assert isinstance(window.current_screen, ConfirmationScreen)
    good.close()

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    failing = RequestService(blocked)
    window.submit = failing.submit
    window.go_home()
    form = fill_valid(qtbot, window)
    click(qtbot, form, "sendButton")  # a failed save logs an error
    window.go_home()
    click(qtbot, window, "tile-request")
    form = window.current_screen  # type: ignore[assignment]
    type_on_screen(qtbot, form, "first_name", FIRST)
    type_on_screen(qtbot, form, "last_name", LAST)
    click(qtbot, form, "nextButton")
    type_on_screen(qtbot, form, "phone", "99")
    form.go_to(len(form.pages) - 1)
    click(qtbot, form, "sendButton")  # an invalid form
    window.reset_session()

    for handler in logging.getLogger().handlers:
        handler.flush()
    text = "".join(p.read_text(encoding="utf-8") for p in log_file.parent.glob("kiosk.log*"))
    assert "call-back request saved" in text and "NOT saved" in text
    for secret in (FIRST, LAST, PHONE, "Secretnote", "+12025550123"):
        assert secret not in text, secret
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


def test_rotated_and_new_log_files_are_private(tmp_path: Path) -> None:
    """A rollover renames kiosk.log and opens a new one: every file stays 0600, whatever
    the umask (README: logs are readable by the kiosk's user only)."""
    level = logging.getLogger().level
    old_umask = os.umask(0o022)
    try:
        path = setup_logging(tmp_path / "logs", "INFO")
        assert path is not None
        handler = next(
            h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)
        )
        for n in range(3):
            logging.getLogger("kiosk.test").info("before rollover %d", n)
            handler.doRollover()
        logging.getLogger("kiosk.test").info("after the rollovers")
        handler.flush()
    finally:
        os.umask(old_umask)
        setup_logging(None, logging.getLevelName(level))
    files = sorted((tmp_path / "logs").iterdir())
    assert [f.name for f in files] == ["kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"]
    modes = {f.name: oct(stat.S_IMODE(f.stat().st_mode)) for f in files}
    assert set(modes.values()) == {"0o600"}, modes
    assert "after the rollovers" in (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
