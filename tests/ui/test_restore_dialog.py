"""File > Restore from backup, driven as the reporter would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_app.services.editing import Editor
from desktop_app.storage import backups
from desktop_app.storage.database import open_database
from desktop_app.ui.dialogs.restore_dialog import RestoreDialog, choose_backup

MODAL = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, modal exec()


def add_event(path: Path, name: str) -> None:
    database = open_database(path)
    with Editor(database).change(f"Add {name}") as edit:
        edit.create_event(name)
    database.close()


def event_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM events ORDER BY id")]


@pytest.fixture
def two_copies(db_path: Path) -> list[Path]:
    """A database with two backups: [newest (2 events), oldest (1 event)]."""
    add_event(db_path, "Rolex 24")
    oldest = backups.make_backup(db_path, "daily")
    add_event(db_path, "Sebring 12")
    newest = backups.make_backup(db_path, "before-upgrade")
    add_event(db_path, "Long Beach")
    return [newest, oldest]


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def when_dialog_opens(action) -> None:
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, RestoreDialog):
            action(dialog)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def test_backups_are_listed_newest_first_with_what_they_hold(qtbot, db_path, two_copies) -> None:
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert len(texts) == 2
    assert texts[0].endswith("Before upgrading to a new RaceDesk - 2 events, 0 results")
    assert texts[1].endswith("Daily copy - 1 event, 0 results")
    assert dialog.selected_backup() == two_copies[0]
    assert dialog.restore.isEnabled()


@MODAL
def test_restoring_the_older_copy_replaces_the_file_and_keeps_the_current_one(
    qtbot, db_path, two_copies, answer_yes
) -> None:
    def pick_oldest(dialog: RestoreDialog) -> None:
        dialog.list.setCurrentRow(1)
        dialog.restore.click()

    when_dialog_opens(pick_oldest)
    assert choose_backup(None, db_path) == db_path

    assert event_names(db_path) == ["Rolex 24"]
    assert "The current file is kept as a backup first" in answer_yes[0]
    safety = backups.backup_infos(db_path)[0]
    assert safety.reason == "before-restore"
    assert event_names(safety.path) == ["Rolex 24", "Sebring 12", "Long Beach"]


@MODAL
def test_saying_no_then_cancel_changes_nothing(
    qtbot, db_path, two_copies, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def say_no(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", say_no)

    def decline_then_cancel(dialog: RestoreDialog) -> None:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # Enter: restore the newest copy?
        assert asked and two_copies[0].name in asked[0]
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_dialog_opens(decline_then_cancel)
    assert choose_backup(None, db_path) is None
    assert event_names(db_path) == ["Rolex 24", "Sebring 12", "Long Beach"]
    assert len(backups.list_backups(db_path)) == 2


@MODAL
def test_a_file_that_is_not_a_backup_is_explained_and_refused(
    qtbot, db_path, two_copies, tmp_path, answer_yes, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("not a database")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(notes), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warnings.append(text))

    def other_file_then_cancel(dialog: RestoreDialog) -> None:
        dialog.other.click()
        dialog.reject()

    when_dialog_opens(other_file_then_cancel)
    assert choose_backup(None, db_path) is None
    assert warnings == [f"{notes} is not a RaceDesk database (it is not an SQLite file)."]
    assert event_names(db_path) == ["Rolex 24", "Sebring 12", "Long Beach"]


def test_without_backups_there_is_nothing_to_restore(qtbot, db_path) -> None:
    add_event(db_path, "Rolex 24")
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith("No backups yet")
    assert dialog.selected_backup() is None
    assert not dialog.restore.isEnabled()


@MODAL
def test_file_menu_restore_reopens_the_window_on_the_restored_file(
    qtbot, db_path, two_copies, answer_yes
) -> None:
    from desktop_app.ui.main_window import MainWindow

    database = open_database(db_path)
    window = MainWindow(Editor(database))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tree = [item.text(0) for item in window.navigator._items()]
    assert "Long Beach" in tree

    def pick_oldest(dialog: RestoreDialog) -> None:
        dialog.list.setCurrentRow(1)
        dialog.restore.click()

    when_dialog_opens(pick_oldest)
    window.actions_by_name["restore"].trigger()

    tree = [item.text(0) for item in window.navigator._items()]
    assert "Rolex 24" in tree and "Sebring 12" not in tree and "Long Beach" not in tree
    assert window.undo_stack.count() == 0  # nothing to undo into a file that is gone
    window.close()
    window.editor.database.close()
    database.close()
