"""Patient content: model, loader and format. Never imports Qt."""

from .errors import ContentError, ContentErrors
from .loader import LoadResult, load_content
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
