"""`python bench/paint_cpu.py TREE OUT [ARGS...]`: run TREE's `main.py run ARGS` (or, with
TREE `floor`, bench/floor.py) until its first frame is painted, write the CPU time the
process had used by then to OUT and quit. CPU time, unlike the wall clock, hardly moves when
another process takes the other core, so two revisions can be told apart on a busy machine
(bench/revisions.py). Works on any revision: it patches only kiosk/first_paint.py's
report, which every revision since issue 8 has."""

from __future__ import annotations

import json
import os
import runpy
import sys
import time
from pathlib import Path


def main() -> None:
    tree, out, *args = sys.argv[1:]
    floor = tree == "floor"
    root = Path(__file__).resolve().parent.parent if floor else Path(tree)
    sys.path.insert(0, str(root))
    os.chdir(root)
    import kiosk.first_paint as first_paint

    report = first_paint.FirstPaintReport.write

    def write(self: first_paint.FirstPaintReport) -> None:
        cpu = time.process_time()
        report(self)
        Path(out).write_text(json.dumps({"cpu_ms": cpu * 1000}), encoding="utf-8")
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert app is not None
        app.exit(0)

    first_paint.FirstPaintReport.write = write  # type: ignore[method-assign]
    script = root / ("bench/floor.py" if floor else "main.py")
    sys.argv = [str(script), *([] if floor else ["run", *args])]
    runpy.run_path(str(script), run_name="__main__")


if __name__ == "__main__":
    main()
