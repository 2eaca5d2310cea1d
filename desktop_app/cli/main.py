"""Entry point of the ``racedesk`` command.

Each subcommand lives in its own module under ``desktop_app.cli`` and exposes
``register(subparsers)``; ``COMMANDS`` lists them in the order ``--help`` shows.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop_app import __version__
from desktop_app.storage.errors import UserFacingError

COMMANDS = ["demo", "events", "export", "importing", "summary"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="racedesk",
        description="Timing sheets, Excel workbooks and article-ready summaries for "
        "motorsport reporters. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"RaceDesk {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: in your user data folder)"
    )
    parser.add_argument(
        "--startup-check",
        action="store_true",
        help='open the window, print {"startup_ms": N} after the first paint, exit',
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"desktop_app.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from desktop_app.cli.gui import run_gui

            return run_gui(args)
        return int(args.run(args))
    except UserFacingError as error:
        print(f"racedesk: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
