"""The staff menu's sentences in the session's language: the content's state (and, out of
service, why), the delivery state, lockout waits and local times. No Qt, no patient data:
counts, file places and check results only."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.source import ContentState
from kiosk.design.i18n import tr, trn

if TYPE_CHECKING:  # the store's modules load when staff first use them (kiosk/staff/desk.py)
    from kiosk.appointments.outbox import Summary

SHOWN_ERRORS = 3  # the first errors name their lines; `validate` lists the rest
REASON_MAX = 120  # characters of the first error's message on the out-of-service screen


def describe_content(state: ContentState, lang: str = "en") -> tuple[bool, list[str]]:
    """(content is fine, the lines staff read): what is shown, which file, when it was
    checked, and the first errors with their FILE:LINE:COL."""
    loaded = state.loaded
    when = local_time(state.at, lang)
    lines = [
        tr("staff_content_file", lang, path=state.path),
        tr("staff_content_checked", lang, when=when),
    ]
    if loaded.content is not None and not loaded.from_snapshot:
        sections = loaded.content.sections
        topics = sum(len(s.topics) for s in sections)
        counts = {
            "sections": trn("staff_sections", lang, len(sections)),
            "topics": trn("staff_topics", lang, topics),
        }
        lines.insert(0, tr("staff_content_ok", lang, **counts))
    elif loaded.content is not None:
        lines.insert(0, tr("staff_content_kept", lang))
    else:
        lines.insert(0, tr("staff_content_none", lang))
    lines += [str(error) for error in loaded.errors[:SHOWN_ERRORS]]
    if len(loaded.errors) > SHOWN_ERRORS:
        lines.append(trn("staff_more_errors", lang, len(loaded.errors) - SHOWN_ERRORS))
    if loaded.warnings:
        lines.append(trn("staff_warnings", lang, len(loaded.warnings)))
    return loaded.content is not None and not loaded.errors, lines


def out_of_service_reason(state: ContentState, lang: str = "en") -> str:
    """One short line for the out-of-service screen: the first error, its file named
    without the folders ("content.yaml:12:3: ...")."""
    errors = state.loaded.errors
    if not errors:
        return tr("staff_oos_reason", lang, reason=tr("staff_oos_unknown", lang))
    first = errors[0]
    place = f"{Path(first.path).name}:{first.line}:{first.col}"
    message = first.message
    if len(message) > REASON_MAX:  # one or two small lines; the menu and `validate` have it all
        message = message[: REASON_MAX - 1].rstrip() + "…"
    return tr("staff_oos_reason", lang, reason=f"{place}: {message}")


def delivery_line(summary: Summary, lang: str = "en") -> str:
    """Summary.line() (the log's and doctor's English) as staff read it in `lang`."""
    if not summary.waiting:
        return tr("staff_delivered_all", lang)
    parts = []
    if summary.retrying:
        text = trn("staff_retrying", lang, summary.retrying)
        if summary.overdue:
            text += ", " + trn("staff_overdue", lang, summary.overdue)
        if summary.problems:
            what = ", ".join(f"{ch} {kind}" for ch, kind in sorted(summary.problems.items()))
            text += f" ({tr('staff_last_problem', lang, what=what)})"
        parts.append(text)
    if summary.refused:
        why = ", ".join(f"{ch} {code}" for ch, code in sorted(summary.refusals.items()))
        refused = trn("staff_refused", lang, summary.refused, why=why)
        parts.append(f"{refused}, {tr('staff_refused_advice', lang)}")
    return tr("staff_delivery", lang, what="; ".join(parts))


def wait_text(seconds: float, lang: str = "en") -> str:
    """A lockout's wait in words: whole minutes from 90 s, whole seconds below."""
    if seconds >= 90:
        return trn("staff_minutes", lang, math.ceil(seconds / 60))
    return trn("staff_seconds", lang, math.ceil(seconds))


def local_time(moment: datetime, lang: str = "en", time_zone: str = "") -> str:
    """'Dec 1, 2026, 1:48 PM CST' / '1 dic 2026, 13:48 CST': the kiosk's time zone (the
    `time_zone` setting, else the system's), the language's own date and time forms."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date, format_time

    from kiosk.appointments.readable import zone

    local = moment.astimezone(zone(time_zone))  # None: the system's (naive is local already)
    try:
        locale = Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")
    pattern = str(locale.datetime_formats["medium"]).replace("'", "")
    date = format_date(local, "medium", locale=locale)
    clock = format_time(local, "short", locale=locale)
    text = pattern.replace("{1}", date).replace("{0}", clock)
    return f"{text} {local.tzname() or local.strftime('%z')}"
