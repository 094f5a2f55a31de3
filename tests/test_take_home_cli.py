"""take_home_url outside the kiosk: `screenshots` and `export-html` honour it (flag, then
FBSS_KIOSK_TAKE_HOME_URL, then the settings file) so staff can check the codes without a
kiosk; a bad value stops them with its place; and the site's addresses never collide."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.content import load_content
from kiosk.site_paths import about_folder, page_path, take_home_url, topic_folders
from tests.conftest import MINI, ROOT, run_main
from tests.tools import decode_qr, need

MINI_CONTENT = str(MINI / "content.yaml")


def test_screenshots_draw_the_codes_from_the_environment(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    env = {"FBSS_KIOSK_TAKE_HOME_URL": "https://clinic.example/kiosk"}
    done = run_main("screenshots", str(out), "--content", MINI_CONTENT, "--lang", "es", env=env)
    assert done.returncode == 0, done.stderr
    topics = sorted(out.glob("*-topic-*.png"))
    assert len(topics) == 3
    found = decode_qr(topics)
    assert found[topics[0].name] == ["https://clinic.example/kiosk/es/alpha/one/"]
    assert all(len(texts) == 1 for texts in found.values())
    assert decode_qr(sorted(out.glob("*-home.png"))) == {"es-1920x1080-01-home.png": []}


def test_the_flag_wins_and_the_settings_file_is_read(tmp_path: Path) -> None:
    settings = tmp_path / "kiosk.toml"
    settings.write_text('[kiosk]\ntake_home_url = "https://file.example/"\n', encoding="utf-8")
    out = tmp_path / "site"
    done = run_main("export-html", str(out), "--settings", str(settings))
    assert done.returncode == 0, done.stderr
    page = out / "en" / "treatment" / "spinal-cord-stimulation" / "index.html"
    assert "https://file.example/en/treatment/spinal-cord-stimulation/" in page.read_text("utf-8")
    flag = "https://flag.example/x"
    done = run_main("export-html", str(out), "--settings", str(settings), "--take-home-url", flag)
    assert done.returncode == 0, done.stderr
    assert f"{flag}/en/treatment/spinal-cord-stimulation/" in page.read_text("utf-8")


def test_without_a_setting_the_export_prints_no_code(tmp_path: Path) -> None:
    done = run_main("export-html", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    for page in (tmp_path / "site").rglob("*.html"):
        assert "print-qr" not in page.read_text(encoding="utf-8")


def test_a_bad_address_stops_with_its_place(tmp_path: Path) -> None:
    for args, env, where in (
        (["--take-home-url", "ftp://x"], {}, "--take-home-url"),
        ([], {"FBSS_KIOSK_TAKE_HOME_URL": "https://x.example/?utm_source=kiosk"}, "FBSS_KIOSK"),
    ):
        for command in ("screenshots", "export-html"):
            done = run_main(command, str(tmp_path / command), *args, env=env)
            assert done.returncode == 2, (command, done.stdout)
            assert where in done.stderr and "take_home_url" in done.stderr
            assert "Traceback" not in done.stderr
            assert not (tmp_path / command).exists()


def test_addresses_never_collide() -> None:
    content = load_content(ROOT / "content.yaml").content
    treatment = content.sections[4]
    assert treatment.id == "treatment"
    folders = topic_folders(treatment)
    assert folders["treatment-spinal-cord-stimulation"] == "spinal-cord-stimulation"
    # A topic named like another one's short name: both keep their whole ids.
    clash = replace(treatment.topics[0], id="plan")
    odd = replace(treatment, topics=(*treatment.topics, clash))
    assert topic_folders(odd)["plan"] == "plan"
    assert topic_folders(odd)["treatment-plan"] == "treatment-plan"
    # A section called "about" keeps its folder; the About page moves aside.
    about = replace(content.sections[0], id="about")
    moved = replace(content, sections=(about, *content.sections[1:]))
    assert about_folder(moved) == "about-this-information"
    assert page_path(moved, "en", "about") == "en/about-this-information/index.html"
    url = take_home_url("https://c.example/a/", "es", treatment, "treatment-medicines")
    assert url == "https://c.example/a/es/treatment/medicines/"


def test_a_missing_tool_fails_under_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="zbar-tools"):
        need("zbarimg", "zbar-tools")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="zbar-tools"):
        need("zbarimg", "zbar-tools")
