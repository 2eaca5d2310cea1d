"""Entry point of the ``racedesk`` command.

Each subcommand lives in its own module under ``desktop_app.cli`` and exposes
``register(subparsers)``; ``COMMANDS`` lists them in the order ``--help`` shows.

Command modules import the heavy parts of RaceDesk (openpyxl, Jinja2, the importers),
so only the modules the command line needs are imported: none to open the window, the
chosen one to run a command, all of them for ``--help`` or a mistyped command.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import time
from collections.abc import Sequence

from desktop_app import __version__
from desktop_app.storage import leftovers
from desktop_app.storage.errors import UserFacingError

STARTED = time.perf_counter()  # --startup-check counts from here (before Qt is imported)
COMMANDS = ["admin", "copy", "demo", "events", "export", "groups", "importing", "summary"]
COMMAND_WORDS = {"importing": "import"}  # module name -> word typed, where they differ
OPTIONS_WITH_VALUE = {"--db"}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with ``argv`` it registers only the command modules that line needs."""
    parser = argparse.ArgumentParser(
        prog="racedesk",
        description="Timing sheets, Excel workbooks and article-ready summaries for "
        "motorsport reporters. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"RaceDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="database file (default: in your user data folder), or a PostgreSQL server "
        "as postgresql://user@host/database",
    )
    parser.add_argument(
        "--startup-check",
        action="store_true",
        help='open the window, print {"startup_ms": N, "tree_ms": T, "data_ms": M, '
        '"editable_ms": E, "data_wall": W, "data_cpu": C} (first paint, the file\'s tree '
        "shown, the tree and first editor shown, editors ready to edit, the data-shown "
        "time.time() and process CPU seconds), exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules_needed(argv):
        importlib.import_module(f"desktop_app.cli.{name}").register(subparsers)
    return parser


def modules_needed(argv: Sequence[str] | None) -> list[str]:
    """Which command modules to import for this command line (all when unsure)."""
    if argv is None:
        return list(COMMANDS)
    word = _first_word(argv)
    if word is None:
        return [] if not {"-h", "--help"} & set(argv) else list(COMMANDS)
    chosen = [name for name in COMMANDS if COMMAND_WORDS.get(name, name) == word]
    return chosen or list(COMMANDS)  # a mistyped command: argparse lists the real ones


def _first_word(argv: Sequence[str]) -> str | None:
    """The first argument that is not an option (nor an option's value): the command."""
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
        elif arg in OPTIONS_WITH_VALUE:
            skip_next = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(arguments).parse_args(arguments)
    leftovers.sweep()  # temporary files of a RaceDesk that was killed mid-write
    try:
        if args.command is None:
            from desktop_app.cli.gui import run_gui

            return run_gui(args, STARTED)
        return int(args.run(args))
    except UserFacingError as error:
        print(f"racedesk: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_went_away()


def _reader_went_away() -> int:
    """``racedesk events | head -1``: the reader closed the pipe, which is not an error.

    Standard output is pointed at the null device so Python's own flush at exit does not
    print a second BrokenPipeError; 141 is what a shell reports for a closed pipe.
    """
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    return 141
