"""``racedesk events``: events with their sessions and counts of entries and results.

A file at the current schema is read with plain sqlite3 (``storage.tree``): the listing
prints before SQLAlchemy and the models could even be imported. A server, or a file
that one cannot read as it stands (new, older, damaged), is opened the full way, which
creates, upgrades or explains; both print from the same tree and counts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.domain.sessions import ResultState
from desktop_app.storage.tree import EventTree, TreeCounts, read_listing_file

EMPTY = "No events yet. Load the demo weekend with: racedesk demo"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("events", help="list events, sessions, entry and result counts")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    listing = _light_listing(args)
    if listing is None:
        listing = _full_listing(args)
    for line in listing_lines(*listing):
        print(line, file=sys.stdout)
    return 0


def listing_lines(tree: EventTree, counts: TreeCounts) -> list[str]:
    """What ``racedesk events`` prints, one line an event and one a session."""
    if not tree.events:
        return [EMPTY]
    lines = []
    for event in tree.events:
        dates = f"{event.start_date or '?'} to {event.end_date or '?'}"
        lines.append(
            f"[{event.id}] {event.name} - {event.circuit} ({dates}, {event.time_zone})"
            f" - {counts.entries.get(event.id, 0)} entries"
        )
        for race in tree.sessions.get(event.id, []):
            state = (
                ""
                if race.result_state is ResultState.NONE
                else f", {race.result_state.label.lower()}"
            )
            series = tree.series[race.series_id].name
            lines.append(
                f"    [{race.id}] {series} - {race.name}: "
                f"{counts.results.get(race.id, 0)} results{state}"
            )
    return lines


def _light_listing(args: argparse.Namespace) -> tuple[EventTree, TreeCounts] | None:
    """The listing of a file read as it stands, or None (a server, or the full way)."""
    from desktop_app import paths
    from desktop_app.storage.location import target_from_text

    target = target_from_text(args.db) if args.db else paths.default_database()
    return read_listing_file(target) if isinstance(target, Path) else None


def _full_listing(args: argparse.Namespace) -> tuple[EventTree, TreeCounts]:
    from desktop_app.cli.context import open_context

    context = open_context(args, only_reads=True)
    try:
        return context.database.read_tree(), context.database.read_counts()
    finally:
        context.database.close()
