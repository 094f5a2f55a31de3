"""`keys` and `publish`: signed content updates for a fleet (docs/fleet.md); parsed here,
run by kiosk/fleet/publish.py."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.paths import BUNDLED_CONTENT


def add_fleet_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`keys init` and `publish`: signed content updates for a fleet (docs/fleet.md)."""
    keys = sub.add_parser("keys", help="signing keys for content updates (docs/fleet.md)")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    init = keys_sub.add_parser("init", help="make one ed25519 key per TUF role")
    init.add_argument("--keys", type=Path, required=True, metavar="DIR", help="a new folder")
    rotate = keys_sub.add_parser("rotate", help="replace one role's key (a new root version)")
    rotate.add_argument("--keys", type=Path, required=True, metavar="DIR")
    rotate.add_argument("--repo", type=Path, required=True, metavar="DIR")
    rotate.add_argument(
        "--role", required=True, choices=("root", "targets", "snapshot", "timestamp")
    )

    publish = sub.add_parser("publish", help="sign the content into a TUF repository")
    publish.add_argument("--keys", type=Path, required=True, metavar="DIR", help="from `keys init`")
    publish.add_argument(
        "--repo", type=Path, required=True, metavar="DIR", help="the folder a web server serves"
    )
    publish.add_argument(
        "--content", type=Path, default=BUNDLED_CONTENT, metavar="PATH", help="content.yaml"
    )
    publish.add_argument("--site", metavar="NAME", help="only for the kiosks of this site")
    publish.add_argument(
        "--drop-site", metavar="NAME", help="send this site back to the group's content"
    )
    publish.add_argument(
        "--refresh", action="store_true", help="re-sign the metadata only (run daily)"
    )


def run_fleet_command(args: argparse.Namespace) -> int:
    from kiosk.fleet.publish import cmd_keys, cmd_publish

    if args.command == "keys" and args.keys_command == "rotate":
        from kiosk.fleet.publish import cmd_rotate

        return cmd_rotate(args.keys, args.repo, args.role)
    if args.command == "keys":
        return cmd_keys(args.keys)
    return cmd_publish(args.keys, args.repo, args.content, args.site, args.drop_site, args.refresh)
