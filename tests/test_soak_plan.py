"""The soak's session plan (bench/soak.py) is derived from the content: its warm-up ends
once every topic has been shown in every language at every text size, and the mix stays
what the issue names (a language switch and a text-size step in about every 10th session)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bench.soak import RELOAD_EVERY, SEND_EVERY, Plan
from kiosk.content.loader import load_content
from kiosk.design.tokens import TEXT_SCALES

ROOT = Path(__file__).resolve().parent.parent


def plan() -> Plan:
    loaded = load_content(ROOT / "content.yaml")
    assert loaded.content is not None
    return Plan(loaded.content, len(TEXT_SCALES))


def test_first_pass_shows_every_topic_language_and_text_size() -> None:
    p = plan()
    languages = [p.default, *p.others]
    wanted = {(t, lang, s) for _, t in p.topics for lang in languages for s in range(p.scales)}
    seen: set[tuple[str, str, int]] = set()
    for n in range(1, p.first_pass() + 1):
        seen |= p.shown(p(n))
    assert seen == wanted
    before = set().union(*(p.shown(p(n)) for n in range(1, p.first_pass())))
    assert before != wanted  # the first pass ends there, not later
    assert p.warmup() >= max(p.first_pass(), SEND_EVERY, RELOAD_EVERY)


def test_mix_is_one_language_switch_and_one_text_step_in_ten() -> None:
    p = plan()
    sessions = 100 * len(p.topics)
    steps = [p(n) for n in range(1, sessions + 1)]
    switched = sum(1 for s in steps if s.language)
    sized = sum(1 for s in steps if s.text_steps and not s.language)
    assert switched == sessions // 10 and sized == sessions // 10
    assert Counter(s.topic for s in steps) == Counter({t: 100 for _, t in p.topics})
