"""The editable table model the event, session and entry grids share.

What a grid shows and does is plain Python in ``services.grids`` (``GridRows``); this is
the Qt table on top. Every accepted edit becomes one undo command through ``CommandRunner``.
After an edit the rows are read again and merged in place (rows keep their order while the
reporter keys, new rows appear where they were made), so the cursor never jumps.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from desktop_app.services.changes import Changes
from desktop_app.services.errors import EditError
from desktop_app.services.grids.rows import Column, EventScopedRows, GridRow, GridRows
from desktop_app.services.undo import RowRef, Step
from desktop_app.ui.commands_grid import CommandRunner

__all__ = ["Column", "EventScopedModel", "GridRow", "RowTableModel"]

ROLES_CHANGED = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
]
Index = QModelIndex | QPersistentModelIndex


class RowTableModel(GridRows, QAbstractTableModel):
    """Base of the grids.

    Signals:
        refused(row, column, message): an edit was refused; the old value is kept.
    """

    refused = Signal(int, int, str)

    def __init__(self, runner: CommandRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.rows: list[GridRow] = []
        self._placement: dict[int, int] = {}
        self._refusal: tuple[int, int, str] | None = None
        self._running = False
        self.shown: Callable[[], bool] = _always  # set by the view: is the grid on screen?
        self.stale = False
        _follow_changes(self)

    # Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override QAbstractTableModel::rowCount: the rows plus the line for a new one."""
        return 0 if parent.isValid() else len(self.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].tip or None
        if orientation is Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return "*" if section == len(self.rows) else str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self.columns[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        row, column = index.row(), index.column()
        if row == len(self.rows):
            return self._new_row_data(column, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.rows[row].cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and self._refused_here(row, column):
            return QColor("#b00020")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Override QAbstractTableModel::setData: one undoable edit, refused in place."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = "" if value is None else str(value)
        if index.row() < len(self.rows) and text == self.rows[index.row()].cells[index.column()]:
            return False
        return self.set_texts({(index.row(), index.column()): text})

    # Editing ----------------------------------------------------------------------------

    def set_texts(self, cells: Mapping[tuple[int, int], str]) -> bool:
        """Store many cells (a paste) as one undo step; new rows past the end are made."""
        steps: list[Step] = []
        created: list[tuple[RowRef, int]] = []
        by_row: dict[int, dict[int, str]] = {}
        for (row, column), text in sorted(cells.items()):
            if self.columns[column].editable:
                by_row.setdefault(row, {})[column] = text
        try:
            for row, texts in by_row.items():
                if row < len(self.rows):
                    for column, text in texts.items():
                        self._current = (row, column)
                        steps += self.cell_steps(self.rows[row], column, text)
                elif any(text.strip() for text in texts.values()):
                    self._current = (row, min(texts))
                    ref = RowRef(self.table)
                    steps += self.create_steps(ref, texts)
                    created.append((ref, min(row, len(self.rows) + len(created))))
        except EditError as error:
            return self._refuse(*self._current, str(error))
        return self._run(self._describe(cells), steps, created)

    def insert_row(self, at: int) -> bool:
        ref = RowRef(self.table)
        return self._run(f"Add {self.noun}", self.create_steps(ref, {}), [(ref, at)])

    def delete_rows(self, rows: Sequence[int]) -> bool:
        doomed = [self.rows[row] for row in sorted(set(rows)) if 0 <= row < len(self.rows)]
        if not doomed:
            return False
        try:
            steps = [step for row in doomed for step in self.delete_steps(row)]
        except EditError as error:
            return self._refuse(self.rows.index(doomed[0]), 0, str(error))
        name = f"{doomed[0].label}" if len(doomed) == 1 else f"{len(doomed)} {self.noun}s"
        return self._run(f"Delete {name}", steps, [])

    def _run(self, text: str, steps: list[Step], created: list[tuple[RowRef, int]]) -> bool:
        self._running = True
        try:
            error = self.runner.run(text, steps)
        finally:
            self._running = False
        if error is not None:
            row, column = getattr(self, "_current", (0, 0))
            return self._refuse(row, column, error)
        self._refusal = None
        for ref, at in created:
            if ref.row_id is not None:
                self._placement[ref.row_id] = at
        self.reload()
        return True

    def _refuse(self, row: int, column: int, message: str) -> bool:
        self._refusal = (row, column, message)
        if row < len(self.rows):
            index = self.index(row, column)
            self.dataChanged.emit(index, index, ROLES_CHANGED)
        self.refused.emit(row, column, message)
        return False

    def _describe(self, cells: Mapping[tuple[int, int], str]) -> str:
        if len(cells) > 1:
            return f"Paste {len(cells)} cells"
        (row, column), text = next(iter(cells.items()))
        label = self.rows[row].label if row < len(self.rows) else f"new {self.noun}"
        shown = text if len(text) <= 30 else text[:29] + "…"
        return f'{self.columns[column].title} of {label}: "{shown}"'

    # Loading ----------------------------------------------------------------------------

    def reload(self, *, full: bool = False) -> None:
        """Read the rows again; keep known rows where they are unless ``full``."""
        self.stale = False
        fresh = self.read(self.runner.editor.database)
        if full:
            self.beginResetModel()
            self.rows = fresh
            self._placement.clear()
            self.endResetModel()
            return
        self._merge(fresh)

    def _merge(self, fresh: list[GridRow]) -> None:
        by_id = {row.row_id: row for row in fresh}
        for position in reversed(range(len(self.rows))):
            if self.rows[position].row_id not in by_id:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self.rows[position]
                self.endRemoveRows()
        known = {row.row_id for row in self.rows}
        self.rows = [by_id[row.row_id] for row in self.rows]
        for row in fresh:
            if row.row_id not in known:
                at = min(self._placement.pop(row.row_id, len(self.rows)), len(self.rows))
                self.beginInsertRows(QModelIndex(), at, at)
                self.rows.insert(at, row)
                self.endInsertRows()
        if self.rows:
            last = self.index(len(self.rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last, ROLES_CHANGED)

    def on_changes(self, changes: Changes) -> None:
        """Any committed edit (undo, redo, another editor) this grid shows: read again,
        or, while the grid is hidden (the entry list while a car is keyed in the results),
        only note it: the grid reads again when it is shown (``reload_if_stale``)."""
        if self._running or not changes.touches(*self.watched):
            return
        if self.shown():
            self.reload()
        else:
            self.stale = True

    def reload_if_stale(self) -> None:
        if self.stale:
            self.reload()

    def row_ids(self) -> list[int]:
        return [row.row_id for row in self.rows]

    # Helpers ----------------------------------------------------------------------------

    def _tooltip(self, row: int, column: int) -> str | None:
        if self._refused_here(row, column):
            assert self._refusal is not None
            return self._refusal[2]
        return self.rows[row].tips.get(column) or self.columns[column].tip or None

    def _refused_here(self, row: int, column: int) -> bool:
        return self._refusal is not None and self._refusal[:2] == (row, column)

    def _new_row_data(self, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.new_row_hint if column == 0 else ""
        if role == Qt.ItemDataRole.EditRole:
            return ""
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#888888")
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            refusal = self._refusal
            return refusal[2] if refusal and refusal[0] >= len(self.rows) else self.new_row_tip
        return None


def _always() -> bool:
    return True


def _follow_changes(model: RowTableModel) -> None:
    """Subscribe without keeping the model alive; the subscription ends with the model."""
    editor = model.runner.editor
    ref = weakref.ref(model)

    def listener(changes: Changes) -> None:
        alive = ref()
        if alive is None or not shiboken6.isValid(alive):
            editor.unsubscribe(listener)
            return
        alive.on_changes(changes)

    editor.subscribe(listener)


class EventScopedModel(EventScopedRows, RowTableModel):
    """A grid of one event's rows (see ``EventScopedRows``)."""

    def __init__(self, runner: CommandRunner, event_id: int, parent: Any = None) -> None:
        super().__init__(runner, parent)
        self.event_id = event_id
        self.series_id: int | None = None
        self.series_code = ""
