"""Render every screen in every language to PNG, offscreen: a preview without a touchscreen."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.appointments.request import validate
from kiosk.appointments.service import Invalid, Outcome, Saved
from kiosk.content import Content, ContentErrors, load_content
from kiosk.patient.navigation import Route, RouteKind

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


def screens(window: MainWindow, content: Content) -> list[tuple[str, Callable[[], None]]]:
    """(name, how to show it) for every screen a patient can reach, in reading order."""

    def route(r: Route) -> Callable[[], None]:
        return lambda: window.show_route(r)

    def warning() -> None:
        window.wake()
        window.show_idle_warning(30)

    found: list[tuple[str, Callable[[], None]]] = [
        ("start", window.reset_session),
        ("home", route(Route(RouteKind.HOME))),
        ("about", route(Route(RouteKind.ABOUT))),
    ]
    for section in content.sections:
        found.append((f"section-{section.id}", route(Route(RouteKind.SECTION, section.id))))
        found += [(f"topic-{t.id}", route(Route(RouteKind.TOPIC, t.id))) for t in section.topics]
    first_topic = content.sections[0].topics[0].id
    found.append(("request-form", route(Route(RouteKind.REQUEST, first_topic))))
    found.append(("request-typing", lambda: _request_then(window, _typing)))
    found.append(("request-form-errors", lambda: _request_then(window, _submit_empty)))
    found.append(("request-failed", lambda: _request_then(window, _fail)))
    found.append(("confirmation", route(Route(RouteKind.CONFIRMATION, "K7M3QX"))))
    found.append(("idle-warning", warning))
    found.append(("staff-pin", lambda: _staff_pin(window)))
    found.append(("staff-menu", lambda: _staff_menu(window, content)))
    return found


def _staff_pin(window: MainWindow) -> None:
    from kiosk.ui.screens.staff_pin import PinPadScreen

    pad = PinPadScreen()
    for digit in "12":
        pad.press(digit)
    pad.show_message("Wrong PIN. 3 more tries before a lockout.")
    window.show_extra_page(pad)


def _staff_menu(window: MainWindow, content: Content) -> None:
    """The menu as staff see it on a healthy kiosk with a USB stick plugged in."""
    from datetime import datetime

    from kiosk.content.source import ContentState, Loaded
    from kiosk.staff.desk import StaffStatus, describe_content
    from kiosk.staff.export_targets import ExportTarget
    from kiosk.ui.screens.staff_menu import StaffMenuScreen

    # A fixed load time, like the fixed request counts below: the same content renders the
    # same pixels at any hour, so two sets of screenshots can be compared.
    loaded_at = datetime(2025, 1, 6, 9, 30)
    ok, lines = describe_content(ContentState(Loaded(content), Path("content.yaml"), loaded_at))
    targets = [
        ExportTarget("USB drive KIOSK-USB", Path("/media/kiosk/KIOSK-USB")),
        ExportTarget("Kiosk exports folder", Path("exports")),
    ]
    status = StaffStatus(ok, lines, "2 new call-back request(s) waiting; 5 stored", targets)
    window.show_extra_page(StaffMenuScreen(status))


def _request_then(window: MainWindow, then: Callable[[MainWindow], None]) -> None:
    window.show_route(Route(RouteKind.REQUEST))
    then(window)


def _submit_empty(window: MainWindow) -> None:
    """Preview of the errors, as after pressing Send on an empty form."""
    from kiosk.ui.screens.request_form import RequestFormScreen

    form = window.current_screen
    if isinstance(form, RequestFormScreen):
        form.send_request()


def _typing(window: MainWindow) -> None:
    """Preview of the on-screen keyboard, as when a patient taps the first field."""
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.screens.request_form import RequestFormScreen

    form = window.current_screen
    if isinstance(form, RequestFormScreen):
        form.fields["first_name"].focused.emit()
        QApplication.processEvents()


def _fail(window: MainWindow) -> None:
    """Preview of a failed save, as after pressing Send on the review page."""
    from kiosk.ui.screens.request_form import REVIEW, RequestFormScreen

    form = window.current_screen
    if isinstance(form, RequestFormScreen):
        form.go_to(REVIEW)
        form.show_failure()


def validate_only(values: Mapping[str, str | bool], reasons: Collection[str]) -> Outcome:
    """Previews never save anything: they show what validation would say."""
    errors = validate(values, reasons=reasons)
    return Invalid(errors) if errors else Saved("PREVIEW")


def set_look(window: MainWindow, text_scale: float, high_contrast: bool) -> None:
    """Put the session in a text size and contrast through the bottom bar's own actions
    (the start screen resets the session, so this is re-applied after it)."""
    from kiosk.design.tokens import TEXT_SCALES

    if text_scale not in TEXT_SCALES:
        raise ValueError(f"text size {text_scale} is not one of {TEXT_SCALES}")
    for _ in TEXT_SCALES:
        if window.session.text_scale == text_scale:
            break
        window.next_text_size()
    if window.session.high_contrast != high_contrast:
        window.toggle_contrast()


def look_tag(text_scale: float, high_contrast: bool) -> str:
    """'' for the plain look, else e.g. '-200' or '-150-hc', for the file names."""
    tag = f"-{round(text_scale * 100)}" if text_scale != 1.0 else ""
    return tag + ("-hc" if high_contrast else "")


def render_all(
    content_path: Path,
    outdir: Path,
    size: tuple[int, int],
    only_lang: str | None,
    text_scale: float = 1.0,
    high_contrast: bool = False,
    take_home_url: str = "",
) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.main_window import MainWindow
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
    tag = look_tag(text_scale, high_contrast)
    for lang in [only_lang] if only_lang else list(content.languages):
        window = MainWindow(content, lang, submit=validate_only)
        window.take_home_url = take_home_url  # each topic's QR code, as the kiosk shows it
        window.resize(*size)
        window.show()
        for index, (name, show) in enumerate(screens(window, content)):
            show()
            if window.lang != lang:  # the start screen resets to the default language
                window.set_language(lang)
            set_look(window, text_scale, high_contrast)  # ... and the text size and contrast
            app.processEvents()
            stem = f"{lang}-{size[0]}x{size[1]}{tag}-{index:02d}-{name}"
            window.grab().save(str(outdir / f"{stem}.png"))
            written += 1
            window.hide_idle_warning()
        window.close()
        window.deleteLater()
    print(f"wrote {written} screenshots to {outdir}")
    return 0
