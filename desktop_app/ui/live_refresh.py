"""The window's end of the live change feed (services.live): other writers' changes on
the PostgreSQL server reach the same listeners as one's own edits, on the Qt thread.

The feed calls back on its own thread; a signal carries each ``Changes`` to the window's
thread (a queued connection), where the views refresh only what it names and keep the
cursor, exactly as after a local edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_app.services.changes import Changes
from desktop_app.services.editing import Editor


class LiveRefresh(QObject):
    """Started for an editor on a server; ``stop`` before the editor goes away."""

    arrived = Signal(object)
    status = Signal(str)

    def __init__(self, parent: QObject, editor: Editor, show_message: Callable[[str], None]):
        super().__init__(parent)
        from desktop_app.services.live import ChangeFeed
        from desktop_app.storage.server import conninfo

        assert editor.database.url is not None
        self.editor = editor
        self.arrived.connect(self._apply)
        self.status.connect(show_message)
        self.feed = ChangeFeed(
            conninfo(editor.database.url), editor.origin, self.arrived.emit, self.status.emit
        )
        self.feed.start()

    def _apply(self, changes: Changes) -> None:
        self.editor.mark_read()  # what the views now read again is what edits check
        self.editor.announce(changes)

    def stop(self) -> None:
        self.feed.stop()
