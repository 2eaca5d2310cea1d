"""File > Restore from backup: pick a copy, confirm, and put it back in place.

The current file is always copied to the backups folder first, so a restore can itself
be undone by restoring that copy. The window reopens the database afterwards
(``MainWindow.open_database``), which also upgrades an older copy.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import paths
from desktop_app.services.settings import load_settings
from desktop_app.storage import backups, restore
from desktop_app.storage.errors import UserFacingError

PATH_ROLE = Qt.ItemDataRole.UserRole


def describe(info: backups.BackupInfo) -> str:
    """``Tue 1 Dec 2026 18:21 - Daily copy - 12 events, 7,200 results``."""
    when = info.taken_at.strftime("%a %d %b %Y %H:%M").replace(" 0", " ")
    return f"{when} - {info.label} - {_contents(info.path)}"


def _contents(path: Path) -> str:
    """What is in a copy, so the reporter can tell copies apart; never raises."""
    counts = backups.backup_counts(path)
    if counts is None:
        return "cannot be read"
    events, results = counts.events, counts.results
    return f"{events:,} event{'s' * (events != 1)}, {results:,} result{'s' * (results != 1)}"


class RestoreDialog(QDialog):
    """The backups of one database, newest first, with Restore and "Other file..."."""

    def __init__(self, database_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_path = database_path
        self.restored = False
        self.setWindowTitle("Restore from backup")
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.other = QPushButton("Other &file...")
        self.other.clicked.connect(self.restore_other_file)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore = self.buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore.clicked.connect(self.restore_selected)
        self.buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Copies of {database_path.name}, newest first:"))
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self._fill()

    def showEvent(self, event) -> None:
        """Enter in the list restores the selected copy (the button box picks Cancel)."""
        super().showEvent(event)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(button is self.restore)
        self.restore.setDefault(True)

    def _fill(self) -> None:
        self.list.clear()
        for info in backups.backup_infos(self.database_path):
            item = QListWidgetItem(describe(info))
            item.setData(PATH_ROLE, str(info.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.list.addItem("No backups yet: RaceDesk makes one on the first open of a day.")
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self.restore.setEnabled(self.selected_backup() is not None)
        self.list.setFocus()

    def selected_backup(self) -> Path | None:
        item = self.list.currentItem()
        value = item.data(PATH_ROLE) if item is not None else None
        return Path(value) if value else None

    def restore_selected(self) -> None:
        chosen = self.selected_backup()
        if chosen is not None:
            self.restore_from(chosen)

    def restore_other_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            "Restore from a copy",
            str(paths.backups_dir(self.database_path)),
            "RaceDesk databases (*.sqlite3 *.sqlite *.db);;All files (*)",
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, backup: Path) -> None:
        """Confirm, restore, and close; a refused file is explained and nothing changes."""
        question = (
            f"Replace {self.database_path.name} with the copy {backup.name}?\n\n"
            "Edits made since that copy will no longer show. The current file is kept "
            "as a backup first, so you can restore it again."
        )
        answer = QMessageBox.question(self, "Restore from backup", question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        failed: UserFacingError | None = None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # may wait for a save
        try:
            restore.restore_backup(self.database_path, backup, load_settings().backups_keep)
        except UserFacingError as error:
            failed = error
        finally:
            QApplication.restoreOverrideCursor()
        if failed is not None:
            QMessageBox.warning(self, "Restore from backup", str(failed))
            self._fill()
            return
        self.restored = True
        self.accept()


def choose_backup(parent: QWidget | None, database_path: Path) -> Path | None:
    """Let the reporter restore a backup of ``database_path``.

    Returns the database path to reopen once a backup has been put back, or None when
    nothing was restored (cancelled or refused).
    """
    dialog = RestoreDialog(database_path, parent)
    try:
        dialog.exec()
        return database_path if dialog.restored else None
    finally:
        dialog.deleteLater()
