"""The Asset type: a picture file inside the assets folder, checked for a safe name, a
real image and a sensible size before the kiosk ever tries to show it."""

from __future__ import annotations

from itertools import islice
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import yaml

from .files import file_size
from .image_info import read_image_info
from .text_types import Text
from .type_base import CONTROL, INVALID, Ctx, Type, shown, suggest


class Asset(Type):
    """A file inside the assets folder, named relative to it."""

    EXTENSIONS = (".png", ".jpg", ".jpeg", ".svg")
    MAX_PATH = 200  # characters; the shipped names are under 30
    MAX_NAME_BYTES = 255  # a file or folder name, as most file systems allow
    MAX_BYTES = 10 * 1024 * 1024
    MAX_PIXELS = 40_000_000  # decoding is scaled, but a bomb still costs time to read
    MAX_SIDE = 12_000
    NEEDED_WIDTH = 2400  # the widest a picture is ever shown, at 2x for sharp screens

    def _read(self, node: yaml.Node, ctx: Ctx) -> Any:
        value = Text()._read(node, ctx)
        if value is INVALID:
            return INVALID
        if len(value) > self.MAX_PATH:
            return ctx.error(
                node,
                f"'{shown(value)}' is too long for a file path ({len(value):,} characters; "
                f"the limit is {self.MAX_PATH})",
            )
        problem = self._name_problem(value)
        if problem:
            return ctx.error(node, f"'{shown(value)}' {problem}")
        try:
            return self._check_file(node, value, ctx)
        except (OSError, ValueError, RuntimeError) as exc:
            # Anything else the file system says (a loop of links, a name it refuses):
            # still a located problem with the staff's file, never a crash.
            if isinstance(exc, RuntimeError):  # pathlib's word for a loop of links
                why = "it is a link that leads back to itself"
            elif isinstance(exc, OSError) and exc.strerror:
                why = exc.strerror
            else:
                why = "the file system refuses this name"
            return ctx.error(node, f"assets/{shown(value)} cannot be read: {why}")

    def _name_problem(self, value: str) -> str:
        """What is wrong with the name itself, before the file system is asked."""
        if CONTROL.search(value):
            return "contains a control character (such as a NUL or a tab); type the name again"
        if Path(value).is_absolute() or PureWindowsPath(value).is_absolute() or value[:1] in "/\\":
            return "must be a path inside assets/, like icons/what.svg"
        if Path(value).suffix.lower() not in self.EXTENSIONS:
            return "must be a PNG, JPEG or SVG file"
        for part in PurePosixPath(value.replace("\\", "/")).parts:
            if len(part.encode("utf-8", "surrogateescape")) > self.MAX_NAME_BYTES:
                return f"has a file or folder name longer than {self.MAX_NAME_BYTES} bytes"
        return ""

    def _check_file(self, node: yaml.Node, value: str, ctx: Ctx) -> Any:
        root = ctx.assets_dir.resolve()
        target = (root / value).resolve()
        if not target.is_relative_to(root):
            return ctx.error(node, f"'{shown(value)}' points outside the assets folder")
        if not target.exists():
            # The first names in the folder are enough for a "did you mean".
            names = islice(target.parent.iterdir(), 1000) if target.parent.is_dir() else ()
            hint = suggest(target.name, [p.name for p in names])
            return ctx.error(node, f"image not found: assets/{shown(value)}{hint}")
        try:
            size = file_size(target)
            if size > self.MAX_BYTES:
                limit = self.MAX_BYTES // (1024 * 1024)
                message = f"is too large ({size:,} bytes; limit {limit} MB)"
                return ctx.error(node, f"assets/{shown(value)} {message}")
            info = read_image_info(target, self.MAX_BYTES)
        except ValueError as exc:  # BadImage, SvgProblem, FileProblem: already in words
            return ctx.error(node, f"assets/{shown(value)} {exc}")
        pixels = info.width * info.height
        if pixels > self.MAX_PIXELS or max(info.width, info.height) > self.MAX_SIDE:
            return ctx.error(
                node,
                f"assets/{shown(value)} is {info.width}x{info.height} pixels; the limit is "
                f"{self.MAX_PIXELS // 1_000_000} megapixels and {self.MAX_SIDE} pixels a side",
            )
        if info.width > self.NEEDED_WIDTH:
            ctx.warn(
                node,
                f"assets/{shown(value)} is {info.width} pixels wide; {self.NEEDED_WIDTH} is "
                "enough (a smaller file loads faster)",
            )
        return target

    def schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "maxLength": self.MAX_PATH,
            "pattern": r"^(?![/\\])(?!.*\.\.)[^:]+\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Ss][Vv][Gg])$",
        }
