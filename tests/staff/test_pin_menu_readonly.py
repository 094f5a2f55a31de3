"""On a full or read-only data disk the staff can still reach the menu to export the
requests: a PIN entry, right or wrong, used to raise OSError and exit 70 (issue 16, item 6)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import kiosk.staff.pin
from tests.ui.conftest import make_window, mini_content  # noqa: F401  (fixtures)
from tests.ui.test_staff_mode import PIN, Staff, staff  # noqa: F401  (the fixture)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_the_menu_opens_on_a_disk_that_cannot_be_written(
    staff: Staff,  # noqa: F811  (the imported fixture)
    monkeypatch: pytest.MonkeyPatch,
    code: int,
) -> None:
    staff.pin.set(PIN)

    def refuse(path: Path, text: str) -> None:
        raise OSError(code, "cannot write")

    monkeypatch.setattr(kiosk.staff.pin, "write_private", refuse)
    staff.tap_title()
    staff.enter("0000")
    assert "Wrong PIN" in staff.pad.message.text()
    staff.enter(PIN)
    assert staff.menu.requests_status.text()  # the menu, with its export buttons
