"""The content as a static, touch- and phone-friendly web site: one folder per language, a
folder per page with its `index.html` (kiosk/site_paths.py has the layout), one style sheet,
no script and nothing fetched from elsewhere. It is the clinic's take-home site: the kiosk's
QR codes point into it (take_home_url); the benchmarks show it in a browser kiosk. No Qt.

Every piece of text goes through `esc`, so content is shown as plain text (C5), and every
link points at a file written here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

from kiosk.content import BulletsBlock, Content, ImageBlock, Section, TextBlock, Topic
from kiosk.content.placeholders import fill_content, settings_values
from kiosk.design.dates import long_date
from kiosk.design.i18n import tr  # plain strings, no Qt: the kiosk's own button words
from kiosk.export_parts import (
    STYLE,
    banner,
    bar,
    bullets,
    esc,
    link,
    page,
    print_code,
    review_notice,
)
from kiosk.export_style import CSS
from kiosk.paths import ASSETS_DIR
from kiosk.settings import Settings
from kiosk.site_paths import page_path
from kiosk.site_paths import take_home_url as topic_url

UI_ICONS = ("back.svg", "home.svg", "language.svg", "chevron.svg", "info.svg")


def export_html(
    content: Content,
    outdir: Path,
    assets_dir: Path,
    emergency_number: str = Settings.emergency_number,
    take_home_url: str = "",
) -> list[Path]:
    """Write the site into `outdir` (created if needed) and return every file written.
    `assets_dir` is the folder the content's image and icon paths are inside; the content's
    placeholders are filled in as the kiosk fills them (`emergency_number`: the setting).
    `take_home_url`: where the site will be served; each topic page then prints its own
    address as a QR code."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    content = fill_content(content, settings_values(emergency_number))
    site = _Site(content, outdir, Path(assets_dir).resolve(), take_home_url)
    site.write_all()
    return site.written


class _Site:
    def __init__(self, content: Content, outdir: Path, assets_dir: Path, base: str):
        self.content, self.outdir, self.assets_dir, self.base = content, outdir, assets_dir, base
        self.written: list[Path] = []
        self.copied: dict[Path, str] = {}  # source file -> its path under outdir

    # Files ----------------------------------------------------------------------------
    def write_all(self) -> None:
        self._write("", STYLE, CSS)
        for name in UI_ICONS:
            self.asset(ASSETS_DIR / "ui" / name, f"assets/ui/{name}")
        self._write("", "index.html", self.chooser())
        for lang in self.content.languages:
            self.write_language(lang)

    def write_language(self, lang: str) -> None:
        self._page(lang, "home", "", self.home(lang))
        self._page(lang, "about", "", self.about(lang))
        for section in self.content.sections:
            self._page(lang, "section", section.id, self.section(section, lang))
            for index, topic in enumerate(section.topics):
                following = section.topics[index + 1] if index + 1 < len(section.topics) else None
                self._page(lang, "topic", topic.id, self.topic(section, topic, following, lang))

    def asset(self, source: Path, target: str | None = None) -> str:
        """Copy one asset (once) and return its path from the site's root."""
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

    def path(self, lang: str, kind: str, ident: str = "") -> str:
        return page_path(self.content, lang, kind, ident)

    def _page(self, lang: str, kind: str, ident: str, text: str) -> None:
        folder, name = self.path(lang, kind, ident).rsplit("/", 1)
        self._write(folder, name, text)

    def _write(self, folder: str, name: str, text: str) -> None:
        directory = self.outdir / folder
        directory.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(text, encoding="utf-8")
        self.written.append(directory / name)

    # Pages ----------------------------------------------------------------------------
    def chooser(self) -> str:
        """The site's front door: the home page in each language, the first one first."""
        content, here = self.content, "index.html"
        lang = content.default_language
        links = "".join(
            f'<a class="link" lang="{esc(code)}" hreflang="{esc(code)}" '
            f'href="{link(here, self.path(code, "home"))}">{esc(tr("language_name", code))}</a>'
            for code in content.languages
        )
        body = (
            f"<main><h1>{esc(content.home.title.get(lang))}</h1>"
            f'<div class="langs">{links}</div></main>'
        )
        first = link(here, self.path(lang, "home"))
        refresh = f'<meta http-equiv="refresh" content="0; url={first}">'
        clinic = content.clinic_name.get(lang)
        return page(lang, clinic, clinic, body, here, head=refresh)

    def home(self, lang: str) -> str:
        content, here = self.content, self.path(lang, "home")
        tiles = []
        for section in content.sections:
            icon = link(here, self.asset(section.icon))
            tone = " urgent" if section.style == "urgent" else ""
            target = link(here, self.path(lang, "section", section.id))
            tiles.append(
                f'<li><a class="tile{tone}" href="{target}">'
                f'<img src="{icon}" alt="">'
                f'<span class="t">{esc(section.title.get(lang))}</span>'
                f'<span class="s">{esc(section.summary.get(lang))}</span></a></li>'
            )
        body = (
            f'<main class="wide"><h1>{esc(content.home.title.get(lang))}</h1>'
            f'<p class="lead">{esc(content.home.intro.get(lang))}</p>'
            f'<ul class="tiles">{"".join(tiles)}</ul>'
            f'<a class="link" href="{link(here, self.path(lang, "about"))}">'
            f'<img src="{link(here, "assets/ui/info.svg")}" alt="">{esc(tr("about", lang))}</a>'
            "</main>"
        )
        return self.finish(lang, content.home.title.get(lang), body, "home")

    def section(self, section: Section, lang: str) -> str:
        here = self.path(lang, "section", section.id)
        urgent = section.style == "urgent"
        chevron = link(here, "assets/ui/chevron.svg")
        rows = []
        for topic in section.topics:
            summary = (
                f'<span class="s">{esc(topic.summary.get(lang))}</span>' if topic.summary else ""
            )
            rows.append(
                f'<li><a class="row{" urgent" if urgent else ""}" '
                f'href="{link(here, self.path(lang, "topic", topic.id))}"><span class="text">'
                f'<span class="t">{esc(topic.title.get(lang))}</span>{summary}</span>'
                f'<img src="{chevron}" alt=""></a></li>'
            )
        body = (
            f"<main><h1>{esc(section.title.get(lang))}</h1>"
            f'<p class="lead">{esc(section.summary.get(lang))}</p>'
            f"{banner(lang) if urgent else ''}"
            f'<ul class="rows">{"".join(rows)}</ul></main>'
        )
        back = self.path(lang, "home")
        return self.finish(lang, section.title.get(lang), body, "section", section.id, back)

    def topic(self, section: Section, topic: Topic, following: Topic | None, lang: str) -> str:
        here = self.path(lang, "topic", topic.id)
        parts = [
            f'<main><p class="small">{esc(section.title.get(lang))}</p>',
            f"<h1>{esc(topic.title.get(lang))}</h1>",
        ]
        if section.style == "urgent":
            parts.append(banner(lang))
        for block in topic.body:
            if isinstance(block, TextBlock):
                parts.append(f"<p>{esc(block.text.get(lang))}</p>")
            elif isinstance(block, BulletsBlock):
                parts.append(bullets(item.get(lang) for item in block.items))
            elif isinstance(block, ImageBlock):
                src = link(here, self.asset(block.path))
                alt = esc(block.alt.get(lang))
                parts.append(
                    f'<figure><img src="{src}" alt="{alt}" loading="lazy">'
                    f"<figcaption>{alt}</figcaption></figure>"
                )
        if topic.ask_doctor:
            parts.append(
                f'<div class="ask"><h2>{esc(tr("ask_doctor", lang))}</h2>'
                f"<p>{esc(topic.ask_doctor.get(lang))}</p></div>"
            )
        if self.base:
            parts.append(print_code(topic_url(self.base, lang, section, topic.id), lang))
        if following is not None:
            text = tr("next_topic", lang, title=following.title.get(lang))
            target = link(here, self.path(lang, "topic", following.id))
            parts.append(f'<a class="link next" href="{target}">{esc(text)}</a>')
        parts.append("</main>")
        back = self.path(lang, "section", section.id)
        return self.finish(lang, topic.title.get(lang), "".join(parts), "topic", topic.id, back)

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
            f"{bullets(facts)}<h2>{esc(tr('sources', lang))}</h2>"
            f"{bullets(s.get(lang) for s in about.sources)}</main>"
        )
        return self.finish(lang, tr("about", lang), body, "about", back=self.path(lang, "home"))

    def finish(
        self, lang: str, title: str, main: str, kind: str, ident: str = "", back: str = ""
    ) -> str:
        """The page with its bar (the same page in the other languages) and its foot."""
        content = self.content
        here = self.path(lang, kind, ident)
        others = {code: self.path(code, kind, ident) for code in content.languages if code != lang}
        top = bar(content, lang, here, back, others)
        foot = review_notice(content, lang, here, self.path(lang, "about"))
        return page(lang, title, content.clinic_name.get(lang), main + foot, here, top)
