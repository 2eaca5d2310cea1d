"""Why an edit was refused, on one line beside the results toolbar.

It sits in the toolbar's row, so a refusal never pushes the grid down (it used to appear
above the grid and move every row); the whole text is also in the window's status bar
and in the line's tooltip when the row is too narrow for it. It stays while the cursor
is on the row the refusal is about and clears when the cursor leaves that row.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMainWindow, QSizePolicy

STATUS_BAR_MS = 10000


class RefusalLine(QLabel):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__()
        self.view = view
        self.row: int | None = None  # the row the reason is about (None: not noted yet)
        self.setObjectName("refusalLine")
        self.setStyleSheet("color: #b00000; padding: 2px 8px; font-weight: bold")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        view.selectionModel().currentRowChanged.connect(self._left_row)

    def say(self, text: str) -> None:
        """Show ``text`` ("" clears it) here and in the window's status bar."""
        shown = self.text()
        self.setText(text)
        self.setToolTip(text)
        # The row is noted once the key that was refused has moved the cursor (Enter moves
        # down when the editor does not open again): the reason stays until it moves on.
        self.row = None
        if text:
            QTimer.singleShot(0, self._note_row)
        window = self.window()
        bar = window.statusBar() if isinstance(window, QMainWindow) else None
        if bar is not None and text:
            bar.showMessage(text, STATUS_BAR_MS)
        elif bar is not None and shown and bar.currentMessage() == shown:
            bar.clearMessage()

    def _note_row(self) -> None:
        with contextlib.suppress(RuntimeError):  # the grid may be gone
            self.row = self.view.currentIndex().row()

    def _left_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.text() and self.row not in (None, current.row()):
            self.say("")
