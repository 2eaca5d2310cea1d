"""Composition root of the window: open the database, build the window, run Qt."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import __version__, paths
from desktop_app.services.editing import Editor
from desktop_app.storage.database import open_database
from desktop_app.storage.errors import UserFacingError


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


def run_app(path: Path, *, create_folder: bool, startup_check: bool = False) -> int:
    started = time.perf_counter()
    app = make_application()
    try:
        database = open_database(path, create_folder=create_folder)
    except UserFacingError as error:
        if startup_check:
            raise
        QMessageBox.critical(None, "RaceDesk", str(error))
        return 1
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(Editor(database))
    window.show()
    if startup_check:
        return _report_first_paint(app, started)
    code = app.exec()
    database.close()
    return int(code)


def _report_first_paint(app: QApplication, started: float) -> int:
    """Print how long until the window was painted, then quit (packaging smoke test)."""

    def done() -> None:
        elapsed = round((time.perf_counter() - started) * 1000)
        print(json.dumps({"startup_ms": elapsed}), flush=True)
        app.quit()

    QTimer.singleShot(0, done)
    app.exec()
    return 0
