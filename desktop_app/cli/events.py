"""``racedesk events``: events with their sessions and counts of entries and results."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import func, select

from desktop_app.cli.context import open_context
from desktop_app.domain.sessions import ResultState
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Entry, Result


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("events", help="list events, sessions, entry and result counts")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    context = open_context(args, only_reads=True)
    with context.database.read() as session:
        events = repo.list_events(session)
        if not events:
            context.print("No events yet. Load the demo weekend with: racedesk demo")
        entries = dict(
            session.execute(select(Entry.event_id, func.count()).group_by(Entry.event_id)).all()
        )
        results = dict(
            session.execute(
                select(Result.session_id, func.count()).group_by(Result.session_id)
            ).all()
        )
        for event in events:
            dates = f"{event.start_date or '?'} to {event.end_date or '?'}"
            context.print(
                f"[{event.id}] {event.name} - {event.circuit} ({dates}, {event.time_zone})"
                f" - {entries.get(event.id, 0)} entries"
            )
            for race_session in event.sessions:
                state = (
                    ""
                    if race_session.result_state is ResultState.NONE
                    else f", {race_session.result_state.label.lower()}"
                )
                context.print(
                    f"    [{race_session.id}] {race_session.series.name} - "
                    f"{race_session.name}: {results.get(race_session.id, 0)} results{state}"
                )
    context.database.close()
    return 0
