"""Render every screen in every language to PNG, offscreen: a preview without a touchscreen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.content import ContentErrors, load_content


def render_all(
    content_path: Path, outdir: Path, size: tuple[int, int], only_lang: str | None
) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.navigation import Route
    from kiosk.ui.theme import Theme

    try:
        content = load_content(content_path).content
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if only_lang and only_lang not in content.languages:
        print(f"language '{only_lang}' is not in {list(content.languages)}", file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    Theme().apply(app)
    outdir.mkdir(parents=True, exist_ok=True)
    written = 0
    for lang in [only_lang] if only_lang else list(content.languages):
        window = MainWindow(content, lang)
        window.resize(*size)
        window.show()
        routes = [Route("home"), Route("about")]
        for section in content.sections:
            routes.append(Route("section", section.id))
            routes.extend(Route("topic", topic.id) for topic in section.topics)
        for index, route in enumerate(routes):
            window.show_route(route)
            app.processEvents()
            name = f"{route.kind}-{route.ident}" if route.ident else route.kind
            path = outdir / f"{lang}-{size[0]}x{size[1]}-{index:02d}-{name}.png"
            window.grab().save(str(path))
            written += 1
        window.close()
        window.deleteLater()
    print(f"wrote {written} screenshots to {outdir}")
    return 0
