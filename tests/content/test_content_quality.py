"""Quality checks for the patient text in content.yaml (no Qt needed).

* Readability: every English topic must read at Flesch-Kincaid grade 8 or lower (hard limit).
  Our target is grade 6; topics above 6 are reported as a warning.
* Coverage: every cause, symptom, test and treatment named in the seed documents must appear
  somewhere in the English text.
* Translation: every patient-facing string has English and Spanish text, and they differ.
"""

from __future__ import annotations

import re
import statistics
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import textstat
import yaml

CONTENT_PATH = Path(__file__).parents[2] / "content.yaml"
LANGS = ("en", "es")
TARGET_GRADE = 6.0
HARD_GRADE = 8.0

# Strings that may be the same in English and Spanish (acronyms, drug names, proper nouns).
ALLOWED_IDENTICAL = {"EMG", "CT", "MRI", "NSAIDs", "Tramadol", "tramadol"}


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def load_content() -> dict[str, Any]:
    with CONTENT_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), "content.yaml must be a mapping at the top level"
    return data


def as_sentence(text: str) -> str:
    """Collapse whitespace and make sure the text ends like a sentence."""
    text = " ".join(str(text).split())
    if text and text[-1] not in ".!?":
        text += "."
    return text


def topic_texts(topic: dict[str, Any], lang: str = "en") -> list[str]:
    """All visible text of one topic in one language, in reading order."""
    parts: list[str] = [topic["title"][lang]]
    if "summary" in topic:
        parts.append(topic["summary"][lang])
    for block in topic.get("body", []):
        if "text" in block:
            parts.append(block["text"][lang])
        for bullet in block.get("bullets", []):
            parts.append(bullet[lang])
        if "alt" in block:
            parts.append(block["alt"][lang])
    if "ask_doctor" in topic:
        parts.append(topic["ask_doctor"][lang])
    return parts


def topic_text(topic: dict[str, Any], lang: str = "en") -> str:
    """One string for the topic, each part joined as its own sentence."""
    return " ".join(as_sentence(p) for p in topic_texts(topic, lang))


def fk_grade(text: str) -> float:
    textstat.set_lang("en_US")
    return float(textstat.flesch_kincaid_grade(text))


def iter_topics(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for section in data.get("sections", []):
        for topic in section.get("topics", []):
            yield f"{section['id']}/{topic['id']}", topic


def topic_grades(topics: list[tuple[str, dict[str, Any]]]) -> dict[str, float]:
    return {name: fk_grade(topic_text(topic)) for name, topic in topics}


def readability_problems(
    topics: list[tuple[str, dict[str, Any]]], limit: float = HARD_GRADE
) -> dict[str, float]:
    """Topics whose English text scores above `limit` (the check the real test uses)."""
    return {name: g for name, g in topic_grades(topics).items() if g > limit}


def iter_localized(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every patient-facing localized string in the file, with a readable path."""
    yield "clinic.name", data["clinic"]["name"]
    yield "home.title", data["home"]["title"]
    yield "home.intro", data["home"]["intro"]
    about = data["about"]
    yield "about.notice", about["notice"]
    yield "about.reviewer_role", about["reviewer_role"]
    for i, source in enumerate(about["sources"]):
        yield f"about.sources[{i}]", source
    for section in data["sections"]:
        sid = section["id"]
        yield f"{sid}.title", section["title"]
        yield f"{sid}.summary", section["summary"]
        for topic in section["topics"]:
            tid = f"{sid}/{topic['id']}"
            for key in ("title", "summary", "ask_doctor"):
                if key in topic:
                    yield f"{tid}.{key}", topic[key]
            for b, block in enumerate(topic["body"]):
                if "text" in block:
                    yield f"{tid}.body[{b}].text", block["text"]
                for i, bullet in enumerate(block.get("bullets", [])):
                    yield f"{tid}.body[{b}].bullets[{i}]", bullet
                if "alt" in block:
                    yield f"{tid}.body[{b}].alt", block["alt"]


def iter_en_mappings(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Any mapping anywhere in the file that has an `en` key (catches fields not listed above)."""
    if isinstance(node, dict):
        if "en" in node:
            yield path, node
        for key, value in node.items():
            yield from iter_en_mappings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from iter_en_mappings(value, f"{path}[{i}]")


def all_english_text(data: dict[str, Any]) -> str:
    texts = [value["en"] for _, value in iter_localized(data)]
    return " ".join(" ".join(str(t).split()) for t in texts).lower()


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def content() -> dict[str, Any]:
    return load_content()


@pytest.fixture(scope="module")
def english_text(content: dict[str, Any]) -> str:
    return all_english_text(content)


# --------------------------------------------------------------------------------------
# (a) Readability
# --------------------------------------------------------------------------------------


def test_english_topics_are_plain_language(content: dict[str, Any]) -> None:
    topics = list(iter_topics(content))
    assert topics, "no topics found"
    grades = topic_grades(topics)

    over_target = {n: g for n, g in grades.items() if g > TARGET_GRADE}
    if over_target:
        listing = ", ".join(f"{n} ({g:.1f})" for n, g in sorted(over_target.items()))
        warnings.warn(
            f"Topics above the grade {TARGET_GRADE:g} target: {listing}", UserWarning, stacklevel=1
        )

    problems = readability_problems(topics)
    assert not problems, (
        f"Topics above Flesch-Kincaid grade {HARD_GRADE:g}: "
        + ", ".join(f"{n} ({g:.1f})" for n, g in sorted(problems.items()))
        + f" (median grade {statistics.median(grades.values()):.1f})"
    )


BAD_TOPIC = {
    "id": "bad-example",
    "title": {"en": "Multifactorial etiological considerations", "es": "x"},
    "summary": {
        "en": (
            "Comprehensive interdisciplinary evaluation of persistent postoperative "
            "neuropathic symptomatology necessitates multimodal diagnostic investigation"
        ),
        "es": "x",
    },
    "body": [
        {
            "text": {
                "en": (
                    "Postlaminectomy syndrome, frequently characterized by recalcitrant "
                    "radicular and axial manifestations, may be attributable to epidural "
                    "fibrosis, pseudarthrosis, iatrogenic instrumentation malposition, "
                    "adjacent segment degeneration, or inadequate neuroforaminal "
                    "decompression, consequently necessitating individualized, "
                    "evidence-based therapeutic stratification incorporating "
                    "pharmacological, interventional and neuromodulatory modalities."
                ),
                "es": "x",
            }
        }
    ],
    "ask_doctor": {
        "en": "Which intrathecal pharmacotherapeutic alternatives are contraindicated?",
        "es": "x",
    },
}


def test_readability_check_rejects_jargon() -> None:
    problems = readability_problems([("bad/bad-example", BAD_TOPIC)])
    assert "bad/bad-example" in problems, "a long-winded jargon topic must fail the check"
    assert problems["bad/bad-example"] > HARD_GRADE


def test_topic_text_joins_parts_as_sentences() -> None:
    topic = {
        "title": {"en": "Pain"},
        "summary": {"en": "It hurts"},
        "body": [{"bullets": [{"en": "Point one"}, {"en": "Point two."}]}],
        "ask_doctor": {"en": "Why?"},
    }
    assert topic_text(topic) == "Pain. It hurts. Point one. Point two. Why?"


def test_topics_are_short(content: dict[str, Any]) -> None:
    """Each topic has 2 to 5 blocks; this keeps one screen per topic on the kiosk."""
    bad = {
        name: len(topic["body"])
        for name, topic in iter_topics(content)
        if not 2 <= len(topic["body"]) <= 5
    }
    assert not bad, f"topics without 2-5 body blocks: {bad}"


# --------------------------------------------------------------------------------------
# (b) Coverage of the seed documents
# --------------------------------------------------------------------------------------

# Each item named in the seed documents -> regexes (matched against the lower-cased English
# text of the whole file). An item is covered when at least one of its regexes matches.
COVERAGE: dict[str, dict[str, list[str]]] = {
    "background": {
        "FBSS named": [r"failed back surgery syndrome"],
        "back or neck surgery": [r"back or neck surgery|surgery on your back or neck"],
        "laminectomy": [r"\blaminectomy\b"],
        "discectomy": [r"\bdiscectomy\b"],
        "name does not mean surgery was done wrong": [
            r"does not mean[^.]*(done wrong|mistake|error)"
        ],
        "FBSS is treatable": [r"can be treated|treatable"],
    },
    "causes": {
        "poor candidate for surgery": [r"poor candidate|not a good fit for surgery"],
        "pre-existing conditions": [r"pre-?existing|health problems you already had"],
        "diabetes": [r"\bdiabetes\b"],
        "autoimmune disorders": [r"\bautoimmune\b"],
        "wrong or inaccurate diagnosis": [r"(wrong|inaccurate|incorrect) diagnosis"],
        "surgery at the wrong level": [r"wrong level"],
        "incorrect procedure": [r"incorrect procedure|type of surgery was not the right"],
        "incomplete nerve decompression": [r"incomplete (nerve )?decompression"],
        "incomplete bone removal": [r"piece of bone[^.]*(left|still)"],
        "lingering disc herniation": [r"disc was left|disc material[^.]*left"],
        "surgeon error": [r"surgeon error"],
        "surgical complications": [r"\bcomplications?\b"],
        "scar tissue": [r"scar tissue"],
        "epidural fibrosis": [r"epidural fibrosis"],
        "recurrent disc herniation": [r"recurrent disc herniation"],
        "spinal stenosis": [r"spinal stenosis"],
        "adjacent segment disease": [r"adjacent segment disease"],
        "hardware failure": [r"hardware failure"],
        "hardware loosening": [r"\bloos(e|en|ening)\b"],
        "hardware breaking": [r"\bbreak(s|ing)?\b|\bbroken\b"],
        "misaligned hardware": [r"misaligned|out of line"],
        "implant migration": [r"implant (moves|migration)|shift out of (its )?place"],
        "implant rejection": [r"implant rejection"],
        "pseudarthrosis": [r"pseudo?arthrosis"],
        "failed fusion / nonunion": [r"did not grow together|failed fusion|nonunion"],
        "infection": [r"\binfection\b"],
        "disc space infection": [r"disc space infection"],
        "nerve damage": [r"nerve damage"],
        "inflamed joints": [r"inflamed[^.]*joint|joints?[^.]*inflamed"],
        "trauma at the surgical site": [
            r"trauma|(harm|hurt|injure)[^.]*tissue|tissue[^.]*(harm|hurt|injur)"
        ],
        "stress on other parts of the spine": [r"(stress|strain) on other|other weak parts"],
        "psychological factors: depression": [r"\bdepression\b"],
        "psychological factors: anxiety": [r"\banxiety\b"],
        "inadequate rehab": [r"not enough rehab|inadequate rehab|stopping (rehab )?too soon"],
        "smoking": [r"\bsmoking\b"],
        "excess weight": [r"excess weight|extra (body )?weight"],
        "exact cause can be hard to find": [r"hard to find|difficult to (find|pinpoint)"],
    },
    "symptoms": {
        "dull pain": [r"\bdull\b"],
        "aching pain": [r"\baching\b"],
        "sharp pain": [r"\bsharp\b"],
        "stabbing pain": [r"\bstabbing\b"],
        "pain in the back": [r"\bback\b"],
        "pain in the legs": [r"\blegs?\b"],
        "pain in the arms": [r"\barms?\b"],
        "pain in the neck": [r"\bneck\b"],
        "numbness": [r"\bnumbness\b"],
        "tingling": [r"\btingling\b"],
        "weakness": [r"\bweakness\b"],
        "reduced mobility": [r"harder to move|mobility"],
        "reduced flexibility": [r"\bbend\b|flexib"],
        "muscle spasms": [r"muscle spasms?"],
        "insomnia": [r"\binsomnia\b"],
        "pain that continues": [r"never fully go away|pain that (lasts|goes on)"],
        "pain that returns": [r"come back|comes back|returns"],
        "pain that gets worse": [r"get worse|gets worse|worse over time"],
        "new pain": [r"new pain"],
        "pain that spreads into legs or arms": [r"(shoot|runs?) down a leg"],
    },
    "diagnosis": {
        "review of surgical history": [r"surgical history|asks about your surgery"],
        "images from before and after surgery": [r"before and after surgery"],
        "evaluation of current symptoms": [r"about your pain now|current symptoms"],
        "physical exam of the spine": [r"physical exam|check(s)? your spine"],
        "exam of nerve function": [r"how your nerves work|nerve function"],
        "exam of movement": [r"how you move"],
        "x-rays": [r"\bx-rays?\b"],
        "MRI": [r"\bmri\b"],
        "CT scan": [r"\bct\b"],
        "EMG": [r"\bemg\b"],
        "electromyography": [r"electromyography"],
        "nerve conduction test": [r"nerve conduction"],
        "diagnostic nerve block": [r"(test|diagnostic) nerve block"],
    },
    "treatment": {
        "conservative care": [r"conservative care"],
        "physical therapy": [r"physical therapy"],
        "exercise": [r"\bexercises?\b"],
        "heat": [r"\bheat\b|warm pack"],
        "cold": [r"\bcold\b"],
        "NSAIDs": [r"\bnsaids?\b"],
        "paracetamol": [r"paracetamol"],
        "acetaminophen": [r"acetaminophen"],
        "opioids": [r"\bopioids?\b"],
        "tramadol": [r"\btramadol\b"],
        "muscle relaxants": [r"muscle relaxants?"],
        "antiepileptic drugs": [r"antiepileptic"],
        "nerve pain medicines": [r"nerve pain medicines?"],
        "antidepressants": [r"antidepressants?"],
        "epidural steroid injections": [r"epidural steroid injections?"],
        "nerve blocks": [r"\bnerve blocks?\b"],
        "spinal cord stimulation": [r"spinal cord stimulation"],
        "electric pulses block pain signals": [r"electric(al)? pulses"],
        "neuromodulation": [r"neuromodulation"],
        "intrathecal pump": [r"intrathecal pump"],
        "intrathecal drug infusion": [r"intrathecal drug infusion"],
        "revision surgery": [r"revision surgery"],
        "reoperation": [r"reoperation"],
        "adjusting or removing hardware": [
            r"(fix|adjust|move|take out|remove)[^.]*(screws|rods|plates|hardware)"
        ],
        "psychological counseling": [r"counsell?ing"],
        "cognitive behavioral therapy": [r"cognitive[- ]behaviou?ral therapy"],
        "behavioral rehabilitation": [r"behaviou?ral rehab"],
        "acupuncture": [r"acupuncture"],
        "chiropractic care": [r"chiropractic"],
        "pain specialist on the team": [r"pain doctor|pain specialist"],
        "mental health doctor on the team": [r"mental health doctor|psychiatrist"],
        "benefits and risks weighed": [r"good and bad sides|benefits and risks|risks"],
    },
    "self-care": {
        "quit smoking": [r"stop smoking|quit"],
        "healthy weight": [r"healthy weight"],
        "diabetes control": [r"blood sugar"],
        "rehab": [r"\brehab\b"],
        "stay active": [r"stay active|moving your body"],
    },
    "urgent": {
        "loss of bladder control": [r"\bbladder\b"],
        "loss of bowel control": [r"\bbowels?\b"],
        "groin / saddle numbness": [r"\bgroin\b|saddle"],
        "new or fast-growing leg weakness": [r"new weakness in a leg|weakness gets worse fast"],
        "fever with back pain": [r"fever"],
        "red or draining wound": [r"wound[^.]*(red|fluid|drain)"],
        "sudden severe pain": [r"sudden"],
        "tell staff now": [r"staff member now|tell (a )?staff"],
        "call emergency services": [r"emergency services"],
        "at the local emergency number": [r"emergency services at \{emergency_number\}"],
        "marked as general safety advice": [r"general safety advice"],
    },
}

COVERAGE_CASES = [
    pytest.param(patterns, id=f"{group}: {item}")
    for group, items in COVERAGE.items()
    for item, patterns in items.items()
]


@pytest.mark.parametrize("patterns", COVERAGE_CASES)
def test_seed_fact_is_covered(english_text: str, patterns: list[str]) -> None:
    assert any(re.search(p, english_text) for p in patterns), (
        f"none of {patterns} found in the English text of content.yaml"
    )


def test_coverage_check_can_fail() -> None:
    text = all_english_text(
        {
            "clinic": {"name": {"en": "Clinic", "es": "Clínica"}},
            "home": {"title": {"en": "Hi", "es": "Hola"}, "intro": {"en": "Hi", "es": "Hola"}},
            "about": {
                "notice": {"en": "n", "es": "n2"},
                "reviewer_role": {"en": "r", "es": "r2"},
                "sources": [],
            },
            "sections": [],
        }
    )
    assert not re.search(COVERAGE["causes"]["adjacent segment disease"][0], text)


# --------------------------------------------------------------------------------------
# (c) Every string in both languages
# --------------------------------------------------------------------------------------


def test_languages_are_en_and_es(content: dict[str, Any]) -> None:
    assert content["languages"] == list(LANGS)


def test_every_string_has_english_and_spanish(content: dict[str, Any]) -> None:
    problems: list[str] = []
    for path, value in iter_localized(content):
        if not isinstance(value, dict):
            problems.append(f"{path}: not a localized mapping")
            continue
        for lang in LANGS:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{path}: missing or empty '{lang}'")
        extra = set(value) - set(LANGS)
        if extra:
            problems.append(f"{path}: unknown languages {sorted(extra)}")
    for path, value in iter_en_mappings(content):
        if "es" not in value:
            problems.append(f"{path}: has 'en' but no 'es'")
    assert not problems, "\n".join(problems)


def test_spanish_differs_from_english(content: dict[str, Any]) -> None:
    same = [
        f"{path}: {value['en']!r}"
        for path, value in iter_localized(content)
        if isinstance(value, dict)
        and " ".join(str(value.get("en", "")).split()) == " ".join(str(value.get("es", "")).split())
        and str(value.get("en", "")).strip() not in ALLOWED_IDENTICAL
    ]
    assert not same, "Spanish text identical to English:\n" + "\n".join(same)


def test_spanish_uses_spanish_acronym(content: dict[str, Any]) -> None:
    """Spanish readers see SCEF (síndrome de cirugía de espalda fallida), not FBSS."""
    wrong = [path for path, value in iter_localized(content) if "FBSS" in str(value.get("es", ""))]
    assert not wrong, f"'FBSS' used in Spanish text: {wrong}"
