"""The only writer: every change to data, from the UI, the CLI and the importers alike.

Use it as one user action per ``with``::

    with editor.change("Key car #12") as edit:
        edit.add_result(session_id, entry_id)

Everything inside is committed together (or not at all), written to the change history,
and then listeners (the window's views) are told what changed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from desktop_app.domain.sessions import Coverage, ResultState, SessionKind
from desktop_app.services.changes import Changes, Listener, write_history
from desktop_app.services.conflicts import current_version
from desktop_app.services.editing_base import required
from desktop_app.services.editing_bulk import BulkEdits, NewSession
from desktop_app.services.editing_drivers import DriverEdits
from desktop_app.services.editing_groups import GroupEdits
from desktop_app.services.editing_results import ResultEdits
from desktop_app.services.editing_series import SeriesEdits
from desktop_app.services.editing_weekend import WeekendEdits
from desktop_app.services.errors import EditError
from desktop_app.services.live import notify
from desktop_app.storage.database import Database
from desktop_app.storage.models import BroadcastSlot, Event, RaceSession, Series

EVENT_FIELDS = {"name", "circuit", "start_date", "end_date", "time_zone"}
SESSION_FIELDS = {
    "series_id",
    "kind",
    "name",
    "starts_at",
    "ends_at",
    "result_state",
    "notes",
    "sort_order",
}
BROADCAST_FIELDS = {"session_id", "title", "outlet", "starts_at", "ends_at", "coverage"}


class Editor:
    """Owns the transactions; hands out an ``Edits`` for each user action."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._listeners: list[Listener] = []
        self.author = _author() if database.is_server else ""
        self.seen = self.version() if self.author else 0
        self.origin = uuid.uuid4().hex  # this editor's own notifications are not news

    def version(self) -> int:
        """The newest change history line: pass it as ``change(..., since=)`` so an edit of
        a value someone else changed after it is refused (services.conflicts)."""
        with self.database.read() as session:
            return current_version(session)

    def mark_read(self) -> None:
        """A view has just read the data again: others' changes until now are seen
        (``seen`` is what the window's edits pass as ``since``)."""
        if self.author:
            self.seen = self.version()

    def announce(self, changes: Changes) -> None:
        """Tell the listeners about changes committed elsewhere (another window on the
        server, see services.live), as after one's own action."""
        for listener in list(self._listeners):
            listener(changes)

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(changes)`` after every committed action."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    @contextmanager
    def change(self, action: str, *, since: int | None = None) -> Iterator[Edits]:
        changes = Changes(action, author=self.author, since=since if self.author else None)
        with self.database.transaction() as session:
            yield Edits(session, changes)
            try:
                write_history(session, changes)
                session.flush()
            except IntegrityError as error:
                raise EditError(f"{action} was refused: it clashes with saved data.") from error
            if self.database.is_server and changes.tables:
                notify(session, changes, self.origin)
        for listener in list(self._listeners):
            listener(changes)


class Edits(SeriesEdits, DriverEdits, ResultEdits, WeekendEdits, GroupEdits, BulkEdits):
    """The changes of one user action, inside one open transaction.

    Methods return ids (never ORM rows) so callers cannot hold rows past the transaction.
    ``update_*`` methods return the old values of what they changed, which is what an undo
    command needs to put them back.
    """

    # Events ----------------------------------------------------------------------------

    def create_event(
        self,
        name: str,
        *,
        circuit: str = "",
        start_date: dt.date | None = None,
        end_date: dt.date | None = None,
        time_zone: str = "UTC",
    ) -> int:
        event = Event(
            name=required(name, "An event needs a name."),
            circuit=circuit,
            start_date=start_date,
            end_date=end_date,
            time_zone=_zone(time_zone),
        )
        return self._add(event, "events", {"name": name})

    def update_event(self, event_id: int, **fields: Any) -> dict[str, Any]:
        if "name" in fields:
            fields["name"] = required(fields["name"], "An event needs a name.")
        if "time_zone" in fields:
            fields["time_zone"] = _zone(fields["time_zone"])
        event = self._get(Event, event_id)
        return self._update(event, EVENT_FIELDS, fields, "events", event_ids={event_id})

    def delete_event(self, event_id: int) -> None:
        self._delete(self._get(Event, event_id), "events")

    # Sessions --------------------------------------------------------------------------

    def create_session(
        self,
        event_id: int,
        series_id: int,
        kind: SessionKind,
        name: str,
        *,
        starts_at: dt.datetime | None = None,
        ends_at: dt.datetime | None = None,
        notes: str = "",
        result_state: ResultState = ResultState.NONE,
    ) -> int:
        self._get(Event, event_id)
        race_session = self._session_row(event_id, series_id, kind, name, starts_at, ends_at)
        race_session.notes, race_session.result_state = notes, result_state
        race_session.sort_order = self._next_session_order(event_id)
        self.changes.event_ids.add(event_id)
        return self._add(race_session, "sessions", {"name": name, "event_id": event_id})

    def add_sessions(self, event_id: int, sessions: Sequence[NewSession]) -> list[int]:
        """New sessions of an event at once (a weekend import's), last in the event in the
        order given, as ``create_session`` makes each: one flush and one history line."""
        if not sessions:
            return []
        self._get(Event, event_id)
        first = self._next_session_order(event_id)
        rows = []
        for place, new in enumerate(sessions):
            rows.append(self._session_row(event_id, new.series_id, new.kind, new.name,
                                          new.starts_at))  # fmt: skip
            rows[-1].sort_order = first + place
        self.session.add_all(rows)
        self.session.flush()
        self._added.extend(rows)  # held for the action, as ``_add`` holds a row
        ids = [row.id for row in rows]
        self.changes.event_ids.add(event_id)
        self._touch("sessions", None, {}, {"added": len(ids), "ids": ids})
        return ids

    def _session_row(
        self,
        event_id: int,
        series_id: int,
        kind: SessionKind,
        name: str,
        starts_at: dt.datetime | None,
        ends_at: dt.datetime | None = None,
    ) -> RaceSession:
        """A new session, checked: its series exists, it has a name, it ends after it starts."""
        self._get(Series, series_id)
        _check_span(starts_at, ends_at)
        return RaceSession(
            event_id=event_id,
            series_id=series_id,
            kind=kind,
            name=required(name, "A session needs a name, like Race 1."),
            starts_at=starts_at,
            ends_at=ends_at,
            notes="",
            result_state=ResultState.NONE,
        )

    def _next_session_order(self, event_id: int) -> int:
        """New sessions go last in the event; the reporter can reorder them."""
        last = self.session.scalar(
            select(func.max(RaceSession.sort_order)).where(RaceSession.event_id == event_id)
        )
        return (last or 0) + 1

    def update_session(self, session_id: int, **fields: Any) -> dict[str, Any]:
        race_session = self._get(RaceSession, session_id)
        if "name" in fields:
            fields["name"] = required(fields["name"], "A session needs a name, like Race 1.")
        _check_span(
            fields.get("starts_at", race_session.starts_at),
            fields.get("ends_at", race_session.ends_at),
        )
        self.changes.session_ids.add(session_id)
        return self._update(
            race_session, SESSION_FIELDS, fields, "sessions", event_ids={race_session.event_id}
        )

    def delete_session(self, session_id: int) -> None:
        self.changes.session_ids.add(session_id)
        self._delete(self._get(RaceSession, session_id), "sessions")

    # Broadcast slots -------------------------------------------------------------------

    def create_broadcast(
        self,
        event_id: int,
        title: str,
        outlet: str,
        starts_at: dt.datetime,
        *,
        ends_at: dt.datetime | None = None,
        session_id: int | None = None,
        coverage: Coverage = Coverage.LIVE,
    ) -> int:
        self._get(Event, event_id)
        _check_span(starts_at, ends_at)
        slot = BroadcastSlot(
            event_id=event_id,
            title=required(title, "A broadcast needs a title."),
            outlet=outlet.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            session_id=session_id,
            coverage=coverage,
        )
        self.changes.event_ids.add(event_id)
        return self._add(slot, "broadcast_slots", {"title": title})

    def update_broadcast(self, slot_id: int, **fields: Any) -> dict[str, Any]:
        slot = self._get(BroadcastSlot, slot_id)
        _check_span(fields.get("starts_at", slot.starts_at), fields.get("ends_at", slot.ends_at))
        return self._update(
            slot, BROADCAST_FIELDS, fields, "broadcast_slots", event_ids={slot.event_id}
        )

    def delete_broadcast(self, slot_id: int) -> None:
        self._delete(self._get(BroadcastSlot, slot_id), "broadcast_slots")


def _author() -> str:
    """Who this is on a shared server: the reporter's name from the settings, else the
    computer login."""
    import getpass

    from desktop_app.services.settings import load_settings

    return load_settings().author.strip() or getpass.getuser()


def _zone(name: str) -> str:
    """Refuse a time zone the system does not know, before it breaks every schedule."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise EditError(
            f'"{name}" is not a time zone RaceDesk knows; use a name like America/New_York.'
        ) from error
    return name.strip()


def _check_span(starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    if starts_at and ends_at and ends_at < starts_at:
        raise EditError("A session or broadcast cannot end before it starts.")
