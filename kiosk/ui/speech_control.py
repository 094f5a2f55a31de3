"""Speech mode for one window (A1): read each screen aloud, repeat, pause, stop, volume, and
stop when the patient acts anywhere else; the bottom bar shows its state."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from kiosk.patient.session import SessionState
from kiosk.ui.app_filter import add_app_filter

if TYPE_CHECKING:
    from kiosk.ui.screens.base import Screen
    from kiosk.ui.speech import Speaker
    from kiosk.ui.widgets.access_bar import AccessBar

INPUT_EVENTS = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}
)


class SpeechControl(QObject):
    """Owned by the window (its parent). The session, the bar and the page are asked for each
    time: a reset replaces the session, and the bar is built after the start screen."""

    def __init__(
        self,
        window: QWidget,
        session: Callable[[], SessionState],
        access: Callable[[], AccessBar | None],
        page: Callable[[], Screen],
    ):
        super().__init__(window)
        self._session = session
        self._access = access
        self._page = page
        self.speaker: Speaker | None = None

    def set_speaker(self, speaker: Speaker) -> None:
        self.speaker = speaker
        speaker.speaking_changed.connect(self.show_state)
        # Any touch or key outside the speech controls stops the reading (A1).
        add_app_filter(self, INPUT_EVENTS)
        self.show_state()

    @property
    def busy(self) -> bool:
        """Reading aloud (or paused mid-screen): the patient is listening, not gone."""
        return self.speaker is not None and self.speaker.busy

    @property
    def available(self) -> bool:
        return self.speaker is not None and self.speaker.speaks(self._session().lang)

    def toggle(self) -> None:
        session = self._session()
        session.speech_on = not session.speech_on and self.available
        if session.speech_on:
            self.read_screen()
        elif self.speaker is not None:
            self.speaker.stop()
        self.show_state()

    def read_screen(self) -> None:
        session = self._session()
        if self.speaker is None or not session.speech_on:
            return
        self.speaker.set_volume(session.volume)
        page = self._page()
        self.speaker.read([page.title, *page.spoken_lines()], session.lang)

    def toggle_pause(self) -> None:
        if self.speaker is not None:
            self.speaker.toggle_pause()
        self.show_state()

    def stop(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()

    def change_volume(self, step: float) -> None:
        session = self._session()
        volume = session.volume + step
        if self.speaker is not None:
            volume = self.speaker.set_volume(volume)
        session.volume = volume
        self.show_state()

    def show_state(self) -> None:
        """The bottom bar's buttons as the session has them (nothing before the bar exists:
        it is shown with the first screen)."""
        access = self._access()
        if access is None:
            return
        from kiosk.ui.widgets.access_bar import AccessState

        session = self._session()
        if session.speech_on and not self.available:
            session.speech_on = False  # e.g. switched to a language with no voice
            if self.speaker is not None:
                self.speaker.stop()
        access.show_state(
            AccessState(
                lang=session.lang,
                text_scale=session.text_scale,
                high_contrast=session.high_contrast,
                speech_available=self.available,
                speech_on=session.speech_on,
                paused=self.speaker is not None and self.speaker.paused,
                volume=session.volume,
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        speaker = self.speaker
        if (
            speaker is not None
            and event.type() in INPUT_EVENTS
            and speaker.busy
            and isinstance(watched, QWidget)
        ):
            access = self._access()
            if access is not None and not any(
                watched is c or c.isAncestorOf(watched) for c in access.speech_controls
            ):
                speaker.stop()
        return False
