"""What each grid action does to the file, as functions of an open ``Edits``.

No Qt here: the widget wraps these in undo commands. Rows are named by entry id (see
``state``), and positions are recomputed only where the order or a status changed, so a
class position stated by an imported sheet is never silently overwritten by a lap-time fix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from desktop_app.domain.names import parse_name
from desktop_app.domain.sessions import ResultState
from desktop_app.services.editing import Edits
from desktop_app.services.errors import EditError
from desktop_app.services.result_rows import EntryInfo, FieldError, PenaltyLine, ResultRow
from desktop_app.services.results.columns import Column
from desktop_app.services.results.new_entry import NewEntry
from desktop_app.services.results.state import RowState, SessionState, read_state, write_state
from desktop_app.storage import repository as repo
from desktop_app.storage.models import RaceSession, Result

OFFICIAL_INPUTS = {"laps", "total_time_ms", "status"}


def result_id(edit: Edits, session_id: int, entry_id: int) -> int:
    query = select(Result.id).where(Result.session_id == session_id, Result.entry_id == entry_id)
    found = edit.session.scalar(query)
    if found is None:
        raise EditError("That car is no longer in this session's results.")
    return int(found)


def _fresh(edit: Edits) -> None:
    edit.session.flush()
    edit.session.expire_all()


def renumber(edit: Edits, session_id: int) -> None:
    _fresh(edit)
    edit.renumber(session_id)


def recompute_official(edit: Edits, session_id: int) -> None:
    """Penalties or totals changed: official positions follow, provisional ones stay."""
    _fresh(edit)
    race_session = edit.session.get(RaceSession, session_id)
    if race_session is not None and race_session.result_state is ResultState.OFFICIAL:
        edit.make_official(session_id)


def key_car(session_id: int, entry_id: int) -> Callable[[Edits], None]:
    def action(edit: Edits) -> None:
        edit.add_result(session_id, entry_id, renumber=True)

    return action


def set_fields(
    session_id: int, entry_id: int, fields: dict[str, Any], *, renumbers: bool
) -> Callable[[Edits], None]:
    def action(edit: Edits) -> None:
        edit.update_result(result_id(edit, session_id, entry_id), **fields)
        if renumbers:
            renumber(edit, session_id)
        elif OFFICIAL_INPUTS & set(fields):
            recompute_official(edit, session_id)

    return action


def _replace_rows(
    edit: Edits, session_id: int, change: Callable[[list[RowState]], list[RowState]]
) -> None:
    state = read_state(edit, session_id)
    rows = change(list(state.rows))
    write_state(edit, session_id, SessionState(state.result_state, tuple(rows)))


def change_car(session_id: int, row: int, entry: EntryInfo) -> Callable[[Edits], None]:
    """The row keeps its place, times and penalties; only the car changes."""

    def change(rows: list[RowState]) -> list[RowState]:
        drivers = {driver.driver_id for driver in entry.drivers}
        fields = dict(rows[row].fields)
        if fields.get("qualifying_driver_id") not in drivers:
            fields["qualifying_driver_id"] = None
        rows[row] = replace(rows[row], entry_id=entry.entry_id, fields=fields)
        return rows

    def action(edit: Edits) -> None:
        _replace_rows(edit, session_id, change)
        renumber(edit, session_id)

    return action


def delete_rows(session_id: int, entry_ids: Sequence[int]) -> Callable[[Edits], None]:
    def action(edit: Edits) -> None:
        for entry_id in entry_ids:
            edit.delete_result(result_id(edit, session_id, entry_id))
        renumber(edit, session_id)

    return action


def set_order(session_id: int, entry_ids: Sequence[int]) -> Callable[[Edits], None]:
    def action(edit: Edits) -> None:
        order = [result_id(edit, session_id, entry_id) for entry_id in entry_ids]
        edit.set_order(session_id, order)
        renumber(edit, session_id)

    return action


def set_penalties(
    session_id: int, entry_id: int, penalties: tuple[PenaltyLine, ...]
) -> Callable[[Edits], None]:
    def change(rows: list[RowState]) -> list[RowState]:
        return [
            replace(row, penalties=penalties) if row.entry_id == entry_id else row for row in rows
        ]

    def action(edit: Edits) -> None:
        _replace_rows(edit, session_id, change)
        recompute_official(edit, session_id)

    return action


def mark_official(session_id: int) -> Callable[[Edits], None]:
    def action(edit: Edits) -> None:
        _fresh(edit)
        edit.make_official(session_id)

    return action


def create_entry(event_id: int, series_id: int, details: NewEntry) -> Callable[[Edits], int]:
    """Entry, team, class and drivers for an unknown car; known names are reused."""

    def create(edit: Edits) -> int:
        class_id = None
        if details.class_code:
            found = repo.find_class(edit.session, series_id, details.class_code)
            class_id = found.id if found else edit.ensure_class(series_id, details.class_code)
        driver_ids = [_driver(edit, name) for name in details.drivers]
        return edit.create_entry(
            event_id,
            series_id,
            details.car_number,
            class_id=class_id,
            team_id=edit.ensure_team(details.team),
            vehicle=details.vehicle,
            driver_ids=driver_ids,
        )

    return create


def _driver(edit: Edits, name: str) -> int:
    parsed = parse_name(name)
    found = repo.drivers_named(edit.session, parsed.first_name, parsed.last_name)
    if found:
        return found[0].id
    return edit.create_driver(parsed.last_name, first_name=parsed.first_name)


# Paste ---------------------------------------------------------------------------------


def paste_block(
    session_id: int,
    start_row: int,
    columns: Sequence[Column],
    block: Sequence[Sequence[str]],
    entries: dict[str, EntryInfo],
    entries_by_id: dict[int, EntryInfo],
) -> Callable[[Edits], None]:
    """Cells into the grid from ``start_row``; rows past the end are added by car number.

    Any bad cell refuses the whole paste (its row and column are named) so a half-pasted
    classification never reaches the file.
    """
    from desktop_app.services.result_rows import car_key

    def change(rows: list[RowState]) -> list[RowState]:
        for offset, cells in enumerate(block):
            target = start_row + offset
            entry_id = rows[target].entry_id if target < len(rows) else None
            typed: list[tuple[Column, str]] = []
            for column, text in zip(columns, cells, strict=False):
                if column.key == "number" and car_key(text):
                    info = entries.get(car_key(text))
                    if info is None:
                        raise EditError(
                            f"Row {offset + 1} of the paste: car #{car_key(text)} is not in "
                            "this series' entry list (key it in the new row to add it)."
                        )
                    entry_id = info.entry_id
                elif column.editable:
                    typed.append((column, text))
            if entry_id is None:
                raise EditError(
                    f"Row {offset + 1} of the paste adds a car but has no car number: "
                    "start the paste in the No. column."
                )
            fields = _parsed(offset, typed, entries_by_id[entry_id])
            if target < len(rows):
                old = rows[target]
                rows[target] = RowState(entry_id, {**old.fields, **fields}, old.penalties)
            else:
                rows.append(RowState(entry_id, fields))
        return rows

    def action(edit: Edits) -> None:
        _replace_rows(edit, session_id, change)
        renumber(edit, session_id)

    return action


def _parsed(offset: int, typed: list[tuple[Column, str]], entry: EntryInfo) -> dict[str, Any]:
    row = ResultRow(result_id=0, entry=entry)
    fields: dict[str, Any] = {}
    for column, text in typed:
        assert column.parse is not None
        try:
            fields.update(column.parse(text, row))
        except FieldError as error:
            raise EditError(f"Row {offset + 1} of the paste, {column.title}: {error}") from error
    return fields
