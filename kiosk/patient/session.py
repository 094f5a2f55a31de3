"""Everything one patient can change, in one place, so a reset cannot forget any of it.

A reset replaces the whole object with a fresh one; a setting added here later is reset
without anyone having to remember it."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.patient.navigation import History

VOLUME_STEP = 0.15  # one tap on Quieter or Louder


@dataclass
class SessionState:
    lang: str
    history: History = field(default_factory=History)
    text_scale: float = 1.0
    high_contrast: bool = False
    speech_on: bool = False
    volume: float = 0.7
