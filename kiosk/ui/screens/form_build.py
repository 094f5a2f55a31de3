"""The building blocks of the call-back form (request_form.py): its step pages with their
fields, choices and consent, the bar of Back / Next / Send under them, and the keyboard's
comings and goings. The order of the steps and how the patient moves between them are
request_form.py's."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.appointments.form_spec import BEST_TIMES, NOTE_MAX, STEPS, TEXT_FIELDS
from kiosk.content import AppointmentInfo
from kiosk.design.i18n import tr
from kiosk.ui.widgets.fields import ChoiceButtons, SafeLineEdit
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.wrapping import WrapButton, WrapCheckBox

from .base import Screen
from .form_steps import page, step_button


def idle_words(seconds: float, lang: str) -> str:
    if seconds >= 120:
        return tr("minutes", lang, n=round(seconds / 60))
    return tr("seconds", lang, n=round(seconds))


class FormParts(Screen):
    """What the form is made of; RequestFormScreen fills in the hooks at the end."""

    fields: dict[str, SafeLineEdit]
    errors: dict[str, QLabel]
    pages: list[QWidget]
    keyboard: OnScreenKeyboard
    best_time: ChoiceButtons
    reason: ChoiceButtons
    consent: WrapCheckBox
    note_count: QLabel
    step_bar: QWidget
    back_step: WrapButton
    next_step: WrapButton
    send: WrapButton
    step: int

    # Building ----------------------------------------------------------------------
    def _build_steps(
        self, info: AppointmentInfo, lang: str, idle_seconds: float, reasons: list[tuple[str, str]]
    ) -> None:
        for name, fields in STEPS:
            widget, box = page(name, lang)
            if name == "name":
                box.addWidget(text_label(tr("form_intro", lang), "lead"))
                clears = tr("form_clears", lang, minutes=idle_words(idle_seconds, lang))
                box.addWidget(text_label(clears, "small"))
            for field in fields:
                if field in TEXT_FIELDS:
                    self._add_text_field(box, field)
                elif field == "best_time":
                    times = [(t, tr(t, lang)) for t in BEST_TIMES]
                    self.best_time = self._add_choice(box, field, times)
                elif field == "reason":
                    self.reason = self._add_choice(box, field, reasons)
                elif field == "consent":
                    self._add_consent(box, info)
                if field == "note":
                    self.note_count = text_label("", "small")
                    box.addWidget(self.note_count)
                    self.fields["note"].textChanged.connect(self._count_note)
                    self._count_note()
            self.pages.append(widget)
            self.column.addWidget(widget)

    def _step_bar(self, lang: str) -> QWidget:
        """Back and Next (Send on the review) under the step, always in view however long
        the step; the keyboard's own Next stands in for them while it is up."""
        self.step_bar = QWidget()
        self.step_bar.setObjectName("stepBar")
        self.step_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        outer = QHBoxLayout(self.step_bar)
        outer.setContentsMargins(40, 12, 40, 16)
        inner = QWidget()
        inner.setMaximumWidth(1200)
        row = QHBoxLayout(inner)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(24)
        self.back_step = step_button(tr("step_back", lang), "stepBackButton", primary=False)
        self.next_step = step_button(tr("step_next", lang), "nextButton", primary=True)
        self.send = step_button(tr("send", lang), "sendButton", primary=True)
        self.back_step.clicked.connect(lambda: self.go_to(self.step - 1))
        self.next_step.clicked.connect(self.next_clicked)
        self.send.clicked.connect(self.send_request)
        row.addWidget(self.back_step, 1)
        row.addWidget(self.next_step, 2)
        row.addWidget(self.send, 2)
        outer.addStretch(1)
        outer.addWidget(inner, 1000)
        outer.addStretch(1)
        return self.step_bar

    def _error_label(self, box: QVBoxLayout, name: str) -> None:
        label = text_label("", "error")
        label.setObjectName(f"error-{name}")
        label.hide()
        box.addWidget(label)
        self.errors[name] = label

    def _add_text_field(self, box: QVBoxLayout, name: str) -> None:
        spec = TEXT_FIELDS[name]
        label = text_label(tr(name, self.lang), "fieldLabel")
        field = SafeLineEdit(name, spec.max_length)
        field.setAccessibleName(tr(name, self.lang))
        label.setBuddy(field)
        field.focused.connect(lambda f=field, n=name: self._typing_in(f, n))
        # Not connect(self.keyboard.show): PySide6 6.12 leaks the name string of a C++
        # method on every connection to one (about 45 bytes a field, for every form).
        field.focused.connect(self.keyboard_show)
        # Once the keyboard has taken its space, put the field's label at the top of the
        # view so the field sits above the keyboard (the context object cancels the call if
        # the screen is gone by then).
        area = self.scroll_area
        field.focused.connect(
            lambda lb=label, f=field: QTimer.singleShot(0, area, lambda: self.scroll_to(lb, f))
        )
        field.textChanged.connect(lambda _t="", n=name: self._recheck(n))

        box.addWidget(label)
        box.addWidget(field)
        self.fields[name] = field
        self._error_label(box, name)

    def _add_choice(
        self, box: QVBoxLayout, name: str, choices: list[tuple[str, str]]
    ) -> ChoiceButtons:
        group = ChoiceButtons(name, choices, 1)
        group.setAccessibleName(tr(name, self.lang))
        group.changed.connect(self.keyboard_hide)
        group.changed.connect(lambda _v="", n=name: self._recheck(n))
        box.addWidget(group)
        self._error_label(box, name)
        return group

    def _add_consent(self, box: QVBoxLayout, info: AppointmentInfo) -> None:
        notice = QFrame()
        notice.setProperty("variant", "notice")
        inner = QVBoxLayout(notice)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(text_label(info.privacy_notice.get(self.lang), "body"))
        self.consent = WrapCheckBox(tr("consent", self.lang))
        self.consent.setObjectName("field-consent")
        self.consent.setAccessibleName(tr("consent", self.lang))
        self.consent.toggled.connect(lambda _on=False: self._recheck("consent"))
        inner.addWidget(self.consent)
        box.addWidget(notice)
        self._error_label(box, "consent")

    def scroll_to(self, label: QWidget, field: QWidget) -> None:
        """The field's label at the top of the view, or the field itself when both do not
        fit above the keyboard: the field being typed in is never under it."""
        content = self.scroll_area.widget()
        if content is None:
            return
        top = label.mapTo(content, QPoint(0, 0)).y() - 16
        bottom = field.mapTo(content, QPoint(0, field.height())).y()
        if bottom - top > self.scroll_area.viewport().height():
            top = field.mapTo(content, QPoint(0, 0)).y() - 8
        self.scroll_area.verticalScrollBar().setValue(top)

    def _keyboard_up(self, up: bool) -> None:
        self.more_strip.suppress(up)
        self.step_bar.setHidden(up)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab (or Enter, A4) out of a field: the on-screen keyboard goes first, so the step
        bar it covers (Next) is there to Tab to; the next field brings the keys back."""
        if self.keyboard.isVisible() and QApplication.focusWidget() in self.fields.values():
            self.keyboard_hide()
        return super().focusNextPrevChild(next)

    def keyboard_show(self) -> None:
        self.keyboard.show()

    def keyboard_hide(self) -> None:
        self.keyboard.hide()

    def _count_note(self) -> None:
        n = len(self.fields["note"].text())
        self.note_count.setText(tr("note_count", self.lang, n=n, max=NOTE_MAX))

    def _settle(self) -> None:
        """Lay the shown page out now: a page is a widget in the column, so what changed in
        it would otherwise reach the column's layout one event-loop pass later, and for
        that moment a wrapped label would be cut."""
        for widget in (self.pages[self.step], self.column_widget, self.scroll_area.widget()):
            layout = widget.layout() if widget is not None else None
            if layout is not None:
                layout.activate()

    # Hooks: what request_form.py does with the parts -----------------------------------
    def go_to(self, step: int) -> None:
        raise NotImplementedError

    def next_clicked(self) -> None:
        raise NotImplementedError

    def send_request(self) -> None:
        raise NotImplementedError

    def _typing_in(self, field: SafeLineEdit, name: str) -> None:
        raise NotImplementedError

    def _recheck(self, name: str) -> None:
        raise NotImplementedError
