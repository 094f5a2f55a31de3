"""The call-back request form (R1, R2) as steps: one question a screen ("Step 2 of 5", large
Back and Next), then a review of every answer with Change buttons, then Send. The steps,
fields, limits and choices are the form spec's (kiosk/appointments/form_spec.py).

The on-screen keyboard docks under the step and is up only on steps with text; its Next key
moves to the step's next field, Done puts it away. Errors show under their field in the
patient's language and each clears the moment its field is right. The form sends itself
through the submit callable it is given and shows the outcome: `saved` carries the reference
of a stored request (the window then thanks the patient); errors and failures stay here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.appointments.context import STAFF_LANGUAGE, ReasonText
from kiosk.appointments.form_spec import (
    CHOICE_FIELDS,
    REQUIRED_ONLY,
    STEPS,
    TEXT_FIELDS,
)
from kiosk.appointments.service import Failed, Invalid, Saved, Submit
from kiosk.content import AppointmentInfo, Topic
from kiosk.design.i18n import tr
from kiosk.ui.widgets.fields import SafeLineEdit
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.labels import text_label, warning_banner

from .form_build import FormParts
from .form_steps import ReviewPage

STEP_NAMES = [name for name, _ in STEPS]
STEP_OF_FIELD = {field: i for i, (_, fields) in enumerate(STEPS) for field in fields}
REVIEW = len(STEPS)  # the page after the last question


def error_text(field: str, code: str, lang: str) -> str:
    if code == "required" and field in CHOICE_FIELDS:
        code = f"{field}_invalid"
    return tr(f"err_{code}", lang)


class RequestFormScreen(FormParts):
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
        self._shown_errors: dict[str, str] = {}
        self._back_to_review = False  # Next after a Change returns to the review
        self.keyboard = OnScreenKeyboard(lang)
        self.keyboard.next_requested.connect(self._keyboard_next)
        # While typing, the keyboard is what lies below: the "More below" strip would only
        # take the room the field needs above the keys (and cut it, at 200% text).
        self.keyboard.shown.connect(self._keyboard_up)
        self.progress = text_label("", "step")
        self.progress.setObjectName("stepProgress")
        self.column.addWidget(self.progress)
        self.failure = warning_banner(tr("save_failed", lang))
        self.failure.hide()
        self.column.addWidget(self.failure)
        self.summary = text_label("", "error")
        self.summary.hide()
        self.column.addWidget(self.summary)
        reasons = [(r.id, r.label.get(lang)) for r in info.reasons]
        staff = {r.id: r.label.get(STAFF_LANGUAGE) for r in info.reasons}
        if topic is not None:
            reasons.insert(0, (topic.id, tr("about_topic", lang, title=topic.title.get(lang))))
            title = topic.title.get(STAFF_LANGUAGE)
            staff[topic.id] = tr("about_topic", STAFF_LANGUAGE, title=title)
        self.reason_ids = [r for r, _ in reasons]
        # What the request records: each reason as the patient sees it and for staff.
        self.reason_texts = {r: ReasonText(shown, staff[r]) for r, shown in reasons}
        self.pages: list[QWidget] = []
        self._build_steps(info, lang, idle_seconds, reasons)
        if topic is not None:
            self.reason.set_value(topic.id)
        self.review = ReviewPage(STEP_NAMES, lang)
        for i, name in enumerate(STEP_NAMES):
            self.review.change[name].clicked.connect(lambda _=False, i=i: self._change(i))
        self.pages.append(self.review)
        self.column.addWidget(self.review)
        self.finish()
        self.outer.addWidget(self._step_bar(lang))
        self.outer.addWidget(self.keyboard)
        self.keyboard.hide()
        self.step = -1
        self.go_to(0)

    # Moving between steps ------------------------------------------------------------
    def go_to(self, step: int) -> None:
        """Show step `step` (REVIEW: the review page) with the keyboard only for text."""
        step = max(0, min(step, REVIEW))
        moved = step != self.step
        self.step = step
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            # Else Qt hands the focus of a field that hides to the next button, and a focus
            # ring shows under no keyboard at all; the window takes it, as on a new screen.
            self.window().setFocus(Qt.FocusReason.OtherFocusReason)
        for i, widget in enumerate(self.pages):
            widget.setVisible(i == step)
        if step < REVIEW:
            self.progress.setText(tr("step_of", self.lang, n=step + 1, total=len(STEPS)))
        else:
            self._fill_review()
        self.progress.setVisible(step < REVIEW)
        self.back_step.setVisible(step > 0)
        self.next_step.setVisible(step < REVIEW)
        self.send.setVisible(step == REVIEW)
        self.failure.hide()
        self._settle()
        text = self._text_fields(step)
        if not text:
            self.keyboard_hide()
        if moved:
            self.scroll_area.verticalScrollBar().setValue(0)
            if text and self.keyboard.isVisible():
                text[0].setFocus()  # typing goes on in this step's first field

    def next_clicked(self) -> None:
        """Next: on to the next question once this one is answered (or back to the review
        after a Change)."""
        errors = self._step_errors(self.step)
        if errors:
            self._show(errors)
            self.errors_shown.emit()
            return
        if self.step < REVIEW:  # answered: its old errors go
            fields = STEPS[self.step][1]
            self._show({f: c for f, c in self._shown_errors.items() if f not in fields})
        self.go_to(REVIEW if self._back_to_review else self.step + 1)

    def _change(self, step: int) -> None:
        self._back_to_review = True
        self.go_to(step)

    def _text_fields(self, step: int) -> list[SafeLineEdit]:
        if step >= REVIEW:
            return []
        return [self.fields[f] for f in STEPS[step][1] if f in self.fields]

    def _typing_in(self, field: SafeLineEdit, name: str) -> None:
        spec = TEXT_FIELDS[name]
        self.keyboard.set_target(field, spec.keyboard, spec.capital and not field.text())
        fields = self._text_fields(STEP_OF_FIELD[name])
        last = fields[-1] is field if fields else True
        self.keyboard.set_next_label(tr("key_done" if last else "key_next", self.lang))

    def _keyboard_next(self) -> None:
        """The keyboard's Next goes to the step's next field; Done puts the keyboard away."""
        fields = self._text_fields(self.step)
        target = self.keyboard.target
        if target in fields and target is not fields[-1]:
            fields[fields.index(target) + 1].setFocus()
        else:
            self.keyboard_hide()

    def _fill_review(self) -> None:
        values = self.values()
        time = str(values["best_time"])
        reason = dict(zip(self.reason_ids, self.reason.labels(), strict=True)).get(
            str(values["reason"]), ""
        )
        answers = {
            "name": f"{values['first_name']} {values['last_name']}".strip(),
            "phone": "\n".join(v for v in (str(values["phone"]), str(values["email"])) if v),
            "best_time": tr(time, self.lang) if time else "",
            "reason": "\n".join(v for v in (reason, str(values["note"])) if v),
            "consent": tr("consent_given" if values["consent"] else "consent_missing", self.lang),
        }
        for step, label in self.review.answers.items():
            label.setText(answers[step] or tr("not_given", self.lang))

    # Checking --------------------------------------------------------------------------
    def _check(self) -> dict[str, str]:
        """The validator's verdict on every field, leaving out what depends on the kiosk's
        phone region (only the save knows it): a typed phone number passes here."""
        from kiosk.appointments.request import validate

        errors = validate(self.values(), reasons=self.reason_ids)
        return {f: c for f, c in errors.items() if not (f in REQUIRED_ONLY and c != "required")}

    def _step_errors(self, step: int) -> dict[str, str]:
        if step >= REVIEW:
            return {}
        names = STEPS[step][1]
        return {f: c for f, c in self._check().items() if f in names}

    def _recheck(self, name: str) -> None:
        """An error goes the moment its field is right."""
        if name in self._shown_errors and name not in self._check():
            del self._shown_errors[name]
            self._show(self._shown_errors)

    # Sending -------------------------------------------------------------------------
    def send_request(self) -> None:
        """What Send does: submit what is typed and show the outcome."""
        self.keyboard_hide()  # so the answer is in plain view
        if self._submit is None:
            self.show_failure()
            return
        outcome = self._submit(self.values(), self.reason_texts, self.lang)
        if isinstance(outcome, Saved):
            self.saved.emit(outcome.reference)
        elif isinstance(outcome, Invalid):
            self.show_errors(outcome.errors)
            self.errors_shown.emit()
        elif isinstance(outcome, Failed):
            self.show_failure()

    # Data in and out ---------------------------------------------------------------
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

    def kept_input(self) -> object:
        """What the patient typed and the step they are on, for the same screen rebuilt in
        another language."""
        return {"values": self.values(), "step": self.step, "review": self._back_to_review}

    def restore_input(self, kept: object) -> None:
        if isinstance(kept, dict):
            self.restore(kept.get("values", {}))
            self._back_to_review = bool(kept.get("review", False))
            self.go_to(int(kept.get("step", 0)))

    def show_errors(self, errors: dict[str, str]) -> None:
        """Errors from the save (every field at once): shown on the first step with one."""
        first = min((STEP_OF_FIELD[n] for n in errors if n in STEP_OF_FIELD), default=None)
        if first is not None:
            self._back_to_review = True
            self.go_to(first)
        self._show(errors)

    def _show(self, errors: dict[str, str]) -> None:
        self.failure.hide()
        self._shown_errors = dict(errors)
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
        self._settle()
        first = next((n for n in self.errors if n in errors), None)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(self.errors[first], 0, 40)

    def show_failure(self) -> None:
        """The save failed: say so, keep everything typed, send the patient to the desk."""
        self.failure.show()
        self.scroll_area.ensureWidgetVisible(self.failure)
