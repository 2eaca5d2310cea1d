"""What every subcommand gets: the open database and the editor over it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from desktop_app import paths
from desktop_app.services.editing import Editor
from desktop_app.services.errors import EditError
from desktop_app.services.settings import load_settings
from desktop_app.storage import repository as repo
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.location import DatabaseTarget, target_from_text
from desktop_app.storage.models import Event, RaceSession


@dataclass
class CommandContext:
    database: Database
    editor: Editor

    def print(self, *parts: object) -> None:
        """Write a line to standard output (looked up each time, so tests can capture it)."""
        print(*parts, file=sys.stdout)


def database_path(args: argparse.Namespace) -> tuple[DatabaseTarget, bool]:
    """The ``--db`` file or server URL, or the default file (whose folder RaceDesk may
    create)."""
    if args.db:
        return target_from_text(args.db), False
    return paths.default_database(), True


def open_context(args: argparse.Namespace, *, only_reads: bool = False) -> CommandContext:
    """``only_reads``: the command changes nothing, so a read-only file is opened anyway."""
    path, create_folder = database_path(args)
    keep = load_settings().backups_keep
    database = open_database(
        path, create_folder=create_folder, keep_backups=keep, read_only_ok=only_reads
    )
    return CommandContext(database=database, editor=Editor(database))


def resolve_event(database: Database, wanted: str) -> int:
    """An event by name (any case) or id; one clear sentence when it is not there."""
    with database.read() as session:
        found: list[Event] = repo.find_events(session, wanted)
        if not found:
            raise EditError(f'There is no event called "{wanted}" (see: racedesk events).')
        if len(found) > 1:
            raise EditError(f'More than one event is called "{wanted}"; use its id instead.')
        return found[0].id


def resolve_session(database: Database, event_id: int, wanted: str) -> int:
    with database.read() as session:
        found: list[RaceSession] = repo.find_sessions(session, event_id, wanted)
        if not found:
            raise EditError(f'This event has no session called "{wanted}" (see: racedesk events).')
        if len(found) > 1:
            names = ", ".join(f"{s.id} ({s.series.code} {s.name})" for s in found)
            raise EditError(f'"{wanted}" matches more than one session: {names}; use an id.')
        return found[0].id
