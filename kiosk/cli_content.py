"""The content commands of main.py: validate, schema, export-html and screenshots (parsed
in kiosk/cli.py, run here)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


def emergency_number(args: argparse.Namespace) -> str | None:
    """What `{emergency_number}` in the content shows, from the settings file and
    FBSS_KIOSK_* as the kiosk reads them; None, each problem printed, on a bad setting."""
    from kiosk.settings import SettingsError, load_settings

    try:
        settings = load_settings(args.settings)
    except SettingsError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None
    return settings.emergency_number


def cmd_validate(args: argparse.Namespace) -> int:
    from kiosk.content import ContentErrors, load_content

    try:
        result = load_content(args.path, args.assets, today=args.today, check_readability=True)
    except ContentErrors as exc:
        return _not_valid(args, exc.errors, exc.warnings)
    except Exception as exc:  # a bug in the checker must still not show a traceback
        print(f"{args.path}:1:1: could not check this file: {exc}", file=sys.stderr)
        return 1
    if args.release and any(w.release for w in result.warnings):
        return _not_valid(args, [], result.warnings)
    for warning in result.warnings:
        print(f"{warning} (warning)", file=sys.stderr)
    content = result.content
    topics = sum(len(s.topics) for s in content.sections)
    ready = " and fit to publish" if args.release else ""
    print(
        f"{args.path}: valid{ready} - {len(content.sections)} sections, {topics} topics, "
        f"languages {', '.join(content.languages)}"
    )
    return 0


def _not_valid(args: argparse.Namespace, errors: list[Any], warnings: list[Any]) -> int:
    """Every error and warning in file order; with --release, the warnings that stop a
    release (draft wording, a passed review date) count as errors."""
    blocking = [w for w in warnings if args.release and w.release]
    shown = [(e, "") for e in [*errors, *blocking]]
    shown += [(w, " (warning)") for w in warnings if w not in blocking]
    for problem, tag in sorted(shown, key=lambda p: (p[0].line, p[0].col)):
        print(f"{problem}{tag}", file=sys.stderr)
    count = len(errors) + len(blocking)
    verdict = "not valid" if errors else "not fit to publish (validate --release)"
    print(f"{args.path}: {count} error{'s' if count != 1 else ''}; {verdict}", file=sys.stderr)
    return 1


def cmd_export_html(args: argparse.Namespace) -> int:
    from kiosk.content import ContentErrors, load_content
    from kiosk.export_html import export_html
    from kiosk.site_paths import take_home_setting

    base = take_home_setting(args.settings, args.take_home_url)
    assets = args.content.parent / "assets"
    try:
        content = load_content(args.content, assets).content
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{args.content}: not valid; nothing exported", file=sys.stderr)
        return 1
    number = emergency_number(args)
    if number is None:
        return 2  # as `run` does: a settings file that cannot be used
    try:
        written = export_html(content, args.outdir, assets, number, take_home_url=base)
    except OSError as exc:
        print(f"export-html: could not write {args.outdir}: {exc}", file=sys.stderr)
        return 1
    pages = sum(1 for path in written if path.suffix == ".html")
    print(f"export-html: {pages} pages in {args.outdir} (open {args.outdir / 'index.html'})")
    return 0


def cmd_schema(_: argparse.Namespace) -> int:
    from kiosk.content.spec import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_screenshots(args: argparse.Namespace) -> int:
    from kiosk.site_paths import take_home_setting
    from kiosk.ui.screenshots import render_all

    number = emergency_number(args)
    if number is None:
        return 2
    return render_all(
        args.content,
        args.outdir,
        args.size,
        args.lang,
        text_scale=args.text_size / 100,
        high_contrast=args.contrast == "high",
        emergency_number=number,
        take_home_url=take_home_setting(args.settings, args.take_home_url),
    )


CONTENT_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": cmd_validate,
    "schema": cmd_schema,
    "export-html": cmd_export_html,
}
