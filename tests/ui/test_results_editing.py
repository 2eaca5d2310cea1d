"""Fixing a keyed classification: bad values, order, status, delete, paste, copy, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from results_support import key_cars, open_grid, stored, stored_fields, type_cell

from desktop_app.domain.classification import PenaltyKind, Status
from desktop_app.services.editing import Editor
from desktop_app.services.result_rows import PenaltyLine
from desktop_app.services.results.columns import INDEX, NUMBER
from desktop_app.ui.results.widget import ResultsEditor

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen top-level windows


@pytest.fixture
def field(field_ids: dict[str, int]) -> dict[str, int]:
    return field_ids


@pytest.fixture
def grid(qtbot, editor: Editor, field) -> ResultsEditor:
    return open_grid(qtbot, editor, field["race"])


@pytest.fixture
def keyed(qtbot, grid: ResultsEditor) -> ResultsEditor:
    """Four cars keyed in finishing order: 7 (LMP3), 8 (GSX), 3 (LMP3), 2 (GSX)."""
    key_cars(qtbot, grid, ["7", "8", "3", "2"])
    return grid


def order(editor: Editor, race: int) -> list[str]:
    return [row[0] for row in stored(editor, race)]


def test_optional_columns_take_sheet_forms_and_show_them_normalised(
    qtbot, qtmodeltester, keyed, editor, field
):
    qtmodeltester.check(keyed.model)
    type_cell(qtbot, keyed, "42 laps", row=0, column="laps")
    type_cell(qtbot, keyed, "1:02:03,4", row=0, column="total")
    type_cell(qtbot, keyed, "1'47.1", row=0, column="best_lap")
    type_cell(qtbot, keyed, "2 Laps", row=1, column="gap")
    type_cell(qtbot, keyed, "+0.15", row=2, column="gap")
    type_cell(qtbot, keyed, "driver7", row=0, column="qualifying_driver")
    type_cell(qtbot, keyed, "P4", row=0, column="grid")
    assert stored_fields(
        editor, field["race"], "laps", "total_time_ms", "best_lap_ms", "gap_first_ms",
        "gap_first_laps", "grid_position",
    )[:3] == [
        ("7", 42, 3723400, 107100, None, None, 4),
        ("8", None, None, None, None, 2, None),
        ("3", None, None, None, 150, None, None),
    ]  # fmt: skip
    cells = [keyed.model.index(0, INDEX[c]).data() for c in ("laps", "total", "best_lap", "grid")]
    assert cells == ["42", "1:02:03.400", "1:47.100", "4"]
    assert keyed.model.index(1, INDEX["gap"]).data() == "+2 Laps"
    assert keyed.model.index(2, INDEX["gap"]).data() == "+0.150"
    assert keyed.model.index(0, INDEX["qualifying_driver"]).data() == "Ann Driver7"
    assert keyed.undo_stack.text(keyed.undo_stack.count() - 1) == "Set grid of #7"


def test_a_bad_lap_time_is_refused_in_place_and_the_old_value_stays(
    qtbot, qtmodeltester, keyed, editor, field
):
    qtmodeltester.check(keyed.model)
    type_cell(qtbot, keyed, "1:47.123", row=0, column="best_lap")
    commands = keyed.undo_stack.count()
    grid_top = keyed.view.geometry().top()
    type_cell(qtbot, keyed, "1:77.123", row=0, column="best_lap")
    assert stored_fields(editor, field["race"], "best_lap_ms")[0] == ("7", 107123)
    assert keyed.model.index(0, INDEX["best_lap"]).data() == "1:47.123"
    assert keyed.message.text() == (
        'Best lap of #7 not changed: "1:77.123" is not a lap time '
        "(seconds must be below 60 when minutes are given)"
    )
    assert keyed.view.geometry().top() == grid_top  # the message did not push the grid
    assert keyed.undo_stack.count() == commands
    # The typed text is back in the cell's editor, to be corrected rather than retyped.
    reopened = keyed.view.indexWidget(keyed.model.index(0, INDEX["best_lap"]))
    assert isinstance(reopened, QLineEdit)
    assert reopened.text() == "1:77.123"
    reopened.setCursorPosition(2)
    qtbot.keyClick(reopened, Qt.Key.Key_Delete)
    qtbot.keyClick(reopened, Qt.Key.Key_Delete)
    qtbot.keyClicks(reopened, "46")  # 1:77.123 corrected to 1:46.123
    qtbot.keyClick(reopened, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: keyed.view.state() != QAbstractItemView.State.EditingState)
    assert stored_fields(editor, field["race"], "best_lap_ms")[0] == ("7", 106123)
    assert keyed.message.text() == ""


def test_a_refusal_message_clears_when_the_cursor_leaves_the_row(qtbot, keyed):
    type_cell(qtbot, keyed, "lots", row=0, column="laps")
    assert keyed.message.text().startswith("Laps of #7 not changed")
    reopened = keyed.view.indexWidget(keyed.view.currentIndex())
    qtbot.keyClick(reopened, Qt.Key.Key_Escape)  # Esc drops the typed text
    qtbot.wait(20)  # the event loop turns, as between a reporter's key presses
    qtbot.keyClick(keyed.view, Qt.Key.Key_Right)  # same row: the reason stays
    assert keyed.message.text().startswith("Laps of #7 not changed")
    qtbot.keyClick(keyed.view, Qt.Key.Key_Down)
    assert keyed.message.text() == ""


def test_rows_move_with_ctrl_up_and_down_and_positions_follow(
    qtbot, qtmodeltester, keyed, editor, field
):
    qtmodeltester.check(keyed.model)
    view = keyed.view
    view.setCurrentIndex(keyed.model.index(2, NUMBER))
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert stored(editor, field["race"]) == [
        ("7", 1, 1, Status.CLASSIFIED),
        ("3", 2, 2, Status.CLASSIFIED),
        ("8", 3, 1, Status.CLASSIFIED),
        ("2", 4, 2, Status.CLASSIFIED),
    ]
    assert view.currentIndex().row() == 1, "the cursor follows the moved car"
    assert keyed.undo_stack.text(keyed.undo_stack.count() - 1) == "Move #3 up"
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert order(editor, field["race"]) == ["7", "8", "3", "2"]
    assert keyed.undo_stack.text(keyed.undo_stack.count() - 1) == "Move #3 down"
    keyed.undo_stack.undo()
    assert order(editor, field["race"]) == ["7", "3", "8", "2"]
    assert [keyed.model.index(r, INDEX["pos"]).data() for r in range(4)] == ["1", "2", "3", "4"]


def test_rows_dropped_on_a_row_take_its_place(qtbot, qtmodeltester, keyed, editor, field):
    qtmodeltester.check(keyed.model)
    view = keyed.view
    view.setCurrentIndex(keyed.model.index(3, NUMBER))
    mime = QMimeData()
    mime.setData("application/x-qabstractitemmodeldatalist", b"")
    target = view.visualRect(keyed.model.index(0, NUMBER)).center()
    event = QDropEvent(
        QPointF(target),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)
    assert order(editor, field["race"]) == ["2", "7", "8", "3"]
    assert stored(editor, field["race"])[0] == ("2", 1, 1, Status.CLASSIFIED)
    assert keyed.undo_stack.text(keyed.undo_stack.count() - 1) == "Move #2 to P1"


def test_status_dns_takes_the_position_away_and_dnf_keeps_one(
    qtbot, qtmodeltester, keyed, editor, field
):
    qtmodeltester.check(keyed.model)
    type_cell(qtbot, keyed, "DNS", row=1, column="status")
    type_cell(qtbot, keyed, "retired", row=3, column="status")
    assert stored(editor, field["race"]) == [
        ("7", 1, 1, Status.CLASSIFIED),
        ("8", None, None, Status.DNS),
        ("3", 2, 2, Status.CLASSIFIED),
        ("2", 3, 1, Status.DNF),
    ]
    assert keyed.model.index(1, INDEX["status"]).data() == "DNS"
    assert keyed.model.index(1, INDEX["pos"]).data() == ""
    assert keyed.model.index(3, INDEX["status"]).data() == "DNF"


def test_delete_removes_the_row_and_undo_brings_it_back_with_fields_and_penalties(
    qtbot, qtmodeltester, keyed, editor, field, monkeypatch
):
    qtmodeltester.check(keyed.model)
    type_cell(qtbot, keyed, "1:47.5", row=1, column="best_lap")
    assert keyed.view.currentIndex().row() == 2, "Enter moved down a row"
    keyed.view.setCurrentIndex(keyed.model.index(1, INDEX["best_lap"]))
    from desktop_app.ui.results.penalty_dialog import PenaltyDialog

    penalty = PenaltyLine(PenaltyKind.TIME, amount_ms=5000, reason="Pit speed")
    monkeypatch.setattr(PenaltyDialog, "ask", lambda *_: (penalty,))
    qtbot.keyClick(keyed.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    keyed.view.setCurrentIndex(keyed.model.index(1, INDEX["laps"]))
    qtbot.keyClick(keyed.view, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert keyed.view.selected_rows() == [1]
    qtbot.keyClick(keyed.view, Qt.Key.Key_Delete)
    assert stored(editor, field["race"]) == [
        ("7", 1, 1, Status.CLASSIFIED),
        ("3", 2, 2, Status.CLASSIFIED),
        ("2", 3, 1, Status.CLASSIFIED),
    ]
    assert keyed.undo_stack.text(keyed.undo_stack.count() - 1) == "Delete #8"
    keyed.undo_stack.undo()
    assert order(editor, field["race"]) == ["7", "8", "3", "2"]
    assert stored_fields(editor, field["race"], "best_lap_ms", "class_position")[1] == (
        "8",
        107500,
        1,
    )
    assert keyed.model.index(1, INDEX["penalty"]).data() == "+5.000 time: Pit speed"
    keyed.undo_stack.redo()
    assert order(editor, field["race"]) == ["7", "3", "2"]


def test_ctrl_c_copies_the_selected_cells_as_tab_separated_text(qtbot, qtmodeltester, keyed):
    qtmodeltester.check(keyed.model)
    model, selection = keyed.model, keyed.view.selectionModel()
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    block = QItemSelection(model.index(0, INDEX["pos"]), model.index(1, INDEX["number"]))
    selection.select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(keyed.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    # in the order the columns show: Pos and No. come first (frozen, see grids/frozen.py)
    assert QApplication.clipboard().text() == "1\t7\tLMP3\t1\n2\t8\tGSX\t1"


def test_pasting_a_pdf_block_creates_rows_in_one_undo_step(
    qtbot, qtmodeltester, grid, editor, field
):
    qtmodeltester.check(grid.model)
    key_cars(qtbot, grid, ["7"])
    grid.columns.set_shown("best_lap_number", True)  # the sheet has it; a race hides it
    pasted = (
        "8   Team 8   Car 8   Ann Driver8   42   1:02:03.456   +2.5     1:47.123   30\n"
        "3   Team 3   Car 3   Ann Driver3   42   1:02:04.000   +3.044   1:47.500   12\n"
        "2   Team 2   Car 2   Ann Driver2   41   -             1 Lap    1:48.000   9    DNF\n"
    )
    QApplication.clipboard().setText(pasted)
    grid.view.setCurrentIndex(grid.model.new_row_index())
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    names = ("position", "class_position", "laps", "total_time_ms", "gap_first_ms")
    assert stored_fields(editor, field["race"], *names, "gap_first_laps", "status") == [
        ("7", 1, 1, None, None, None, None, Status.CLASSIFIED),
        ("8", 2, 1, 42, 3723456, 2500, None, Status.CLASSIFIED),
        ("3", 3, 2, 42, 3724000, 3044, None, Status.CLASSIFIED),
        ("2", 4, 2, 41, None, None, 1, Status.DNF),
    ]
    assert grid.model.index(3, INDEX["best_lap"]).data() == "1:48.000"
    assert grid.undo_stack.text(grid.undo_stack.count() - 1) == "Paste 3 rows"
    assert grid.view.currentIndex().row() == 4

    grid.undo_stack.undo()
    assert order(editor, field["race"]) == ["7"]
    grid.undo_stack.redo()
    assert order(editor, field["race"]) == ["7", "8", "3", "2"]


def test_pasting_over_rows_from_excel_changes_cars_and_values(
    qtbot, qtmodeltester, keyed, editor, field
):
    qtmodeltester.check(keyed.model)
    keyed.view.setCurrentIndex(keyed.model.index(0, INDEX["laps"]))
    assert keyed.paste("42\t1:02:03.456\n41\t\n")
    keyed.view.setCurrentIndex(keyed.model.index(2, NUMBER))
    assert keyed.paste("11\n13\n")
    assert stored_fields(editor, field["race"], "laps", "total_time_ms") == [
        ("7", 42, 3723456),
        ("8", 41, None),
        ("11", None, None),
        ("13", None, None),
    ]
    assert keyed.undo_stack.text(keyed.undo_stack.count() - 1) == "Paste 2 rows"
    keyed.undo_stack.undo()
    assert order(editor, field["race"]) == ["7", "8", "3", "2"]


def test_a_paste_with_one_bad_cell_writes_nothing_and_names_the_cell(
    qtmodeltester, keyed, editor, field
):
    qtmodeltester.check(keyed.model)
    before = stored_fields(editor, field["race"], "laps")
    keyed.view.setCurrentIndex(keyed.model.index(0, INDEX["laps"]))
    assert not keyed.paste("42\t1:02:03.456\n41\tlate\n")
    assert stored_fields(editor, field["race"], "laps") == before
    assert keyed.message.text().startswith('Row 2 of the paste, Total time: "late" is not')
    keyed.view.setCurrentIndex(keyed.model.new_row_index())
    assert not keyed.paste("555\n")
    assert "car #555 is not in this series' entry list" in keyed.message.text()
    assert not keyed.paste("7\n")
    assert keyed.message.text() == "The same car cannot be on the classification twice."
    assert order(editor, field["race"]) == ["7", "8", "3", "2"]


def test_delete_on_a_cell_empties_it_and_ctrl_delete_takes_the_car_off(
    qtbot, qtmodeltester, keyed, editor, field
):
    qtmodeltester.check(keyed.model)
    type_cell(qtbot, keyed, "42", row=0, column="laps")
    keyed.view.setCurrentIndex(keyed.model.index(0, INDEX["laps"]))
    qtbot.keyClick(keyed.view, Qt.Key.Key_Delete)
    assert stored_fields(editor, field["race"], "laps")[0] == ("7", None)
    assert order(editor, field["race"]) == ["7", "8", "3", "2"]
    qtbot.keyClick(keyed.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert stored(editor, field["race"])[0] == ("8", 1, 1, Status.CLASSIFIED)
    assert keyed.model.headerData(3, Qt.Orientation.Vertical) == "*"
