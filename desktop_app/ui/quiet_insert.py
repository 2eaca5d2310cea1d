"""Rows inserted in a table view repaint from there down, not the whole grid.

Qt answers any inserted row by laying the view out again, and that ends by repainting the
entire viewport: every visible cell asks the Python model for seven roles. Keying a car
adds one row just above the new row, so on a 60-car grid each Enter repainted all
visible rows although only the rows from the insertion down look different. Rows above
the first inserted one keep their place and their look (the model announces its own
changed rows with dataChanged), so they are left as they are on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect
from PySide6.QtWidgets import QTableView


class QuietRowInsert:
    """Mix into a ``QTableView`` subclass, before the Qt class in the bases."""

    _inserted_from: int | None = None  # first row inserted since the last layout

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

    def _rows_inserted(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if not parent.isValid():
            self._item_view().executeDelayedItemsLayout()  # in this turn, as Qt would paint

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
        """Move the viewport's pixels (and cell editors) ``dy`` pixels down."""
        self._item_view().viewport().scroll(0, dy)

    def _item_view(self) -> QTableView:
        view: Any = self
        assert isinstance(view, QTableView)
        return view
