"""Column widths as a spreadsheet keeps them: fitted to the text, unless set by hand.

A column is as wide as its widest text (header included, capped) when the grid is first
shown or shows another session, and widens when an edit puts longer text in it. Only the
changed rows are measured after an edit (a keyed car: one row), never the whole grid on
every keystroke. A column the reporter resizes by dragging its header edge keeps that
width, per grid, in the settings store (``services.grid_layout``); the header menu's
"Fit columns to contents" gives the fitted widths back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QTimer
from PySide6.QtWidgets import QTableView

from desktop_app.services import grid_layout

FIT_SAMPLE_ROWS = 30  # rows measured to fit a column, visible ones first (1000: 15 ms)
PADDING = 12  # pixels of air right of the widest text
NARROWEST = 36
SAVE_DELAY_MS = 400  # a header drag resizes many times: write the settings once


class ColumnWidths(QObject):
    """Fits ``view``'s columns and keeps the reporter's; ``key_of(column)`` names a
    column in the settings (stable across versions, unlike its position)."""

    def __init__(
        self,
        view: QTableView,
        grid: str,
        key_of: Callable[[int], str],
        widest: int = 320,
        caps: dict[str, int] | None = None,
    ) -> None:
        super().__init__(view)
        self.view, self.grid, self.key_of, self.widest = view, grid, key_of, widest
        self.caps = caps or {}  # narrower limits by column key (a frozen Drivers column)
        self.user = grid_layout.user_widths(grid)
        self._setting = False
        self._unsaved: dict[str, int] = {}
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        # A drag just before the window closes is saved too (the timer dies with the view).
        view.destroyed.connect(lambda *_, grid=grid, unsaved=self._unsaved: _flush(grid, unsaved))
        header = view.horizontalHeader()
        header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        header.sectionResized.connect(self._resized)
        model = view.model()
        model.modelReset.connect(self.fit)
        model.dataChanged.connect(
            lambda top, bottom, *_: self.widen(
                top.row(), bottom.row(), range(top.column(), bottom.column() + 1)
            )
        )
        model.rowsInserted.connect(lambda _parent, first, last: self.widen(first, last))

    def fit(self) -> None:
        """Every shown column fitted to its text (rows on screen plus a sample), or the
        reporter's width."""
        for column in range(self.view.model().columnCount()):
            if self.view.isColumnHidden(column):
                continue
            width = self.user.get(self.key_of(column))
            self._set(column, width if width is not None else self._fitted(column))

    def widen(self, first: int, last: int, columns: range | None = None) -> None:
        """Rows ``first..last`` changed (in ``columns``, or all): widen the fitted columns
        their text outgrew."""
        model = self.view.model()
        stored = len(getattr(model, "rows", ())) or model.rowCount()
        # The new line at the bottom only shows hints (and autofill notes while a number is
        # typed): the columns widen for what is stored, not for what is being typed.
        rows = range(max(first, 0), min(last, first + FIT_SAMPLE_ROWS, stored - 1) + 1)
        for column in columns if columns is not None else range(model.columnCount()):
            if self.view.isColumnHidden(column) or self.key_of(column) in self.user:
                continue
            needed = max((self._cell(model.index(row, column)) for row in rows), default=0)
            if needed > self.view.columnWidth(column):
                self._set(column, needed)

    def forget(self) -> None:
        """Back to fitted widths everywhere (the reporter's widths are forgotten)."""
        self.user = {}
        self._unsaved.clear()
        grid_layout.forget_widths(self.grid)
        self.fit()

    def save(self) -> None:
        _flush(self.grid, self._unsaved)

    def _fitted(self, column: int) -> int:
        header = self.view.horizontalHeader().sectionSizeHint(column)
        return self._clamp(column, max(self.view.sizeHintForColumn(column), header))

    def _cell(self, index: QModelIndex) -> int:
        """The width ``index``'s text needs; an empty cell (most of a keyed car's: no
        times yet) needs no more than the narrowest column and is not measured."""
        if not index.isValid() or index.data() in ("", None):
            return 0
        return self._clamp(index.column(), self.view.sizeHintForIndex(index).width())

    def _clamp(self, column: int, width: int) -> int:
        widest = self.caps.get(self.key_of(column), self.widest)
        return max(NARROWEST, min(width + PADDING, widest))

    def _set(self, column: int, width: int) -> None:
        self._setting = True
        try:
            self.view.setColumnWidth(column, width)
        finally:
            self._setting = False

    def _resized(self, column: int, old: int, new: int) -> None:
        """A width the grid did not set: the reporter dragged the header edge (hiding or
        showing a column, 0 on one side, and the stretched last column do not count)."""
        header = self.view.horizontalHeader()
        stretched = header.stretchLastSection() and column == _last_shown(self.view)
        if self._setting or old == 0 or new == 0 or stretched:
            return
        key = self.key_of(column)
        self.user[key] = new
        self._unsaved[key] = new
        self._save_timer.start()


def _flush(grid: str, unsaved: dict[str, int]) -> None:
    if unsaved:
        grid_layout.remember_widths(grid, dict(unsaved))
        unsaved.clear()


def _last_shown(view: QTableView) -> int:
    header = view.horizontalHeader()
    for visual in range(header.count() - 1, -1, -1):
        logical = header.logicalIndex(visual)
        if not header.isSectionHidden(logical):
            return logical
    return -1
