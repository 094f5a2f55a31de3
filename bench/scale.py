"""Generated content at scale (P5): 1,000 topics in two languages and 100 photos of 12
megapixels, written once into bench/.cache/scale (kept between runs)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, clean_env

SECTIONS = 25
TOPICS_PER_SECTION = 40  # 1,000 topics
PHOTOS = 100
PHOTO_SIZE = (4000, 3000)  # 12 megapixels
VERSION = 2  # bump to regenerate


def photo(path: Path, seed: int) -> None:
    """A 12 MP JPEG with gradients and shapes (compresses like a photo, not like noise)."""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

    image = QImage(*PHOTO_SIZE, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(QPointF(0, 0), QPointF(*PHOTO_SIZE))
    gradient.setColorAt(0, QColor.fromHsv((seed * 37) % 360, 120, 230))
    gradient.setColorAt(1, QColor.fromHsv((seed * 37 + 120) % 360, 160, 90))
    painter.fillRect(image.rect(), gradient)
    for i in range(6000):  # fine detail, so the file is as large as a camera's (~3 MB)
        painter.setBrush(QColor.fromHsv((seed * 11 + i * 29) % 360, 180, 60 + i % 190, 200))
        x, y = (i * 613 + seed * 97) % PHOTO_SIZE[0], (i * 379 + seed * 53) % PHOTO_SIZE[1]
        painter.drawEllipse(QRectF(x, y, 8 + i % 90, 6 + i % 70))
    painter.end()
    if not image.save(str(path), "JPEG", 92):
        raise RuntimeError(f"could not write {path}")


def topic_yaml(section: int, topic: int, image: str | None) -> list[str]:
    tid = f"s{section:02d}-t{topic:03d}"
    lines = [
        f"      - id: {tid}",
        f'        title: {{en: "Topic {topic + 1} of part {section + 1}", '
        f'es: "Tema {topic + 1} de la parte {section + 1}"}}',
        '        summary: {en: "A short line about this topic.", '
        'es: "Una línea corta sobre este tema."}',
        "        body:",
        "          - text:",
        '              en: "Some people still have pain after surgery. This page says why, '
        'and what can help. Talk with your care team."',
        '              es: "Algunas personas siguen con dolor después de la cirugía. Esta '
        'página dice por qué y qué puede ayudar. Hable con su equipo de salud."',
        "          - bullets:",
        '              - {en: "Move a little each day.", es: "Muévase un poco cada día."}',
        '              - {en: "Sleep well.", es: "Duerma bien."}',
        '              - {en: "Ask for help.", es: "Pida ayuda."}',
    ]
    if image:
        lines += [
            f"          - image: {image}",
            '            alt: {en: "A picture for this topic", es: "Una imagen para este tema"}',
        ]
    lines.append('        ask_doctor: {en: "What can I do?", es: "¿Qué puedo hacer?"}')
    return lines


def generate(target: Path) -> Path:
    """Write content.yaml + assets/ (icons copied, photos drawn once then copied) into
    `target` unless a complete set of this VERSION is already there."""
    content = target / "content.yaml"
    stamp = target / "VERSION"
    if stamp.exists() and stamp.read_text() == str(VERSION) and content.exists():
        return content
    shutil.rmtree(target, ignore_errors=True)
    (target / "assets" / "photos").mkdir(parents=True)
    shutil.copytree(ROOT / "assets" / "icons", target / "assets" / "icons")
    icons = sorted(p.name for p in (target / "assets" / "icons").glob("*.svg"))
    # A handful of distinct pictures, copied: every file is decoded on its own (the cache
    # is keyed by path), and drawing 100 pictures of 12 MP would take minutes.
    originals = []
    for seed in range(5):
        path = target / "assets" / "photos" / f"original-{seed}.jpg"
        photo(path, seed)
        originals.append(path)
    for n in range(PHOTOS):
        shutil.copyfile(
            originals[n % len(originals)], target / "assets" / "photos" / f"p{n:03d}.jpg"
        )
    for path in originals:
        path.unlink()
    base = (ROOT / "content.yaml").read_text(encoding="utf-8")
    head = base.split("\nsections:", 1)[0]
    tail = "appointments:" + base.split("\nappointments:", 1)[1]
    lines = [head.replace("$schema=./", "$schema=../../../"), "sections:"]
    every = SECTIONS * TOPICS_PER_SECTION // PHOTOS
    n = 0
    for s in range(SECTIONS):
        lines += [
            f"  - id: part-{s:02d}",
            f"    icon: icons/{icons[s % len(icons)]}",
            f'    title: {{en: "Part {s + 1}", es: "Parte {s + 1}"}}',
            '    summary: {en: "Forty short topics", es: "Cuarenta temas cortos"}',
            "    topics:",
        ]
        for t in range(TOPICS_PER_SECTION):
            image = f"photos/p{n // every:03d}.jpg" if n % every == 0 else None
            lines += topic_yaml(s, t, image)
            n += 1
    lines.append(tail)
    content.write_text("\n".join(lines), encoding="utf-8")
    stamp.write_text(str(VERSION))
    return content


def photo_topics(content: Path) -> list[str]:
    lines = content.read_text(encoding="utf-8").splitlines()
    return [line.split("id: ", 1)[1] for line, has_image in zip_next(lines) if has_image]


def zip_next(lines: list[str]) -> list[tuple[str, bool]]:
    """Each topic id line with whether its topic has an image (before the next topic)."""
    out: list[tuple[str, bool]] = []
    for line in lines:
        if line.startswith("      - id: "):
            out.append((line, False))
        elif line.strip().startswith("- image:") and out:
            out[-1] = (out[-1][0], True)
    return out


def validation(content: Path) -> dict[str, object]:
    """How long the kiosk's own load takes (in a fresh process, as at start-up), and the
    staff's `validate` command, which also grades the readability of every topic."""
    code = (
        "import time, json, sys; from pathlib import Path\n"
        "t = time.perf_counter()\n"
        "from kiosk.content import load_content\n"
        "t1 = time.perf_counter()\n"
        "r = load_content(Path(sys.argv[1]))\n"
        "t2 = time.perf_counter()\n"
        "n = sum(len(s.topics) for s in r.content.sections)\n"
        "print(json.dumps({'import_ms': (t1 - t) * 1000, 'load_ms': (t2 - t1) * 1000, "
        "'topics': n}))\n"
    )
    loads = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", code, str(content)], capture_output=True, text=True,
            check=True, cwd=ROOT, env=clean_env(),
        )  # fmt: skip
        loads.append(json.loads(done.stdout))
    # A restart with nothing changed: the kiosk's content source reads its cache instead.
    cached_code = (
        "import time, json, sys, tempfile; from pathlib import Path\n"
        "from kiosk.content.source import ContentSource\n"
        "data = Path(sys.argv[2])\n"
        "t = time.perf_counter()\n"
        "loaded = ContentSource(Path(sys.argv[1]), data).load_at_start()\n"
        "assert loaded.content is not None\n"
        "print(json.dumps({'load_ms': (time.perf_counter() - t) * 1000}))\n"
    )
    with tempfile.TemporaryDirectory() as data:
        cached = []
        for _ in range(4):  # the first makes the cache (and the snapshot)
            done = subprocess.run(
                [sys.executable, "-c", cached_code, str(content), data], capture_output=True,
                text=True, check=True, cwd=ROOT, env=clean_env(),
            )  # fmt: skip
            cached.append(json.loads(done.stdout)["load_ms"])
    start = time.perf_counter()
    validate = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "validate", str(content)],
        capture_output=True, text=True, check=False, cwd=ROOT, env=clean_env(),
    )  # fmt: skip
    validate_ms = (time.perf_counter() - start) * 1000
    best = min(loads, key=lambda r: r["load_ms"])
    return {
        "topics": best["topics"],
        "photos": PHOTOS,
        "photo_pixels": f"{PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}",
        "content_bytes": content.stat().st_size,
        "load_ms": round(best["load_ms"]),
        "cached_load_ms": round(min(cached[1:])),
        "first_load_ms": round(cached[0]),
        "validate_command_ms": round(validate_ms),
        "validate_exit": validate.returncode,
    }
