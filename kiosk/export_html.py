"""The content as a static, touch-friendly web site: one folder per language, plain HTML and
one style sheet, no script and nothing fetched from elsewhere. Clinics can put it on their own
web site; the benchmarks show it in a browser kiosk as the baseline. No Qt here.

Every piece of text goes through `html.escape`, so content is shown as plain text (C5), and
every link points at a file written here.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from kiosk.content import BulletsBlock, Content, ImageBlock, Section, TextBlock, Topic
from kiosk.content.placeholders import fill_content, settings_values
from kiosk.design.dates import long_date
from kiosk.design.i18n import tr  # plain strings, no Qt: the kiosk's own button words
from kiosk.export_style import CSS
from kiosk.paths import ASSETS_DIR
from kiosk.settings import Settings

UI_ICONS = ("back.svg", "home.svg", "language.svg", "chevron.svg", "info.svg")
STYLE = "style.css"  # its text is export_style.CSS


def export_html(
    content: Content,
    outdir: Path,
    assets_dir: Path,
    emergency_number: str = Settings.emergency_number,
) -> list[Path]:
    """Write the site into `outdir` (created if needed) and return every file written.
    `assets_dir` is the folder the content's image and icon paths are inside; the content's
    placeholders are filled in as the kiosk fills them (`emergency_number`: the setting)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    content = fill_content(content, settings_values(emergency_number))
    site = _Site(content, outdir, Path(assets_dir).resolve())
    site.write_all()
    return site.written


def page_name(kind: str, ident: str = "") -> str:
    """The file name of a page inside a language folder."""
    if kind == "home":
        return "index.html"
    return f"{kind}-{ident}.html" if ident else f"{kind}.html"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


class _Site:
    def __init__(self, content: Content, outdir: Path, assets_dir: Path):
        self.content, self.outdir, self.assets_dir = content, outdir, assets_dir
        self.written: list[Path] = []
        self.copied: dict[Path, str] = {}  # source file -> its path under outdir

    # Files ----------------------------------------------------------------------------
    def write_all(self) -> None:
        self._write(self.outdir / STYLE, CSS)
        for name in UI_ICONS:
            self.asset(ASSETS_DIR / "ui" / name, f"assets/ui/{name}")
        self._write(self.outdir / "index.html", self.chooser())
        for lang in self.content.languages:
            self.write_language(lang)

    def write_language(self, lang: str) -> None:
        folder = self.outdir / lang
        folder.mkdir(exist_ok=True)
        self._write(folder / page_name("home"), self.home(lang))
        self._write(folder / page_name("about"), self.about(lang))
        for section in self.content.sections:
            self._write(folder / page_name("section", section.id), self.section(section, lang))
            for index, topic in enumerate(section.topics):
                following = section.topics[index + 1] if index + 1 < len(section.topics) else None
                page = self.topic(section, topic, following, lang)
                self._write(folder / page_name("topic", topic.id), page)

    def asset(self, source: Path, target: str | None = None) -> str:
        """Copy one asset (once) and return its URL relative to the site's root."""
        source = source.resolve()
        if source not in self.copied:
            if target is None:
                try:
                    target = "assets/" + source.relative_to(self.assets_dir).as_posix()
                except ValueError:  # not inside the assets folder: keep only its name
                    target = f"assets/other/{source.name}"
            dest = self.outdir / target
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
            self.written.append(dest)
            self.copied[source] = quote(target)
        return self.copied[source]

    def _write(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        self.written.append(path)

    # Pages ----------------------------------------------------------------------------
    def chooser(self) -> str:
        """The site's front door: the home page in each language, the first one first."""
        content = self.content
        lang = content.default_language
        links = "".join(
            f'<a class="link" lang="{esc(code)}" hreflang="{esc(code)}" '
            f'href="{esc(code)}/index.html">{esc(tr("language_name", code))}</a>'
            for code in content.languages
        )
        body = (
            f"<main><h1>{esc(content.home.title.get(lang))}</h1>"
            f'<div class="langs">{links}</div></main>'
        )
        refresh = f'<meta http-equiv="refresh" content="0; url={esc(lang)}/index.html">'
        return self.page(lang, content.clinic_name.get(lang), body, depth=0, head=refresh)

    def home(self, lang: str) -> str:
        content = self.content
        tiles = []
        for section in content.sections:
            icon = self.asset(section.icon)
            tone = " urgent" if section.style == "urgent" else ""
            tiles.append(
                f'<li><a class="tile{tone}" href="{page_name("section", section.id)}">'
                f'<img src="../{esc(icon)}" alt="">'
                f'<span class="t">{esc(section.title.get(lang))}</span>'
                f'<span class="s">{esc(section.summary.get(lang))}</span></a></li>'
            )
        body = (
            f'<main class="wide"><h1>{esc(content.home.title.get(lang))}</h1>'
            f'<p class="lead">{esc(content.home.intro.get(lang))}</p>'
            f'<ul class="tiles">{"".join(tiles)}</ul>'
            f'<a class="link" href="{page_name("about")}">'
            f'<img src="../assets/ui/info.svg" alt="">{esc(tr("about", lang))}</a></main>'
        )
        return self.page(lang, content.home.title.get(lang), body, kind="home")

    def section(self, section: Section, lang: str) -> str:
        urgent = section.style == "urgent"
        rows = []
        for topic in section.topics:
            summary = (
                f'<span class="s">{esc(topic.summary.get(lang))}</span>' if topic.summary else ""
            )
            rows.append(
                f'<li><a class="row{" urgent" if urgent else ""}" '
                f'href="{page_name("topic", topic.id)}"><span class="text">'
                f'<span class="t">{esc(topic.title.get(lang))}</span>{summary}</span>'
                f'<img src="../assets/ui/chevron.svg" alt=""></a></li>'
            )
        body = (
            f"<main><h1>{esc(section.title.get(lang))}</h1>"
            f'<p class="lead">{esc(section.summary.get(lang))}</p>'
            f"{self.banner(lang) if urgent else ''}"
            f'<ul class="rows">{"".join(rows)}</ul></main>'
        )
        title = section.title.get(lang)
        return self.page(lang, title, body, kind="section", ident=section.id, back="index.html")

    def topic(self, section: Section, topic: Topic, following: Topic | None, lang: str) -> str:
        parts = [
            f'<main><p class="small">{esc(section.title.get(lang))}</p>',
            f"<h1>{esc(topic.title.get(lang))}</h1>",
        ]
        if section.style == "urgent":
            parts.append(self.banner(lang))
        for block in topic.body:
            if isinstance(block, TextBlock):
                parts.append(f"<p>{esc(block.text.get(lang))}</p>")
            elif isinstance(block, BulletsBlock):
                parts.append(self.bullets(item.get(lang) for item in block.items))
            elif isinstance(block, ImageBlock):
                src = self.asset(block.path)
                alt = esc(block.alt.get(lang))
                parts.append(
                    f'<figure><img src="../{esc(src)}" alt="{alt}" loading="lazy">'
                    f"<figcaption>{alt}</figcaption></figure>"
                )
        if topic.ask_doctor:
            parts.append(
                f'<div class="ask"><h2>{esc(tr("ask_doctor", lang))}</h2>'
                f"<p>{esc(topic.ask_doctor.get(lang))}</p></div>"
            )
        if following is not None:
            text = tr("next_topic", lang, title=following.title.get(lang))
            parts.append(
                f'<a class="link next" href="{page_name("topic", following.id)}">{esc(text)}</a>'
            )
        parts.append("</main>")
        back = page_name("section", section.id)
        title = topic.title.get(lang)
        return self.page(lang, title, "".join(parts), kind="topic", ident=topic.id, back=back)

    def about(self, lang: str) -> str:
        about = self.content.about
        facts = [
            f"{tr('reviewed_by', lang)}: {about.reviewer_role.get(lang)}",
            f"{tr('reviewed_on', lang)}: {long_date(about.reviewed_on, lang)}",
            f"{tr('next_review', lang)}: {long_date(about.next_review, lang)}",
        ]
        body = (
            f"<main><h1>{esc(tr('about', lang))}</h1>"
            f'<div class="notice"><p>{esc(about.notice.get(lang))}</p></div>'
            f"{self.bullets(facts)}<h2>{esc(tr('sources', lang))}</h2>"
            f"{self.bullets(s.get(lang) for s in about.sources)}</main>"
        )
        return self.page(lang, tr("about", lang), body, kind="about", back="index.html")

    # Pieces ---------------------------------------------------------------------------
    def banner(self, lang: str) -> str:
        return f'<p class="banner" role="note">{esc(tr("urgent_banner", lang))}</p>'

    @staticmethod
    def bullets(items: Iterable[str]) -> str:
        return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"

    def bar(self, lang: str, kind: str, ident: str, back: str) -> str:
        """Back, Home, the clinic's name and the other language: as on the kiosk's bar."""
        back_link = (
            f'<a class="nav" href="{back}"><img src="../assets/ui/back.svg" alt="">'
            f"{esc(tr('back', lang))}</a>"
            if back
            else f'<span class="nav off" aria-hidden="true">{esc(tr("back", lang))}</span>'
        )
        langs = self.content.languages
        other = langs[(langs.index(lang) + 1) % len(langs)]
        switch = ""
        if other != lang:
            name = esc(tr("language_name", other))
            hint = esc(tr("switch_language", lang))
            switch = (
                f'<a class="nav" lang="{esc(other)}" hreflang="{esc(other)}" '
                f'href="../{esc(other)}/{page_name(kind, ident)}" '
                f'aria-label="{hint}: {name}">'
                f'<img src="../assets/ui/language.svg" alt="">{name}</a>'
            )
        return (
            f'<nav class="bar">{back_link}'
            f'<a class="nav" href="index.html"><img src="../assets/ui/home.svg" alt="">'
            f"{esc(tr('home', lang))}</a>"
            f'<span class="title">{esc(self.content.clinic_name.get(lang))}</span>{switch}</nav>'
        )

    def page(
        self,
        lang: str,
        title: str,
        body: str,
        kind: str = "",
        ident: str = "",
        back: str = "",
        depth: int = 1,
        head: str = "",
    ) -> str:
        up = "../" * depth
        bar = self.bar(lang, kind, ident, back) if kind else ""
        clinic = self.content.clinic_name.get(lang)
        full_title = title if title == clinic else f"{title} - {clinic}"
        return (
            f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"{head}<title>{esc(full_title)}</title>"
            f'<link rel="stylesheet" href="{up}{STYLE}"></head>'
            f"<body>{bar}{body}</body></html>\n"
        )
