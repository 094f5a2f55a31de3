"""The call-back request form (R1, R2): a few large fields, inline errors in the patient's
language, and the on-screen keyboard docked under the form. Its fields, limits and choices
are the form spec's (kiosk/appointments/form_spec.py). It sends itself through the submit
callable it is given and shows the outcome: `saved` carries the reference of a stored request
(the window then thanks the patient), errors and failures stay on the form."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.appointments.form_spec import BEST_TIMES, CHOICE_FIELDS, NOTE_MAX, TEXT_FIELDS
from kiosk.appointments.service import Failed, Invalid, Saved, Submit
from kiosk.content import AppointmentInfo, Topic
from kiosk.design.i18n import tr
from kiosk.ui.widgets.fields import ChoiceButtons, SafeLineEdit
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.labels import text_label, warning_banner
from kiosk.ui.widgets.wrapping import WrapButton, WrapCheckBox

from .base import Screen


def error_text(field: str, code: str, lang: str) -> str:
    if code == "required" and field in CHOICE_FIELDS:
        code = f"{field}_invalid"
    return tr(f"err_{code}", lang)


def idle_words(seconds: float, lang: str) -> str:
    if seconds >= 120:
        return tr("minutes", lang, n=round(seconds / 60))
    return tr("seconds", lang, n=round(seconds))


class RequestFormScreen(Screen):
    saved = Signal(str)  # the reference of the request now stored
    errors_shown = Signal()  # the form now says what to fix (speech reads it again)

    def __init__(
        self,
        info: AppointmentInfo,
        lang: str,
        topic: Topic | None,
        idle_seconds: float,
        submit: Submit | None = None,
    ):
        super().__init__(tr("form_title", lang), lang, max_width=1200)
        self._submit = submit
        self.fields: dict[str, SafeLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.keyboard = OnScreenKeyboard(lang)
        self.column.addWidget(text_label(tr("form_title", lang), "h1"))
        self.column.addWidget(text_label(tr("form_intro", lang), "lead"))
        self.column.addWidget(
            text_label(tr("form_clears", lang, minutes=idle_words(idle_seconds, lang)), "small")
        )
        self.failure = warning_banner(tr("save_failed", lang))
        self.failure.hide()
        self.column.addWidget(self.failure)
        for name in ("first_name", "last_name", "phone", "email"):
            self._add_text_field(name)
        times = [(t, tr(t, lang)) for t in BEST_TIMES]
        self.best_time = self._add_choice("best_time", times, 3)
        reasons = [(r.id, r.label.get(lang)) for r in info.reasons]
        if topic is not None:
            reasons.insert(0, (topic.id, tr("about_topic", lang, title=topic.title.get(lang))))
        self.reason_ids = [r for r, _ in reasons]
        self.reason = self._add_choice("reason", reasons, 1)
        if topic is not None:
            self.reason.set_value(topic.id)
        self._add_text_field("note")
        self.note_count = text_label("", "small")
        self.column.addWidget(self.note_count)
        self.fields["note"].textChanged.connect(self._count_note)
        self._count_note()
        notice = QFrame()
        notice.setProperty("variant", "notice")
        box = QVBoxLayout(notice)
        box.setContentsMargins(24, 20, 24, 20)
        box.addWidget(text_label(info.privacy_notice.get(lang), "body"))
        self.consent = WrapCheckBox(tr("consent", lang))
        self.consent.setObjectName("field-consent")
        self.consent.setAccessibleName(tr("consent", lang))
        box.addWidget(self.consent)
        self.column.addWidget(notice)
        self.errors["consent"] = self._error_label()
        self.summary = self._error_label()
        self.send = WrapButton(tr("send", lang))
        self.send.setObjectName("sendButton")
        self.send.setProperty("variant", "primary")
        self.send.setAccessibleName(tr("send", lang))
        self.send.clicked.connect(self.send_request)
        self.column.addWidget(self.send)
        self.finish()
        self.outer.addWidget(self.keyboard)
        self.keyboard.hide()

    # Building ----------------------------------------------------------------------
    def _error_label(self) -> QLabel:
        label = text_label("", "error")
        label.hide()
        self.column.addWidget(label)
        return label

    def _add_text_field(self, name: str) -> None:
        spec = TEXT_FIELDS[name]
        max_length, mode, capital = spec.max_length, spec.keyboard, spec.capital
        label = text_label(tr(name, self.lang), "fieldLabel")
        field = SafeLineEdit(name, max_length)
        field.setAccessibleName(tr(name, self.lang))
        label.setBuddy(field)
        field.focused.connect(
            lambda f=field, m=mode, c=capital: self.keyboard.set_target(f, m, c and not f.text())
        )
        # Not connect(self.keyboard.show): PySide6 6.12 leaks the name string of a C++
        # method on every connection to one (about 45 bytes a field, for every form).
        field.focused.connect(self.keyboard_show)
        # Once the keyboard has taken its space, put the field's label at the top of the
        # view so the next field shows too (the context object cancels the call if the
        # screen is gone by then).
        area = self.scroll_area
        field.focused.connect(
            lambda lb=label: QTimer.singleShot(0, area, lambda: self.scroll_to_top(lb))
        )
        self.column.addWidget(label)
        self.column.addWidget(field)
        self.fields[name] = field
        self.errors[name] = self._error_label()

    def _add_choice(self, name: str, choices: list[tuple[str, str]], columns: int) -> ChoiceButtons:
        self.column.addWidget(text_label(tr(name, self.lang), "fieldLabel"))
        group = ChoiceButtons(name, choices, columns)
        group.changed.connect(self.keyboard_hide)
        self.column.addWidget(group)
        self.errors[name] = self._error_label()
        return group

    def scroll_to_top(self, widget: QWidget) -> None:
        content = self.scroll_area.widget()
        if content is None:
            return
        top = widget.mapTo(content, QPoint(0, 0)).y()
        self.scroll_area.verticalScrollBar().setValue(top - 16)

    def keyboard_show(self) -> None:
        self.keyboard.show()

    def keyboard_hide(self) -> None:
        self.keyboard.hide()

    def _count_note(self) -> None:
        n = len(self.fields["note"].text())
        self.note_count.setText(tr("note_count", self.lang, n=n, max=NOTE_MAX))

    # Sending -------------------------------------------------------------------------
    def send_request(self) -> None:
        """What Send does: submit what is typed and show the outcome."""
        self.keyboard_hide()  # so the answer is in plain view
        if self._submit is None:
            self.show_failure()
            return
        outcome = self._submit(self.values(), self.reason_ids)
        if isinstance(outcome, Saved):
            self.saved.emit(outcome.reference)
        elif isinstance(outcome, Invalid):
            self.show_errors(outcome.errors)
            self.errors_shown.emit()
        elif isinstance(outcome, Failed):
            self.show_failure()

    # Data in and out ---------------------------------------------------------------
    def kept_input(self) -> object:
        """What the patient typed, for the same screen rebuilt in another language."""
        return self.values()

    def restore_input(self, kept: object) -> None:
        if isinstance(kept, dict):
            self.restore(kept)

    def values(self) -> dict[str, str | bool]:
        data: dict[str, str | bool] = {k: f.text() for k, f in self.fields.items()}
        data["best_time"] = self.best_time.value()
        data["reason"] = self.reason.value()
        data["consent"] = self.consent.isChecked()
        return data

    def restore(self, data: dict[str, str | bool]) -> None:
        """Refill after a language switch (the widgets are rebuilt in the new language)."""
        for name, field in self.fields.items():
            field.setText(str(data.get(name, "")))
        self.best_time.set_value(str(data.get("best_time", "")))
        self.reason.set_value(str(data.get("reason", "")))
        self.consent.setChecked(bool(data.get("consent", False)))

    def show_errors(self, errors: dict[str, str]) -> None:
        self.failure.hide()
        for name, label in self.errors.items():
            code = errors.get(name)
            label.setText(error_text(name, code, self.lang) if code else "")
            label.setVisible(bool(code))
            widget: QWidget | None = self.fields.get(name)
            if widget is not None:
                widget.setProperty("invalid", "true" if code else "false")
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self.summary.setText(tr("form_has_errors", self.lang) if errors else "")
        self.summary.setVisible(bool(errors))
        first = next((n for n in self.errors if n in errors), None)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(self.errors[first].parentWidget() or self, 0, 200)
            target = self.fields.get(first)
            if target is not None:
                self.scroll_area.ensureWidgetVisible(target, 0, 160)

    def show_failure(self) -> None:
        """The save failed: say so, keep everything typed, send the patient to the desk."""
        self.failure.show()
        self.scroll_area.ensureWidgetVisible(self.failure)
