"""Patient content: model, loader and format. Never imports Qt."""

from .errors import ContentError, ContentErrors
from .loader import LoadResult, load_content
from .model import (
    About,
    Block,
    BulletsBlock,
    Content,
    Home,
    ImageBlock,
    LText,
    Section,
    TextBlock,
    Topic,
)

__all__ = [
    "About",
    "Block",
    "BulletsBlock",
    "Content",
    "ContentError",
    "ContentErrors",
    "Home",
    "ImageBlock",
    "LText",
    "LoadResult",
    "Section",
    "TextBlock",
    "Topic",
    "load_content",
]
