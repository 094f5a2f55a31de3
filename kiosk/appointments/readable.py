"""A stored request as staff read it: local time with its offset, the language and the
reason in words. Used by the export, the e-mail and FHIR. No Qt."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Final

from kiosk.appointments.context import RequestContext

NOT_RECORDED: Final = "not recorded"


def zone(name: str) -> tzinfo | None:
    """The `time_zone` setting as a tzinfo; None (empty setting) means the system's."""
    if not name:
        return None
    from zoneinfo import ZoneInfo  # the setting was checked when it was read

    return ZoneInfo(name)


def local_time(moment: datetime, where: tzinfo | None = None) -> str:
    """'2026-12-01 13:48 (UTC-06:00)': minutes, no seconds, the offset of that moment."""
    local = moment.astimezone(where)  # None: the system's rules at that moment (DST right)
    offset = local.strftime("%z") or "+0000"
    return f"{local:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:5]})"


def language_words(code: str | None) -> str:
    """'Spanish / Español', 'English' (CLDR's names through Babel); the code itself when
    unknown, NOT_RECORDED if none."""
    from kiosk.design.plurals import language_in_words

    return language_in_words(code, "en") if code else NOT_RECORDED


def language_english(code: str | None) -> str:
    """'Spanish' (FHIR's coding display); the code when unknown."""
    from kiosk.design.plurals import language_name

    return language_name(code, "en") if code else NOT_RECORDED


def reason_words(reason_id: str, context: RequestContext) -> str:
    """The reason in the staff language; for requests stored before that was recorded,
    the label the patient saw or else the pick-list id."""
    return context.reason_staff or context.reason_shown or reason_id


def origin_words(context: RequestContext) -> str:
    """'North clinic, 2nd floor (kiosk lobby-2)'; NOT_RECORDED when neither is known."""
    if context.site and context.kiosk_id:
        return f"{context.site} (kiosk {context.kiosk_id})"
    if context.kiosk_id:
        return f"kiosk {context.kiosk_id}"
    return context.site or NOT_RECORDED
