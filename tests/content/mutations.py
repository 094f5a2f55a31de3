"""Hypothesis strategies that break the shipped content.yaml the ways people and disks do:
lines lost, doubled or moved, indentation changed, values swapped for lists, huge or
control-laden text, stray YAML punctuation, a file cut short."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = (ROOT / "content.yaml").read_text(encoding="utf-8")
LINES = SHIPPED.splitlines(keepends=True)

PUNCTUATION = [*"[]{}:-?&*!|>'\"#%@,\t\\", "\x00", "\x07", "\ufeff", "\u202e", "é", "😀"]
VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            "~",
            "null",
            "[]",
            "{}",
            "[a, [b]]",
            "{en: x}",
            "*anchor",
            "&anchor x",
            "!!python/object:os.system x",
            "!custom x",
            "2027-02-30",
            "1e400",
            "0x1F",
            '"\\0\\a"',
            "|\n  block",
            "[" * 60,
            "- " * 60 + "x",
            "../../etc/passwd.svg",
            "/dev/zero.png",
            "icons/" + "ü" * 130 + ".svg",
            '"icons/a\\0b.svg"',
        ]
    ),
    st.integers(min_value=1, max_value=30_000).map(lambda n: '"' + "x" * n + '"'),
    st.text(min_size=1, max_size=40),
)


@st.composite
def _mutation(draw: st.DrawFn, lines: list[str]) -> list[str]:
    lines = list(lines)
    if not lines:
        return [draw(VALUES)]
    at = draw(st.integers(0, len(lines) - 1))
    kind = draw(
        st.sampled_from(
            ["delete", "duplicate", "move", "indent", "dedent", "value", "insert", "truncate"]
        )
    )
    line = lines[at]
    if kind == "delete":
        del lines[at]
    elif kind == "duplicate":
        lines.insert(at, line)
    elif kind == "move":
        lines.insert(draw(st.integers(0, len(lines))), lines.pop(at))
    elif kind == "indent":
        lines[at] = " " * draw(st.integers(1, 5)) + line
    elif kind == "dedent":
        lines[at] = line.lstrip(" ")
    elif kind == "value" and ": " in line:
        key = line.split(": ", 1)[0]
        lines[at] = f"{key}: {draw(VALUES)}\n"
    elif kind == "insert":
        col = draw(st.integers(0, len(line)))
        token = draw(st.one_of(st.sampled_from(PUNCTUATION), VALUES))
        lines[at] = line[:col] + token + line[col:]
    else:  # truncate: the file cut short, as by a full disk
        lines = [*lines[:at], line[: draw(st.integers(0, len(line)))]]
    return lines


@st.composite
def mutated_content(draw: st.DrawFn) -> str:
    """The shipped content with one to three mutations."""
    lines = LINES
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(_mutation(lines))
    return "".join(lines)
