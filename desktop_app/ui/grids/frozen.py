"""Columns that stay put while a grid scrolls sideways (Pos, No., Drivers in results).

Qt's "Frozen Column" recipe: a second, borderless table view over the same model and the
same selection model shows only the frozen columns, laid over the left edge of the
grid's viewport. The grid itself shows the frozen columns first (moved there in the
header, so the model's column numbers do not change) and scrolls by pixel; when the
cursor goes to a cell hidden under the frozen part the grid scrolls just enough to
show it. The overlay never takes focus: the keys stay with the grid, clicks in the
overlay move the grid's cursor (shared selection), a double click edits in the grid.

Mix :class:`FrozenColumnsView` into the grid's view class (before the Qt class) and call
``freeze_columns([...])`` once the model is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

from desktop_app.ui.quiet_insert import QuietRowInsert

Hint = QAbstractItemView.ScrollHint
EDGE = 2  # pixels of the line right of the frozen columns


class FrozenColumns(QObject):
    """The overlay of ``view``'s frozen ``columns`` (model column numbers, in order)."""

    def __init__(self, view: QTableView, columns: Sequence[int]) -> None:
        super().__init__(view)
        self.view, self.columns = view, list(columns)
        self.overlay = overlay = _Overlay(view)
        overlay.setObjectName("frozenColumns")
        overlay.setModel(view.model())
        overlay.setSelectionModel(view.selectionModel())
        self._look_like(view)
        for target, column in enumerate(self.columns):
            for header in (view.horizontalHeader(), overlay.horizontalHeader()):
                header.moveSection(header.visualIndex(column), target)
        self.show_columns()
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.viewport().stackUnder(overlay)
        self._connect()
        self.place()
        overlay.show()

    def _look_like(self, view: QTableView) -> None:
        overlay = self.overlay
        overlay.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        overlay.setAutoScroll(False)  # the grid scrolls to its cursor; the overlay follows
        overlay.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        overlay.setSelectionBehavior(view.selectionBehavior())
        overlay.setSelectionMode(view.selectionMode())
        overlay.setAlternatingRowColors(view.alternatingRowColors())
        overlay.setWordWrap(False)
        overlay.verticalHeader().hide()
        rows = overlay.verticalHeader()
        rows.setSectionResizeMode(rows.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.verticalHeader().defaultSectionSize())
        overlay.horizontalHeader().setHighlightSections(False)
        overlay.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        overlay.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        overlay.setStyleSheet(  # no frame but a line where the grid scrolls under it
            f"QTableView#frozenColumns {{ border: none; border-right: {EDGE}px solid #8c96a0; }}"
        )
        # Opaque (the style sheet makes it see-through when it polishes it): Qt then
        # scrolls it by moving its pixels, and never paints the grid's cells beneath it.
        overlay.ensurePolished()
        overlay.setAutoFillBackground(True)
        overlay.viewport().setAutoFillBackground(True)
        overlay.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # The grid's delegates are not shared: a delegate talks to every view using it,
        # and the overlay never edits (its cells are painted as plain text).

    def _connect(self) -> None:
        view, overlay = self.view, self.overlay
        view.horizontalHeader().sectionResized.connect(self._main_resized)
        overlay.horizontalHeader().sectionResized.connect(self._overlay_resized)
        view.verticalScrollBar().valueChanged.connect(overlay.verticalScrollBar().setValue)
        overlay.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.model().modelReset.connect(self.show_columns)
        overlay.doubleClicked.connect(view.edit)
        overlay.pressed.connect(lambda _index: view.setFocus())  # keys go to the grid
        overlay.customContextMenuRequested.connect(self._context_menu)
        for watched in (view, view.verticalHeader(), view.horizontalHeader(), view.viewport()):
            watched.installEventFilter(self)  # row numbers widen from 9 to 10 rows: follow

    def show_columns(self) -> None:
        """Only the frozen columns in the overlay (as hidden or shown as in the grid)."""
        for column in range(self.view.model().columnCount()):
            hidden = column not in self.columns or self.view.isColumnHidden(column)
            self.overlay.setColumnHidden(column, hidden)
            if not hidden:
                self.overlay.setColumnWidth(column, self.view.columnWidth(column))

    def width(self) -> int:
        return sum(
            self.view.columnWidth(c) for c in self.columns if not self.view.isColumnHidden(c)
        )

    def place(self) -> None:
        """Over the left edge of the grid's viewport, header included."""
        view = self.view
        frame = view.frameWidth()
        height = view.viewport().height() + view.horizontalHeader().height()
        left = view.verticalHeader().width() + frame
        self.overlay.setGeometry(left, frame, self.width() + EDGE, height)

    def uncover(self, cell: QRect) -> None:
        """A hole in the overlay where ``cell`` (grid viewport coordinates) is edited: the
        editor shows through and the rest of the overlay stays (hiding it would repaint
        all of it, and the grid beneath it, when it comes back)."""
        viewport = self.view.viewport()
        top_left = self.overlay.mapFrom(self.view, viewport.mapTo(self.view, cell.topLeft()))
        hole = QRect(top_left, cell.size()).adjusted(-1, -1, 1, 1)
        self.overlay.setMask(QRegion(self.overlay.rect()).subtracted(QRegion(hole)))

    def cover(self) -> None:
        """The whole overlay again after an edit (``uncover``)."""
        if not self.overlay.mask().isEmpty():
            self.overlay.clearMask()

    def scroll_beside(self, dy: int, *, move_editors: bool = True) -> None:
        """Scroll the grid's viewport ``dy`` pixels down right of the overlay (Qt moves
        the pixels of a part no widget lies over), with the cell editors in it unless
        the grid places them itself afterwards (``QuietRowInsert.editors_held``).

        The overlay scrolls first: an editor moved beneath it (a frozen cell's, as the
        car number typed in the new row) before it moves its pixels makes Qt repaint
        the whole overlay instead."""
        self.overlay.verticalScrollBar().setValue(self.view.verticalScrollBar().value())
        viewport = self.view.viewport()
        left = self.overlay.geometry().right() + 1 - viewport.geometry().left()
        viewport.scroll(0, dy, QRect(left, 0, viewport.width() - left, viewport.height()))
        if move_editors:
            for child in viewport.findChildren(
                QWidget, "", Qt.FindChildOption.FindDirectChildrenOnly
            ):
                child.move(child.x(), child.y() + dy)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the grid's size (its scroll bars come and go, its row header widens, its
        viewport moves)."""
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.LayoutRequest):
            self.place()
        return super().eventFilter(watched, event)

    def _main_resized(self, column: int, _old: int, new: int) -> None:
        if column in self.columns:
            if self.overlay.columnWidth(column) != new and new > 0:
                self.overlay.setColumnWidth(column, new)
            self.place()

    def _overlay_resized(self, column: int, _old: int, new: int) -> None:
        """The reporter dragged a frozen column's edge (the overlay's header is on top)."""
        if column in self.columns and new > 0 and self.view.columnWidth(column) != new:
            self.view.setColumnWidth(column, new)

    def _context_menu(self, point: QPoint) -> None:
        where = self.view.viewport().mapFromGlobal(self.overlay.viewport().mapToGlobal(point))
        self.view.customContextMenuRequested.emit(where)


class _Overlay(QuietRowInsert, QTableView):
    """The overlay's view: a car keyed repaints its rows from the new one down."""


class FrozenColumnsView:
    """Mix into a ``QTableView`` subclass (before the Qt class) that freezes columns."""

    frozen: FrozenColumns | None = None

    def freeze_columns(self, columns: Sequence[int]) -> FrozenColumns:
        self.frozen = FrozenColumns(self._table(), columns)
        return self.frozen

    def scrollTo(self, index: QModelIndex, hint: Hint = Hint.EnsureVisible) -> None:
        """Override QAbstractItemView::scrollTo: a frozen cell is always on screen (scroll
        up or down only); a cell under the frozen part is scrolled out from under it."""
        frozen, view = self.frozen, self._table()
        if frozen is None or not index.isValid():
            super().scrollTo(index, hint)  # type: ignore[misc]
            return
        bar = view.horizontalScrollBar()
        kept = bar.value()
        super().scrollTo(index, hint)  # type: ignore[misc]
        if index.column() in frozen.columns:
            bar.setValue(kept)
            return
        hidden = frozen.width() + EDGE - view.visualRect(index).left()
        if hidden > 0:
            bar.setValue(bar.value() - hidden)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """Override QTableView::scrollContentsBy: rows scrolling up or down move the
        pixels beside the overlay (Qt repaints a viewport a widget lies over whole): a
        car keyed on a full grid scrolls it a row, and only that row is painted."""
        view = self._table()
        per_item = view.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem
        if dx or not dy or not per_item or not self._overlaid():
            super().scrollContentsBy(dx, dy)  # type: ignore[misc]
            return
        rows, bar = view.verticalHeader(), view.verticalScrollBar()
        before = rows.offset()
        if bar.value() == bar.maximum() > 0:  # as Qt does: the last row at the bottom
            rows.setOffsetToLastSection()
        else:
            rows.setOffsetToSectionPosition(bar.value())
        if rows.offset() != before:
            self.scroll_rows(before - rows.offset())

    def scroll_rows(self, dy: int) -> None:
        """Move the grid's pixels (and cell editors) ``dy`` pixels down: beside the
        overlay only when it is there (under it nothing is seen)."""
        if self.frozen is not None and self._overlaid():
            held = bool(getattr(self, "_editors_held", False))  # QuietRowInsert's
            self.frozen.scroll_beside(dy, move_editors=not held)
        else:
            self._table().viewport().scroll(0, dy)

    def _overlaid(self) -> bool:
        return self.frozen is not None and self.frozen.overlay.isVisible()

    def edit(self, index: QModelIndex, trigger: Any = None, event: QEvent | None = None) -> bool:
        """Override QAbstractItemView::edit: a frozen cell's editor opens in the grid, so
        the grid scrolls fully left and the overlay steps aside while the editor is open."""
        view, frozen = self._table(), self.frozen
        if trigger is None:
            trigger = QAbstractItemView.EditTrigger.AllEditTriggers
        editing_frozen = frozen is not None and index.isValid() and index.column() in frozen.columns
        if editing_frozen and frozen is not None:
            view.horizontalScrollBar().setValue(0)
        opened = bool(super().edit(index, trigger, event))  # type: ignore[misc]
        if opened and editing_frozen and frozen is not None:
            frozen.uncover(view.visualRect(index))
        return opened

    def commitData(self, editor: QWidget) -> None:
        """Override QAbstractItemView::commitData: the overlay is whole before the value is
        saved (the editor closes right after), so a grid scrolling to a new row moves the
        overlay's pixels instead of repainting it (Qt repaints a masked widget whole)."""
        if self.frozen is not None:
            self.frozen.cover()
        super().commitData(editor)  # type: ignore[misc]

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Override QAbstractItemView::closeEditor: the overlay comes back."""
        if self.frozen is not None:
            self.frozen.cover()
        super().closeEditor(editor, hint)  # type: ignore[misc]

    def _table(self) -> QTableView:
        view: Any = self
        assert isinstance(view, QTableView)
        return view
