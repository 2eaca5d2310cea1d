"""The sessions grid of one event; times are shown and typed in the event's time zone.

Rows read in one read session and typed text turned into undo steps, without Qt; the Qt
table is ``ui/models/sessions_model.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.sessions import ResultState, SessionKind
from desktop_app.services.cells import format_local, local_day, parse_local
from desktop_app.services.changes import RESULT_STATES
from desktop_app.services.editing import Edits
from desktop_app.services.errors import EditError
from desktop_app.services.grids.lookups import default_series, enum_value, series_for
from desktop_app.services.grids.rows import Column, EventScopedRows, GridRow
from desktop_app.services.undo import (
    CallStep,
    CreateStep,
    DeleteStep,
    FieldsStep,
    RowRef,
    Step,
)
from desktop_app.storage.models import BroadcastSlot, Event, RaceSession, Result

SERIES, KIND, NAME, STARTS, ENDS, BROADCAST, RESULTS, NOTES = range(8)
SAVED_FIELDS = ("series_id", "kind", "name", "starts_at", "ends_at", "notes", "result_state")


class SessionsRows(EventScopedRows):
    columns = (
        Column("Series", "Series code, like IWSC or VPSCC"),
        Column("Kind", "practice, qualifying, race or warm-up"),
        Column("Session", "Its name, like Race 1"),
        Column("Starts", "Local time at the circuit: 2024-01-20 14:05"),
        Column("Ends", "Local time at the circuit: 2024-01-20 15:50"),
        Column("Broadcast", "Where it can be watched, like IMSA.tv, Peacock (live from start)"),
        Column("Results", "None, provisional or official (Session > Mark official)", False),
        Column("Notes"),
    )
    watched = frozenset(
        {"events", "sessions", "series", "broadcast_slots", "results", RESULT_STATES}
    )
    table = "sessions"
    noun = "session"
    new_row_hint = "+ new session"
    new_row_tip = "Type here to add a session"

    #: The event's zone and first day, read back at each load (cells show local times).
    zone_name = "UTC"
    first_day: Any = None

    def load(self, session: Session) -> list[GridRow]:
        event = session.get(Event, self.event_id)
        if event is None:
            return []
        self.zone_name, self.first_day = event.time_zone, event.start_date
        self._load_series_filter(session)
        query = (
            select(RaceSession)
            .where(RaceSession.event_id == self.event_id)
            .where(RaceSession.series_id == self.series_id if self.series_id else true())
            .options(selectinload(RaceSession.series))
            .order_by(RaceSession.sort_order, RaceSession.id)
        )
        outlets = _outlets(session, self.event_id)
        counts = _result_counts(session, self.event_id)
        return [
            self._row(item, outlets.get(item.id, ""), counts.get(item.id, 0))
            for item in session.scalars(query)
        ]

    def _row(self, item: RaceSession, outlets: str, results: int) -> GridRow:
        state = item.result_state.label
        cells = [
            item.series.code,
            item.kind.label,
            item.name,
            format_local(item.starts_at, self.zone_name),
            format_local(item.ends_at, self.zone_name),
            outlets,
            f"{state} ({results})" if results else state,
            item.notes,
        ]
        tips = {STARTS: f"{self.zone_name} time", ENDS: f"{self.zone_name} time"}
        label = f"{item.series.code} {item.name}"
        return GridRow(item.id, cells, label=label, tips=tips, extra=(item.starts_at, results))

    def cell_steps(self, row: GridRow, column: int, text: str) -> list[Step]:
        return self._steps(RowRef(self.table, row.row_id), column, text, row.extra[0])

    def _steps(self, ref: RowRef, column: int, text: str, starts_at: Any) -> list[Step]:
        if column == SERIES:
            return [_computed(ref, lambda edit: {"series_id": series_for(edit, text)})]
        if column == BROADCAST:
            return [_outlets_step(ref, text)]
        if column == KIND:
            return [FieldsStep(ref, "update_session", {"kind": enum_value(SessionKind, text)})]
        if column in (STARTS, ENDS):
            day = local_day(starts_at, self.zone_name) or self.first_day
            value = parse_local(text, self.zone_name, default_day=day)
            name = "starts_at" if column == STARTS else "ends_at"
            return [FieldsStep(ref, "update_session", {name: value})]
        name = {NAME: "name", NOTES: "notes"}[column]
        return [FieldsStep(ref, "update_session", {name: text})]

    def create_steps(self, ref: RowRef, texts: Mapping[int, str]) -> list[Step]:
        kind = enum_value(SessionKind, texts[KIND]) if texts.get(KIND) else SessionKind.PRACTICE
        name = texts.get(NAME, "").strip() or f"Session {len(self.rows) + 1}"
        event_id, series_code = self.event_id, self.series_code

        def create(edit: Edits) -> int:
            series_id = default_series(edit, event_id, texts.get(SERIES, "") or series_code)
            return edit.create_session(event_id, series_id, kind, name)

        steps: list[Step] = [CreateStep(ref, create, _delete)]
        for column in (STARTS, ENDS, NOTES):
            if texts.get(column, "").strip():
                steps += self._steps(ref, column, texts[column], None)
        return steps

    def delete_steps(self, row: GridRow) -> list[Step]:
        if row.extra[1]:
            raise EditError(
                f"{row.label} has {row.extra[1]} results; delete them in its results grid first."
            )
        return [DeleteStep(RowRef(self.table, row.row_id), _snapshot, _delete, _recreate)]


def _computed(ref: RowRef, compute: Any) -> CallStep:
    """An update whose values are looked up inside the transaction."""
    return CallStep(
        ref,
        lambda edit, row_id: edit.update_session(row_id, **compute(edit)),
        lambda edit, row_id, old: edit.update_session(row_id, **old),
    )


def _outlets_step(ref: RowRef, text: str) -> CallStep:
    """Set the outlets showing a session live; undo puts back the slots it had."""
    wanted = list(dict.fromkeys(part.strip() for part in re.split(r"[,;/]", text) if part.strip()))

    def forward(edit: Edits, session_id: int) -> tuple[list[dict[str, Any]], list[int]]:
        item = edit.session.get(RaceSession, session_id)
        assert item is not None
        slots = edit.session.scalars(
            select(BroadcastSlot).where(BroadcastSlot.session_id == session_id)
        ).all()
        removed = [_slot_fields(slot) for slot in slots if slot.outlet not in wanted]
        for slot in slots:
            if slot.outlet not in wanted:
                edit.delete_broadcast(slot.id)
        have = {slot.outlet for slot in slots}
        created = [_add_slot(edit, item, outlet) for outlet in wanted if outlet not in have]
        return removed, created

    def backward(edit: Edits, _session_id: int, state: Any) -> None:
        removed, created = state
        for slot_id in created:
            edit.delete_broadcast(slot_id)
        for fields in removed:
            edit.create_broadcast(**fields)

    return CallStep(ref, forward, backward)


def _add_slot(edit: Edits, item: RaceSession, outlet: str) -> int:
    if item.starts_at is None:
        raise EditError("Give the session its start time first: a broadcast starts with it.")
    title = f"{item.series.name} {item.name}"
    return edit.create_broadcast(
        item.event_id, title, outlet, item.starts_at, ends_at=item.ends_at, session_id=item.id
    )


def _slot_fields(slot: BroadcastSlot) -> dict[str, Any]:
    names = ("event_id", "title", "outlet", "starts_at", "ends_at", "session_id", "coverage")
    return {name: getattr(slot, name) for name in names}


def _outlets(session: Session, event_id: int) -> dict[int, str]:
    found: dict[int, list[str]] = {}
    query = select(BroadcastSlot).where(BroadcastSlot.event_id == event_id)
    for slot in session.scalars(query.order_by(BroadcastSlot.starts_at)):
        if slot.session_id is not None and slot.outlet not in found.get(slot.session_id, []):
            found.setdefault(slot.session_id, []).append(slot.outlet)
    return {key: ", ".join(value) for key, value in found.items()}


def _result_counts(session: Session, event_id: int) -> dict[int, int]:
    query = (
        select(Result.session_id, func.count(Result.id))
        .join(RaceSession, RaceSession.id == Result.session_id)
        .where(RaceSession.event_id == event_id)
        .group_by(Result.session_id)
    )
    return {int(key): int(count) for key, count in session.execute(query)}


def _snapshot(edit: Edits, session_id: int) -> dict[str, Any]:
    item = edit.session.get(RaceSession, session_id)
    assert item is not None
    saved = {name: getattr(item, name) for name in SAVED_FIELDS}
    saved["event_id"], saved["sort_order"] = item.event_id, item.sort_order
    query = select(BroadcastSlot.id).where(BroadcastSlot.session_id == session_id)
    saved["broadcasts"] = list(edit.session.scalars(query))
    return saved


def _delete(edit: Edits, session_id: int) -> None:
    edit.delete_session(session_id)


def _recreate(edit: Edits, saved: dict[str, Any]) -> int:
    new_id = edit.create_session(
        saved["event_id"],
        saved["series_id"],
        saved["kind"],
        saved["name"],
        starts_at=saved["starts_at"],
        ends_at=saved["ends_at"],
        notes=saved["notes"],
        result_state=saved["result_state"] or ResultState.NONE,
    )
    edit.update_session(new_id, sort_order=saved["sort_order"])
    for slot_id in saved["broadcasts"]:
        edit.update_broadcast(slot_id, session_id=new_id)
    return new_id
