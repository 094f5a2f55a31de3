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
from kiosk.content.placeholders import fill_content, settings_values
from kiosk.patient.navigation import Route, RouteKind
from kiosk.settings import Settings

if TYPE_CHECKING:
    from kiosk.appointments.records import StoredRequest
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
    found.append(("staff-requests", lambda: _staff_requests(window, content, detail=False)))
    found.append(("staff-request-detail", lambda: _staff_requests(window, content, detail=True)))
    return found


def _staff_pin(window: MainWindow) -> None:
    from kiosk.design.i18n import trn
    from kiosk.ui.screens.staff_pin import PinPadScreen

    pad = PinPadScreen(window.lang)
    for digit in "12":
        pad.press(digit)
    pad.show_message(trn("staff_tries_left", window.lang, 3))
    window.show_extra_page(pad)


def _sample_requests(content: Content) -> list[StoredRequest]:
    """Two made-up requests (no real patient), at fixed times so the pixels repeat: one
    about a topic, one with a reason from the content's list."""
    from datetime import UTC, datetime

    from kiosk.appointments.records import StoredRequest
    from kiosk.appointments.request import AppointmentRequest

    topic = content.sections[0].topics[0].id
    reason = content.appointments.reasons[-1].id if content.appointments.reasons else topic
    maria = AppointmentRequest(
        "María", "García", "+12025550123", "afternoon", topic, True, note="Mejor en español"
    )
    ben = AppointmentRequest("Ben", "Quill", "+12025550188", "morning", reason, True)
    return [
        StoredRequest("1", "K7M3QX", datetime(2025, 1, 6, 15, 5, tzinfo=UTC), "new", ben),
        StoredRequest("2", "P4T9HW", datetime(2025, 1, 6, 19, 48, tzinfo=UTC), "new", maria),
    ]


def _staff_requests(window: MainWindow, content: Content, detail: bool) -> None:
    from kiosk.staff.request_view import newest_first
    from kiosk.ui.screens.staff_requests import RequestDetailScreen, RequestListScreen

    views = newest_first(_sample_requests(content), content, window.lang, "America/Chicago")
    page = RequestDetailScreen(views[0], window.lang) if detail else None
    window.show_extra_page(page or RequestListScreen(views, len(views), window.lang))


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
    state = ContentState(Loaded(content), Path("content.yaml"), loaded_at)
    ok, lines = describe_content(state, window.lang)
    targets = [
        ExportTarget("USB drive KIOSK-USB", Path("/media/kiosk/KIOSK-USB"), "KIOSK-USB"),
        ExportTarget("Kiosk exports folder", Path("exports")),
    ]
    waiting = _sample_waiting(window.lang)
    status = StaffStatus(ok, lines, waiting, targets, "lobby-2", "North clinic, 2nd floor")
    window.show_extra_page(StaffMenuScreen(status, window.lang))


def _sample_waiting(lang: str) -> str:
    from kiosk.design.i18n import trn

    return f"{trn('staff_new_waiting', lang, 2)}; {trn('staff_stored', lang, 5)}"


def render_out_of_service(
    outdir: Path, stem: str, index: int, lang: str, size: tuple[int, int]
) -> int:
    """The out-of-service screen with its reason line for staff, and its staff menu."""
    from datetime import datetime

    from PySide6.QtWidgets import QApplication

    from kiosk.content.errors import ContentError
    from kiosk.content.source import ContentState, Loaded
    from kiosk.staff.desk import StaffStatus, describe_content
    from kiosk.staff.status_words import out_of_service_reason
    from kiosk.ui.screens.out_of_service import OutOfServiceScreen
    from kiosk.ui.screens.staff_menu import StaffMenuScreen

    errors = [
        ContentError(
            Path("/srv/kiosk/content.yaml"), 12, 5, "unknown key 'titel' (did you mean 'title'?)"
        ),
        ContentError(Path("/srv/kiosk/content.yaml"), 40, 9, "missing translation for 'es'"),
    ]
    state = ContentState(Loaded(None, errors), errors[0].path, datetime(2025, 1, 6, 9, 30))
    written = 0
    for offset, (name, menu) in enumerate(
        (("out-of-service", False), ("out-of-service-staff-menu", True))
    ):
        window = OutOfServiceScreen(lang)
        window.resize(*size)
        window.show()
        window.show_reason(out_of_service_reason(state, lang))
        if menu:
            ok, lines = describe_content(state, lang)
            waiting = _sample_waiting(lang)
            status = StaffStatus(ok, lines, waiting, [], "lobby-2", "North clinic", True)
            window.show_extra_page(StaffMenuScreen(status, lang))
        QApplication.processEvents()
        window.grab().save(str(outdir / f"{stem}{index + offset:02d}-{name}.png"))
        written += 1
        window.close()
        window.deleteLater()
    return written


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


def validate_only(values: Mapping[str, str | bool], reasons: Collection[str], lang: str) -> Outcome:
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
    emergency_number: str = Settings.emergency_number,
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
    content = fill_content(content, settings_values(emergency_number))  # as the kiosk does
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
        shots = screens(window, content)
        for index, (name, show) in enumerate(shots):
            show()
            if window.lang != lang:  # the start screen resets to the default language
                window.set_language(lang)
            set_look(window, text_scale, high_contrast)  # ... and the text size and contrast
            for _ in range(3):  # the restyled page settles in deferred steps (its hint)
                app.processEvents()
            stem = f"{lang}-{size[0]}x{size[1]}{tag}-{index:02d}-{name}"
            window.grab().save(str(outdir / f"{stem}.png"))
            written += 1
            window.hide_idle_warning()
        window.close()
        window.deleteLater()
        if not tag:  # out of service there is no text size or contrast to choose
            stem = f"{lang}-{size[0]}x{size[1]}-"
            written += render_out_of_service(outdir, stem, len(shots), lang, size)
    print(f"wrote {written} screenshots to {outdir}")
    return 0
