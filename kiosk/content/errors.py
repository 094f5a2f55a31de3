"""Located content problems, collected and reported together (never one at a time)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentError:
    """One problem in a content file, at a 1-based line and column."""

    path: Path
    line: int
    col: int
    message: str
    key: str = ""
    # A warning that stops a release (`validate --release`): draft wording, a passed
    # review date. The kiosk itself still shows the content.
    release: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ContentErrors(Exception):
    """Raised when content cannot be used; carries every problem found, in file order."""

    def __init__(self, errors: list[ContentError], warnings: list[ContentError] | None = None):
        self.errors = sorted(errors, key=lambda e: (str(e.path), e.line, e.col))
        self.warnings = list(warnings or [])
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join(str(e) for e in self.errors)
