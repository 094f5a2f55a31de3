"""What `run` and `preview` hand the app: the checked settings and how to run. No Qt,
no argparse: everything below the command line reads these, never the flags."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.settings import Settings


class RunMode(Enum):
    KIOSK = "kiosk"  # full screen for patients (the default)
    PREVIEW = "preview"  # a window for staff at a desk: edits show at once, nothing times out

    @property
    def reads_settings_file(self) -> bool:
        return self is RunMode.KIOSK

    @property
    def overrides(self) -> dict[str, Any]:
        """Settings the mode fixes, above every flag, file or variable."""
        if self is RunMode.PREVIEW:
            return {"idle_timeout": 3600.0, "idle_warning": 3600.0, "windowed": True}
        return {}


WINDOW_SIZE = (1280, 800)  # a window's size when windowed and no --size is given


@dataclass(frozen=True)
class Launch:
    settings: Settings
    mode: RunMode = RunMode.KIOSK
    size: tuple[int, int] | None = None  # --size: the window's, when windowed
    settings_path: Path | None = None  # for `doctor` from the staff menu

    @property
    def window_size(self) -> tuple[int, int]:
        return self.size or WINDOW_SIZE

    @property
    def preview(self) -> bool:
        return self.mode is RunMode.PREVIEW
