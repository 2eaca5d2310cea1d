"""The events grid: name, circuit, first and last day, time zone.

Rows read in one read session and typed text turned into undo steps, without Qt; the Qt
table is ``ui/models/events_model.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.services.cells import format_date, parse_date
from desktop_app.services.editing import Edits
from desktop_app.services.errors import EditError
from desktop_app.services.grids.columns import CIRCUIT, END, EVENT_COLUMNS, NAME, START, ZONE
from desktop_app.services.grids.rows import GridRow, GridRows
from desktop_app.services.undo import CreateStep, DeleteStep, FieldsStep, RowRef, Step
from desktop_app.storage.models import Entry, Event, RaceSession

__all__ = ["CIRCUIT", "END", "NAME", "START", "ZONE", "EventsRows"]
FIELD_OF_COLUMN = {NAME: "name", CIRCUIT: "circuit", START: "start_date", END: "end_date"}


class EventsRows(GridRows):
    columns = EVENT_COLUMNS
    watched = frozenset({"events", "sessions", "entries"})
    table = "events"
    noun = "event"
    new_row_hint = "+ new event"
    new_row_tip = "Type an event name here to add an event"

    def load(self, session: Session) -> list[GridRow]:
        """Events with their session and entry counts: three queries, whatever the size."""
        sessions = _counts(session, RaceSession.event_id, RaceSession.id)
        entries = _counts(session, Entry.event_id, Entry.id)
        events = session.scalars(select(Event).order_by(Event.start_date, Event.id))
        return [_row(e, sessions.get(e.id, 0), entries.get(e.id, 0)) for e in events]

    def cell_steps(self, row: GridRow, column: int, text: str) -> list[Step]:
        ref = RowRef(self.table, row.row_id)
        if column == ZONE:
            return [FieldsStep(ref, "update_event", {"time_zone": text})]
        if column in (START, END):
            return [FieldsStep(ref, "update_event", _dates(row, column, text))]
        return [FieldsStep(ref, "update_event", {FIELD_OF_COLUMN[column]: text})]

    def create_steps(self, ref: RowRef, texts: Mapping[int, str]) -> list[Step]:
        fields: dict[str, Any] = {"name": texts.get(NAME, "").strip() or "New event"}
        fields["circuit"] = texts.get(CIRCUIT, "").strip()
        fields["start_date"] = parse_date(texts.get(START, ""))
        fields["end_date"] = parse_date(texts.get(END, ""))
        _check_order(fields["start_date"], fields["end_date"])
        fields["time_zone"] = texts.get(ZONE, "").strip() or "UTC"
        return [
            CreateStep(
                ref,
                lambda edit: edit.create_event(**fields),
                lambda edit, event_id: edit.delete_event(event_id),
            )
        ]

    def delete_steps(self, row: GridRow) -> list[Step]:
        sessions, entries = row.extra
        if sessions or entries:
            raise EditError(
                f"{row.label} still has {sessions} sessions and {entries} entries; "
                "delete those first (an event is only deleted when it is empty)."
            )
        ref = RowRef(self.table, row.row_id)
        return [DeleteStep(ref, _snapshot, _delete, lambda edit, saved: edit.create_event(**saved))]


def _dates(row: GridRow, column: int, text: str) -> dict[str, Any]:
    value = parse_date(text)
    start = value if column == START else parse_date(row.cells[START])
    end = value if column == END else parse_date(row.cells[END])
    _check_order(start, end)
    return {"start_date" if column == START else "end_date": value}


def _check_order(start: Any, end: Any) -> None:
    if start and end and end < start:
        raise EditError("An event cannot end before it starts.")


def _counts(session: Session, key: Any, counted: Any) -> dict[int, int]:
    query = select(key, func.count(counted)).group_by(key)
    return {int(row_id): int(count) for row_id, count in session.execute(query).all()}


def _row(event: Event, sessions: int, entries: int) -> GridRow:
    cells = [
        event.name,
        event.circuit,
        format_date(event.start_date),
        format_date(event.end_date),
        event.time_zone,
    ]
    return GridRow(event.id, cells, label=event.name, extra=(sessions, entries))


def _snapshot(edit: Edits, event_id: int) -> dict[str, Any]:
    event = edit.session.get(Event, event_id)
    assert event is not None
    names = ("name", "circuit", "start_date", "end_date", "time_zone")
    return {name: getattr(event, name) for name in names}


def _delete(edit: Edits, event_id: int) -> None:
    edit.delete_event(event_id)
