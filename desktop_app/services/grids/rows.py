"""What the event, session and entry grids show and do, without Qt.

Rows are plain ``GridRow`` values (ids and cell texts), read in one query; ORM rows never
outlive the read. A ``GridRows`` subclass reads its rows (``read``) and turns typed text
into undo steps (``cell_steps``, ``create_steps``, ``delete_steps``); the Qt model of each
grid (``ui.models``) adds the table interface on top and runs the steps through the
window's undo adapter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from desktop_app.services.grids.columns import Column
from desktop_app.services.undo import RowRef, Step
from desktop_app.storage.database import Database
from desktop_app.storage.models import Series

__all__ = ["Column", "EventScopedRows", "GridRow", "GridRows"]


@dataclass
class GridRow:
    """One line of a grid: the row id, what each cell shows, and per-cell tooltips."""

    row_id: int
    cells: list[str]
    label: str = ""
    tips: dict[int, str] = field(default_factory=dict)
    extra: Any = None


class GridRows:
    """Base of the grids' plain part: columns, names, reading and steps."""

    columns: Sequence[Column] = ()
    table = ""
    noun = "row"
    new_row_hint = "+ new"
    new_row_tip = "Type here to add a row"
    #: Tables whose changes make the grid read its rows again.
    watched: frozenset[str] = frozenset()
    rows: list[GridRow]

    def read(self, database: Database) -> list[GridRow]:
        """The grid's rows as stored now (one read session)."""
        with database.read() as session:
            return self.load(session)

    def load(self, session: Session) -> list[GridRow]:
        raise NotImplementedError

    def cell_steps(self, row: GridRow, column: int, text: str) -> list[Step]:
        """Steps that store ``text`` in a cell; raise EditError for a bad value."""
        raise NotImplementedError

    def create_steps(self, ref: RowRef, texts: Mapping[int, str]) -> list[Step]:
        """Steps that make a new row (``ref`` gets its id) with these cell texts."""
        raise NotImplementedError

    def delete_steps(self, row: GridRow) -> list[Step]:
        raise NotImplementedError


class EventScopedRows(GridRows):
    """A grid of one event's rows (sessions, entries), optionally of one series only.

    ``series_id`` is set when a series node is selected; ``series_code`` is read back at
    each load so a new row typed without a series gets that one.
    """

    event_id: int
    series_id: int | None = None
    series_code = ""

    def _load_series_filter(self, session: Session) -> None:
        series = session.get(Series, self.series_id) if self.series_id else None
        self.series_code = series.code if series else ""
