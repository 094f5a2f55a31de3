"""Where each page of the web export lives, and the take-home address of a topic. No Qt.

One place for the layout, so the QR code on a topic screen (kiosk/ui/widgets/qr_code.py)
and the page `export-html` writes (kiosk/export_html.py) can never disagree:

    {lang}/index.html                              home
    {lang}/about/index.html                        about this information
    {lang}/{section}/index.html                    a section's list of topics
    {lang}/{section}/{topic}/index.html            a topic

A topic's folder is its id without its section's id in front ("treatment-spinal-cord-
stimulation" in "treatment" is `treatment/spinal-cord-stimulation/`), so the address a
patient's phone shows reads well; ids are lower-case words with hyphens (content/spec.py),
safe in a URL as they are. Each page is an `index.html`, so a web server serves it at its
folder's address, the one the QR code holds, and a copy opened from a disk works too.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the commands import this module before they load any content
    from kiosk.content import Content, Section

INDEX = "index.html"
# The about page's folder: the first of these that no section uses as its own.
ABOUT_FOLDERS = ("about", "about-this-information", "about-fbss-kiosk")


def topic_folders(section: Section) -> dict[str, str]:
    """Each topic id of `section` -> its folder inside the section's: the id without the
    section's id in front, unless that leaves two topics with one folder."""
    prefix = f"{section.id}-"
    short = {t.id: t.id.removeprefix(prefix) for t in section.topics}
    if len(set(short.values())) < len(short):
        return {t.id: t.id for t in section.topics}
    return short


def about_folder(content: Content) -> str:
    taken = {s.id for s in content.sections}
    return next(name for name in ABOUT_FOLDERS if name not in taken)


def topic_folder(section: Section, topic_id: str) -> str:
    """The topic's folder under its language's, e.g. 'treatment/spinal-cord-stimulation'."""
    return f"{section.id}/{topic_folders(section)[topic_id]}"


def take_home_url(base: str, lang: str, section: Section, topic_id: str) -> str:
    """The address of the topic's page in `lang` under the clinic's copy of the export at
    `base` (the take_home_url setting): nothing added, no query, no tracking."""
    return f"{base.rstrip('/')}/{lang}/{topic_folder(section, topic_id)}/"


def take_home_setting(settings: Path | None, flag: str | None) -> str:
    """take_home_url for `screenshots` and `export-html`: the flag, else
    FBSS_KIOSK_TAKE_HOME_URL, else the settings file, as the kiosk reads it. A bad value is
    printed with its place and ends the command (exit 2, as `run` and `doctor` do)."""
    from kiosk.settings import KIOSK_SPECS, SettingsError, load_settings
    from kiosk.settings_spec import convert

    try:
        if flag is not None:
            return str(convert(KIOSK_SPECS["take_home_url"], flag, from_text=True))
        return load_settings(settings).take_home_url
    except ValueError as exc:  # a flag's bad value
        problems = exc.problems if isinstance(exc, SettingsError) else [f"--take-home-url: {exc}"]
    for problem in problems:
        print(problem, file=sys.stderr)
    raise SystemExit(2)


def page_path(content: Content, lang: str, kind: str, ident: str = "") -> str:
    """The file of a page, from the site's root: kind 'home', 'about', 'section' (ident: the
    section's id) or 'topic' (ident: the topic's id)."""
    if kind == "home":
        return f"{lang}/{INDEX}"
    if kind == "about":
        return f"{lang}/{about_folder(content)}/{INDEX}"
    if kind == "section":
        return f"{lang}/{ident}/{INDEX}"
    found = content.topic(ident) if kind == "topic" else None
    if found is None:
        raise ValueError(f"no page of kind {kind!r} for {ident!r}")
    return f"{lang}/{topic_folder(found[0], ident)}/{INDEX}"
