"""A QR code drawn crisp at the screen's own resolution, for phones to read from the glass.

A phone camera reads a code from a screen best when every module is a whole number of
device pixels (no blurred edges) with the four-module light quiet zone around it that the
standard asks for, dark on light whatever the theme. The code is made with segno when a
topic screen is built, never at start, and kept per address for the next patient."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of light margin on each side (ISO/IEC 18004)
# The code's side with its quiet zone, in logical pixels: at least 3 cm on a 24-inch 1080p
# screen (0.277 mm a pixel, so 109 px) is the floor; this aims at about 6 cm, which a phone
# held at arm's length or tilted still reads.
TARGET_SIDE_PX = 220
MIN_SIDE_PX = 110
DARK, LIGHT = 0, 255  # black on white, also in high contrast: the most contrast a camera gets


@lru_cache(maxsize=256)
def qr_modules(url: str) -> tuple[bytes, ...]:
    """The code's rows with the quiet zone, one byte a module (0 dark, 255 light)."""
    import segno  # only when the first code is drawn: not part of the start-up

    # A full QR code, never a Micro QR (phone cameras do not read those); error level M or
    # better, as high as fits in the same size.
    code = segno.make_qr(url, error="m", boost_error=True)
    rows = code.matrix_iter(border=QUIET_ZONE)
    return tuple(bytes(DARK if dark else LIGHT for dark in row) for row in rows)


def module_pixels(modules: int, target: int = TARGET_SIDE_PX) -> int:
    """Whole logical pixels a module, so the side reaches `target` (and never less than 2)."""
    return max(2, -(-max(target, MIN_SIDE_PX) // modules))


def code_image(rows: tuple[bytes, ...], module: int) -> QImage:
    """The code at `module` device pixels a module: each module scaled by a whole number,
    nearest neighbour, so every edge falls on a pixel boundary."""
    side = len(rows)
    data = b"".join(rows)
    small = QImage(data, side, side, side, QImage.Format.Format_Grayscale8).copy()
    return small.scaled(
        side * module,
        side * module,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )


class QrCode(QWidget):
    """The code for `url`, sized once from the module count; drawn at the device pixel
    ratio of the screen it is on when painted."""

    def __init__(self, url: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.url = url
        self.rows = qr_modules(url)
        self.modules = len(self.rows)
        self.module_px = 0
        self._image: QImage | None = None  # at the last painted device pixel ratio
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.set_side(TARGET_SIDE_PX)
        self.setAccessibleName(label)
        self.setAccessibleDescription(url)

    def set_side(self, target: int) -> None:
        """Whole pixels a module, so the side (quiet zone in) reaches `target`, or at least
        MIN_SIDE_PX."""
        module = module_pixels(self.modules, target)
        if module != self.module_px:
            self.module_px = module
            side = self.modules * module
            self.setFixedSize(QSize(side, side))
            self._image = None
            self.update()

    def smaller_side(self) -> int | None:
        """The side one pixel a module smaller, or None when that is under the floor."""
        side = self.modules * (self.module_px - 1)
        return side if side >= MIN_SIDE_PX and self.module_px > 2 else None

    def image(self, ratio: float) -> QImage:
        """The code for `ratio` device pixels a logical one (cached for the last ratio)."""
        if self._image is None or self._image.devicePixelRatio() != ratio:
            device_module = max(1, int(self.module_px * ratio))
            image = code_image(self.rows, device_module)
            image.setDevicePixelRatio(ratio)
            self._image = image
        return self._image

    def paintEvent(self, event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        image = self.image(ratio)
        painter = QPainter(self)
        # The light background first, so a fractional ratio's spare pixel is quiet zone too.
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(QPoint(0, 0), image)
        painter.end()
