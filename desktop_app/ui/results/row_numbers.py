"""The results grid's row numbers, measured once per row count instead of on every insert.

Qt's row header works out its width by measuring every row's number (seven model calls a
row) each time rows are inserted: about 300 Python calls on a 60-car grid for each keyed
car. Here the numbers are a function of the row alone ("1" to "n", then "*" for the new
row, see ``ResultsModel.headerData``), so the size for ``n`` rows is the size for fewer
rows widened by the rows added since (the last row, "*" before, is measured again).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QHeaderView, QWidget


class RowNumbers(QHeaderView):
    """A vertical header whose size hint grows with the row count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)  # as QTableView's own: a click selects the row
        self.setHighlightSections(True)
        self._hint = QSize()
        self._measured = 0  # rows whose numbers are in ``_hint``

    def sizeHint(self) -> QSize:
        """Override QHeaderView::sizeHint: measure the rows added since the last call."""
        count = self.count()
        if count < self._measured or not self._hint.isValid():
            self._measured, self._hint = count, super().sizeHint()
            return QSize(self._hint)
        for section in range(max(self._measured - 1, 0), count):
            self._hint = self._hint.expandedTo(self.sectionSizeFromContents(section))
        self._measured = count
        return QSize(self._hint)

    def changeEvent(self, event: QEvent) -> None:
        """Override QWidget::changeEvent: another font or style measures anew."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hint = QSize()
        super().changeEvent(event)
