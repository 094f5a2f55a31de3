"""The last good copy after an edit: unchanged pictures are shared with the previous copy
(a hard link), not copied again before the kiosk can start; changed ones are copied."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.content.snapshot import SNAPSHOT_DIR, save_snapshot


def test_a_text_edit_does_not_copy_the_pictures_again(mini_dir: Path, tmp_path: Path) -> None:
    content, assets, data = mini_dir / "content.yaml", mini_dir / "assets", tmp_path / "data"
    extra = assets / "icons" / "other.svg"
    extra.write_text((assets / "icons" / "circle.svg").read_text(), encoding="utf-8")
    # Only pictures the content shows are copied: make it show this one too.
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("image: icons/circle.svg", "image: icons/other.svg"), "utf-8")
    assert save_snapshot(content, assets, data)
    kept = data / SNAPSHOT_DIR / "assets" / "icons"
    before = {p.name: p.stat().st_ino for p in kept.iterdir()}

    content.write_text(content.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    changed = extra.read_text(encoding="utf-8").replace("<svg", "<svg id='new'", 1)
    extra.write_text(changed, encoding="utf-8")
    os.utime(extra, ns=(extra.stat().st_atime_ns, extra.stat().st_mtime_ns + 10**9))
    assert save_snapshot(content, assets, data)

    assert (kept / "circle.svg").stat().st_ino == before["circle.svg"]  # shared
    assert (kept / "other.svg").stat().st_ino != before["other.svg"]  # copied anew
    assert (kept / "other.svg").read_text(encoding="utf-8") == changed
    assert (data / SNAPSHOT_DIR / "content.yaml").read_text(encoding="utf-8").endswith("edit\n")
    assert not (data / (SNAPSHOT_DIR + ".old")).exists()
