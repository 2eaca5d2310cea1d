"""Rows inserted in a table view repaint from there down, not the whole grid.

Qt answers any inserted row by laying the view out again, and that ends by repainting the
entire viewport: every visible cell asks the Python model for seven roles. Keying a car
adds one row just above the new row, so on a 60-car grid each Enter repainted all
visible rows although only the rows from the insertion down look different. Rows above
the first inserted one keep their place and their look (the model announces its own
changed rows with dataChanged), so they are left as they are on screen.

While rows are inserted and the grid scrolls to follow them, its open cell editors stay
where they are (``editors_held``) and are placed once afterwards: an editor moved
beneath the frozen columns' overlay before the overlay scrolls makes Qt repaint the
whole overlay instead of moving its pixels; placed after the scroll, it has not moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import QTableView, QWidget


class QuietRowInsert:
    """Mix into a ``QTableView`` subclass, before the Qt class in the bases."""

    _inserted_from: int | None = None  # first row inserted since the last layout
    _editors_held = False  # cell editors are placed when ``editors_held`` ends

    @contextmanager
    def editors_held(self) -> Iterator[None]:
        """Rows change and the grid scrolls inside; the cell editors are placed after."""
        self._editors_held = True
        try:
            yield
        finally:
            self._editors_held = False
            self._item_view().updateEditorGeometries()

    def updateEditorGeometries(self) -> None:
        """Override QAbstractItemView::updateEditorGeometries: not while held."""
        if not self._editors_held:
            super().updateEditorGeometries()  # type: ignore[misc]

    def setModel(self, model: Any) -> None:
        """Override QAbstractItemView::setModel: note inserted rows; anything else that
        moves rows asks for a full layout."""
        super().setModel(model)  # type: ignore[misc]
        model.rowsAboutToBeInserted.connect(self._rows_coming)  # before Qt may lay out
        model.rowsInserted.connect(self._rows_inserted)
        for signal in (  # before the change (Qt may lay out during it) and after
            model.rowsAboutToBeRemoved,
            model.rowsRemoved,
            model.rowsAboutToBeMoved,
            model.rowsMoved,
            model.modelAboutToBeReset,
            model.modelReset,
            model.layoutAboutToBeChanged,
            model.layoutChanged,
            model.columnsAboutToBeInserted,
            model.columnsInserted,
            model.columnsAboutToBeRemoved,
            model.columnsRemoved,
        ):
            signal.connect(self._forget_inserts)

    def _rows_coming(self, parent: QModelIndex, first: int, _last: int) -> None:
        if not parent.isValid():
            known = self._inserted_from
            self._inserted_from = first if known is None else min(known, first)
            self._row_numbers().setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, True)

    def _rows_inserted(self, parent: QModelIndex, first: int, _last: int) -> None:
        if not parent.isValid():
            self._show_row_numbers_from(first)
            self._item_view().executeDelayedItemsLayout()  # in this turn, as Qt would paint

    def _row_numbers(self) -> QWidget:
        """The row-number header's viewport, what it paints on."""
        return self._item_view().verticalHeader().viewport()

    def _show_row_numbers_from(self, first: int) -> None:
        """The row header repaints the numbers from ``first`` down: Qt repaints all of
        them on an insert (about 2 ms a keyed car), though those above stay the same."""
        numbers = self._row_numbers()
        numbers.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)
        top = max(self._item_view().rowViewportPosition(first), 0)
        numbers.update(QRect(0, top, numbers.width(), max(numbers.height() - top, 0)))

    def _forget_inserts(self, *_args: Any) -> None:
        self._inserted_from = -1  # not only inserts: the next layout repaints everything

    def doItemsLayout(self) -> None:
        """Override QAbstractItemView::doItemsLayout: after inserts only, new geometry
        and a repaint of the rows from the first inserted one down (the rows above move
        their pixels when the new geometry scrolled them)."""
        view, first = self._item_view(), self._inserted_from
        self._inserted_from = None
        if first is None or first < 0:
            super().doItemsLayout()  # type: ignore[misc]
            return
        offset = view.verticalHeader().offset()
        view.updateGeometries()
        moved = offset - view.verticalHeader().offset()
        if moved:  # a full grid: its rows moved up, the pixels go with them
            self.scroll_rows(moved)
        viewport = view.viewport()
        top = max(view.rowViewportPosition(first), 0) if first < view.model().rowCount() else 0
        viewport.update(QRect(0, top, viewport.width(), viewport.height() - top))

    def scroll_rows(self, dy: int) -> None:
        """Move the viewport's pixels (and cell editors) ``dy`` pixels down; editors that
        are held are placed afterwards, where their cells then are."""
        self._item_view().viewport().scroll(0, dy)

    def _item_view(self) -> QTableView:
        view: Any = self
        assert isinstance(view, QTableView)
        return view
