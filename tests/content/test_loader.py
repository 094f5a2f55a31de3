"""The loader: every kind of bad input gives a located, readable message, all at once."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from kiosk.content import BulletsBlock, ContentErrors, ImageBlock, TextBlock, load_content
from kiosk.content.yaml_source import MAX_BYTES

LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")


def errors_for(mini_dir: Path, old: str, new: str) -> list[str]:
    path = mini_dir / "content.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in the fixture"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_content(path)
    return [str(e) for e in caught.value.errors]


def line_of(mini_dir: Path, needle: str) -> int:
    lines = (mini_dir / "content.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_fixture_loads_into_the_model(mini_dir: Path) -> None:
    content = load_content(mini_dir / "content.yaml").content
    assert content.languages == ("en", "es")
    assert [s.id for s in content.sections] == ["alpha", "beta"]
    alpha_one = content.sections[0].topics[0]
    assert isinstance(alpha_one.body[0], TextBlock)
    assert alpha_one.body[0].text.get("en") == "<b>Plain</b> text stays plain."
    assert isinstance(alpha_one.body[1], BulletsBlock)
    image = content.sections[1].topics[0].body[1]
    assert isinstance(image, ImageBlock) and image.path.is_file()
    assert content.sections[1].style == "urgent"


def test_yaml_booleans_stay_words(mini_dir: Path) -> None:
    # `es: No` is the Spanish word, not YAML's false.
    content = load_content(mini_dir / "content.yaml").content
    block = content.sections[1].topics[0].body[0]
    assert isinstance(block, TextBlock)
    assert block.text.get("es") == "No"


BAD_INPUTS = [
    # (name, old text, new text, expected message fragment)
    ("syntax", "  intro: {en:", "  intro: {en: 'unclosed,", "YAML syntax error"),
    ("tab indent", "  reviewed_on:", "\treviewed_on:", "use spaces, not tabs"),
    (
        "wrong type",
        "title: {en: Alpha one, es: Alfa uno}",
        "title: [a, b]",
        "expected a text for each language",
    ),
    (
        "unknown key",
        "    summary: {en: The first section.",
        "    sumary: {en: The first section.",
        "unknown key 'sumary' in section; did you mean 'summary'?",
    ),
    (
        "missing translation",
        "{en: Alpha two, es: Alfa dos}",
        "{en: Alpha two}",
        "missing the 'es' translation",
    ),
    (
        "unknown language",
        "{en: Alpha two, es: Alfa dos}",
        "{en: Alpha two, es: Alfa dos, fr: Deux}",
        "'fr' is not one of the languages",
    ),
    ("empty text", "{en: Short., es: Corto.}", "{en: Short., es: ''}", "this text is empty"),
    (
        "missing asset",
        "icon: icons/circle.svg\n    title: {en: Alpha",
        "icon: icons/circel.svg\n    title: {en: Alpha",
        "image not found: assets/icons/circel.svg; did you mean 'circle.svg'?",
    ),
    (
        "outside assets",
        "icon: icons/circle.svg\n    title: {en: Alpha",
        "icon: ../content.yaml.svg\n    title: {en: Alpha",
        "points outside the assets folder",
    ),
    (
        "absolute path",
        "icon: icons/circle.svg\n    title: {en: Alpha",
        "icon: /etc/passwd.png\n    title: {en: Alpha",
        "must be a path inside assets/",
    ),
    (
        "wrong file type",
        "icon: icons/circle.svg\n    title: {en: Alpha",
        "icon: icons/circle.gif\n    title: {en: Alpha",
        "must be a PNG, JPEG or SVG file",
    ),
    (
        "python tag",
        "format: 1",
        "format: !!python/object/apply:os.system ['true']",
        "YAML tags like",
    ),
    ("duplicate id", "  - id: beta\n", "  - id: alpha\n", "id 'alpha' is already used on line"),
    ("bad id", "  - id: beta\n", "  - id: Beta Section\n", "must use lowercase letters"),
    (
        "bad date",
        "reviewed_on: 2026-11-01",
        "reviewed_on: 1st of November",
        "expected a date like 2027-01-31",
    ),
    (
        "two kinds in a block",
        "          - text: {en: Short., es: Corto.}",
        "          - text: {en: Short., es: Corto.}\n            bullets: [{en: a, es: b}]",
        "block needs exactly one of: text, bullets, image",
    ),
    (
        "image without alt",
        "            alt: {en: A circle, es: Un círculo}\n",
        "",
        "an image needs 'alt'",
    ),
    ("bad style", "    style: urgent", "    style: loud", "expected one of ['normal', 'urgent']"),
    ("wrong format", "format: 1", "format: 2", "expected one of ['1']"),
    (
        "duplicate key",
        "    summary: {en: The first topic., es: El primer tema.}",
        "    summary: {en: The first topic., es: El primer tema.}\n        summary: {en: x, es: y}",
        "'summary' appears twice in this topic",
    ),
    (
        "empty list",
        "    topics:\n      - id: beta-one",
        "    topics: []\n    x:\n      - id: beta-one",
        "this list needs at least 1 item(s)",
    ),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_gives_a_located_message(
    mini_dir: Path, name: str, old: str, new: str, expected: str | None
) -> None:
    errors = errors_for(mini_dir, old, new)
    assert errors, "an invalid file must report at least one error"
    for error in errors:
        match = LOCATED.match(error)
        assert match, f"not PATH:LINE:COL: message: {error}"
        assert match["path"].endswith("content.yaml")
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1
    assert any(expected in e for e in errors), errors


def test_missing_required_key_names_it(mini_dir: Path) -> None:
    errors = errors_for(
        mini_dir, "    summary: {en: The second section., es: La segunda sección.}\n", ""
    )
    assert any("section is missing 'summary'" in e for e in errors), errors


def test_unknown_key_points_at_its_line(mini_dir: Path) -> None:
    errors = errors_for(mini_dir, "        ask_doctor:", "        ask_doctr:")
    line = line_of(mini_dir, "ask_doctr:")
    assert errors == [
        f"{mini_dir / 'content.yaml'}:{line}:9: unknown key 'ask_doctr' in topic; "
        "did you mean 'ask_doctor'?"
    ]


def test_all_errors_are_reported_at_once(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{en: Alpha two, es: Alfa dos}", "{en: Alpha two}")
    text = text.replace("        ask_doctor:", "        ask_doctr:")
    text = text.replace("icon: icons/circle.svg", "icon: icons/nothing.svg", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_content(path)
    messages = "\n".join(str(e) for e in caught.value.errors)
    assert len(caught.value.errors) == 3, messages
    lines = [e.line for e in caught.value.errors]
    assert lines == sorted(lines), "errors come in file order"


def test_alias_bomb_is_refused_without_expanding(mini_dir: Path) -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        bomb.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = mini_dir / "content.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "bomb:\n" + "\n".join("  " + b for b in bomb) + "\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_content(path)
    report = caught.value.report()
    assert "unknown key 'bomb'" in report


def test_alias_reuse_is_refused(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "title: {en: Alpha one, es: Alfa uno}", "title: &t {en: Alpha one, es: Alfa uno}"
    )
    text = text.replace("title: {en: Alpha two, es: Alfa dos}", "title: *t")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_content(path)
    assert "anchors and aliases (&name, *name) are not allowed" in caught.value.report()


def test_oversize_file_is_refused_before_parsing(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    path.write_text("# padding\n" * (MAX_BYTES // 10 + 10), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_content(path)
    assert caught.value.errors[0].line == 1
    assert "the file is too large" in str(caught.value.errors[0])


def test_not_utf8_gives_the_line(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    expected_line = line_of(mini_dir, "name: {en: Test clinic")
    data = path.read_bytes().replace("Clínica".encode(), "Cl\xednica".encode("latin-1"))
    path.write_bytes(data)
    with pytest.raises(ContentErrors) as caught:
        load_content(path)
    error = caught.value.errors[0]
    assert "not UTF-8" in error.message and error.line == expected_line


def test_empty_file(mini_dir: Path) -> None:
    (mini_dir / "content.yaml").write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(ContentErrors, match="the file is empty"):
        load_content(mini_dir / "content.yaml")


def test_symlink_escaping_assets_is_refused(mini_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.svg"
    outside.write_text("<svg/>", encoding="utf-8")
    (mini_dir / "assets" / "icons" / "link.svg").symlink_to(outside)
    errors = errors_for(mini_dir, "icon: icons/circle.svg", "icon: icons/link.svg")
    assert any("points outside the assets folder" in e for e in errors)


def test_passed_review_date_is_a_warning_not_an_error(mini_dir: Path) -> None:
    result = load_content(mini_dir / "content.yaml", today=date(2030, 1, 1))
    assert [w.message for w in result.warnings] == [
        "the review date 2027-11-01 has passed; please review"
    ]
