"""Spreadsheet keys with real key presses: Enter down, Shift+Enter up, Tab runs, no type-search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from results_support import key_cars, make_field, open_grid, stored_fields

from desktop_app.services.editing import Editor
from desktop_app.services.results.columns import INDEX, NUMBER
from desktop_app.ui.grids.keys import NO_EDITABLE_CELL
from desktop_app.ui.grids.view import GridView
from desktop_app.ui.models.entries_model import CAR, DRIVERS, TEAM, EntriesModel
from desktop_app.ui.results.widget import ResultsEditor

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
SHIFT = Qt.KeyboardModifier.ShiftModifier
LAPS, TOTAL = INDEX["laps"], INDEX["total"]


@pytest.fixture
def grid(qtbot, editor: Editor) -> tuple[ResultsEditor, dict[str, int]]:
    field = make_field(editor)
    widget = open_grid(qtbot, editor, field["race"])
    key_cars(qtbot, widget, ["7", "2", "99", "30"])
    return widget, field


def _open_editor(view: QAbstractItemView) -> QLineEdit:
    editors = [w for w in view.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, "typing did not open one cell editor"
    return editors[0]


def _type(qtbot, view: QAbstractItemView, text: str, key=Qt.Key.Key_Return, modifier=None):
    """Type into the current cell (opening its editor) and end with ``key``."""
    qtbot.keyClicks(view, text[0])
    editor = _open_editor(view)
    qtbot.keyClicks(editor, text[1:])
    if modifier is None:
        qtbot.keyClick(editor, key)
    else:
        qtbot.keyClick(editor, key, modifier)
    if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):  # Tab opens the next cell
        qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    QApplication.processEvents()


def _at(view: QAbstractItemView) -> tuple[int, int]:
    return view.currentIndex().row(), view.currentIndex().column()


def test_a_laps_column_keyed_down_with_enter_fills_each_row(qtbot, grid, editor):
    """The Long Beach bug: Enter stayed on row 1 and each lap count overwrote it."""
    widget, field = grid
    view = widget.view
    view.setCurrentIndex(widget.model.index(0, LAPS))
    for laps in ("27", "27", "26"):
        _type(qtbot, view, laps)
    assert _at(view) == (3, LAPS)
    _type(qtbot, view, "25", modifier=SHIFT)  # Shift+Enter: back up a row
    assert _at(view) == (2, LAPS)
    assert stored_fields(editor, field["race"], "laps") == [
        ("7", 27), ("2", 27), ("99", 26), ("30", 25),
    ]  # fmt: skip
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter without typing moves too
    qtbot.keyClick(view, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Return, SHIFT)
    assert _at(view) == (1, LAPS)


def test_after_a_run_of_tabs_enter_goes_to_the_next_row_where_the_run_began(qtbot, grid, editor):
    widget, field = grid
    view = widget.view
    view.setCurrentIndex(widget.model.index(0, LAPS))
    _type(qtbot, view, "27", key=Qt.Key.Key_Tab)
    assert _at(view) == (0, TOTAL)
    editor_line = _open_editor(view)  # Tab opens the next cell, as typing on would
    qtbot.keyClicks(editor_line, "1:40:12.345")
    qtbot.keyClick(editor_line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert _at(view) == (1, LAPS), "Enter returns to the column where the Tabs began"
    saved = stored_fields(editor, field["race"], "laps", "total_time_ms")
    assert saved[0] == ("7", 27, ((1 * 60 + 40) * 60 + 12) * 1000 + 345)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Shift)  # Shift pressed alone keeps the run
    qtbot.keyClick(view, Qt.Key.Key_Backtab, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, SHIFT)
    assert _at(view) == (1, INDEX["vehicle"])  # left of Laps (Drivers is frozen, first)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert _at(view) == (2, LAPS), "the run began in Laps"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # an arrow ends the run
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert _at(view) == (4, TOTAL)


def test_digits_in_pos_key_the_car_number_instead_of_searching(qtbot, grid, editor):
    """Typing 5 on the new row's Pos cell keys car #5; no jump to a row starting with 5."""
    widget, field = grid
    view = widget.view
    new_row = widget.model.rowCount() - 1
    view.setCurrentIndex(widget.model.index(new_row, INDEX["pos"]))
    _type(qtbot, view, "5")
    assert [car for car, _laps in stored_fields(editor, field["race"], "laps")] == [
        "7", "2", "99", "30", "5",
    ]  # fmt: skip
    view.setCurrentIndex(widget.model.index(2, INDEX["pic"]))
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert _at(view) == (2, NUMBER), "the row's first editable cell, not another row"
    assert _open_editor(view).text() == "3"
    qtbot.keyClick(_open_editor(view), Qt.Key.Key_Escape)
    assert stored_fields(editor, field["race"], "laps")[2] == ("99", None)


@pytest.fixture
def entries(make_grid, runner, roar_id) -> GridView:
    return make_grid(EntriesModel(runner, roar_id))


def test_entries_grid_tab_run_then_enter_and_shift_tab(qtbot, entries, demo_editor, roar_id):
    view = entries
    view.setCurrentIndex(view.model().index(2, TEAM))
    _type(qtbot, view, "Team A", key=Qt.Key.Key_Tab)
    line = _open_editor(view)
    qtbot.keyClicks(line, "Car A")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _at(view) == (2, DRIVERS))
    qtbot.keyClick(_open_editor(view), Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert _at(view) == (3, TEAM)
    model = view.model()
    assert [model.index(2, c).data() for c in (TEAM, TEAM + 1)] == ["Team A", "Car A"]
    _type(qtbot, view, "Team B", key=Qt.Key.Key_Backtab)
    assert _at(view) == (3, TEAM - 1)
    qtbot.keyClick(_open_editor(view), Qt.Key.Key_Escape)
    view.setCurrentIndex(model.index(3, TEAM))
    _type(qtbot, view, "Team C", modifier=SHIFT)
    assert _at(view) == (2, TEAM)
    assert model.index(3, TEAM).data() == "Team C"
    assert model.index(0, CAR).data()  # the grid kept its rows


def test_a_row_with_nothing_to_key_says_why(qtbot, grid):
    widget, _field = grid
    view = widget.view
    for column in range(widget.model.columnCount()):
        if column != INDEX["pos"]:
            view.setColumnHidden(column, True)
    view.setCurrentIndex(widget.model.index(0, INDEX["pos"]))
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert view.state() != QAbstractItemView.State.EditingState
    assert widget.message.text() == NO_EDITABLE_CELL
    assert _at(view) == (0, INDEX["pos"])
