"""Edit > Series and classes, and Session > Qualifying groups, driven like a reporter."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from sebring_files import Sebring

from desktop_app.services.editing import Editor
from desktop_app.ui.commands_grid import CommandRunner
from desktop_app.ui.groups_dialog import edit_groups
from desktop_app.ui.series_page import SeriesPage


def _runner(editor: Editor) -> CommandRunner:
    messages: list[str] = []
    return CommandRunner(editor, QUndoStack(), messages.append)


def _type_into(qtbot, table, row: int, column: int, text: str) -> None:
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    cell_editor = table.findChild(QLineEdit)
    assert cell_editor is not None
    cell_editor.selectAll()
    qtbot.keyClicks(cell_editor, text)
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on the next turn


def _names(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT code, name FROM series ORDER BY code").fetchall()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, a shown dialog
def test_rename_a_series_fill_its_classes_and_undo(qtbot, editor: Editor, db_path: Path) -> None:
    with editor.change("Add series") as edit:
        series = edit.ensure_series("IWSC", "IWSC")
        edit.ensure_class(series, "GTD")
    runner = _runner(editor)
    page = SeriesPage(runner)
    qtbot.addWidget(page)
    page.show()
    _type_into(qtbot, page.series_table, 0, 1, "IMSA WeatherTech")
    assert _names(db_path) == [("IWSC", "IMSA WeatherTech")]
    qtbot.mouseClick(page.fill_button, Qt.MouseButton.LeftButton)
    assert _names(db_path) == [("IWSC", "IMSA WeatherTech SportsCar Championship")]
    codes = [page.class_table.item(r, 0).text() for r in range(page.class_table.rowCount())]
    assert codes == ["GTD", "GTP", "LMP2", "LMP3", "GTD PRO"]
    runner.undo_stack.undo()
    runner.undo_stack.undo()
    page.reload()
    assert _names(db_path) == [("IWSC", "IWSC")]
    assert page.class_table.rowCount() == 1


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_class_code_already_taken_is_refused_with_the_reason(qtbot, editor: Editor) -> None:
    with editor.change("Add series") as edit:
        series = edit.ensure_series("IWSC", "IMSA")
        edit.ensure_class(series, "GTD")
        edit.ensure_class(series, "GTD PRO")
    page = SeriesPage(_runner(editor))
    qtbot.addWidget(page)
    page.show()
    _type_into(qtbot, page.class_table, 0, 0, "gtdpro")
    assert page.message.text() == '"gtdpro" already means class GTD PRO.'
    assert page.class_table.item(0, 0).text() == "GTD"


def test_qualifying_groups_refused_then_set_and_undone(sebring: Sebring) -> None:
    runner = _runner(sebring.editor)
    answers = iter([("GTP | LMP2", True), ("GTP | LMP2 | GTDPRO, GTD", True)])
    hints: list[str] = []

    def ask(_parent: QWidget | None, _title: str, label: str, text: str) -> tuple[str, bool]:
        hints.append(label.split("\n", maxsplit=1)[0])
        return next(answers)

    session_id = sebring.sessions["Qualifying"]
    outcome = edit_groups(runner, session_id, ask=ask)
    assert outcome == "Qualifying groups set: GTP | LMP2 | GTDPRO, GTD."
    assert hints[0].startswith("Qualifying groups GTP | LMP2 | GTD PRO, GTD (from the lap chart)")
    assert hints[1].startswith("Those qualifying groups were not saved: GTD PRO, GTD are in no")
    path = sebring.editor.database.path
    query = "SELECT qualifying_groups, groups_source FROM sessions WHERE id = ?"
    with sqlite3.connect(path) as connection:
        assert connection.execute(query, (session_id,)).fetchone() == (
            "GTP | LMP2 | GTD PRO, GTD",
            "reporter",
        )
    runner.undo_stack.undo()
    with sqlite3.connect(path) as connection:
        assert connection.execute(query, (session_id,)).fetchone() == ("", "")
