"""The alert rules in deploy/prometheus (docs/fleet.md): they name only metrics the kiosk
writes, and, where Debian's `promtool` is installed (package `prometheus`; optional), they
load and fire as their unit tests say."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from kiosk.fleet.metrics import Identity, KioskMetrics

RULES = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"


def test_the_rules_name_only_metrics_the_kiosk_writes() -> None:
    rules = yaml.safe_load((RULES / "fbss-kiosk-alerts.yml").read_text())
    exprs = [rule["expr"] for group in rules["groups"] for rule in group["rules"]]
    named = {name for expr in exprs for name in re.findall(r"fbss_kiosk_\w+", expr)}
    text = KioskMetrics(Identity("1", "k", "")).text().decode()
    families = text_string_to_metric_families(text)
    written = {f.name + ("_total" if f.type == "counter" else "") for f in families}
    assert named and named <= written, named - written


def promtool() -> str:
    found = os.environ.get("FBSS_PROMTOOL") or shutil.which("promtool")
    if not found:
        pytest.skip("promtool is not installed (Debian package `prometheus`; optional)")
    return found


@pytest.mark.parametrize(
    "args",
    [
        ["check", "rules", "fbss-kiosk-alerts.yml"],
        ["check", "config", "prometheus-scrape.yml"],
        ["test", "rules", "fbss-kiosk-alerts.test.yml"],
    ],
)
def test_promtool_accepts_the_rules_and_their_unit_tests(args: list[str]) -> None:
    result = subprocess.run(
        [promtool(), *args], cwd=RULES, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
