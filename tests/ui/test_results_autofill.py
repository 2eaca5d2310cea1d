"""Autofill as a car number is typed: the row shows the car before Enter is pressed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from results_support import key_cars, open_grid, start_typing, stored

from desktop_app.services.editing import Editor
from desktop_app.services.results.columns import INDEX
from desktop_app.ui.results.model import HINT_COLOUR, LOST
from desktop_app.ui.results.widget import ResultsEditor

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def field(field_ids: dict[str, int]) -> dict[str, int]:
    return field_ids


@pytest.fixture
def grid(qtbot, editor: Editor, field) -> ResultsEditor:
    return open_grid(qtbot, editor, field["race"])


def shown(grid: ResultsEditor, row: int, column: str, role=Qt.ItemDataRole.DisplayRole):
    return grid.model.index(row, INDEX[column]).data(role)


def test_each_keystroke_shows_the_car_the_number_stands_for(qtbot, grid, editor, field):
    editor_widget = start_typing(qtbot, grid, "1")
    new_row = grid.model.rowCount() - 1
    assert shown(grid, new_row, "team") == "#1 not in the entry list"
    assert shown(grid, new_row, "vehicle") == "Enter adds it"
    assert shown(grid, new_row, "team", Qt.ItemDataRole.ToolTipRole) == (
        "#1 is not in the VP Racing SportsCar Challenge entry list: Enter offers to add it"
    )
    assert shown(grid, new_row, "team", Qt.ItemDataRole.ForegroundRole) == LOST
    qtbot.keyClick(editor_widget, "3")
    assert [shown(grid, new_row, c) for c in ("class", "team", "vehicle", "drivers")] == [
        "LMP3",
        "Team 13",
        "Car 13",
        "Ann Driver13",
    ]
    assert shown(grid, new_row, "team", Qt.ItemDataRole.ForegroundRole) == HINT_COLOUR
    assert stored(editor, field["race"]) == [], "nothing is saved before Enter"
    qtbot.keyClick(editor_widget, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor_widget, Qt.Key.Key_Backspace)
    assert shown(grid, new_row, "team") == "\u2190 car number + Enter"  # the hint again


def test_enter_keys_the_previewed_car_and_the_next_row_is_empty(qtbot, grid, editor, field):
    editor_widget = start_typing(qtbot, grid, "13")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert [row[0] for row in stored(editor, field["race"])] == ["13"]
    assert shown(grid, 0, "team") == "Team 13"
    assert shown(grid, 0, "team", Qt.ItemDataRole.ForegroundRole) is None  # saved: not grey
    assert shown(grid, 1, "team") == "\u2190 car number + Enter"


def test_escape_drops_the_preview(qtbot, grid):
    editor_widget = start_typing(qtbot, grid, "13")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert shown(grid, 0, "team") == "\u2190 car number + Enter"


def test_a_car_already_keyed_is_named_with_its_row(qtbot, grid):
    key_cars(qtbot, grid, ["7", "13"])
    start_typing(qtbot, grid, "13")
    assert shown(grid, 2, "team") == "#13 is already in row 2"
    assert shown(grid, 2, "team", Qt.ItemDataRole.ToolTipRole) == (
        "#13 is already in these results (row 2)"
    )


def test_typing_over_a_keyed_number_previews_the_new_car_in_that_row(qtbot, grid):
    key_cars(qtbot, grid, ["7"])
    editor_widget = start_typing(qtbot, grid, "21", row=0)
    assert shown(grid, 0, "team") == "Team 21"
    assert shown(grid, 0, "laps") in ("", None)  # the row's own values are not touched
    qtbot.keyClick(editor_widget, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert shown(grid, 0, "team") == "Team 7"
