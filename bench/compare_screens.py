"""Screenshots before and after a change, compared pixel by pixel (a redesign must not show).

    python -m bench.compare_screens render OUTDIR [--content content.yaml]
    python -m bench.compare_screens compare BEFORE AFTER

`render` runs `main.py screenshots` (every screen, both languages) once per look below, each in
its own process as a user would, into OUTDIR. `compare` reads both folders with Qt's QImage
(no other image library) and lists every file that is missing on one side or differs by one
pixel or more; it exits 0 only when the two sets are identical.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Look:
    size: str
    text_size: int = 100
    contrast: str = "default"

    def args(self) -> list[str]:
        return [
            "--size",
            self.size,
            "--text-size",
            str(self.text_size),
            "--contrast",
            self.contrast,
        ]


# Landscape as installed, portrait, the largest text and high contrast (issue 17). The file
# names already carry size, text size and contrast, so all of them share one folder.
LOOKS = (
    Look("1920x1080"),
    Look("1080x1920"),
    Look("1920x1080", text_size=200),
    Look("1920x1080", contrast="high"),
)


def render(outdir: Path, content: Path | None, looks: Sequence[Look] = LOOKS) -> int:
    outdir.mkdir(parents=True, exist_ok=True)
    extra = ["--content", str(content)] if content is not None else []
    for look in looks:
        cmd = [sys.executable, str(ROOT / "main.py"), "screenshots", str(outdir), *look.args()]
        done = subprocess.run(
            [*cmd, *extra], cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
        )
        print(f"{' '.join(look.args())}: {done.stdout.strip() or done.stderr.strip()[-500:]}")
        if done.returncode != 0:
            return done.returncode
    print(f"{len(list(outdir.glob('*.png')))} PNG files in {outdir}")
    return 0


def difference(before: Path, after: Path) -> str | None:
    """None when the two images are pixel-identical, else what differs (size or the box of
    differing pixels)."""
    from PySide6.QtGui import QImage

    a, b = QImage(str(before)), QImage(str(after))
    if a.isNull() or b.isNull():
        return "cannot be read as an image"
    if a.size() != b.size():
        return f"size {a.width()}x{a.height()} -> {b.width()}x{b.height()}"
    # One pixel format, so equal pixels are equal bytes whatever the PNG encoder chose.
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    if a == b:
        return None
    rows = [y for y in range(a.height()) if bytes(a.constScanLine(y)) != bytes(b.constScanLine(y))]
    xs = [
        x
        for x in range(a.width())
        if any(a.pixel(x, y) != b.pixel(x, y) for y in (rows[0], rows[len(rows) // 2], rows[-1]))
    ]
    cols = f"x {xs[0]}-{xs[-1]}, " if xs else ""
    return f"pixels differ in {cols}rows {rows[0]}-{rows[-1]} ({len(rows)} rows)"


def compare(before: Path, after: Path) -> int:
    names_before = {p.name for p in before.glob("*.png")}
    names_after = {p.name for p in after.glob("*.png")}
    problems = [f"{name}: only in {before}" for name in sorted(names_before - names_after)]
    problems += [f"{name}: only in {after}" for name in sorted(names_after - names_before)]
    for name in sorted(names_before & names_after):
        found = difference(before / name, after / name)
        if found is not None:
            problems.append(f"{name}: {found}")
    for line in problems:
        print(line)
    same = len(names_before & names_after) - sum(1 for p in problems if "only in" not in p)
    print(f"{same} identical, {len(problems)} differing or missing")
    return 1 if problems or not names_before else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare_screens")
    sub = parser.add_subparsers(dest="command", required=True)
    shots = sub.add_parser("render", help="every screenshot at every look, into OUTDIR")
    shots.add_argument("outdir", type=Path)
    shots.add_argument("--content", type=Path, default=None)
    both = sub.add_parser("compare", help="list files that differ; exit 1 if any")
    both.add_argument("before", type=Path)
    both.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "render":
        return render(args.outdir, args.content)
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
