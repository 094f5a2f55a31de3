"""Read an image's format and pixel size from its first bytes, without decoding it and
without Qt, so `validate` can refuse broken or huge pictures on a machine with no display."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # "png" | "jpeg" | "svg"
    width: int = 0  # 0 for SVG (it scales)
    height: int = 0


class BadImage(ValueError):
    pass


def read_image_info(path: Path) -> ImageInfo:
    """The image's kind and size, or BadImage saying (in plain words) what is wrong."""
    with path.open("rb") as f:
        head = f.read(64 * 1024)
    suffix = path.suffix.lower()
    if suffix == ".png":
        return _png(head)
    if suffix in (".jpg", ".jpeg"):
        return _jpeg(head, path)
    return _svg(path)


def _png(head: bytes) -> ImageInfo:
    if not head.startswith(PNG_MAGIC) or head[12:16] != b"IHDR" or len(head) < 24:
        raise BadImage("is not a valid PNG image")
    width, height = struct.unpack(">II", head[16:24])
    return ImageInfo("png", width, height)


def _jpeg(head: bytes, path: Path) -> ImageInfo:
    if not head.startswith(b"\xff\xd8"):
        raise BadImage("is not a valid JPEG image")
    data = path.read_bytes() if len(head) == 64 * 1024 else head
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            raise BadImage("is not a valid JPEG image (damaged)")
        marker = data[i + 1]
        if marker == 0xFF:  # padding
            i += 1
            continue
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if marker in JPEG_SOF:
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return ImageInfo("jpeg", width, height)
        i += 2 + length
    raise BadImage("is not a valid JPEG image (no size found)")


def _svg(path: Path) -> ImageInfo:
    try:
        # SVG from staff is trusted less than code: refuse entity declarations outright.
        text = path.read_text(encoding="utf-8")
        if "<!ENTITY" in text or "<!DOCTYPE" in text:
            raise BadImage("is an SVG with a DOCTYPE or ENTITY, which is not allowed")
        root = ET.fromstring(text)
    except (ET.ParseError, UnicodeDecodeError) as exc:
        raise BadImage("is not a valid SVG image") from exc
    if not root.tag.endswith("svg"):
        raise BadImage("is not an SVG image (no <svg> element)")
    return ImageInfo("svg")
