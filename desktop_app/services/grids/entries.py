"""The entry list of one event: car, series, class, team, vehicle, drivers, tags.

Cells take what a reporter types: classes by code or alias (``GTDPRO``), drivers as
``Parker Thompson; Jack Hawksworth`` (found or created, see ``services.entry_text``).
No Qt here: the table is ``ui/models/entries_model.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.names import PersonName
from desktop_app.services import entry_text
from desktop_app.services.editing import Edits
from desktop_app.services.errors import EditError
from desktop_app.services.grids.lookups import default_series, series_for
from desktop_app.services.grids.rows import Column, EventScopedRows, GridRow
from desktop_app.services.undo import (
    CallStep,
    CreateStep,
    DeleteStep,
    FieldsStep,
    RowRef,
    Step,
)
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Entry, Result

CAR, SERIES, CLASS, TEAM, VEHICLE, DRIVERS, TAGS = range(7)


class EntriesRows(EventScopedRows):
    columns = (
        Column("Car", "Car number as printed (01 is not 1)"),
        Column("Series", "Series code, like IWSC"),
        Column("Class", "Class code or alias, like GTD PRO or GTDPRO"),
        Column("Team"),
        Column("Vehicle"),
        Column("Drivers", "In seat order: First Last; First Last"),
        Column("Tags", "Comma separated, like Canadian, Rookie"),
    )
    watched = frozenset(
        {"events", "entries", "series", "classes", "class_aliases", "teams", "drivers", "tags"}
        | {"results"}
    )
    table = "entries"
    noun = "entry"
    new_row_hint = "+ new car"
    new_row_tip = "Type a car number here to add an entry"

    def load(self, session: Session) -> list[GridRow]:
        query = (
            select(Result.entry_id, func.count(Result.id))
            .join(Entry, Entry.id == Result.entry_id)
            .where(Entry.event_id == self.event_id)
            .group_by(Result.entry_id)
        )
        counts = {int(key): int(count) for key, count in session.execute(query).all()}
        entries = repo.event_entries(session, self.event_id, self.series_id)
        self._load_series_filter(session)
        return [_row(entry, counts.get(entry.id, 0)) for entry in entries]

    def cell_steps(self, row: GridRow, column: int, text: str) -> list[Step]:
        return _steps(RowRef(self.table, row.row_id), column, text)

    def create_steps(self, ref: RowRef, texts: Mapping[int, str]) -> list[Step]:
        event_id = self.event_id
        last_series = self.rows[-1].cells[SERIES] if self.rows else ""
        typed_series = texts.get(SERIES, "") or self.series_code or last_series
        number = texts.get(CAR, "")

        def create(edit: Edits) -> int:
            series_id = default_series(edit, event_id, typed_series)
            return edit.create_entry(event_id, series_id, number)

        steps: list[Step] = [CreateStep(ref, create, _delete)]
        for column, text in sorted(texts.items()):
            if column not in (CAR, SERIES) and text.strip():
                steps += _steps(ref, column, text)
        return steps

    def delete_steps(self, row: GridRow) -> list[Step]:
        if row.extra:
            raise EditError(
                f"Car {row.label} has results in {row.extra} sessions; "
                "remove those results before deleting the entry."
            )
        return [DeleteStep(RowRef(self.table, row.row_id), _snapshot, _delete, _recreate)]


def _steps(ref: RowRef, column: int, text: str) -> list[Step]:
    if column == CAR:
        return [FieldsStep(ref, "update_entry", {"car_number": text})]
    if column == VEHICLE:
        return [FieldsStep(ref, "update_entry", {"vehicle": text})]
    if column == SERIES:
        return [_update(ref, lambda edit, entry: _series_fields(edit, entry, text))]
    if column == CLASS:
        return [_update(ref, lambda edit, entry: {"class_id": _class_id(edit, entry, text)})]
    if column == TEAM:
        return [_update(ref, lambda edit, _entry: {"team_id": edit.ensure_team(text)})]
    if column == DRIVERS:
        return [_drivers_step(ref, entry_text.parse_drivers(text))]
    tags = entry_text.parse_tags(text)
    return [
        CallStep(
            ref,
            lambda edit, entry_id: edit.set_entry_tags(entry_id, tags),
            lambda edit, entry_id, old: edit.set_entry_tags(entry_id, old),
        )
    ]


def _update(ref: RowRef, compute: Callable[[Edits, Entry], dict[str, Any]]) -> CallStep:
    """An entry update whose values are looked up inside the transaction."""

    def forward(edit: Edits, entry_id: int) -> dict[str, Any]:
        entry = edit.session.get(Entry, entry_id)
        if entry is None:
            raise EditError("That entry no longer exists.")
        return edit.update_entry(entry_id, **compute(edit, entry))

    return CallStep(ref, forward, lambda edit, entry_id, old: edit.update_entry(entry_id, **old))


def _series_fields(edit: Edits, entry: Entry, text: str) -> dict[str, Any]:
    """Moving a car to another series keeps its class when that series has the same code."""
    series_id = series_for(edit, text)
    race_class = entry.race_class
    same = repo.find_class(edit.session, series_id, race_class.code) if race_class else None
    return {"series_id": series_id, "class_id": same.id if same else None}


def _class_id(edit: Edits, entry: Entry, text: str) -> int | None:
    if not text.strip():
        return None
    found = repo.find_class(edit.session, entry.series_id, text)
    return found.id if found else edit.ensure_class(entry.series_id, " ".join(text.split()))


def _drivers_step(ref: RowRef, names: list[PersonName]) -> CallStep:
    def forward(edit: Edits, entry_id: int) -> tuple[list[int], list[int]]:
        ids, created = entry_text.driver_ids_for(edit, names)
        return edit.set_entry_drivers(entry_id, ids), created

    def backward(edit: Edits, entry_id: int, state: tuple[list[int], list[int]]) -> None:
        old, created = state
        edit.set_entry_drivers(entry_id, old)
        for driver_id in created:
            edit.delete_driver(driver_id)

    return CallStep(ref, forward, backward)


def _row(entry: Entry, results: int) -> GridRow:
    number = entry.car_number or ""
    cells = [
        number,
        entry.series.code,
        entry.race_class.code if entry.race_class else "",
        entry.team.name if entry.team else "",
        entry.vehicle,
        entry_text.format_drivers([driver.full_name for driver in entry.drivers]),
        entry_text.format_tags([tag.name for tag in entry.tags]),
    ]
    label = f"#{number}" if number else "(no number)"
    return GridRow(entry.id, cells, label=label, extra=results)


def _snapshot(edit: Edits, entry_id: int) -> dict[str, Any]:
    entry = edit.session.get(Entry, entry_id)
    assert entry is not None
    return {
        "event_id": entry.event_id,
        "series_id": entry.series_id,
        "car_number": entry.car_number,
        "class_id": entry.class_id,
        "team_id": entry.team_id,
        "vehicle": entry.vehicle,
        "driver_ids": [seat.driver_id for seat in entry.seats],
        "tags": [tag.name for tag in entry.tags],
    }


def _delete(edit: Edits, entry_id: int) -> None:
    edit.delete_entry(entry_id)


def _recreate(edit: Edits, saved: dict[str, Any]) -> int:
    fields = dict(saved)
    return edit.create_entry(fields.pop("event_id"), fields.pop("series_id"), **fields)
