"""The navigator's tree (events, series, sessions) read with plain SQL, no SQLAlchemy.

This is the first thing a reporter sees of a database, so it is read before SQLAlchemy
and the models are even imported (about 0.3 s of a cold start): ``read_tree_file`` opens
the file with the standard library's ``sqlite3`` and only reads, and the opened window
uses the same queries through its engine (``Database.read_tree``), so there is one
definition of what the tree shows. Nothing here writes, creates or migrates a file: a
file this cannot read as it stands (new, older, damaged) is left to ``open_database``,
which knows what to do and what to tell the reporter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from desktop_app.domain.sessions import ResultState, SessionKind
from desktop_app.storage.migrate import HEAD_REVISION

Execute = Callable[[str, tuple[Any, ...]], Iterable[Sequence[Any]]]
T = TypeVar("T")

EVENTS_SQL = (
    "SELECT id, name, circuit, time_zone, start_date, end_date FROM events ORDER BY start_date, id"
)
ENTRY_COUNTS_SQL = "SELECT event_id, COUNT(id) FROM entries GROUP BY event_id"
RESULT_COUNTS_SQL = "SELECT session_id, COUNT(id) FROM results GROUP BY session_id"
SERIES_SQL = "SELECT id, code, name FROM series"
SESSION_COLUMNS = "id, event_id, series_id, name, kind, result_state"
SESSIONS_SQL = f"SELECT {SESSION_COLUMNS} FROM sessions ORDER BY sort_order, id"
ONE_SESSION_SQL = f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?"


class TreeEvent(NamedTuple):
    id: int
    name: str
    circuit: str
    time_zone: str
    start_date: str | None = None  # YYYY-MM-DD, as stored
    end_date: str | None = None


class TreeSeries(NamedTuple):
    id: int
    code: str
    name: str


class TreeSession(NamedTuple):
    """Named tuples, not frozen dataclasses, for the rows: 1,200 sessions are made before
    the first paint of a ten-season file, and a frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` a field) took ~2.7 ms for them, as tuples ~0.4 ms; making
    the classes costs less too (this module is imported on the way to the first paint)."""

    id: int
    event_id: int
    series_id: int
    name: str
    kind: SessionKind
    result_state: ResultState


@dataclass
class EventTree:
    """Events in date order; each event's sessions in their order; series by id."""

    events: list[TreeEvent] = field(default_factory=list)
    series: dict[int, TreeSeries] = field(default_factory=dict)
    sessions: dict[int, list[TreeSession]] = field(default_factory=dict)


class TreeCounts(NamedTuple):
    """How many entries each event has and how many results each session (``events``)."""

    entries: dict[int, int]
    results: dict[int, int]


def read_tree(execute: Execute) -> EventTree:
    """The whole tree from three queries (a ten-season file: 120 events, 1,200 sessions)."""
    tree = EventTree()
    tree.series = {row[0]: TreeSeries(*row) for row in execute(SERIES_SQL, ())}
    for row in execute(SESSIONS_SQL, ()):
        session = _session(row)
        tree.sessions.setdefault(session.event_id, []).append(session)
    tree.events = [_event(row) for row in execute(EVENTS_SQL, ())]
    return tree


def read_counts(execute: Execute) -> TreeCounts:
    """Entries by event and results by session: two grouped counts, whatever the size."""
    entries = {int(row[0]): int(row[1]) for row in execute(ENTRY_COUNTS_SQL, ())}
    results = {int(row[0]): int(row[1]) for row in execute(RESULT_COUNTS_SQL, ())}
    return TreeCounts(entries, results)


def read_session(execute: Execute, session_id: int) -> TreeSession | None:
    """One session's row, after an edit of its results (its state may have changed)."""
    for row in execute(ONE_SESSION_SQL, (session_id,)):
        return _session(row)
    return None


def read_tree_file(path: Path) -> EventTree | None:
    """The tree of a RaceDesk file at the current schema, or None when this cannot tell
    (no such file, not a database, an older or newer RaceDesk, damaged): the full
    ``open_database`` then decides, with its one clear message."""
    return read_file(path, read_tree)


def read_listing_file(path: Path) -> tuple[EventTree, TreeCounts] | None:
    """The tree and its counts (what ``racedesk events`` prints), or None as above."""
    return read_file(path, lambda execute: (read_tree(execute), read_counts(execute)))


def read_file(path: Path, read: Callable[[Execute], T]) -> T | None:
    """``read`` on a RaceDesk file at the current schema, opened with plain sqlite3 and
    only read (nothing created, migrated or backed up); None when it cannot tell (a name
    too long for the system, too: ``open_database`` says so in a sentence)."""
    try:
        if not path.is_file():
            return None
    except OSError:
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error:
        return None
    try:
        connection.execute("PRAGMA query_only=ON")
        if _stamp(connection) != HEAD_REVISION:
            return None
        return read(connection.execute)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()


def _stamp(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def _event(row: Sequence[Any]) -> TreeEvent:
    """A date is text from sqlite3 and a ``date`` from PostgreSQL: both as YYYY-MM-DD."""
    event_id, name, circuit, time_zone, start, end = row
    return TreeEvent(event_id, name, circuit, time_zone, _day(start), _day(end))


def _day(value: Any) -> str | None:
    return None if value is None else str(value)


KINDS: dict[str, SessionKind] = {kind.value: kind for kind in SessionKind}
STATES: dict[str, ResultState] = {state.value: state for state in ResultState}


def _session(row: Sequence[Any]) -> TreeSession:
    """A dict look-up, not ``SessionKind(kind)``: 1,200 sessions read at start-up, and
    an enum call costs ten times more; an unknown value still raises (ValueError)."""
    session_id, event_id, series_id, name, kind, state = row
    return TreeSession(
        session_id, event_id, series_id, name, _member(KINDS, kind), _member(STATES, state)
    )


def _member(members: dict[str, T], value: Any) -> T:
    try:
        return members[value]
    except (KeyError, TypeError):
        raise ValueError(f"{value!r} is not a known value") from None
