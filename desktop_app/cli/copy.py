"""``racedesk copy SOURCE TARGET [--event E]``: move a database between a file and a
PostgreSQL server (either way), printing what was copied."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop_app.cli.context import resolve_event
from desktop_app.services.copying import copy_database
from desktop_app.storage.database import open_database
from desktop_app.storage.location import target_from_text


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "copy",
        help="copy a database (or one event) between a file and a server",
        description="Copy every row of SOURCE (or one event's rows) into TARGET, which must "
        "be empty, in one transaction. Each is a file path or postgresql://user@host/db.",
    )
    parser.add_argument("source", help="file or server URL to copy from")
    parser.add_argument("target", help="file or server URL to copy into (must be empty)")
    parser.add_argument("--event", help="copy only this event (name or id)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    source = open_database(target_from_text(args.source))
    try:
        events = {resolve_event(source, args.event)} if args.event else None
        target = open_database(target_from_text(args.target))
        try:
            report = copy_database(source, target, events)
        finally:
            target.close()
    finally:
        source.close()
    for table, count in report.counts.items():
        if count:
            print(f"{table}: {count:,}", file=sys.stdout)
    print(f"Copied {report.total:,} rows into {target.label} in one transaction.")
    return 0
