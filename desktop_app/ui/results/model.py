"""The Qt table model of a session's classification: result rows plus one empty "new row".

The model only shows ``ResultRow`` values and hands typed text to ``commit``; it never
writes. The widget turns the text into an undo command, and after the file has changed
the widget calls ``set_rows`` with what was read back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.services.result_rows import ResultRow, RowWarning
from desktop_app.services.results.columns import COLUMNS, NUMBER, OFFICIAL, Column
from desktop_app.ui.results.number_preview import CarPreview

Index = QModelIndex | QPersistentModelIndex
Commit = Callable[[int, Column, str], bool]

WARNING_TINT = QBrush(QColor(255, 244, 214))
WARNING_CELL = QBrush(QColor(255, 205, 120))
NEW_ROW_TINT = QBrush(QColor(244, 247, 252))
GAINED = QBrush(QColor(0, 128, 0))
LOST = QBrush(QColor(190, 0, 0))
NEW_ROW_TIP = "New row: type a car number and press Enter"
NEW_ROW_HINT = "\u2190 car number + Enter"
HINT_COLOUR = QBrush(QColor(128, 128, 128))
PREVIEWED = frozenset({"class", "team", "vehicle", "drivers"})  # filled as a number is typed
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGNMENTS = tuple(int(_RIGHT if column.numeric else _LEFT) for column in COLUMNS)
_DISPLAY, _EDIT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND, _FOREGROUND = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_TEXT = frozenset({_DISPLAY, _EDIT})
_ANSWERED = frozenset({_DISPLAY, _EDIT, _ALIGNMENT, _BACKGROUND, _FOREGROUND, _TOOLTIP})
_HEADER_ROLES = frozenset({_DISPLAY, _TOOLTIP})


def _flags(column: int, *, new_row: bool) -> Qt.ItemFlag:
    """A result row's cells move by drag and are editable where the column is; in the
    new row only the car number can be typed."""
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    flags |= Qt.ItemFlag.ItemNeverHasChildren | Qt.ItemFlag.ItemIsDropEnabled
    if new_row:
        return flags | Qt.ItemFlag.ItemIsEditable if column == NUMBER else flags
    flags |= Qt.ItemFlag.ItemIsDragEnabled
    if COLUMNS[column].editable or column == NUMBER:
        flags |= Qt.ItemFlag.ItemIsEditable
    return flags


_ROW_FLAGS = tuple(_flags(n, new_row=False) for n in range(len(COLUMNS)))
_NEW_ROW_FLAGS = tuple(_flags(n, new_row=True) for n in range(len(COLUMNS)))
_DROP_HERE = Qt.ItemFlag.ItemIsDropEnabled  # between rows: a dragged row lands there


def _refuse(_row: int, _column: Column, _text: str) -> bool:
    return False


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs: one dataChanged per block of rows."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


_PREVIEWED_RUNS = _runs([n for n, column in enumerate(COLUMNS) if column.key in PREVIEWED])


class ResultsModel(QAbstractTableModel):
    """Rows ``0..n-1`` are results in finishing order; row ``n`` is the new row."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ResultRow] = []
        self.warnings: list[tuple[RowWarning, ...]] = []
        self._texts: list[tuple[str, ...] | None] = []  # each row's cells, once shown
        self.has_session = False
        self.commit: Commit = _refuse
        self.preview_row = -1  # the row whose car number is being typed (number_preview)
        self.preview: CarPreview | None = None

    # Changing what is shown ---------------------------------------------------------

    def set_rows(
        self,
        rows: Sequence[ResultRow],
        warnings: Sequence[tuple[RowWarning, ...]],
        has_session: bool,
    ) -> None:
        """Show new rows, keeping the view's cursor: rows are added or removed at the end
        (just above the new row), and only rows that differ are reported as changed, so
        keying a car repaints the new row and the positions it moved, not the grid."""
        if has_session != self.has_session:
            self.beginResetModel()
            self._replace(rows, warnings)
            self.has_session = has_session
            self.endResetModel()
            return
        before = list(zip(self.rows, self.warnings, strict=True))
        old, new = len(self.rows), len(rows)
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self._replace(rows, warnings)
            self.endInsertRows()
        elif new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self._replace(rows, warnings)
            self.endRemoveRows()
        else:
            self._replace(rows, warnings)
        after = zip(self.rows, self.warnings, strict=True)
        changed = [n for n, (was, now) in enumerate(zip(before, after, strict=False)) if was != now]
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1), [])

    def _replace(
        self, rows: Sequence[ResultRow], warnings: Sequence[tuple[RowWarning, ...]]
    ) -> None:
        """The new rows; a row that is the same object as before at the same place keeps
        its cell texts (rows are immutable, and unchanged ones are reused when re-read)."""
        kept = {
            id(row): texts
            for row, texts in zip(self.rows, self._texts, strict=True)
            if texts is not None
        }
        self.rows, self.warnings = list(rows), list(warnings)
        self._texts = [kept.get(id(row)) for row in self.rows]

    def texts(self, number: int) -> tuple[str, ...]:
        """Row ``number``'s cell texts, worked out once per row object (a repaint asks for
        every visible cell, a keyed car repaints many rows whose values did not change)."""
        texts = self._texts[number]
        if texts is None:
            row = self.rows[number]
            texts = self._texts[number] = tuple(column.show(row) for column in COLUMNS)
        return texts

    def set_preview(self, row: int, preview: CarPreview | None) -> None:
        """Show ``preview`` in row ``row`` (-1 or None: no preview); repaints the previewed
        cells only: a change reported for the number cell itself would reset its editor."""
        old, self.preview_row, self.preview = self.preview_row, row, preview
        for changed in {old, row} - {-1}:
            if 0 <= changed <= len(self.rows):
                for first, last in _PREVIEWED_RUNS:
                    self.dataChanged.emit(self.index(changed, first), self.index(changed, last))

    def is_new_row(self, row: int) -> bool:
        return self.has_session and row == len(self.rows)

    def new_row_index(self, column: int = NUMBER) -> QModelIndex:
        return self.index(len(self.rows), column) if self.has_session else QModelIndex()

    # Model interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override QAbstractItemModel::rowCount."""
        if parent.isValid() or not self.has_session:
            return 0
        return len(self.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override QAbstractItemModel::columnCount."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        """Override QAbstractItemModel::headerData."""
        if orientation == Qt.Orientation.Vertical:
            return self._row_header(section, role)
        if not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column.numeric else _LEFT)
        return None

    def _row_header(self, section: int, role: int):
        """Row handles: click one to select the car (Delete removes it); "*" is the new row.
        Asked for seven roles of each visible row on every repaint: two are answered."""
        if role not in _HEADER_ROLES or not 0 <= section < self.rowCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "*" if self.is_new_row(section) else str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole:
            return NEW_ROW_TIP if self.is_new_row(section) else "Click to select the row"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Override QAbstractItemModel::flags (asked twice for every painted cell: looked
        up, with no further call; an invalid index has row -1)."""
        row = index.row()
        if row < 0:
            return _DROP_HERE
        return (_NEW_ROW_FLAGS if row == len(self.rows) else _ROW_FLAGS)[index.column()]

    def supportedDropActions(self) -> Qt.DropAction:
        """Override QAbstractItemModel::supportedDropActions: rows are moved by drag."""
        return Qt.DropAction.MoveAction

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        """Override QAbstractItemModel::data.

        Called for seven roles of every visible cell on each repaint, so roles it never
        answers leave first, roles are compared as plain ints, and a row's texts are
        worked out once (``texts``).
        """
        if role not in _ANSWERED or not self.has_session or not index.isValid():
            return None
        if role == _ALIGNMENT:
            return _ALIGNMENTS[index.column()]
        number, column = index.row(), COLUMNS[index.column()]
        if number == self.preview_row and self.preview is not None and column.key in PREVIEWED:
            return self._preview_data(column, role)
        if number >= len(self.rows):
            return self._new_row_data(column, role)
        if role in _TEXT:
            return self.texts(number)[index.column()]
        if role == _BACKGROUND:
            return self._background(number, column) if self.warnings[number] else None
        if role == _TOOLTIP:
            return self._tooltip(number, index.column())
        if role == _FOREGROUND and index.column() in OFFICIAL:
            return self._arrow_colour(self.texts(number)[index.column()])
        if role == _FOREGROUND and column.derived is not None and column.derived(self.rows[number]):
            return HINT_COLOUR
        return None

    def _preview_data(self, column: Column, role: int):
        """The car the typed number stands for (grey), or why Enter will not key it."""
        preview = self.preview
        assert preview is not None
        row = preview.as_row()
        if role in _TEXT:
            if row is not None:
                return column.show(row)
            return {"team": preview.note, "vehicle": preview.then}.get(column.key, "")
        if role == _FOREGROUND:
            return HINT_COLOUR if row is not None else LOST
        if role == _TOOLTIP:
            return preview.tip or None
        return None

    def _background(self, row: int, column: Column) -> QBrush | None:
        if not self.warnings[row]:
            return None
        concerned = {warning.column for warning in self.warnings[row]}
        return WARNING_CELL if column.key in concerned else WARNING_TINT

    def _new_row_data(self, column: Column, role: int):
        if role == Qt.ItemDataRole.DisplayRole and column.key == "team":
            return NEW_ROW_HINT
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "team":
            return HINT_COLOUR
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return NEW_ROW_TINT
        if role == Qt.ItemDataRole.ToolTipRole:
            return NEW_ROW_TIP
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column.numeric else _LEFT)
        return None

    def _tooltip(self, row: int, column_number: int) -> str | None:
        found = "\n".join(warning.text for warning in self.warnings[row])
        text = self.texts(row)[column_number]
        if COLUMNS[column_number].key in ("penalty", "drivers", "team") and text:
            return f"{text}\n{found}" if found else text
        return found or None

    @staticmethod
    def _arrow_colour(text: str) -> QBrush | None:
        if "\u25b2" in text:
            return GAINED
        if "\u25bc" in text:
            return LOST
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Override QAbstractItemModel::setData: hand the text to ``commit`` (undoable)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        return self.commit(index.row(), COLUMNS[index.column()], str(value or ""))
