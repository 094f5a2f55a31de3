"""`export-html`: the content as a static site that works offline, with every topic in every
language, all text escaped, every link and picture pointing at a file that was written."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from kiosk.content import Content, load_content
from kiosk.content.placeholders import fill_content, settings_values
from kiosk.design.dates import long_date
from kiosk.export_html import CSS, export_html
from kiosk.settings import Settings
from kiosk.site_paths import page_path
from tests.conftest import ROOT, run_main

HOSTILE = "<script>alert('x')</script> & \"quotes\""


class Page(HTMLParser):
    """What a browser would fetch or follow from one page, and its visible text."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.refs: list[str] = []  # href and src values
        self.tags: list[str] = []
        self.text: list[str] = []
        self.lang = ""
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        for name in ("href", "src"):
            if values.get(name):
                self.refs.append(str(values[name]))
        if tag == "meta" and values.get("http-equiv") == "refresh":
            self.refs.append(str(values.get("content", "")).split("url=", 1)[1])

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def shipped() -> Content:
    return load_content(ROOT / "content.yaml").content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, shipped: Content) -> Path:
    out = tmp_path_factory.mktemp("site")
    export_html(shipped, out, ROOT / "assets")
    return out


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_a_page_for_every_screen_in_every_language(site: Path, shipped: Content) -> None:
    assert (site / "index.html").is_file()
    assert (site / "style.css").is_file()
    topics = [t for s in shipped.sections for t in s.topics]
    for lang in shipped.languages:
        expected = {page_path(shipped, lang, "home"), page_path(shipped, lang, "about")}
        expected |= {page_path(shipped, lang, "section", s.id) for s in shipped.sections}
        expected |= {page_path(shipped, lang, "topic", t.id) for t in topics}
        found = {p.relative_to(site).as_posix() for p in (site / lang).rglob("*.html")}
        assert found == expected
    assert len(pages(site)) == 1 + len(shipped.languages) * (2 + len(shipped.sections) + 32)


def test_stable_addresses_a_folder_per_page(site: Path, shipped: Content) -> None:
    """Each page is its folder's index.html, so a web server serves it at the folder's
    address (the one a QR code holds); the topic's folder drops its section's prefix."""
    page = site / "en" / "treatment" / "spinal-cord-stimulation" / "index.html"
    assert Page(page).lang == "en" and "Spinal cord stimulation" in Page(page).visible()
    assert (site / "es" / "treatment" / "spinal-cord-stimulation" / "index.html").is_file()
    assert (site / "en" / "causes" / "cause-overview" / "index.html").is_file()
    assert (site / "en" / "about" / "index.html").is_file()
    assert all(p.name == "index.html" for p in pages(site))


def test_every_topic_is_there_in_both_languages(site: Path, shipped: Content) -> None:
    # As patients read it: with the placeholders filled in from the default settings.
    shipped = fill_content(shipped, settings_values(Settings.emergency_number))
    for lang in ("en", "es"):
        for section in shipped.sections:
            listing = Page(site / page_path(shipped, lang, "section", section.id))
            assert listing.lang == lang
            for topic in section.topics:
                assert topic.title.get(lang) in listing.visible()
                page = Page(site / page_path(shipped, lang, "topic", topic.id))
                text = page.visible()
                assert page.lang == lang
                assert topic.title.get(lang) in text
                for piece in topic.texts():
                    if piece is topic.summary:  # shown in the section's list, as on the kiosk
                        assert piece.get(lang) in listing.visible()
                    else:
                        assert " ".join(piece.get(lang).split()) in text


def test_every_link_and_picture_resolves_to_a_file_written(site: Path) -> None:
    checked = 0
    for path in pages(site):
        page = Page(path)
        assert page.refs, f"{path} links to nothing"
        for ref in page.refs:
            parts = urlsplit(ref)
            assert not parts.scheme and not parts.netloc, f"{path}: external {ref}"
            target = (path.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{path}: {ref} does not exist"
            assert target.is_relative_to(site.resolve()), f"{path}: {ref} leaves the site"
            checked += 1
    assert checked > 500


def test_no_script_and_nothing_from_elsewhere(site: Path) -> None:
    for path in pages(site):
        page = Page(path)
        assert "script" not in page.tags
        assert "iframe" not in page.tags
        assert "form" not in page.tags
    assert "url(" not in CSS and "@import" not in CSS


def test_language_switch_keeps_the_place(site: Path, shipped: Content) -> None:
    topic = shipped.sections[1].topics[0]
    page = Page(site / page_path(shipped, "en", "topic", topic.id))
    assert f"../../../{page_path(shipped, 'es', 'topic', topic.id)}" in page.refs
    assert "Español" in page.visible()
    page = Page(site / page_path(shipped, "es", "topic", topic.id))
    assert f"../../../{page_path(shipped, 'en', 'topic', topic.id)}" in page.refs
    assert "Atrás" in page.visible() and "Inicio" in page.visible()


def test_every_page_has_the_language_switch_and_the_review_notice(
    site: Path, shipped: Content
) -> None:
    notice = {lang: " ".join(shipped.about.notice.get(lang).split()) for lang in ("en", "es")}
    for path in pages(site):
        if path.parent == site:  # the front door: a link to each language
            continue
        page = Page(path)
        other = "es" if page.lang == "en" else "en"
        switch = path.relative_to(site).as_posix().replace(f"{page.lang}/", f"{other}/", 1)
        assert any(ref.endswith(switch) for ref in page.refs), path
        assert notice[page.lang] in page.visible(), path
        assert long_date(shipped.about.reviewed_on, page.lang) in page.visible(), path


def test_the_bar_icons_show_white_on_the_dark_bar() -> None:
    """The bar's icons are drawn white; the style sheet once inverted them to black on the
    dark blue bar, where nobody could see them."""
    for name in ("back.svg", "home.svg", "language.svg"):
        svg = (ROOT / "assets" / "ui" / name).read_text(encoding="utf-8")
        assert set(re.findall(r'stroke="(#[0-9a-f]+)"', svg)) == {"#ffffff"}, name
    rule = CSS.split(".nav img{", 1)[1].split("}", 1)[0]
    assert "invert" not in rule


def test_the_printed_page_carries_its_own_address(tmp_path: Path, shipped: Content) -> None:
    base = "https://clinic.example/fbss"
    export_html(shipped, tmp_path, ROOT / "assets", take_home_url=base)
    for lang in ("en", "es"):
        raw = (tmp_path / lang / "treatment" / "spinal-cord-stimulation" / "index.html").read_text(
            encoding="utf-8"
        )
        assert f"{base}/{lang}/treatment/spinal-cord-stimulation/" in raw
        assert 'class="print-qr"' in raw and "<svg" in raw
    assert ".print-qr{display:none}" in CSS and "@media print{" in CSS


def test_touch_targets_are_large() -> None:
    # Every link class a finger uses is at least 72 px high (U1 asks for 44, aims at 64+).
    for rule in (".nav{", ".tile,.row{", ".link{"):
        block = CSS.split(rule, 1)[1].split("}", 1)[0]
        assert "min-height:72px" in block, rule


def test_the_assets_the_content_uses_are_copied(site: Path, shipped: Content) -> None:
    for section in shipped.sections:
        rel = section.icon.relative_to((ROOT / "assets").resolve())
        copy = site / "assets" / rel
        assert copy.read_bytes() == section.icon.read_bytes()


def test_hostile_text_is_escaped(tmp_path: Path, mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    text = path.read_text(encoding="utf-8")
    for old in ("Alpha one", "Alpha section", "Test clinic", "A circle", "First point"):
        assert old in text
        text = text.replace(old, HOSTILE)
    path.write_text(text, encoding="utf-8")
    content = load_content(path).content
    out = tmp_path / "site"
    export_html(content, out, mini_dir / "assets")
    for written in pages(out):
        raw = written.read_text(encoding="utf-8")
        assert "<script" not in raw
        if written.relative_to(out).parts[0] == "en":  # the clinic's English name is on every page
            assert (
                "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;" in raw
            )
        page = Page(written)
        assert "script" not in page.tags
        assert "b" not in page.tags  # "<b>Plain</b>" in the mini content stays text
    topic = Page(out / page_path(content, "en", "topic", "alpha-one"))
    assert HOSTILE in topic.visible()
    assert "<b>Plain</b> text stays plain." in topic.visible()


def test_export_again_into_the_same_folder(tmp_path: Path, shipped: Content) -> None:
    first = export_html(shipped, tmp_path, ROOT / "assets")
    second = export_html(shipped, tmp_path, ROOT / "assets")
    assert sorted(first) == sorted(second)


def test_export_html_needs_no_qt() -> None:
    code = (
        "import sys; from pathlib import Path; import tempfile\n"
        "from kiosk.content import load_content; from kiosk.export_html import export_html\n"
        "c = load_content(Path('content.yaml')).content\n"
        "export_html(c, Path(tempfile.mkdtemp()), Path('assets'))\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_cli_writes_the_site(tmp_path: Path) -> None:
    result = run_main("export-html", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "pages in" in result.stdout
    assert (tmp_path / "out" / "en" / "index.html").is_file()
    assert (tmp_path / "out" / "es" / "index.html").is_file()


def test_cli_refuses_broken_content(tmp_path: Path, mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("es: Alfa dos", "fr: x"), "utf-8")
    result = run_main("export-html", str(tmp_path / "out"), "--content", str(path))
    assert result.returncode == 1
    assert f"{path}:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_style_sheet_takes_the_kiosk_theme_colours() -> None:
    """One copy of each colour (kiosk/design/tokens.py): a colour written into the export
    by hand drifts from the kiosk's (its outlines once stayed at a grey under 3:1)."""
    from kiosk.design.tokens import DEFAULT_COLOURS

    written = set(re.findall(r"#[0-9a-fA-F]{3,8}\b", CSS))
    assert written and written <= set(DEFAULT_COLOURS.values())
    assert DEFAULT_COLOURS["border"] in CSS


def test_cli_fills_in_the_emergency_number_from_the_settings(tmp_path: Path) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[kiosk]\nemergency_number = "112"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_main("export-html", str(out), "--settings", str(settings))
    assert result.returncode == 0, result.stderr
    page = Path("urgent", "warning-signs", "index.html")
    assert "call emergency services at 112." in Page(out / "en" / page).visible()
    spanish = Page(out / "es" / page).visible()
    assert "llame a los servicios de emergencia al 112." in spanish
    assert "{" not in spanish


def test_cli_refuses_a_bad_emergency_number(tmp_path: Path) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[kiosk]\nemergency_number = "9-1-1"\n', encoding="utf-8")
    result = run_main("export-html", str(tmp_path / "out"), "--settings", str(settings))
    assert result.returncode == 2
    assert f"{settings}:2:" in result.stderr and "emergency_number" in result.stderr
    assert not (tmp_path / "out").exists()


def test_about_dates_are_in_the_page_language(site: Path) -> None:
    assert "Last review: November 20, 2026" in Page(site / "en/about/index.html").visible()
    spanish = Page(site / "es/about/index.html").visible()
    assert "Última revisión: 20 de noviembre de 2026" in spanish
    assert "Próxima revisión: 20 de noviembre de 2027" in spanish
