"""Read a session's rows cheaply: stored values by column query, cars from the entry list.

Keying a car, a lap time, a move or a penalty changes results and penalties, never what a
row shows from the entry list (team, class, drivers), which the grid already holds in
memory for the car-number lookup. Loading the whole session with eager loading takes
10-25 ms on a big file, far more than one frame; two plain column queries (~0.5 ms for
60 rows) and the in-memory entry list give the same rows. The merge refuses (None)
whenever a car is not in that list, and the grid then falls back to the full load.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from desktop_app.services.changes import RESULT_STATES
from desktop_app.services.result_rows import EntryInfo, PenaltyLine, ResultRow
from desktop_app.services.views.results import STORED_NAMES
from desktop_app.storage.models import Penalty, Result

#: The stored values of a ``ResultRow``: every field but its id, entry, penalties and
#: what the lap chart gives (``services.lap_columns``), as the shared reader selects them.
VALUE_NAMES = STORED_NAMES
#: Only the tables an edit may touch for ``merged_rows`` to stand in for a full load.
RESULTS_ONLY = frozenset({"results", "penalties", RESULT_STATES})
_PENALTY_FIELDS = tuple(f.name for f in fields(PenaltyLine))


@dataclass(frozen=True)
class StoredValues:
    """One result as stored: which car it is and its values (named as in ``ResultRow``)."""

    result_id: int
    entry_id: int
    values: dict[str, Any]


def stored_values(
    session: Session, session_id: int, names: Sequence[str] = VALUE_NAMES
) -> list[StoredValues]:
    """The session's results in grid order, as one column query (no ORM objects): the
    values ``names`` (what the grid shows, or what undo puts back: ``state.ROW_FIELDS``)."""
    query = _values_query(tuple(names))
    return [
        StoredValues(row[0], row[1], dict(zip(names, row[2:], strict=True)))
        for row in session.execute(query, {"session_id": session_id})
    ]


def stored_penalties(session: Session, session_id: int) -> dict[int, tuple[PenaltyLine, ...]]:
    """Result id -> its penalties in the order given, as one column query."""
    found: dict[int, list[PenaltyLine]] = {}
    for row in session.execute(_penalties_query(), {"session_id": session_id}):
        found.setdefault(row[0], []).append(PenaltyLine(*row[1:]))
    return {result_id: tuple(lines) for result_id, lines in found.items()}


@functools.cache
def _values_query(names: tuple[str, ...]) -> Select[Any]:
    """Built once per set of names: building a 20-column select costs more than running
    it, and these run twice for every keyed car (the undo snapshot, the grid's re-read)."""
    columns = [getattr(Result, name) for name in names]
    return (
        select(Result.id, Result.entry_id, *columns)
        .where(Result.session_id == bindparam("session_id"))
        .order_by(Result.sort_order, Result.id)
    )


@functools.cache
def _penalties_query() -> Select[Any]:
    columns = [getattr(Penalty, name) for name in _PENALTY_FIELDS]
    return (
        select(Penalty.result_id, *columns)
        .join(Result)
        .where(Result.session_id == bindparam("session_id"))
        .order_by(Penalty.id)
    )


def read_rows(
    session: Session,
    session_id: int,
    shown: Sequence[ResultRow],
    entries: Mapping[int, EntryInfo],
) -> list[ResultRow] | None:
    """The session's rows from the file without eager loading (see ``merged_rows``)."""
    stored = stored_values(session, session_id)
    return merged_rows(shown, stored, entries, stored_penalties(session, session_id))


def merged_rows(
    shown: Sequence[ResultRow],
    stored: Sequence[StoredValues],
    entries: Mapping[int, EntryInfo],
    penalties: Mapping[int, tuple[PenaltyLine, ...]],
) -> list[ResultRow] | None:
    """The rows as stored, or None when a full load is needed.

    A result already shown keeps its car (the entry list did not change, or the grid
    would have dropped its lookup); another takes its car from ``entries`` by entry id.
    A car not in ``entries`` cannot be filled in here: None. A row whose values did not
    change is the same object, so the grid repaints only rows that changed.
    """
    by_id = {row.result_id: row for row in shown}
    rows: list[ResultRow] = []
    for found in stored:
        lines = penalties.get(found.result_id, ())
        before = by_id.get(found.result_id)
        if before is not None and before.entry.entry_id == found.entry_id:
            rows.append(_with_values(before, found.values, lines))
            continue
        entry = entries.get(found.entry_id)
        if entry is None:
            return None
        rows.append(
            ResultRow(result_id=found.result_id, entry=entry, penalties=lines, **found.values)
        )
    return rows


def _with_values(
    row: ResultRow, values: dict[str, Any], penalties: tuple[PenaltyLine, ...]
) -> ResultRow:
    if row.penalties == penalties and all(
        getattr(row, name) == value for name, value in values.items()
    ):
        return row
    return replace(row, penalties=penalties, **values)
