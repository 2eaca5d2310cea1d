"""When the window cannot open its file: the sentence in a dialog, and a way on.

The dialog offers *Open another file...*, *New database...* or *Quit*; the file picked is
opened in the same window, and asked about again if it cannot be opened either.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop_app import paths
from desktop_app.storage.errors import UserFacingError

if TYPE_CHECKING:
    from desktop_app.ui.app import Startup
    from desktop_app.ui.main_window import MainWindow

DATABASE_FILTER = "RaceDesk databases (*.sqlite3 *.sqlite *.db);;All files (*)"


def open_or_ask(startup: Startup, window: MainWindow) -> None:
    """Open the file; while it cannot be opened, show why and open the one picked instead.

    Ends with the window filled, or with ``startup.error`` set when the reporter quit.
    """
    startup.open_into(window)
    while startup.error is not None:
        another = ask_another_file(window, startup.error)
        if another is None:
            return
        startup.path, startup.create_folder, startup.error = another, False, None
        startup.open_into(window)


def ask_another_file(window: QWidget, error: UserFacingError) -> Path | None:
    """The sentence, with a way on: open another file, start a new one, or quit."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox  # only when it is needed

    box = QMessageBox(QMessageBox.Icon.Critical, "RaceDesk", str(error), parent=window)
    other = box.addButton("Open another file…", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("New database…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    start, filters = (
        str(paths.data_dir()),
        "RaceDesk databases (*.sqlite3 *.sqlite *.db);;All files (*)",
    )
    if box.clickedButton() is other:
        name, _ = QFileDialog.getOpenFileName(window, "Open database", start, filters)
    elif box.clickedButton() is new:
        name, _ = QFileDialog.getSaveFileName(window, "New database", start, filters)
    else:
        return None
    return Path(name) if name else None
