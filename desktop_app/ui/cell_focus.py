"""Focus moves between a grid and its own cell editor without repainting the whole grid.

Qt repaints an item view's frame and its entire viewport on every focus change (the view
may draw itself differently with and without focus). Keying a car number opens a cell
editor (the grid loses focus to it) and Enter closes it (the grid gets it back): on a
full 60-car grid those were two whole-grid repaints per car, about half of what Enter
cost. Before the editor opened and after it closed the grid has the same focus, so only
the current cell can look different: that cell is repainted, nothing else.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QWidget


class QuietEditorFocus:
    """Mix into a ``QAbstractItemView`` subclass, before the Qt class in the bases."""

    _closing_editor = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Override QAbstractItemView::focusOutEvent: quiet when a cell editor takes it."""
        view = self._view()
        if view.state() == QAbstractItemView.State.EditingState:
            self._repaint_current_cell()
            event.accept()
            return
        super().focusOutEvent(event)  # type: ignore[misc]

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Override QAbstractItemView::focusInEvent: quiet when a cell editor gives it back."""
        if self._closing_editor and self._view().currentIndex().isValid():
            self._repaint_current_cell()
            event.accept()
            return
        super().focusInEvent(event)  # type: ignore[misc]

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Override QAbstractItemView::closeEditor: note that the focus comes back from it."""
        self._closing_editor = True
        try:
            super().closeEditor(editor, hint)  # type: ignore[misc]
        finally:
            self._closing_editor = False

    def _repaint_current_cell(self) -> None:
        view = self._view()
        current = view.currentIndex()
        if current.isValid():
            view.viewport().update(view.visualRect(current))

    def _view(self) -> QAbstractItemView:
        view: Any = self
        assert isinstance(view, QAbstractItemView)
        return view
