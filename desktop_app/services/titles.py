"""Names the window shows for an event or a session: headings and suggested file names.

Read views for ui/, which runs no query itself: each function is one read session and
returns plain text.
"""

from __future__ import annotations

from desktop_app.storage.database import Database
from desktop_app.storage.models import Event, RaceSession, Series


def event_heading(database: Database, event_id: int, series_id: int | None) -> tuple[str, str]:
    """The event page's title (with the series when one is chosen) and its details line."""
    with database.read() as session:
        event = session.get(Event, event_id)
        series = session.get(Series, series_id) if series_id else None
        name = event.name if event else "(deleted event)"
        if series is not None:
            name = f"{name} · {series.name}"
        details = f"{event.circuit} · times in {event.time_zone}" if event else ""
    return name, details


def event_name(database: Database, event_id: int) -> str | None:
    with database.read() as session:
        event = session.get(Event, event_id)
        return event.name if event else None


def session_file_name(database: Database, session_id: int) -> str | None:
    """``Roar Before the 24 IWSC Race``: event, series code and session name."""
    with database.read() as session:
        race = session.get(RaceSession, session_id)
        if race is None:
            return None
        return f"{race.event.name} {race.series.code} {race.name}"
