"""The bars' state for the screen being shown: the top bar's words in the session's
language, Back only with somewhere to go back to, Call me off on the form itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from kiosk.design.i18n import tr
from kiosk.patient.navigation import Route, RouteKind

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


def show_bars(window: MainWindow, route: Route) -> None:
    nav, content, lang = window.nav, window.content, window.lang
    for button in nav.findChildren(QAbstractButton):
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    langs = content.languages
    other = langs[(langs.index(lang) + 1) % len(langs)]
    nav.show_state(
        title=content.clinic_name.get(lang),
        back=tr("back", lang),
        home=tr("home", lang),
        language=tr("language_name", other),
        language_hint=tr("switch_language", lang),
        can_back=window.history.can_go_back,
        call=tr("call_me", lang),
        can_call=route.kind is not RouteKind.REQUEST,  # already there
    )
    nav.language.setVisible(len(langs) > 1)
    window.access.show()
