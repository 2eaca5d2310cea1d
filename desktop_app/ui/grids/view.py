"""The editable grid: keying, spreadsheet keys (grids/keys.py), copy/paste, row insert/delete.

Works on any ``RowTableModel``: every change it makes goes through the model, which turns
it into one undo command (a pasted block is one command).

Signals:
    message(str): something the reporter should read in the status bar (a refusal).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTableView,
    QToolTip,
    QWidget,
)

from desktop_app.services.tsv import join_rows, split_block
from desktop_app.ui.cell_focus import QuietEditorFocus
from desktop_app.ui.grids.frozen import FrozenColumnsView
from desktop_app.ui.grids.keys import SpreadsheetKeys
from desktop_app.ui.grids.widths import ColumnWidths
from desktop_app.ui.models.base import RowTableModel

Hint = QAbstractItemDelegate.EndEditHint
INSERT_KEYS = (QKeySequence("Ctrl++"), QKeySequence("Ctrl+="), QKeySequence("Insert"))
NARROW = {"Drivers": 260}  # a frozen Drivers column leaves room for the rest
NO_POPUPS = {"offscreen", "minimal"}  # platforms that cannot show a tooltip window
DELETE_ROW_KEYS = (QKeySequence("Ctrl+-"), QKeySequence("Ctrl+Delete"))


class GridView(  # type: ignore[misc]  # scrollTo/edit: the same slots, looser types
    FrozenColumnsView, SpreadsheetKeys, QuietEditorFocus, QTableView
):
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(24)
        self._restore: tuple[int | None, int] | None = None
        self._created_row: int | None = None
        self.install_spreadsheet_keys()

    def grid_model(self) -> RowTableModel:
        model = self.model()
        assert isinstance(model, RowTableModel)
        return model

    def setModel(self, model: Any) -> None:
        """Override QTableView::setModel: follow the model's refusals and resets."""
        super().setModel(model)
        model.shown = _visibility(self)
        model.refused.connect(self._show_refusal)
        model.modelAboutToBeReset.connect(self._remember_cell)
        model.modelReset.connect(self._restore_cell)
        model.rowsInserted.connect(self._follow_new_row)
        name = getattr(model, "table", "") or type(model).__name__
        self.widths = ColumnWidths(
            self, name, lambda column: model.columns[column].title, caps=NARROW
        )
        header = self.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)

    def showEvent(self, event: QShowEvent) -> None:
        """Override QWidget::showEvent: edits made while the grid was hidden show now."""
        model = self.model()
        if isinstance(model, RowTableModel):
            model.reload_if_stale()
        super().showEvent(event)

    # Actions ----------------------------------------------------------------------------

    def copy_selection(self) -> str:
        """Put the selected block on the clipboard as TSV; return the text."""
        indexes = [i for i in self.selectedIndexes() if i.row() < len(self.grid_model().rows)]
        if not indexes and self.currentIndex().isValid():
            indexes = [self.currentIndex()]
        if not indexes:
            return ""
        top, left = min(i.row() for i in indexes), min(i.column() for i in indexes)
        bottom, right = max(i.row() for i in indexes), max(i.column() for i in indexes)
        block = [[""] * (right - left + 1) for _ in range(bottom - top + 1)]
        for index in indexes:
            value = index.data(Qt.ItemDataRole.EditRole)
            block[index.row() - top][index.column() - left] = "" if value is None else str(value)
        text = join_rows(block)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> bool:
        """Paste a block at the current cell; one cell fills the whole selection."""
        block = split_block(QGuiApplication.clipboard().text() if text is None else text)
        model = self.grid_model()
        if not block:
            return False
        selected = self.selectedIndexes()
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            cells = {(i.row(), i.column()): block[0][0] for i in selected}
        else:
            anchor = self._anchor()
            cells = {
                (anchor[0] + r, anchor[1] + c): value
                for r, row in enumerate(block)
                for c, value in enumerate(row)
                if anchor[1] + c < model.columnCount()
            }
        return model.set_texts(cells)

    def clear_selection(self) -> bool:
        rows = len(self.grid_model().rows)
        cells = {(i.row(), i.column()): "" for i in self.selectedIndexes() if i.row() < rows}
        return bool(cells) and self.grid_model().set_texts(cells)

    def insert_row(self) -> bool:
        row = self.currentIndex().row() if self.currentIndex().isValid() else 0
        done = self.grid_model().insert_row(max(row, 0))
        if done:
            self.setCurrentIndex(self.model().index(max(row, 0), 0))
        return done

    def delete_rows(self) -> bool:
        rows = {index.row() for index in self.selectedIndexes()}
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return self.grid_model().delete_rows(sorted(rows))

    def fit_columns(self) -> None:
        """Columns as wide as their text (see grids/widths.py), or as the reporter set them."""
        self.widths.fit()

    def _header_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction("Fit columns to contents", self.widths.forget)
        menu.exec(self.horizontalHeader().mapToGlobal(point))

    # Qt overrides -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Override QTableView::keyPressEvent: clipboard, clear and row keys."""
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            combo = QKeySequence(event.keyCombination())
            if combo in INSERT_KEYS:
                self.insert_row()
                return
            if combo in DELETE_ROW_KEYS:
                self.delete_rows()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection()
                return
        if self.spreadsheet_key(event):
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Override QAbstractItemView::closeEditor: Tab stays on a row just made by typing
        in the new line, Enter waits there; other cells move as a spreadsheet does."""
        created, self._created_row = self._created_row, None
        if created is None:
            super().closeEditor(editor, hint)
            return
        self.editor_shift = False
        super().closeEditor(editor, Hint.NoHint)
        self._continue_new_row(created, hint)

    def _continue_new_row(self, row: int, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab fills the next cell of the row just made; Enter waits on the new line."""
        step = {Hint.EditNextItem: 1, Hint.EditPreviousItem: -1}.get(hint)
        if step is not None:
            target = self.model().index(row, self.currentIndex().column() + step)
            if target.isValid():
                self.setCurrentIndex(target)
                self.edit(target)

    # Helpers ----------------------------------------------------------------------------

    def _anchor(self) -> tuple[int, int]:
        selected = self.selectedIndexes()
        if selected:
            return min(i.row() for i in selected), min(i.column() for i in selected)
        current = self.currentIndex()
        return (current.row(), current.column()) if current.isValid() else (0, 0)

    def _show_refusal(self, row: int, column: int, message: str) -> None:
        index = self.model().index(min(row, self.model().rowCount() - 1), column)
        if index.isValid() and QGuiApplication.platformName() not in NO_POPUPS:
            rect = self.visualRect(index)
            QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self)
        self.keep_typed_text()
        self.message.emit(message)

    def _follow_new_row(self, _parent: QModelIndex, first: int, last: int) -> None:
        """Note a row made by typing in the ``+ new`` line (``closeEditor`` goes to it)."""
        current = self.currentIndex()
        typing = self.state() == QAbstractItemView.State.EditingState
        on_new_line = current.row() == len(self.grid_model().rows)
        if typing and on_new_line and first == last == current.row() - 1:
            self._created_row = first

    def _remember_cell(self) -> None:
        current = self.currentIndex()
        rows = self.grid_model().rows
        if current.isValid():
            row_id = rows[current.row()].row_id if current.row() < len(rows) else None
            self._restore = (row_id, current.column())

    def _restore_cell(self) -> None:
        if self._restore is None:
            return
        row_id, column = self._restore
        self._restore = None
        ids = self.grid_model().row_ids()
        row = ids.index(row_id) if row_id in ids else len(ids)
        self.setCurrentIndex(self.model().index(row, column, QModelIndex()))


def _visibility(view: QWidget) -> Callable[[], bool]:
    """Is ``view`` on screen; False once Qt has deleted it (the model may outlive it)."""
    ref = weakref.ref(view)

    def shown() -> bool:
        alive = ref()
        return alive is not None and shiboken6.isValid(alive) and alive.isVisible()

    return shown


def commit_open_editors(root: QWidget) -> None:
    """Save what is typed in any open cell editor under ``root`` (before close or reload).

    Qt saves an open editor when focus leaves it, but not when the window closes or F5
    reloads the grid under it; the reporter's typing must never be dropped.
    """
    for view in root.findChildren(QAbstractItemView):
        if view.state() != QAbstractItemView.State.EditingState:
            continue
        for editor in view.viewport().findChildren(QWidget):
            if editor.isVisible() and editor.parentWidget() is view.viewport():
                view.commitData(editor)
                view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
