"""Tell the reporter what the background integrity check of a big file found.

A file too big to check fully within a second at open is checked in a thread
(``storage.checks.BackgroundCheck``); the window polls it and, if the file turns out to be
damaged, says so in a dialog and the status bar while the reporter can still restore a
backup. A sound file says nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from desktop_app.storage.database import Database
    from desktop_app.ui.main_window import MainWindow

POLL_MS = 250


def watch_background_check(window: MainWindow, database: Database) -> QTimer | None:
    """Poll ``database.background_check`` until it is done; None when there is none."""
    check = database.background_check
    if check is None:
        return None
    timer = QTimer(window, interval=POLL_MS)

    def poll() -> None:
        if not check.done.is_set():
            return
        timer.stop()
        timer.deleteLater()
        if check.problem:
            window.show_message(check.problem)
            QMessageBox.warning(
                window,
                "RaceDesk",
                f"{check.problem}\n\nUse File > Restore from backup to put back a sound copy.",
            )

    timer.timeout.connect(poll)
    timer.start()
    return timer
