"""Reading the screen aloud with QtTextToSpeech (A1).

The engine is chosen by name (tests use Qt's `mock` engine). A language is only offered
when the engine has a voice for it: Spanish text read by an English voice helps nobody.
When there is no engine at all, `available` is False and `reason` says why (the log and
`doctor` show it)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger("kiosk.speech")

MIN_VOLUME, MAX_VOLUME = 0.25, 1.0


def pick_locale(available: Iterable[QLocale], lang: str) -> QLocale | None:
    """The engine's locale for `lang`: the US/Spain/Mexico one when there are several."""
    matches = [loc for loc in available if loc.name().split("_")[0] == lang]
    preferred = {"en": ("en_US", "en_GB"), "es": ("es_US", "es_MX", "es_ES")}.get(lang, ())
    for name in preferred:
        for loc in matches:
            if loc.name() == name:
                return loc
    return matches[0] if matches else None


class Speaker(QObject):
    speaking_changed = Signal(bool)  # True while words are being spoken (or paused)

    def __init__(self, engine: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.reason = ""
        self._tts: QTextToSpeech | None = None
        self._lines: list[str] = []
        self._index = 0
        self._lang = ""
        if engine == "none":
            self.reason = "speech turned off in the settings (speech_engine = none)"
            log.info("speech: off, %s", self.reason)
            return
        engines = QTextToSpeech.availableEngines()
        name = engine or next((e for e in engines if e != "mock"), "")
        if not name or name not in engines:
            self.reason = f"no speech engine (found: {', '.join(engines) or 'none'})"
            log.warning("speech: off, %s", self.reason)
            return
        tts = QTextToSpeech(name, self)
        if tts.state() == QTextToSpeech.State.Error:
            self.reason = f"speech engine {name} failed: {tts.errorString() or 'unknown error'}"
            log.warning("speech: off, %s", self.reason)
            return
        self._tts = tts
        self.engine = name
        tts.stateChanged.connect(self._state_changed)
        log.info("speech: engine %s, locales %s", name, self.languages())

    @property
    def available(self) -> bool:
        return self._tts is not None

    def languages(self) -> list[str]:
        if self._tts is None:
            return []
        return sorted({loc.name().split("_")[0] for loc in self._tts.availableLocales()})

    def speaks(self, lang: str) -> bool:
        return self._tts is not None and lang in self.languages()

    @property
    def state(self) -> QTextToSpeech.State:
        return self._tts.state() if self._tts else QTextToSpeech.State.Error

    @property
    def busy(self) -> bool:
        """Speaking or paused mid-screen: the idle countdown waits."""
        return self.state in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Paused) or (
            self._tts is not None and self._index < len(self._lines)
        )

    @property
    def paused(self) -> bool:
        return self.state == QTextToSpeech.State.Paused

    def set_volume(self, volume: float) -> float:
        volume = min(MAX_VOLUME, max(MIN_VOLUME, volume))
        if self._tts is not None:
            self._tts.setVolume(volume)
        return volume

    def read(self, lines: Sequence[str], lang: str) -> None:
        """Read these lines from the start, in this language's voice (replacing any)."""
        tts = self._tts
        if tts is None or not self.speaks(lang):
            self.stop()  # never read on in another language's voice
            return
        if lang != self._lang:
            locale = pick_locale(tts.availableLocales(), lang)
            if locale is not None:
                tts.setLocale(locale)
            self._lang = lang
        self._lines = [line for line in (" ".join(t.split()) for t in lines) if line]
        self._index = 0
        tts.stop()
        self._next()

    def repeat(self) -> None:
        if self._tts is not None and self._lines:
            self._index = 0
            self._tts.stop()
            self._next()

    def toggle_pause(self) -> None:
        if self._tts is None:
            return
        if self.paused:
            self._tts.resume()
        elif self.state == QTextToSpeech.State.Speaking:
            self._tts.pause()

    def stop(self) -> None:
        self._lines, self._index = [], 0
        if self._tts is not None:
            self._tts.stop()
        self.speaking_changed.emit(False)

    def _next(self) -> None:
        # One utterance per line, so Stop and Repeat act at once and the engine never gets
        # a whole screen in one string.
        if self._tts is None or self._index >= len(self._lines):
            return
        line = self._lines[self._index]
        self._index += 1
        self._tts.say(line)

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        if state == QTextToSpeech.State.Ready:
            if self._index < len(self._lines):
                self._next()
                return
            self._lines, self._index = [], 0
            self.speaking_changed.emit(False)
        elif state in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Paused):
            self.speaking_changed.emit(True)
        elif state == QTextToSpeech.State.Error and self._tts is not None:
            log.warning("speech: engine error (%s)", self._tts.errorString())
            self._lines, self._index = [], 0
            self.speaking_changed.emit(False)
