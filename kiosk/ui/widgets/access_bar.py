"""The bar at the bottom of every patient screen: text size, contrast and speech (A1-A3),
always in the same place. While speech is on, a second row holds its controls.

Buttons in a row are equally wide when they fit that way; with large text on a narrow screen
each gets room in proportion to its words instead, and the speech controls take two rows
when even that is too little."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.design.i18n import tr

from .nav_bar import nav_button

BAR_MARGIN = 20
GAP = 20


@dataclass(frozen=True)
class AccessState:
    lang: str
    text_scale: float
    high_contrast: bool
    speech_available: bool
    speech_on: bool
    paused: bool
    volume: float


class AccessBar(QFrame):
    text_size_requested = Signal()
    contrast_requested = Signal()
    speech_requested = Signal()
    repeat_requested = Signal()
    pause_requested = Signal()  # pause, or continue when paused
    stop_requested = Signal()
    quieter_requested = Signal()
    louder_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("accessBar")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(BAR_MARGIN, 10, BAR_MARGIN, 10)
        rows.setSpacing(10)
        self.main_row = QHBoxLayout()
        self.main_row.setSpacing(GAP)
        self.text_size = nav_button("", "text-size.svg", "textSizeButton")
        self.contrast = nav_button("", "contrast.svg", "contrastButton")
        self.contrast.setCheckable(True)
        self.speech = nav_button("", "speaker.svg", "speechButton")
        self.speech.setCheckable(True)
        for button in (self.text_size, self.contrast, self.speech):
            self.main_row.addWidget(button, 1)
        rows.addLayout(self.main_row)
        self.controls = QWidget()
        self.controls.setObjectName("speechControls")
        self.control_grid = QGridLayout(self.controls)
        self.control_grid.setContentsMargins(0, 0, 0, 0)
        self.control_grid.setHorizontalSpacing(GAP)
        self.control_grid.setVerticalSpacing(10)
        self.repeat = self._control("repeatButton")
        self.pause = self._control("pauseButton")
        self.stop = self._control("stopButton")
        self.quieter = self._control("quieterButton")
        self.louder = self._control("louderButton")
        self._arrangement: tuple[int, ...] = ()
        self._arrange_controls(len(self._control_row), [1] * len(self._control_row))
        rows.addWidget(self.controls)
        self.controls.hide()
        self.text_size.clicked.connect(self.text_size_requested)
        self.contrast.clicked.connect(self.contrast_requested)
        self.speech.clicked.connect(self.speech_requested)
        self.repeat.clicked.connect(self.repeat_requested)
        self.pause.clicked.connect(self.pause_requested)
        self.stop.clicked.connect(self.stop_requested)
        self.quieter.clicked.connect(self.quieter_requested)
        self.louder.clicked.connect(self.louder_requested)

    def _control(self, name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setProperty("variant", "nav")
        return button

    @property
    def _control_row(self) -> list[QPushButton]:
        return [self.repeat, self.pause, self.stop, self.quieter, self.louder]

    @property
    def control_columns(self) -> int:
        return self._arrangement[0]

    def _arrange_controls(self, columns: int, stretches: list[int]) -> None:
        if (columns, *stretches) == self._arrangement:
            return
        self._arrangement = (columns, *stretches)
        buttons = self._control_row
        for button in buttons:
            self.control_grid.removeWidget(button)
        for index, button in enumerate(buttons):
            self.control_grid.addWidget(button, index // columns, index % columns)
        for column in range(len(buttons)):
            self.control_grid.setColumnStretch(column, stretches[column] if column < columns else 0)

    @staticmethod
    def _stretches(buttons: list[QPushButton], room: int) -> list[int] | None:
        """Equal shares if the widest button fits in one, else shares in proportion to
        each button's words; None if the row cannot fit at all."""
        hints = [b.sizeHint().width() for b in buttons]
        room -= GAP * (len(buttons) - 1)
        if max(hints) * len(hints) <= room:
            return [1] * len(hints)
        return hints if sum(hints) <= room else None

    def _fit(self) -> None:
        room = self.width() - 2 * BAR_MARGIN
        main = [self.text_size, self.contrast, self.speech]
        shown = [b for b in main if not b.isHidden()]
        shares = self._stretches(shown, room) or [b.sizeHint().width() for b in shown]
        for button in main:
            share = shares[shown.index(button)] if button in shown else 1
            self.main_row.setStretch(self.main_row.indexOf(button), share)
        controls = self._control_row
        one_row = self._stretches(controls, room)
        if one_row is not None:
            self._arrange_controls(len(controls), one_row)
        else:
            self._arrange_controls((len(controls) + 1) // 2, [1] * len(controls))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:  # the text size changed
            self._fit()

    @property
    def speech_controls(self) -> list[QPushButton]:
        return [self.speech, self.repeat, self.pause, self.stop, self.quieter, self.louder]

    def show_state(self, state: AccessState) -> None:
        lang = state.lang
        percent = round(state.text_scale * 100)
        self._label(self.text_size, tr("text_size", lang, n=percent), tr("text_size_hint", lang))
        self._label(self.contrast, tr("contrast", lang), tr("contrast_hint", lang))
        self.contrast.setChecked(state.high_contrast)
        self._label(self.speech, tr("listen", lang), tr("listen_hint", lang))
        self.speech.setChecked(state.speech_on)
        self.speech.setVisible(state.speech_available)
        self.controls.setVisible(state.speech_available and state.speech_on)
        self._label(self.repeat, tr("repeat", lang))
        self._label(self.pause, tr("resume" if state.paused else "pause", lang))
        self._label(self.stop, tr("stop", lang))
        volume = tr("volume", lang, n=round(state.volume * 100))
        self._label(self.quieter, tr("quieter", lang), f"{tr('quieter', lang)}. {volume}")
        self._label(self.louder, tr("louder", lang), f"{tr('louder', lang)}. {volume}")
        self._fit()  # new words: "Continue" is longer than "Pause"

    @staticmethod
    def _label(button: QPushButton, text: str, spoken: str = "") -> None:
        button.setText(text)
        button.setAccessibleName(spoken or text)
