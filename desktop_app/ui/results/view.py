"""The results table view: keyboard shortcuts, drag and drop of rows, copy of cells.

Shortcuts are handled here (and claimed with ShortcutOverride) so the grid keeps Ctrl+C,
Ctrl+V and Delete even when the main window's menus define the same keys; what they do is
decided by the widget, which listens to the signals.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTableView

from desktop_app.services.tsv import join_rows
from desktop_app.ui.cell_focus import QuietEditorFocus
from desktop_app.ui.grids.frozen import FrozenColumnsView
from desktop_app.ui.grids.keys import SpreadsheetKeys
from desktop_app.ui.quiet_insert import QuietRowInsert
from desktop_app.ui.results.row_numbers import RowNumbers

_CTRL = Qt.KeyboardModifier.ControlModifier


class ResultsView(  # type: ignore[misc]  # scrollTo/edit: the same slots, looser types
    FrozenColumnsView, SpreadsheetKeys, QuietEditorFocus, QuietRowInsert, QTableView
):
    """Signals:
    move_requested(int): move the current row by -1 (up) or +1 (down).
    delete_requested(): remove the selected rows' results.
    clear_requested(): empty the selected editable cells.
    paste_requested(str): clipboard text to paste at the current cell.
    penalty_requested(): edit the current row's penalties.
    rows_dropped(list, int): rows dragged and dropped before the given row.
    message(str): why typed text could not be keyed (a row with no editable cell).

    Enter, Tab and typing in read-only cells behave as in a spreadsheet (grids/keys.py);
    Pos, No. and Drivers stay in place while the grid scrolls sideways (grids/frozen.py).
    """

    move_requested = Signal(int)
    delete_requested = Signal()
    clear_requested = Signal()
    paste_requested = Signal(str)
    penalty_requested = Signal()
    rows_dropped = Signal(list, int)
    message = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.install_spreadsheet_keys()
        self.setVerticalHeader(RowNumbers(self))
        rows = self.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.setSectionResizeMode(rows.ResizeMode.Fixed)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.horizontalHeader().setHighlightSections(False)

    # Keys ---------------------------------------------------------------------------

    def _is_grid_key(self, event: QKeyEvent) -> bool:
        key, ctrl = event.key(), bool(event.modifiers() & _CTRL)
        if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_P, Qt.Key.Key_Delete):
            return True
        if key == Qt.Key.Key_Delete:
            return True
        if key == Qt.Key.Key_Space and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return True
        return event.matches(QKeySequence.StandardKey.Copy) or event.matches(
            QKeySequence.StandardKey.Paste
        )

    def event(self, event: QEvent) -> bool:
        """Claim the grid's keys before window-wide shortcuts take them."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self.state() != QAbstractItemView.State.EditingState
            and self._is_grid_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Override QAbstractItemView::keyPressEvent with the grid's shortcuts."""
        if event.text().isprintable() and event.text():
            self.scrollTo(self.currentIndex())  # typing goes where the reporter can see it
        key, ctrl = event.key(), bool(event.modifiers() & _CTRL)
        if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif ctrl and key == Qt.Key.Key_P:
            self.penalty_requested.emit()
        elif key == Qt.Key.Key_Delete and (ctrl or self.selected_rows()):
            self.delete_requested.emit()
        elif key == Qt.Key.Key_Delete:
            self.clear_requested.emit()
        elif key == Qt.Key.Key_Space and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.selectRow(self.currentIndex().row())
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            from PySide6.QtWidgets import QApplication

            self.paste_requested.emit(QApplication.clipboard().text())
        elif not self.spreadsheet_key(event):
            super().keyPressEvent(event)
            return
        event.accept()

    # Selection ----------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        """Rows selected as a whole (by row header or Shift+Space), in order."""
        return sorted(index.row() for index in self.selectionModel().selectedRows())

    def touched_rows(self) -> list[int]:
        """Rows with any selected cell, else the current row."""
        rows = {index.row() for index in self.selectedIndexes()}
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return sorted(rows)

    def copy_selection(self) -> str:
        """Copy the selected cells (their bounding block) as text Excel pastes cell by cell."""
        from PySide6.QtWidgets import QApplication

        last = self.model().rowCount() - 1  # the new row holds no data
        indexes = [
            i
            for i in self.selectedIndexes()
            if not self.isColumnHidden(i.column()) and i.row() < last
        ]
        if not indexes and self.currentIndex().isValid():
            indexes = [self.currentIndex()]
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        header = self.horizontalHeader()
        columns = sorted({i.column() for i in indexes}, key=header.visualIndex)
        chosen = {(i.row(), i.column()) for i in indexes}
        model = self.model()
        block = [
            [str(model.index(r, c).data() or "") if (r, c) in chosen else "" for c in columns]
            for r in rows
        ]
        text = join_rows(block)
        QApplication.clipboard().setText(text)
        return text

    # Drag and drop ------------------------------------------------------------------

    def dropEvent(self, event) -> None:
        """Override QAbstractItemView::dropEvent: rows dropped on a row take its place."""
        from_grid = event.mimeData().hasFormat("application/x-qabstractitemmodeldatalist")
        if event.source() not in (self, None) or not from_grid:
            event.ignore()
            return
        rows = self.touched_rows()
        target = self.indexAt(event.position().toPoint())
        row = target.row() if target.isValid() else self.model().rowCount() - 1
        if rows and row > rows[-1]:
            row += 1
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if rows:
            self.rows_dropped.emit(rows, row)
