"""Timing helpers for window benchmarks: wait for a real first paint, not just show()."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

PAINT_TIMEOUT_S = 20.0


class PaintWatcher(QObject):
    """Notes when ``widget`` (or any widget inside it) has been painted."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.painted = False
        self._widget = widget
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        """Override QObject::eventFilter."""
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self._widget or self._widget.isAncestorOf(watched))
        ):
            self.painted = True
        return False

    def wait(self) -> None:
        deadline = time.perf_counter() + PAINT_TIMEOUT_S
        while not self.painted:
            QApplication.processEvents()
            if time.perf_counter() > deadline:
                raise AssertionError("the window was never painted")
        QApplication.instance().removeEventFilter(self)


def show_and_wait_for_paint(window: QWidget) -> None:
    watcher = PaintWatcher(window)
    window.show()
    watcher.wait()
