"""Labels that always show content as plain text (never HTML, never a link)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget


def text_label(text: str, role: str = "body", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setOpenExternalLinks(False)
    label.setWordWrap(True)
    label.setText(text)
    label.setProperty("role", role)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def warning_banner(text: str) -> QFrame:
    """White text on the warning colour: urgent guidance and failed saves."""
    banner = QFrame()
    banner.setProperty("variant", "urgentBanner")
    box = QVBoxLayout(banner)
    box.setContentsMargins(24, 16, 24, 16)
    box.addWidget(text_label(text, "onUrgent"))
    return banner
