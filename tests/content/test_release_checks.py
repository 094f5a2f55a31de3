"""Content fit to publish (issue 19): draft wording and a passed review date are warnings
for `validate` and errors for `validate --release`; `{name}` placeholders are known names
or located errors."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from kiosk.content import BulletsBlock, ContentErrors, load_content
from kiosk.content.draft_words import DEFAULT_DRAFT_PHRASES, DraftWords
from kiosk.content.placeholders import PLACEHOLDERS, fill_content, fill_text
from tests.conftest import ROOT, run_main

HERE = Path(__file__).parent
OLD_DRAFT = HERE / "release" / "draft-content.yaml"  # content.yaml as shipped before
# A day before the test content's review dates, so no test changes with the calendar.
TODAY = date(2026, 12, 1)
LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")


def validate(path: Path, *flags: str) -> tuple[int, list[str]]:
    """`main.py validate` on `path`; the old shipped file uses the shipped pictures."""
    assets = ROOT / "assets" if path == OLD_DRAFT else path.parent / "assets"
    result = run_main("validate", str(path), "--assets", str(assets), *flags)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr.splitlines()


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_old_shipped_draft_wording_fails_release_with_its_lines() -> None:
    code, lines = validate(OLD_DRAFT, "--release", "--today", TODAY.isoformat())
    assert code == 1
    assert lines[-1].endswith("4 errors; not fit to publish (validate --release)")
    found = {(int(m["line"]), m["msg"]) for m in map(LOCATED.match, lines[:-1]) if m}
    assert len(found) == 4 == len(lines) - 1
    expected = {
        ("to be confirmed", "(to be confirmed by the clinic)", "en"),
        ("pendiente de confirmar", "(pendiente de confirmar", "es"),
        ("should review", "Your clinic should review it", "en"),
        ("debe revisarla", "Su clínica debe revisarla", "es"),
    }
    for phrase, needle, lang in expected:
        line = line_of(OLD_DRAFT, needle)
        assert (line, f"draft wording '{phrase}' ({lang}): write the final text") in found


def test_old_draft_wording_only_warns_without_release() -> None:
    code, lines = validate(OLD_DRAFT, "--today", TODAY.isoformat())
    assert code == 0
    warnings = [line for line in lines if "draft wording" in line]
    assert len(warnings) == 4 and all(w.endswith("(warning)") for w in warnings)


def test_shipped_content_is_fit_to_publish() -> None:
    code, lines = validate(ROOT / "content.yaml", "--release", "--today", TODAY.isoformat())
    assert code == 0, lines
    assert not [line for line in lines if "draft wording" in line or "review date" in line]


def test_passed_review_date_warns_and_fails_release(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    line = line_of(path, "next_review:")
    code, lines = validate(path, "--today", "2030-01-01")
    assert code == 0
    assert f"{path}:{line}:16: the review date 2027-11-01 has passed; please review (warning)" in (
        lines
    )
    code, lines = validate(path, "--release", "--today", "2030-01-01")
    assert code == 1
    assert f"{path}:{line}:16: the review date 2027-11-01 has passed; please review" in lines
    assert lines[-1].endswith("1 error; not fit to publish (validate --release)")
    # The day of the review itself is still in time.
    assert validate(path, "--release", "--today", "2027-11-01")[0] == 0


def test_release_counts_draft_warnings_with_real_errors(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{en: Alpha one,", "{en: Alpha one TODO,")
    text = text.replace("es: Sección alfa}", "es: Sección alfa}\n    style: loud")
    path.write_text(text, encoding="utf-8")
    code, lines = validate(path, "--release", "--today", TODAY.isoformat())
    assert code == 1
    assert any("draft wording 'TODO' (en)" in line and "(warning)" not in line for line in lines)
    assert lines[-1].endswith("2 errors; not valid")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Call us (to be\n confirmed).", "to be\n confirmed"),
        ("Dosis: TBD", "TBD"),
        ("Lorem ipsum dolor", "Lorem ipsum"),
        ("Texto POR CONFIRMAR aquí", "POR CONFIRMAR"),
        ("Pendiente de revision", "Pendiente de revision"),  # no accent: still found
        ("pendiente de revisión", "pendiente de revisión"),
        ("a [placeholder] here", "placeholder"),
    ],
)
def test_draft_phrases_match_whole_words_in_any_case(text: str, phrase: str) -> None:
    drafts = DraftWords.build(DEFAULT_DRAFT_PHRASES)
    assert drafts is not None
    assert [m.group() for m in drafts.find(text)] == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        "Puede que el dolor no se vaya del todo.",  # Spanish "todo" is not TODO
        "Todo el tiempo",
        "Lorems are not a word",
        "The doctor will confirm it.",
        "xxxl sizes",
    ],
)
def test_ordinary_words_are_not_draft_wording(text: str) -> None:
    drafts = DraftWords.build(DEFAULT_DRAFT_PHRASES)
    assert drafts is not None and drafts.find(text) == []


def test_the_content_file_can_set_its_own_phrases(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    text = path.read_text(encoding="utf-8").replace("{en: Alpha one,", "{en: Alpha one TBD,")
    text = text.replace("{en: First point,", "{en: First point (ask Ana),")
    path.write_text(text + "draft_phrases: [ask ana]\n", encoding="utf-8")
    result = load_content(path, today=TODAY)
    assert [w.message for w in result.warnings] == [
        "draft wording 'ask Ana' (en): write the final text"
    ]
    assert result.warnings[0].line == line_of(path, "(ask Ana)")
    path.write_text(text + "draft_phrases: []\n", encoding="utf-8")  # no check at all
    assert load_content(path, today=TODAY).warnings == []


def test_a_bad_phrase_list_is_a_located_error(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "draft_phrases: TODO\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_content(path)
    [error] = caught.value.errors
    assert (error.line, error.col) == (line_of(path, "draft_phrases"), 16)
    assert "expected a list" in error.message


def test_known_placeholder_is_filled_everywhere(mini_dir: Path) -> None:
    path = mini_dir / "content.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{en: First point,", "{en: 'Call {emergency_number}',")
    text = text.replace("es: Primer punto}", "es: 'Llame al {emergency_number}'}")
    path.write_text(text, encoding="utf-8")
    content = load_content(path).content
    filled = fill_content(content, {"emergency_number": "112"})
    found = filled.topic("alpha-one")
    assert found is not None
    bullets = found[1].body[1]
    assert isinstance(bullets, BulletsBlock)
    assert bullets.items[0].values == {"en": "Call 112", "es": "Llame al 112"}
    assert fill_content(filled, {"emergency_number": "999"}) == filled  # nothing left to fill
    untouched = content.topic("alpha-two")
    assert untouched is not None and fill_content(content, {}).topic("alpha-two") == untouched


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "{emergency_numbr}",
            "unknown placeholder '{emergency_numbr}' (en); did you mean '{emergency_number}'?",
        ),
        (
            "{emergency number}",
            "unknown placeholder '{emergency number}' (en); did you mean '{emergency_number}'?",
        ),
        ("{clinic_phone}", "unknown placeholder '{clinic_phone}' (en) (known: {emergency_number})"),
        ("{emergency_number", "a lone '{' (en): braces only mark a placeholder"),
        ("emergency_number}", "a lone '}' (en): braces only mark a placeholder"),
    ],
)
def test_unknown_placeholder_is_an_error_on_its_line(
    mini_dir: Path, written: str, message: str
) -> None:
    path = mini_dir / "content.yaml"
    text = path.read_text(encoding="utf-8")
    old = "          - text: {en: Short., es: Corto.}"
    new = (
        "          - text:\n              en: >-\n                Short. Then call\n"
        f"                {written} now.\n              es: Corto."
    )
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    code, lines = validate(path)
    assert code == 1
    line = line_of(path, f"{written} now.")
    col = 17 + (len("emergency_number") if written == "emergency_number}" else 0)
    assert any(l_.startswith(f"{path}:{line}:{col}: {message}") for l_ in lines), lines


def test_fill_text_leaves_what_it_does_not_know() -> None:
    assert fill_text("call {emergency_number} or {other}", {"emergency_number": "112"}) == (
        "call 112 or {other}"
    )
    assert fill_text("no braces", {}) == "no braces"


def test_validate_today_must_be_a_date() -> None:
    result = run_main("validate", "--today", "tomorrow")
    assert result.returncode == 2
    assert "'tomorrow' is not a date like 2027-01-31" in result.stderr


def test_the_docs_list_every_built_in_phrase_and_placeholder() -> None:
    docs = " ".join((ROOT / "docs" / "content-format.md").read_text(encoding="utf-8").split())
    listed = docs.split("the built-in list is used:", 1)[1].split("A top-level", 1)[0]
    assert re.findall(r"`([^`]+)`", listed) == list(DEFAULT_DRAFT_PHRASES)
    for name in PLACEHOLDERS:
        assert f"| `{{{name}}}` |" in docs
