"""File menu of the main window: databases, demo, import, export, backups, preferences.

A helper the window owns, so ``main_window.py`` stays about layout and selection. Every
feature module is imported inside its slot (the window still opens while one is missing).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from desktop_app import paths
from desktop_app.storage.errors import UserFacingError
from desktop_app.ui import window_state

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

DATABASE_FILTER = "RaceDesk databases (*.sqlite3 *.sqlite *.db);;All files (*)"


def feature(name: str) -> ModuleType | None:
    """A feature module of ``desktop_app.ui``, or None when this build lacks it."""
    try:
        return importlib.import_module(f"desktop_app.ui.{name}")
    except ImportError:
        return None


class WindowFiles:
    """Slots of the File menu of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    # Databases --------------------------------------------------------------------------

    def ask_new_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs load when used, not at start

        start = str(paths.data_dir() / "new-weekend.sqlite3")
        path, _ = QFileDialog.getSaveFileName(self.window, "New database", start, DATABASE_FILTER)
        if path:
            target = Path(path)
            if target.suffix == "":
                target = target.with_suffix(".sqlite3")
            self.open_database(target)

    def ask_open_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(self.window.editor.database.path.parent)
        path, _ = QFileDialog.getOpenFileName(self.window, "Open database", start, DATABASE_FILTER)
        if path:
            self.open_database(Path(path))

    def ask_connect_server(self) -> None:
        """File > Connect to server...: a ``postgresql://`` address (no password is kept:
        libpq's .pgpass, PGPASSWORD or the system keyring supply it)."""
        from PySide6.QtWidgets import QInputDialog

        url, accepted = QInputDialog.getText(
            self.window,
            "Connect to server",
            "PostgreSQL server, as postgresql://user@host/database:",
        )
        if accepted and url.strip():
            self.open_database(url.strip())

    def open_database(self, path: Path | str) -> bool:
        """Switch the window to another database file (or a server, given its URL);
        False (and a message) if refused."""
        from desktop_app.services.editing import Editor  # database code: not in the frame
        from desktop_app.services.settings import load_settings
        from desktop_app.storage.database import open_database
        from desktop_app.ui.grids.view import commit_open_editors

        commit_open_editors(self.window)
        try:
            database = open_database(path, keep_backups=load_settings().backups_keep)
        except UserFacingError as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self.window, "RaceDesk", str(error))
            return False
        old = self.window.editor
        self.window.detach()
        self.window.undo_stack.clear()
        self.window.attach(Editor(database))
        from desktop_app.ui.integrity_watch import watch_background_check

        watch_background_check(self.window, database)
        self.window.restore_selection()
        old.database.close()
        self.window.show_message(f"Opened {database.label}")
        return True

    def fill_recent_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        recent = window_state.recent_databases()
        for path in recent:
            action = menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_database(p))
        if not recent:
            menu.addAction("(none yet)").setEnabled(False)

    # Demo -------------------------------------------------------------------------------

    def load_demo(self) -> bool:
        """Load the demo weekend as one undo step; the navigator then shows both events."""
        from desktop_app.services.demo import DemoStep

        step = DemoStep()
        record = self.window.runner.perform("Load demo weekend", [step])
        if isinstance(record, str) or record is None:
            self.window.show_message(record or "")
            return False
        if not step.created:
            self.window.show_message("The demo weekend is already in this database.")
            return False
        self.window.runner.push(record)
        self.window.reload_navigator()
        self.refresh_current_page()
        self.window.show_message("Loaded the demo weekend: " + ", ".join(step.created))
        return True

    def refresh_current_page(self) -> None:
        page = self.window.stack.currentWidget()
        if page is self.window.events_page:
            self.window.events_page.show_events()

    # Import and export ------------------------------------------------------------------

    def ask_import(self) -> bool:
        module = feature("import_dialog")
        if module is None:
            return self._not_installed("Importing")
        window = self.window
        done = module.ask_and_import(
            window, window.editor, window.undo_stack, *self._ids(), self._series_id()
        )
        return self._imported(bool(done))

    def import_files(self, files: list[Path]) -> bool:
        """Import dropped files and folders where the navigator points (one undo step)."""
        module = feature("import_dialog")
        if module is None:
            return self._not_installed("Importing")
        window = self.window
        done = module.import_files(
            window, window.editor, window.undo_stack, files, *self._ids(), self._series_id()
        )
        return self._imported(bool(done))

    def _imported(self, done: bool) -> bool:
        """New sessions and their result states show in the navigator at once."""
        if done:
            self.window.reload_navigator()
            self.refresh_current_page()
        return done

    def _series_id(self) -> int | None:
        return self.window.current_node().series_id

    def export_workbook(self) -> Path | None:
        event_id = self._ids()[0]
        if event_id is None:
            self.window.show_message("Select an event to export its workbook.")
            return None
        module = feature("export_actions")
        if module is None:
            self._not_installed("Excel export")
            return None
        return module.export_event(self.window, self.window.editor, event_id)

    def export_session_csv(self) -> Path | None:
        session_id = self._ids()[1]
        if session_id is None:
            self.window.show_message("Select a session to export it as CSV.")
            return None
        module = feature("export_actions")
        if module is None:
            self._not_installed("CSV export")
            return None
        return module.export_session_csv(self.window, self.window.editor, session_id)

    # Backups and preferences ------------------------------------------------------------

    def restore_backup(self) -> bool:
        module = feature("dialogs.restore_dialog")
        if module is None:
            return self._not_installed("Restoring backups")
        if self.window.editor.database.is_server:
            self.window.show_message(
                "A server database is backed up on the server (pg_dump), not by RaceDesk."
            )
            return False
        chosen = module.choose_backup(self.window, self.window.editor.database.path)
        return self.open_database(chosen) if chosen is not None else False

    def ask_preferences(self) -> bool:
        module = feature("dialogs.preferences")
        if module is None:
            return self._not_installed("Preferences")
        return module.PreferencesDialog.ask(self.window) is not None

    # Helpers ----------------------------------------------------------------------------

    def _ids(self) -> tuple[int | None, int | None]:
        return self.window.current_event_id(), self.window.current_session_id()

    def _not_installed(self, what: str) -> bool:
        self.window.show_message(f"{what} is not installed in this build.")
        return False
