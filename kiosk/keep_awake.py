"""Keep the screen on while the kiosk runs: a blank waiting-room screen teaches nobody.
No Qt. Returns a line for the log saying what was done, or why nothing could be."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping

ES_CONTINUOUS, ES_SYSTEM_REQUIRED, ES_DISPLAY_REQUIRED = 0x80000000, 0x1, 0x2


def keep_display_awake(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    if sys.platform == "win32":
        import ctypes

        flags = ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED
        # Holds for this thread (the GUI thread) until the process ends.
        if ctypes.windll.kernel32.SetThreadExecutionState(flags):  # type: ignore[attr-defined]
            return "display kept on (SetThreadExecutionState)"
        return "could not keep the display on (SetThreadExecutionState failed)"
    if env.get("DISPLAY") and shutil.which("xset"):
        run_env = {**os.environ, "DISPLAY": env["DISPLAY"]}
        saver = _run(["xset", "s", "off", "s", "noblank"], run_env)
        if saver:
            return f"could not turn the X screen saver off ({saver})"
        # Servers without DPMS (Xvfb, some VMs) have no power saving to turn off.
        dpms = _run(["xset", "-dpms"], run_env)
        return "X screen saver and blanking off" + (", no DPMS on this server" if dpms else "")
    if env.get("DISPLAY"):
        return "xset not found: screen blanking left as the system has it"
    if env.get("WAYLAND_DISPLAY"):
        return "Wayland: the compositor decides (cage never blanks unless swayidle runs)"
    return "no display server found: nothing to keep awake"


def _run(command: list[str], env: dict[str, str]) -> str:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return type(exc).__name__
    return "" if done.returncode == 0 and not done.stderr.strip() else done.stderr.strip()[:200]
