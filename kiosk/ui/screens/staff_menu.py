"""The staff menu: this kiosk's name and site, content status and reload (and, out of
service, why), waiting requests, the requests page and export, `doctor`, restart and exit,
in the session's language. It shows data it is given and emits what staff ask for; the
actions themselves live in kiosk/staff/desk.py. Leaving needs two taps, never a dialog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout

from kiosk.design.i18n import tr
from kiosk.staff.desk import StaffStatus
from kiosk.staff.export_targets import ExportTarget
from kiosk.ui.widgets.labels import text_label, warning_banner
from kiosk.ui.widgets.wrapping import WrapButton

from .base import Screen


def action_button(text: str, name: str, variant: str = "choice") -> QPushButton:
    button = WrapButton(text)
    button.setObjectName(name)
    button.setProperty("variant", variant)
    button.setAccessibleName(text)
    return button


def export_words(target: ExportTarget, lang: str) -> str:
    if target.drive:
        return tr("staff_export_usb", lang, drive=target.drive)
    return tr("staff_export_folder", lang)


class StaffMenuScreen(Screen):
    reload_requested = Signal()
    export_requested = Signal(Path)
    requests_requested = Signal()
    doctor_requested = Signal()
    restart_requested = Signal()
    exit_requested = Signal()
    closed = Signal()

    def __init__(self, status: StaffStatus, lang: str = "en"):
        super().__init__(tr("staff_menu", lang), lang, max_width=1100)
        self.column.addWidget(text_label(tr("staff_menu", lang), "h1"))
        self.identity = text_label("", "lead")
        self.identity.setObjectName("staffIdentity")
        self.column.addWidget(self.identity)
        close = action_button(tr("staff_close", lang), "staffClose", "primary")
        close.clicked.connect(self.closed)
        self.column.addWidget(close)
        # Out of service, the content's errors are the first thing staff need.
        self.out_of_service = warning_banner(tr("staff_out_of_service", lang))
        self.out_of_service.setObjectName("staffOutOfService")
        self.column.addWidget(self.out_of_service)

        content_box = self._group(tr("staff_content", lang))
        self.content_status = text_label("", "small")
        self.content_status.setObjectName("contentStatus")
        content_box.addWidget(self.content_status)
        reload = action_button(tr("staff_reload", lang), "staffReload")
        reload.clicked.connect(self.reload_requested)
        content_box.addWidget(reload)

        requests_box = self._group(tr("staff_requests", lang))
        self.requests_status = text_label("", "body")
        self.requests_status.setObjectName("requestsStatus")
        requests_box.addWidget(self.requests_status)
        read = action_button(tr("staff_read_requests", lang), "staffRequests")
        read.clicked.connect(self.requests_requested)
        requests_box.addWidget(read)
        self.targets_box = QVBoxLayout()
        self.targets_box.setSpacing(12)
        requests_box.addLayout(self.targets_box)

        checks_box = self._group(tr("staff_checks", lang))
        doctor = action_button(tr("staff_doctor", lang), "staffDoctor")
        doctor.clicked.connect(self.doctor_requested)
        checks_box.addWidget(doctor)
        self.doctor_output = text_label("", "small")
        self.doctor_output.setObjectName("doctorOutput")
        self.doctor_output.hide()
        checks_box.addWidget(self.doctor_output)

        app_box = self._group(tr("staff_kiosk", lang))
        self.restart = action_button(tr("staff_restart", lang), "staffRestart")
        self.restart.clicked.connect(lambda: self._twice(self.restart, self.restart_requested))
        self.exit = action_button(tr("staff_exit", lang), "staffExit")
        self.exit.clicked.connect(lambda: self._twice(self.exit, self.exit_requested))
        app_box.addWidget(self.restart)
        app_box.addWidget(self.exit)

        self.result = text_label("", "lead")
        self.result.setObjectName("staffResult")
        self.result.hide()
        self.column.insertWidget(3, self.result)
        self.show_status(status)
        self.finish()

    def _group(self, title: str) -> QVBoxLayout:
        frame = QFrame()
        frame.setProperty("variant", "notice")
        box = QVBoxLayout(frame)
        box.setContentsMargins(24, 20, 24, 20)
        box.setSpacing(12)
        box.addWidget(text_label(title, "h2"))
        self.column.addWidget(frame)
        return box

    def show_status(self, status: StaffStatus) -> None:
        lang = self.lang
        site = tr("staff_site", lang, site=status.site) if status.site else ""
        lines = [tr("staff_this_kiosk", lang, kiosk_id=status.kiosk_id or "?")]
        self.identity.setText("\n".join([*lines, site or tr("staff_site_unset", lang)]))
        self.out_of_service.setVisible(status.out_of_service)
        self.content_status.setText("\n".join(status.content_lines))
        self.requests_status.setText(status.requests_line)
        while self.targets_box.count():
            item = self.targets_box.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        for index, target in enumerate(status.targets):
            button = action_button(export_words(target, lang), f"staffExport-{index}")
            button.setToolTip(str(target.folder))
            button.clicked.connect(lambda _=False, f=target.folder: self.export_requested.emit(f))
            self.targets_box.addWidget(button)

    def show_result(self, text: str) -> None:
        self.result.setText(text)
        self.result.show()

    def show_doctor(self, lines: Sequence[str]) -> None:
        self.doctor_output.setText("\n".join(lines))
        self.doctor_output.show()

    def _twice(self, button: QPushButton, signal: SignalInstance) -> None:
        """Restart and exit take a second tap on the same button: no dialog, no accident."""
        if button.property("armed"):
            signal.emit()
            return
        button.setProperty("armed", True)
        button.setText(tr("staff_tap_again", self.lang, what=button.text()))
