"""The ready-to-use copy of the last good content (kiosk/content/cache.py): a restart with
nothing changed skips the YAML, any change is seen, and the copy can never run code or be
planted by another user."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

import kiosk.content.loader
import kiosk.content.source
from kiosk.content import cache
from kiosk.content.snapshot import snapshot_path
from kiosk.content.source import ContentSource

ROOT = Path(__file__).resolve().parents[2]


def source(mini_dir: Path, data_dir: Path) -> ContentSource:
    return ContentSource(mini_dir / "content.yaml", data_dir)


def no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any parse of content.yaml fail the test."""

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("content.yaml was parsed again")

    monkeypatch.setattr(kiosk.content.loader, "load_content", refuse)


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The content files parsed from now on (the real parse still happens)."""
    parsed: list[Path] = []
    real = kiosk.content.loader.load_content

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        parsed.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kiosk.content.loader, "load_content", counting)
    return parsed


def test_a_restart_with_nothing_changed_uses_the_copy(
    mini_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = source(mini_dir, data_dir).load_at_start()
    assert first.content is not None
    copy = data_dir / cache.CACHE_NAME
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600

    no_yaml(monkeypatch)
    again = source(mini_dir, data_dir).load_at_start()
    assert again.content == first.content
    assert again.warnings == first.warnings
    assert not again.errors and not again.from_snapshot


def test_an_edit_is_seen_at_the_next_start(mini_dir: Path, data_dir: Path) -> None:
    content = mini_dir / "content.yaml"
    first = source(mini_dir, data_dir).load_at_start().content
    assert first is not None
    old_name = first.clinic_name.get("en")
    content.write_text(
        content.read_text(encoding="utf-8").replace(old_name, "Renamed Clinic", 1),
        encoding="utf-8",
    )
    edited = source(mini_dir, data_dir).load_at_start().content
    assert edited is not None and edited.clinic_name.get("en") == "Renamed Clinic"


def test_a_changed_or_removed_picture_is_checked_again(mini_dir: Path, data_dir: Path) -> None:
    assert source(mini_dir, data_dir).load_at_start().content is not None
    icon = next((mini_dir / "assets").rglob("*.svg"))
    icon.unlink()
    after = source(mini_dir, data_dir).load_at_start()
    # The staff's file now names a missing picture: the errors say so and the kiosk keeps
    # showing the last good copy, as it would without the cache.
    assert any(icon.name in str(error) for error in after.errors)
    assert after.from_snapshot


def test_new_checking_code_makes_a_new_copy(
    mini_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert source(mini_dir, data_dir).load_at_start().content is not None
    monkeypatch.setattr(cache, "code_stamp", lambda: "the checks changed")
    parsed = count_parses(monkeypatch)
    assert source(mini_dir, data_dir).load_at_start().content is not None
    assert parsed == [mini_dir / "content.yaml"]


def test_the_review_warning_appears_when_its_day_comes(mini_dir: Path, data_dir: Path) -> None:
    loaded = source(mini_dir, data_dir).load_at_start()
    assert loaded.content is not None
    review = loaded.content.about.next_review
    key = source(mini_dir, data_dir)._fingerprint()
    assert key is not None
    full_key = cache.cache_key(key, mini_dir / "content.yaml", mini_dir / "assets")
    assert cache.read_cache(data_dir, full_key, today=review) is not None
    # The day after the review date the copy lacks the "please review" warning: not used.
    later = date.fromordinal(review.toordinal() + 1)
    assert cache.read_cache(data_dir, full_key, today=later) is None


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, ("touch planted-by-pickle",))


def test_a_planted_copy_never_runs_code(
    mini_dir: Path, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = source(mini_dir, data_dir).load_at_start().content
    copy = data_dir / cache.CACHE_NAME
    stored = pickle.loads(copy.read_bytes())
    stored["content"] = _Boom()
    copy.write_bytes(pickle.dumps(stored))
    monkeypatch.chdir(tmp_path)
    loaded = source(mini_dir, data_dir).load_at_start()
    assert not (tmp_path / "planted-by-pickle").exists()
    assert loaded.content == good  # read from content.yaml instead


def test_a_damaged_copy_is_ignored(mini_dir: Path, data_dir: Path) -> None:
    good = source(mini_dir, data_dir).load_at_start().content
    copy = data_dir / cache.CACHE_NAME
    copy.write_bytes(copy.read_bytes()[:100])
    assert source(mini_dir, data_dir).load_at_start().content == good
    # ...and replaced by a good one.
    assert pickle.loads(copy.read_bytes())["content"] == good


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX file owners")
def test_a_copy_others_may_write_is_not_trusted(
    mini_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert source(mini_dir, data_dir).load_at_start().content is not None
    copy = data_dir / cache.CACHE_NAME
    copy.chmod(0o666)
    parsed = count_parses(monkeypatch)
    assert source(mini_dir, data_dir).load_at_start().content is not None
    assert parsed, "a copy anyone could have written was used"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600  # replaced by a private one


def test_a_start_from_the_copy_does_not_load_the_yaml_parser(
    mini_dir: Path, data_dir: Path
) -> None:
    """What makes the restart fast: in a new process, nothing of PyYAML or the checks."""
    assert source(mini_dir, data_dir).load_at_start().content is not None
    script = (
        "import sys; from pathlib import Path; from kiosk.content.source import ContentSource;"
        f"loaded = ContentSource(Path({str(mini_dir / 'content.yaml')!r}), "
        f"Path({str(data_dir)!r})).load_at_start();"
        "assert loaded.content is not None;"
        "print(sorted(m for m in sys.modules if m == 'yaml' or m.startswith('kiosk.content.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    modules = done.stdout.strip()
    assert "'yaml'" not in modules and "kiosk.content.loader" not in modules, modules


def test_the_first_screen_does_not_wait_for_the_snapshot(
    mini_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a new install the snapshot copies every picture (hundreds of MB): at start-up it
    is made in the background, and the content is ready before it is done."""
    release = threading.Event()
    real = kiosk.content.source.save_snapshot

    def slow_copy(*args: object, **kwargs: object) -> bool:
        assert release.wait(30), "never released"
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kiosk.content.source, "save_snapshot", slow_copy)
    content_source = source(mini_dir, data_dir)
    loaded = content_source.load_at_start(snapshot_in_background=True)
    assert loaded.content is not None  # ready while the copy is still held up
    assert not content_source.wait_for_snapshot(timeout=0.05)
    assert not snapshot_path(data_dir).exists()
    release.set()
    assert content_source.wait_for_snapshot(timeout=30)
    assert snapshot_path(data_dir).is_file()
