"""Spreadsheet keys for every grid: Enter down, Shift+Enter up, Tab right, Shift+Tab left.

As in Excel, after a run of Tabs along a row, Enter goes to the next row in the column
where the run started, so a timing sheet can be keyed row by row with Tab and Enter or
column by column with Enter alone. Enter moves whether a cell editor is open or not.

Typing in a read-only cell (Pos, PIC) never starts Qt's type-to-search jump to another
row: the text is keyed into the first editable cell of the same row instead, or the grid
says why it cannot be.

A refused value is not lost: whoever refuses the text being saved calls the view's
``keep_typed_text()`` (the generic grids on their model's ``refused`` signal, the results
grid in its commit, a failed save during a server outage the same way); when Enter or
Tab closes that editor the cursor stays on the cell and the editor opens again with the
typed text, ready to be corrected (Esc drops it).

The view mixes in :class:`SpreadsheetKeys` (before the Qt class) and calls
``install_spreadsheet_keys()``; its cell delegates derive from :class:`KeyNotingDelegate`
so the view knows whether Shift was held when Enter closed an editor and what was typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

Hint = QAbstractItemDelegate.EndEditHint
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TAB_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
QUIET_KEYS = (  # keys that do not end a run of Tabs (modifiers pressed on their own, Esc)
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_Escape,
)  # fmt: skip
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_COMMAND = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
NO_EDITABLE_CELL = "Nothing can be typed in this row: its cells are worked out from the others."


class KeyNotingDelegate(QStyledItemDelegate):
    """A cell delegate that tells its view which key closed the editor (Enter or Shift+Enter)."""

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Override QAbstractItemDelegate::eventFilter: note Enter's Shift, then as usual."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            view: Any = self.parent()
            if isinstance(view, SpreadsheetKeys) and event.key() in ENTER_KEYS:
                view.editor_shift = bool(event.modifiers() & _SHIFT)
            if isinstance(view, SpreadsheetKeys):
                view.closing_by_key = event.key() in (*ENTER_KEYS, *TAB_KEYS)
        return super().eventFilter(editor, event)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Any) -> None:
        """Override QAbstractItemDelegate::setModelData: the view knows what is being saved
        (to open it again if it is refused), then save as usual."""
        view: Any = self.parent()
        if not isinstance(view, SpreadsheetKeys):
            super().setModelData(editor, model, index)
            return
        view.saving = (QPersistentModelIndex(index), typed_text(editor))
        try:
            self.save(editor, model, index)
        finally:
            view.saving = None

    def save(self, editor: QWidget, model: QAbstractItemModel, index: Any) -> None:
        """Store the editor's value (a delegate with its own editor overrides this)."""
        super().setModelData(editor, model, index)


def typed_text(editor: QWidget) -> str:
    """The text in a cell editor (a line edit, or an editable combo's line)."""
    if isinstance(editor, QComboBox):
        return editor.currentText()
    if isinstance(editor, QLineEdit):
        return editor.text()
    value = editor.metaObject().userProperty().read(editor)
    return "" if value is None else str(value)


def put_typed_text(editor: QWidget, text: str) -> None:
    """Put ``text`` back in a reopened cell editor, selected: typing replaces it, an
    arrow key or Home/End starts correcting it."""
    line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    if isinstance(line, QLineEdit):
        line.setText(text)
        line.selectAll()


class SpreadsheetKeys:
    """Mix into a ``QTableView`` subclass, first in the bases."""

    editor_shift = False  # Shift held when Enter closed the cell editor
    _tab_run_column: int | None = None  # where a run of Tabs started, for Enter
    saving: tuple[QPersistentModelIndex, str] | None = None  # cell and text being saved
    _refused: tuple[QPersistentModelIndex, str] | None = None  # to type again on close
    closing_by_key = False  # Enter or Tab pressed in the editor (not a click elsewhere)

    def install_spreadsheet_keys(self) -> None:
        view = self._grid()
        view.setTabKeyNavigation(True)
        view.setItemDelegate(KeyNotingDelegate(view))

    # Called by the view's keyPressEvent before its own keys -----------------------------

    def spreadsheet_key(self, event: QKeyEvent) -> bool:
        """Handle Enter, Tab and typing in a read-only cell; True when the key was used."""
        view = self._grid()
        if view.state() == QAbstractItemView.State.EditingState:
            return False
        key = event.key()
        if key in ENTER_KEYS and not event.modifiers() & _COMMAND:
            self.enter_moves(-1 if event.modifiers() & _SHIFT else 1)
            return True
        if key in TAB_KEYS:
            self._start_tab_run()
            return False  # Qt moves the cursor (tab key navigation)
        if self._typing(event) and not self._editable(view.currentIndex()):
            self._key_into_row(event)
            return True
        if not event.text() and key not in QUIET_KEYS:
            self._tab_run_column = None  # arrows, Home, Page Down: the run is over
        return False

    def keyboardSearch(self, search: str) -> None:
        """Override QAbstractItemView::keyboardSearch: typed digits never jump rows."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Override QAbstractItemView::mousePressEvent: a click ends a run of Tabs."""
        self._tab_run_column = None
        super().mousePressEvent(event)  # type: ignore[misc]

    def keep_typed_text(self) -> None:
        """The text being saved was refused: when its editor closes by Enter or Tab, stay
        on the cell and open the editor again with that text (nothing happens when no cell
        editor is being saved; a click elsewhere leaves the cell as it was)."""
        self._refused = self.saving

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Override QAbstractItemView::closeEditor: Enter and Shift+Enter move as in Excel;
        a refused value opens again in its cell."""
        up, self.editor_shift = self.editor_shift, False
        refused, self._refused = self._refused, None
        by_key, self.closing_by_key = self.closing_by_key, False
        if refused is not None and by_key and refused[0].isValid():
            super().closeEditor(editor, Hint.NoHint)  # type: ignore[misc]
            cell = refused[0]
            self.type_again(cell.model().index(cell.row(), cell.column()), refused[1])
            return
        if hint == Hint.SubmitModelCache:
            super().closeEditor(editor, Hint.NoHint)  # type: ignore[misc]
            self.enter_moves(-1 if up else 1)
            return
        if hint in (Hint.EditNextItem, Hint.EditPreviousItem):
            self._start_tab_run()
        super().closeEditor(editor, hint)  # type: ignore[misc]

    # Moves ------------------------------------------------------------------------------

    def enter_moves(self, rows: int) -> None:
        """Down (or up) a row; back to where a run of Tabs started; always kept in view."""
        view = self._grid()
        current = view.currentIndex()
        if not current.isValid():
            return
        column = self._tab_run_column if self._tab_run_column is not None else current.column()
        self._tab_run_column = None
        target = view.model().index(current.row() + rows, column)
        if not target.isValid():
            target = view.model().index(current.row(), column)
        view.setCurrentIndex(target)
        view.scrollTo(target)

    def type_again(self, index: QModelIndex, text: str) -> None:
        """Open the editor of ``index`` (kept in view) with ``text`` in it, to correct."""
        view = self._grid()
        view.setCurrentIndex(index)
        view.scrollTo(index)
        view.edit(index)
        editor = view.indexWidget(index)
        if editor is not None:
            put_typed_text(editor, text)

    def _start_tab_run(self) -> None:
        if self._tab_run_column is None:
            self._tab_run_column = self._grid().currentIndex().column()

    def _key_into_row(self, event: QKeyEvent) -> None:
        """Typed on a read-only cell: key it into the row's first editable cell instead."""
        view = self._grid()
        current = view.currentIndex()
        model = view.model()
        for column in range(model.columnCount()):
            target = model.index(current.row(), column)
            if self._editable(target) and not view.isColumnHidden(column):
                view.setCurrentIndex(target)
                view.scrollTo(target)
                view.edit(target, QAbstractItemView.EditTrigger.AnyKeyPressed, event)
                return
        self._tell(NO_EDITABLE_CELL)

    def _tell(self, text: str) -> None:
        signal: Any = getattr(self, "message", None)
        if signal is not None:
            signal.emit(text)

    @staticmethod
    def _typing(event: QKeyEvent) -> bool:
        text = event.text()
        return bool(text) and text.isprintable() and not event.modifiers() & _COMMAND

    @staticmethod
    def _editable(index: QModelIndex) -> bool:
        return index.isValid() and bool(index.flags() & Qt.ItemFlag.ItemIsEditable)

    def _grid(self) -> QTableView:
        view: Any = self
        assert isinstance(view, QTableView)
        return view
