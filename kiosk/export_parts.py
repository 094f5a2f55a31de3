"""The pieces every page of the web export shares: the bar (Back, Home, the clinic, the
other languages), the review notice at the foot, the printed QR code and the page shell.
Every piece of text goes through `esc`, so content stays plain text (C5). No Qt."""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable

from kiosk.content import Content
from kiosk.design.dates import long_date
from kiosk.design.i18n import tr

STYLE = "style.css"  # its text is export_style.CSS
ICON = "assets/ui/info.svg"  # the site's icon in a browser's tab (copied with the bar's)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def link(here: str, there: str) -> str:
    """`there` (a path from the site's root) as a link from the page at `here`. Links keep
    'index.html', so a copy of the site opened from a disk follows them too."""
    return esc(posixpath.relpath(there, posixpath.dirname(here) or "."))


def bullets(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"


def banner(lang: str) -> str:
    return f'<p class="banner" role="note">{esc(tr("urgent_banner", lang))}</p>'


def bar(content: Content, lang: str, here: str, back: str, others: dict[str, str]) -> str:
    """Back, Home, the clinic's name and a switch to the same page in each other language
    (`others`: language -> that page's path), as on the kiosk's bar. The icons are white,
    as on the kiosk: they sit on the bar's dark blue as they are."""
    home = f"{lang}/index.html"
    back_link = (
        f'<a class="nav" href="{link(here, back)}"><img src="{link(here, "assets/ui/back.svg")}"'
        f' alt="">{esc(tr("back", lang))}</a>'
        if back
        else f'<span class="nav off" aria-hidden="true">{esc(tr("back", lang))}</span>'
    )
    switches = "".join(
        f'<a class="nav" lang="{esc(code)}" hreflang="{esc(code)}" href="{link(here, path)}" '
        f'aria-label="{esc(tr("switch_language", lang))}: {esc(tr("language_name", code))}">'
        f'<img src="{link(here, "assets/ui/language.svg")}" alt="">'
        f"{esc(tr('language_name', code))}</a>"
        for code, path in others.items()
    )
    return (
        f'<nav class="bar">{back_link}<a class="nav" href="{link(here, home)}">'
        f'<img src="{link(here, "assets/ui/home.svg")}" alt="">{esc(tr("home", lang))}</a>'
        f'<span class="title">{esc(content.clinic_name.get(lang))}</span>{switches}</nav>'
    )


def review_notice(content: Content, lang: str, here: str, about: str) -> str:
    """The 'not medical advice' notice and the review date at the foot of each page, with
    the way to the About page (the About page itself shows them in full)."""
    info = content.about
    reviewed = f"{tr('reviewed_on', lang)}: {long_date(info.reviewed_on, lang)}"
    more = "" if here == about else f' <a href="{link(here, about)}">{esc(tr("about", lang))}</a>'
    return (
        f'<footer class="foot"><p>{esc(info.notice.get(lang))}</p>'
        f"<p>{esc(reviewed)}.{more}</p></footer>"
    )


def print_code(url: str, lang: str) -> str:
    """The page's own address as a QR code, shown only on paper (export_style's print
    rules): a printed page points to itself."""
    import segno  # only when the export has a take_home_url

    code = segno.make_qr(url, error="m", boost_error=True)
    svg = code.svg_inline(border=4, omitsize=True, svgclass="qr", dark="#000", light="#fff")
    words = esc(tr("take_home", lang))
    return (
        f'<figure class="print-qr" role="img" aria-label="{words}">{svg}'
        f"<figcaption>{words}<br>{esc(url)}</figcaption></figure>"
    )


def page(
    lang: str, title: str, clinic: str, body: str, here: str, top: str = "", head: str = ""
) -> str:
    """The whole page: `top` (the bar) and `body` (main and the foot)."""
    full_title = title if title == clinic else f"{title} - {clinic}"
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{head}<title>{esc(full_title)}</title>"
        f'<link rel="stylesheet" href="{link(here, STYLE)}">'
        # A page with no icon of its own makes browsers ask for /favicon.ico (a 404).
        f'<link rel="icon" href="{link(here, ICON)}" type="image/svg+xml"></head>'
        f"<body>{top}{body}</body></html>\n"
    )
