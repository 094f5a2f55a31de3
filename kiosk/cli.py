"""Command line: `run` (the default), `validate`, `schema`, `screenshots`, `export-html`.

Qt is imported only by the commands that show something, so `validate` and `schema`
work on a machine with no display and start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.paths import BUNDLED_CONTENT, default_data_dir

if TYPE_CHECKING:  # the settings are read only by the commands that use them
    from kiosk.launch import Launch, RunMode


def size_arg(text: str) -> tuple[int, int]:
    try:
        w, h = (int(p) for p in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080") from None
    if not (200 <= w <= 10000 and 200 <= h <= 10000):
        raise argparse.ArgumentTypeError(f"'{text}' is not a sensible screen size")
    return w, h


def seconds_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 1 <= value <= 86400:
        raise argparse.ArgumentTypeError(f"'{text}' must be between 1 and 86400 seconds")
    return value


def date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2027-01-31") from None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser; with `only` ("run" or "preview"), that command's alone: the
    kiosk's own start does not build the dozen others (about 6 ms before the first paint)."""
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Waiting-room kiosk about Failed Back Surgery Syndrome. "
        "With no command, runs the kiosk full screen.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="show the kiosk (default)")
    run.add_argument(
        "--settings", type=Path, metavar="PATH", help="the IT settings file (see docs/settings.md)"
    )
    add_setting_flags(run, RUN_FLAGS)
    run.add_argument("--size", type=size_arg, metavar="WxH", help="window size, e.g. 1280x800")
    if only == "run":
        return parser

    preview = sub.add_parser(
        "preview", help="a normal window for staff that shows content edits as soon as saved"
    )
    from kiosk.launch import WINDOW_SIZE

    shown = "x".join(map(str, WINDOW_SIZE))
    preview.add_argument("--size", type=size_arg, metavar="WxH", help=f"window size ({shown})")
    add_setting_flags(preview, ("language", "data_dir"))
    add_content_arg(preview)
    if only == "preview":
        return parser

    validate = sub.add_parser("validate", help="check a content file; exit 1 on errors")
    validate.add_argument("path", nargs="?", type=Path, default=BUNDLED_CONTENT, metavar="PATH")
    validate.add_argument("--assets", type=Path, metavar="DIR", help="assets folder")
    validate.add_argument(
        "--release",
        action="store_true",
        help="check it is fit to publish: draft wording and a passed review date are errors",
    )
    validate.add_argument(
        "--today",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="check the review date as on this day (default: today)",
    )

    sub.add_parser("schema", help="print the JSON Schema of content.yaml")

    shots = sub.add_parser("screenshots", help="render every screen to PNG files, offscreen")
    shots.add_argument("outdir", type=Path, metavar="OUTDIR")
    shots.add_argument("--size", type=size_arg, default=(1920, 1080), metavar="WxH")
    shots.add_argument("--lang", metavar="CODE", help="only this language (default: all)")
    shots.add_argument(
        "--text-size", type=int, choices=(100, 150, 200), default=100, metavar="100|150|200"
    )
    shots.add_argument("--contrast", choices=("default", "high"), default="default")
    add_content_arg(shots)
    add_shown_settings_arg(shots)

    export = sub.add_parser(
        "export-html", help="write the content as a static web site (no Qt, no script)"
    )
    export.add_argument("outdir", type=Path, metavar="OUTDIR")
    add_content_arg(export)
    add_shown_settings_arg(export)
    for command in (shots, export):  # the QR codes' base: the flag, else the setting
        command.add_argument("--take-home-url", metavar="URL", help="take_home_url (QR codes)")

    doctor = sub.add_parser("doctor", help="check this install; exit 1 on a problem")
    doctor.add_argument("--settings", type=Path, metavar="PATH", help="the IT settings file")
    doctor.add_argument("--content", type=Path, metavar="PATH", help="content.yaml to check")
    doctor.add_argument("--data-dir", type=Path, metavar="DIR", help="where data lives")

    set_pin = sub.add_parser("set-pin", help="set the staff PIN (4 to 12 digits)")
    set_pin.add_argument("--data-dir", type=Path, metavar="DIR", help="where data lives")
    set_pin.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN from standard input (scripts)"
    )

    from kiosk.appointments.cli_args import add_requests_parser

    add_requests_parser(sub)
    from kiosk.cli_fleet import add_fleet_parsers

    add_fleet_parsers(sub)
    return parser


FAST_COMMANDS = ("run", "preview")  # parsed by a parser of their own (build_parser)

RUN_FLAGS = (
    "windowed",
    "screen",
    "content",
    "data_dir",
    "language",
    "idle_timeout",
    "idle_warning",
)


def add_setting_flags(parser: argparse.ArgumentParser, keys: tuple[str, ...]) -> None:
    """Each setting's flag as declared in kiosk/settings.py; None when not given, so the
    file, the environment and the default still apply (kiosk.settings.load_settings)."""
    from kiosk.settings import KIOSK_SPECS

    for key in keys:
        spec = KIOSK_SPECS[key]
        if spec.kind is bool:
            parser.add_argument(
                spec.flag, dest=key, action="store_const", const=True, help=spec.help
            )
            continue
        kinds: dict[type, Callable[[str], object]] = {float: seconds_arg, int: int}
        kind = kinds.get(spec.kind, Path if spec.is_path else str)
        parser.add_argument(spec.flag, dest=key, type=kind, metavar=spec.metavar, help=spec.help)


def add_content_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content", type=Path, default=BUNDLED_CONTENT, metavar="PATH", help="content.yaml to show"
    )


def add_shown_settings_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--settings",
        type=Path,
        metavar="PATH",
        help="the kiosk's settings file, for what the content shows from it (emergency_number)",
    )


def cmd_set_pin(args: argparse.Namespace) -> int:
    import getpass

    from kiosk.staff.pin import PinError, StaffPin, check_pin_format

    data_dir = args.data_dir or default_data_dir()
    try:
        if args.pin_stdin:
            pin = sys.stdin.readline().strip()
        else:
            pin = getpass.getpass("New staff PIN (4-12 digits): ")
            if getpass.getpass("Type it again: ") != pin:
                print("set-pin: the two PINs differ; nothing changed", file=sys.stderr)
                return 1
        check_pin_format(pin)
        StaffPin(data_dir).set(pin)
    except PinError as exc:
        print(f"set-pin: {exc}; nothing changed", file=sys.stderr)
        return 1
    except (OSError, EOFError, KeyboardInterrupt) as exc:
        print(f"set-pin: could not set the PIN ({type(exc).__name__})", file=sys.stderr)
        return 1
    print(f"set-pin: staff PIN saved in {data_dir}")
    return 0


def with_default_command(argv: list[str]) -> list[str]:
    """`run` is the default: `main.py --windowed` means `main.py run --windowed`. Only a
    leading option (or nothing) implies it, so a mistyped command still says so."""
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        return ["run", *argv]
    return argv


def main(argv: list[str] | None = None) -> int:
    words = with_default_command(list(sys.argv[1:] if argv is None else argv))
    args = build_parser(words[0] if words[0] in FAST_COMMANDS else None).parse_args(words)
    command = args.command
    if command in ("validate", "schema", "export-html"):
        from kiosk.cli_content import CONTENT_COMMANDS

        return CONTENT_COMMANDS[command](args)
    if command == "doctor":
        from kiosk.doctor import run_doctor

        flags = {"content": args.content, "data_dir": args.data_dir}
        return run_doctor(args.settings, flags, print)
    if command == "set-pin":
        return cmd_set_pin(args)
    if command in ("keys", "publish"):
        from kiosk.cli_fleet import run_fleet_command

        return run_fleet_command(args)
    if command == "requests":
        from kiosk.appointments.cli import run_requests

        return run_requests(args)
    if command == "screenshots":
        from kiosk.cli_content import cmd_screenshots

        return cmd_screenshots(args)
    from kiosk.app import run
    from kiosk.launch import RunMode

    mode = RunMode.PREVIEW if command == "preview" else RunMode.KIOSK
    launch = launch_from(args, mode)
    if launch is None:
        return 2  # as doctor does: a settings file that cannot be used
    return run(launch)


def launch_from(args: argparse.Namespace, mode: RunMode | None = None) -> Launch | None:
    """The frozen settings from defaults < settings file < FBSS_KIOSK_* < flags < the
    mode's own (KIOSK when not given); None, each problem printed, on a bad setting."""
    from kiosk.launch import Launch, RunMode
    from kiosk.settings import KIOSK_SPECS, SettingsError, load_settings

    mode = mode or RunMode.KIOSK

    flags = {key: getattr(args, key, None) for key in KIOSK_SPECS} | mode.overrides
    path = args.settings if mode.reads_settings_file else None
    try:
        settings = load_settings(path, flags=flags)
    except SettingsError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("the kiosk did not start: fix the settings above", file=sys.stderr)
        return None
    return Launch(settings, mode, args.size, path)
