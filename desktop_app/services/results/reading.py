"""What the results grid reads: a session's rows, its title and state, the car lookup.

The grid holds no database session: it asks here and gets plain values back (``ResultRow``
and ``EntryInfo``). Each call is one read session. A session's first read is the shared
reader's (``views.results.read_result_lines``, as the workbook reads it); later reads take
only the stored values (``fresh_rows``) and keep the cars the grid already holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desktop_app.domain.sessions import ResultState, SessionKind
from desktop_app.services import result_rows as rr
from desktop_app.services.lap_columns import grid_lap_columns, with_lap_columns
from desktop_app.services.result_rows import EntryInfo, ResultRow
from desktop_app.services.results import fresh_rows as fresh
from desktop_app.services.views.results import entry_info, read_result_lines
from desktop_app.storage import repository as repo
from desktop_app.storage.database import Database
from desktop_app.storage.models import Entry, RaceSession, Result


@dataclass(frozen=True)
class EntryLookup:
    """The car-number lookup of one series at one event (what keying a number needs)."""

    event_id: int
    series_id: int
    entries: dict[str, EntryInfo]
    classes: list[str]
    series_name: str

    def by_entry(self) -> dict[int, EntryInfo]:
        return {info.entry_id: info for info in self.entries.values()}


@dataclass(frozen=True)
class SessionRows:
    """One session as the grid shows it."""

    title: str
    result_state: ResultState
    rows: list[ResultRow]
    lookup: EntryLookup
    #: Qualifying: which positions "overall" means (groups from the lap chart, or not).
    note: str = ""


def read_session(
    database: Database, session_id: int, known: EntryLookup | None
) -> SessionRows | None:
    """The session's rows (None when it is gone); the lookup is read again only when
    ``known`` is of another event or series."""
    with database.read() as session:
        race = session.get(RaceSession, session_id)
        if race is None:
            return None
        lookup = known
        if lookup is None or (lookup.event_id, lookup.series_id) != (
            race.event_id,
            race.series_id,
        ):
            lookup = _lookup(session, race)
        lines = read_result_lines(session, race.id, _cars(session, race.id, lookup))
        rows, note = grid_lap_columns(session, race.id, lines)
        title = f"{race.series.code} {race.name}"
        return SessionRows(title, race.result_state, rows, lookup, note)


def read_values(
    database: Database,
    session_id: int,
    shown: Sequence[ResultRow],
    entries: Mapping[int, EntryInfo],
    *,
    with_state: bool,
) -> tuple[list[ResultRow] | None, ResultState | None]:
    """The stored values only (see ``fresh_rows``), and the session's result state when
    ``with_state``; rows None when a full ``read_session`` is needed."""
    with database.read() as session:
        found = session.execute(_STATE_AND_KIND, {"session_id": session_id}).first()
        rows = fresh.read_rows(session, session_id, shown, entries)
        if rows is not None and found is not None and found[1] is SessionKind.QUALIFYING:
            rows = with_lap_columns(session, session_id, rows)  # only there: the lap chart
    state = found[0] if found is not None and with_state else None
    return rows, state


_STATE_AND_KIND = select(RaceSession.result_state, RaceSession.kind).where(
    RaceSession.id == bindparam("session_id")
)


def _cars(session: Session, session_id: int, lookup: EntryLookup) -> dict[int, EntryInfo]:
    """The cars of the session's results: the lookup's, and any from outside the series'
    entry list (a car moved to another series) read here."""
    cars = lookup.by_entry()
    stored = set(session.scalars(select(Result.entry_id).where(Result.session_id == session_id)))
    outside = stored - cars.keys()
    if outside:
        query = select(Entry).where(Entry.id.in_(outside)).options(*repo.entry_options())
        cars.update((entry.id, entry_info(entry)) for entry in session.scalars(query))
    return cars


def _lookup(session: Session, race: RaceSession) -> EntryLookup:
    entries = repo.event_entries(session, race.event_id, race.series_id)
    classes = [c.code for c in race.series.classes]
    return EntryLookup(
        race.event_id, race.series_id, rr.entry_index(entries), classes, race.series.name
    )
