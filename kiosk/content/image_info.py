"""Read an image's format and pixel size from its first bytes, without decoding it and
without Qt, so `validate` can refuse broken or huge pictures on a machine with no display."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from .files import read_head, read_regular_file
from .svg_check import check_svg

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HEAD = 64 * 1024
JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # "png" | "jpeg" | "svg"
    width: int = 0  # 0 for SVG (it scales)
    height: int = 0


class BadImage(ValueError):
    pass


def read_image_info(path: Path, max_bytes: int) -> ImageInfo:
    """The image's kind and size, or a ValueError saying (in plain words) what is wrong:
    BadImage, SvgProblem, or FileProblem for a file that cannot be read. Only regular files
    are opened (a pipe would block), and never more than `max_bytes` of them."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        check_svg(read_regular_file(path, max_bytes))
        return ImageInfo("svg")
    head = read_head(path, HEAD)
    if suffix == ".png":
        return _png(head)
    return _jpeg(read_regular_file(path, max_bytes) if len(head) == HEAD else head)


def _png(head: bytes) -> ImageInfo:
    if not head.startswith(PNG_MAGIC) or head[12:16] != b"IHDR" or len(head) < 24:
        raise BadImage("is not a valid PNG image")
    width, height = struct.unpack(">II", head[16:24])
    return ImageInfo("png", width, height)


def _jpeg(data: bytes) -> ImageInfo:
    if not data.startswith(b"\xff\xd8"):
        raise BadImage("is not a valid JPEG image")
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
