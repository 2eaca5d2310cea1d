"""A value's story from the change history: who set it, when, from what to what.

On a server each history line carries its author (services.conflicts.AUTHOR_KEY); a
file of one reporter has none, shown as "you".
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop_app.services.conflicts import AUTHOR_KEY, shown
from desktop_app.services.result_rows import ResultRow
from desktop_app.services.results.columns import COLUMNS
from desktop_app.storage.database import Database
from desktop_app.storage.models import ChangeRecord


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime  # UTC
    author: str
    action: str
    old: str
    new: str

    def text(self) -> str:
        """``14:05 anna (Key laps): 1:48.000 -> 1:47.123`` in local time."""
        local = self.at.replace(tzinfo=self.at.tzinfo or dt.UTC).astimezone()
        return f"{local:%H:%M} {self.author} ({self.action}): {self.old} -> {self.new}"


def value_history(database: Database, table: str, row_id: int, field: str) -> list[HistoryLine]:
    """Every change of one field of one row, oldest first."""
    query = (
        select(ChangeRecord)
        .where(ChangeRecord.table_name == table, ChangeRecord.row_id == row_id)
        .order_by(ChangeRecord.id)
    )
    with database.read() as session:
        return [line for change in session.scalars(query) if (line := _line(change, field))]


def _line(change: ChangeRecord, field: str) -> HistoryLine | None:
    new: dict[str, Any] = json.loads(change.new or "{}")
    if field not in new:
        return None
    old: dict[str, Any] = json.loads(change.old or "{}")
    return HistoryLine(
        at=change.at,
        author=new.get(AUTHOR_KEY) or "you",
        action=change.action,
        old=shown(field, old.get(field)),
        new=shown(field, new[field]),
    )


def cell_history(database: Database, row: ResultRow, column_key: str) -> list[HistoryLine]:
    """The history of what one results grid cell shows (its stored fields are the ones
    the cell's own parser writes for the text it shows now)."""
    column = next((c for c in COLUMNS if c.key == column_key), None)
    if column is None or column.parse is None:
        return []
    try:
        fields = column.parse(column.show(row), row)
    except ValueError:
        return []
    lines = [
        line for name in fields for line in value_history(database, "results", row.result_id, name)
    ]
    return sorted(lines, key=lambda line: line.at)
