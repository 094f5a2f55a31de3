"""Patient content: model, loader and format. Never imports Qt.

The loader (PyYAML and the checks) is imported on first use only: a kiosk that starts from
its content cache never needs it (docs/benchmarks.md)."""

from typing import TYPE_CHECKING, Any

from .errors import ContentError, ContentErrors
from .model import (
    About,
    AppointmentInfo,
    Block,
    BulletsBlock,
    Content,
    Home,
    ImageBlock,
    LText,
    Reason,
    Section,
    TextBlock,
    Topic,
)

if TYPE_CHECKING:
    from .loader import LoadResult, load_content


def __getattr__(name: str) -> Any:
    if name in ("LoadResult", "load_content"):
        from . import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "About",
    "AppointmentInfo",
    "Block",
    "BulletsBlock",
    "Content",
    "ContentError",
    "ContentErrors",
    "Home",
    "ImageBlock",
    "LText",
    "LoadResult",
    "Reason",
    "Section",
    "TextBlock",
    "Topic",
    "load_content",
]
