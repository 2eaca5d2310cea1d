"""A session's whole classification as plain values, to put back exactly on undo or redo.

Rows are identified by their entry (unique in a session), never by result id: undoing a
delete recreates a result with a new id, and commands further up the undo stack must
still find "car #12". Writing a state changes only what differs, through ``Edits``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select

from desktop_app.domain.sessions import ResultState
from desktop_app.services.editing import Edits
from desktop_app.services.editing_results import RESULT_FIELDS
from desktop_app.services.errors import EditError
from desktop_app.services.result_rows import PenaltyLine
from desktop_app.services.results.fresh_rows import (
    VALUE_NAMES,
    StoredValues,
    stored_penalties,
    stored_values,
)
from desktop_app.storage.models import Penalty, RaceSession, Result

ROW_FIELDS = tuple(sorted(RESULT_FIELDS - {"sort_order", "note"}))
_SHOWN_ONLY = tuple(name for name in VALUE_NAMES if name not in ROW_FIELDS)
_READ_FIELDS = ROW_FIELDS + _SHOWN_ONLY  # one query: the state, and what the grid shows

EntryResolver = Callable[[int], int]


@dataclass(frozen=True)
class RowState:
    """One result's stored values, its penalties, and which entry it belongs to."""

    entry_id: int
    fields: dict[str, Any] = field(default_factory=dict)
    penalties: tuple[PenaltyLine, ...] = ()
    #: The stored row it was read from; not part of the state (a redo makes a new one).
    result_id: int | None = field(default=None, compare=False)
    #: What the grid shows besides ``fields`` (the note), read with them; undo leaves it.
    shown: dict[str, Any] = field(default_factory=dict, compare=False)

    def with_fields(self, **changes: Any) -> RowState:
        return replace(self, fields={**self.fields, **changes})


@dataclass(frozen=True)
class SessionState:
    result_state: ResultState
    rows: tuple[RowState, ...]

    def entry_ids(self) -> list[int]:
        return [row.entry_id for row in self.rows]


def read_state(edit: Edits, session_id: int) -> SessionState:
    """What the session holds right now, inside the action's transaction.

    Plain column queries, no ORM rows: every grid edit reads this twice (before and
    after), so it must cost well under a millisecond on a 60-car session.
    """
    edit.session.flush()
    edit.session.expire_all()
    result_state = edit.session.scalar(
        select(RaceSession.result_state).where(RaceSession.id == session_id)
    )
    if result_state is None:
        raise EditError("That session no longer exists.")
    penalties = stored_penalties(edit.session, session_id)
    rows = tuple(
        _row_state(stored, penalties.get(stored.result_id, ()))
        for stored in stored_values(edit.session, session_id, _READ_FIELDS)
    )
    return SessionState(result_state, rows)


def _row_state(stored: StoredValues, penalties: tuple[PenaltyLine, ...]) -> RowState:
    values = stored.values
    fields = {name: values[name] for name in ROW_FIELDS}
    shown = {name: values[name] for name in _SHOWN_ONLY}
    return RowState(stored.entry_id, fields, penalties, stored.result_id, shown)


def announce_state(edit: Edits, session_id: int, state: SessionState) -> None:
    """Hand the listeners ``state``, just read after the action: what the session holds
    once it is saved (``Changes.session_states``), so the grid need not read it again."""
    edit.changes.session_states[session_id] = state


def stored_rows(
    state: SessionState,
) -> tuple[list[StoredValues], dict[int, tuple[PenaltyLine, ...]]] | None:
    """``state`` as the grid's rows are merged from (``fresh_rows.merged_rows``): values
    and penalties by result id; None when a row was not read from the file."""
    stored, penalties = [], {}
    for row in state.rows:
        if row.result_id is None:
            return None
        known = {**row.fields, **row.shown}
        if any(name not in known for name in VALUE_NAMES):
            return None
        values = {name: known[name] for name in VALUE_NAMES}
        stored.append(StoredValues(row.result_id, row.entry_id, values))
        penalties[row.result_id] = row.penalties
    return stored, penalties


def without_car(
    edit: Edits,
    state: SessionState,
    entry_id: int,
    moved: dict[int, dict[str, Any]],
    result_state: ResultState,
) -> SessionState:
    """``state`` as it was before car ``entry_id`` was keyed at the end: without its row,
    with the old values of what renumbering changed (``moved``, by result id) and the
    session's ``result_state`` before (the first keyed car makes a session provisional)."""
    entries = {row.result_id: row.entry_id for row in state.rows}
    old_by_entry: dict[int, dict[str, Any]] = {}
    if moved:
        missing = [result for result in moved if result not in entries]
        if missing:  # a state not read by ``read_state`` (no result ids)
            query = select(Result.id, Result.entry_id).where(Result.id.in_(missing))
            entries.update(dict(edit.session.execute(query).tuples().all()))
        old_by_entry = {entries[result]: old for result, old in moved.items()}
    rows = tuple(
        row.with_fields(**old_by_entry[row.entry_id]) if row.entry_id in old_by_entry else row
        for row in state.rows
        if row.entry_id != entry_id
    )
    return SessionState(result_state, rows)


def write_state(
    edit: Edits, session_id: int, state: SessionState, resolve: EntryResolver = int
) -> None:
    """Make the session hold exactly ``state``: delete, add, update and reorder rows."""
    current = read_state(edit, session_id)
    ids = _result_ids(edit, session_id)
    wanted = {resolve(row.entry_id) for row in state.rows}
    if len(wanted) != len(state.rows):
        raise EditError("The same car cannot be on the classification twice.")
    for row in current.rows:
        if row.entry_id not in wanted:
            edit.delete_result(ids.pop(row.entry_id))
    existing = {row.entry_id: row for row in current.rows}
    order = []
    for row in state.rows:
        entry_id = resolve(row.entry_id)
        before = existing.get(entry_id)
        if before is None:
            result_id = edit.add_result(session_id, entry_id, **row.fields)
        else:
            result_id = ids[entry_id]
            changed = {k: v for k, v in row.fields.items() if before.fields.get(k) != v}
            if changed:
                edit.update_result(result_id, **changed)
        if before is None or before.penalties != row.penalties:
            _write_penalties(edit, result_id, row.penalties, bool(before and before.penalties))
        order.append(result_id)
    if [ids.get(e) for e in current.entry_ids() if e in wanted] != order:
        edit.set_order(session_id, order)
    if current.result_state is not state.result_state:
        edit.update_session(session_id, result_state=state.result_state)


def _result_ids(edit: Edits, session_id: int) -> dict[int, int]:
    query = select(Result.entry_id, Result.id).where(Result.session_id == session_id)
    return {entry_id: result_id for entry_id, result_id in edit.session.execute(query)}


def _write_penalties(
    edit: Edits, result_id: int, penalties: tuple[PenaltyLine, ...], had_any: bool
) -> None:
    """Penalties have no identity a reporter sees; replacing the list keeps them in order."""
    if had_any:
        query = select(Penalty.id).where(Penalty.result_id == result_id)
        for penalty_id in list(edit.session.scalars(query)):
            edit.delete_penalty(penalty_id)
    for line in penalties:
        edit.add_penalty(
            result_id,
            line.kind,
            amount_ms=line.amount_ms,
            positions=line.positions,
            reason=line.reason,
            post_session=line.post_session,
        )


def refresh_positions(edit: Edits, session_id: int) -> None:
    """Positions follow the order (and official positions the penalties when official)."""
    edit.session.flush()
    edit.session.expire_all()
    edit.renumber(session_id)
