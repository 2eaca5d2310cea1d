"""Composition root of the window: paint the frame, open the database, fill the window.

Paint first, then load: the window frame (menus, docks, an "Opening <file>…" page) is
shown as soon as Qt exists, and the file is opened on the event-loop turn after the
first paint, so the reporter sees RaceDesk at once even on a database of many seasons.
A file that cannot be opened still gets its one clear message, in the window.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app import __version__, paths
from desktop_app.storage.errors import UserFacingError

if TYPE_CHECKING:
    from desktop_app.storage.database import Database
    from desktop_app.ui.main_window import MainWindow

OPEN_ANYWAY_MS = 1000  # open the file even if the platform never paints (hidden window)
PLATFORM_NOISE = ("propagateSizeHints",)  # the offscreen platform's note on every window


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("RaceDesk")
    app.setOrganizationName("RaceDesk")
    app.setApplicationVersion(__version__)
    icon = racedesk_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


def racedesk_icon() -> QIcon | None:
    """The RaceDesk icon from resources/icons, when the build ships one."""
    for name in ("racedesk.svg", "racedesk.png"):
        path = paths.resources_dir() / "icons" / name
        if path.is_file():
            return QIcon(str(path))
    return None


class FirstPaint(QObject):
    """Calls ``then`` once, on the event-loop turn after ``window`` was first painted."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self.painted_at: float | None = None
        app = QApplication.instance()
        assert app is not None
        self._app = app
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override QObject::eventFilter: note the first paint of the window or a child."""
        if (
            self.painted_at is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self._window or self._window.isAncestorOf(watched))
        ):
            self.painted_at = time.perf_counter()
            self._app.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


@dataclass
class Startup:
    """One start of the window: what was opened, when, and what went wrong."""

    path: Path
    create_folder: bool
    started: float = field(default_factory=time.perf_counter)
    database: Database | None = None
    error: UserFacingError | None = None
    data_shown_at: float | None = None
    done: bool = False

    def open_into(self, window: MainWindow) -> None:
        """Open the file and fill the window."""
        self.done = True
        from desktop_app.services.editing import Editor
        from desktop_app.storage.database import open_database

        try:
            self.database = open_database(self.path, create_folder=self.create_folder)
        except UserFacingError as error:
            self.error = error
            return
        window.attach_first(Editor(self.database))
        window.repaint()  # the data on screen now, not at some later turn
        self.data_shown_at = time.perf_counter()


def run_app(
    path: Path, *, create_folder: bool, startup_check: bool = False, started: float | None = None
) -> int:
    """Run the window; ``started`` is when the command began (``perf_counter``), for the
    ``--startup-check`` figures: the Python imports before Qt count too."""
    startup = Startup(path, create_folder)
    if started is not None:
        startup.started = started
    if startup_check:
        qInstallMessageHandler(_quiet_platform_noise)
    app = make_application()
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow.opening(path)

    def open_file() -> None:
        if startup.done:  # once, whichever comes first: the first paint or the timer
            return
        startup.open_into(window)
        if startup.error is not None and not startup_check:
            QMessageBox.critical(window, "RaceDesk", str(startup.error))
        if startup.error is not None or startup_check:
            window.hide()  # not close(): that would also quit (last window) a second time
            app.quit()

    first_paint = FirstPaint(window, open_file)
    QTimer.singleShot(OPEN_ANYWAY_MS, open_file)
    window.show()
    code = app.exec()
    if startup.error is not None:
        if startup_check:
            raise startup.error
        return 1
    if startup_check:
        _report(startup, first_paint.painted_at)
    if startup.database is not None:
        startup.database.close()
    return int(code)


def _report(startup: Startup, painted_at: float | None) -> None:
    """The packaging smoke test's figures: first paint (the frame) and data shown."""

    def since_start(moment: float | None) -> int:
        return round(((moment or time.perf_counter()) - startup.started) * 1000)

    figures = {"startup_ms": since_start(painted_at), "data_ms": since_start(startup.data_shown_at)}
    print(json.dumps(figures), flush=True)


def _quiet_platform_noise(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """The smoke test's stderr is one sentence on failure: drop the headless platform's
    notes (the window is shown before the file is opened), keep every other message."""
    if not any(noise in message for noise in PLATFORM_NOISE):
        print(message, file=sys.stderr, flush=True)
