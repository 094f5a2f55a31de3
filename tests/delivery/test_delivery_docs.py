"""What the README and docs/delivery.md promise about delivery is what the code does: at least
once, de-duplicated by the receiver (tests in test_at_least_once.py), never "exactly once"."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROMISE = "at least once, de-duplicated by"


def flat(path: Path) -> str:
    text = path.read_text(encoding="utf-8").replace("**", "")  # no bold, line breaks as spaces
    return " ".join(text.split())


def test_the_readme_and_the_delivery_guide_promise_at_least_once() -> None:
    readme, guide = flat(ROOT / "README.md"), flat(ROOT / "docs" / "delivery.md")
    assert (
        "delivered at least once, de-duplicated by the receiver (FHIR conditional create" in readme
    )
    assert (
        f"{PROMISE} the receiver's own mechanism: FHIR conditional create on the request "
        "identifier, and the e-mail's Message-ID." in guide
    )
    for text in (readme, guide):
        assert "delivered once" not in text and "exactly once" not in text.lower()
