"""The window's end of the live change feed (services.live): other writers' changes on
the PostgreSQL server reach the same listeners as one's own edits, on the Qt thread.

The feed calls back on its own thread; a signal carries each ``Changes`` to the window's
thread (a queued connection), where the views refresh only what it names and keep the
cursor, exactly as after a local edit.

While the server cannot be reached a red note stays in the status bar (a passing message
is easily missed); when it is back the views read everything again, since what others
did meanwhile was not heard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from desktop_app.services.changes import Changes
from desktop_app.services.editing import Editor
from desktop_app.services.live import BACK, LOST, ChangeFeed, everything

AWAY_NOTE = "Server unreachable: retrying"


class LiveRefresh(QObject):
    """Started for an editor on a server; ``stop`` before the editor goes away."""

    arrived = Signal(object)
    status = Signal(str)

    def __init__(self, parent: QObject, editor: Editor, show_message: Callable[[str], None]):
        super().__init__(parent)
        from desktop_app.storage.server import conninfo

        assert editor.database.url is not None
        self.editor = editor
        self.show_message = show_message
        self.away_note = _away_note(parent)
        self.arrived.connect(self._apply)
        self.status.connect(self._on_status)
        self.feed = ChangeFeed(
            conninfo(editor.database.url), editor.origin, self.arrived.emit, self.status.emit
        )
        self.feed.start()

    def _apply(self, changes: Changes) -> None:
        self.editor.mark_read()  # what the views now read again is what edits check
        self.editor.announce(changes)

    def _on_status(self, text: str) -> None:
        self.show_message(text)
        if self.away_note is not None:
            self.away_note.setVisible(text == LOST)
        if text == BACK:
            self._apply(everything("Changes made while the server was away"))

    def stop(self) -> None:
        self.feed.stop()
        if self.away_note is not None:
            self.away_note.deleteLater()
            self.away_note = None


def _away_note(parent: QObject) -> QLabel | None:
    """A hidden permanent status-bar label of the window, shown while the server is away."""
    if not isinstance(parent, QMainWindow):
        return None
    note = QLabel(AWAY_NOTE)
    note.setStyleSheet("color: #b00020; font-weight: bold; padding: 0 6px")
    note.setToolTip(LOST)
    note.hide()
    parent.statusBar().addPermanentWidget(note)
    return note
