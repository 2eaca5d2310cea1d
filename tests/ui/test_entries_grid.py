"""The entry-list grid, driven with real key presses and the real clipboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.ui.grids.view import GridView
from desktop_app.ui.models.entries_model import CAR, CLASS, DRIVERS, TAGS, TEAM, EntriesModel


def _entry(editor: Editor, event_id: int, number: str) -> dict[str, object]:
    with editor.database.read() as session:
        found = [e for e in repo.event_entries(session, event_id) if e.car_number == number]
        assert len(found) == 1, f"car {number}: {len(found)} entries"
        entry = found[0]
        return {
            "series": entry.series.code,
            "class": entry.race_class.code if entry.race_class else None,
            "team": entry.team.name if entry.team else None,
            "vehicle": entry.vehicle,
            "drivers": [(d.first_name, d.last_name) for d in entry.drivers],
            "tags": [t.name for t in entry.tags],
        }


def _count(editor: Editor, event_id: int) -> int:
    with editor.database.read() as session:
        return len(repo.event_entries(session, event_id))


@pytest.fixture
def grid(make_grid, runner, roar_id):
    return make_grid(EntriesModel(runner, roar_id))


def _row_of(view: GridView, number: str) -> int:
    model = view.grid_model()
    return next(i for i, row in enumerate(model.rows) if row.cells[CAR] == number)


def test_keyed_team_and_drivers_are_saved(qtbot, grid, key_cell, demo_editor, roar_id):
    row = _row_of(grid, "12")
    key_cell(grid, row, TEAM, "Vasser Sullivan Racing")
    key_cell(grid, row, DRIVERS, "Parker Thompson; Jack HAWKSWORTH; Ben Barnicoat")
    saved = _entry(demo_editor, roar_id, "12")
    assert saved["team"] == "Vasser Sullivan Racing"
    assert saved["drivers"] == [
        ("Parker", "Thompson"),
        ("Jack", "Hawksworth"),
        ("Ben", "Barnicoat"),
    ]
    assert grid.model().index(row, DRIVERS).data() == (
        "Parker Thompson; Jack Hawksworth; Ben Barnicoat"
    )
    assert grid.currentIndex().row() == row + 1, "Enter moves to the next row"


def test_typing_in_the_new_row_adds_an_entry(qtbot, grid, key_cell, demo_editor, roar_id):
    before = _count(demo_editor, roar_id)
    new_row = len(grid.grid_model().rows)
    key_cell(grid, new_row, CAR, "99")
    assert _count(demo_editor, roar_id) == before + 1
    assert grid.model().index(new_row, CAR).data() == "99"
    key_cell(grid, new_row, CLASS, "gtdpro")
    assert _entry(demo_editor, roar_id, "99")["class"] == "GTD PRO"


def test_taken_car_number_is_refused_and_old_value_kept(
    qtbot, grid, key_cell, demo_editor, messages
):
    row = _row_of(grid, "12")
    other = grid.grid_model().rows[row + 1].cells[CAR]
    key_cell(grid, row, CAR, other)
    assert grid.model().index(row, CAR).data() == "12"
    assert "already in the" in messages[-1]
    assert "already in the" in grid.model().index(row, CAR).data(Qt.ItemDataRole.ToolTipRole)


def test_paste_block_from_excel_creates_rows_in_one_undo_step(
    qtbot, grid, demo_editor, roar_id, undo_stack
):
    before = _count(demo_editor, roar_id)
    block = (
        "77\tIWSC\tGTDPRO\tAO Racing\tPorsche 911 GT3 R\t"
        '"Laurin Heinrich; Klaus BACHLER"\tRookie\r\n'
        "3\tIWSC\tGTD PRO\tCorvette Racing by Pratt Miller\tCorvette Z06 GT3.R\t"
        "Antonio Garcia\t\r\n"
    )
    QGuiApplication.clipboard().setText(block)
    grid.setCurrentIndex(grid.model().index(len(grid.grid_model().rows), CAR))
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _count(demo_editor, roar_id) == before + 2
    added = _entry(demo_editor, roar_id, "77")
    assert added["class"] == "GTD PRO" and added["team"] == "AO Racing"
    assert added["drivers"] == [("Laurin", "Heinrich"), ("Klaus", "Bachler")]
    assert added["tags"] == ["Rookie"]
    assert _entry(demo_editor, roar_id, "3")["drivers"] == [("Antonio", "Garcia")]
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert _count(demo_editor, roar_id) == before
    undo_stack.redo()
    assert _entry(demo_editor, roar_id, "77")["team"] == "AO Racing"
    assert {row.cells[CAR] for row in grid.grid_model().rows[-2:]} == {"77", "3"}


def test_one_value_pasted_over_a_selection_fills_it(qtbot, grid, key_cell, demo_editor, roar_id):
    model = grid.model()
    top, bottom = _row_of(grid, "12"), _row_of(grid, "13")
    QGuiApplication.clipboard().setText("GTD PRO\n")
    grid.selectionModel().select(
        QItemSelection(model.index(top, CLASS), model.index(bottom, CLASS)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    assert grid.paste()
    assert _entry(demo_editor, roar_id, "12")["class"] == "GTD PRO"
    assert _entry(demo_editor, roar_id, "13")["class"] == "GTD PRO"


def test_copy_gives_tab_separated_cells(qtbot, grid, key_cell):
    row = _row_of(grid, "12")
    model = grid.model()
    selection = grid.selectionModel()
    top_left, bottom_right = model.index(row, CAR), model.index(row + 1, CLASS)
    selection.select(
        QItemSelection(top_left, bottom_right), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    qtbot.keyClick(grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "12\tIWSC\tGTD"
    assert len(lines) == 2 and lines[1].count("\t") == 2


def test_undo_redo_of_a_tags_edit(qtbot, grid, key_cell, demo_editor, roar_id, undo_stack):
    row = _row_of(grid, "12")
    old_tags = _entry(demo_editor, roar_id, "12")["tags"]
    key_cell(grid, row, TAGS, "Canadian, Rookie")
    assert _entry(demo_editor, roar_id, "12")["tags"] == ["Canadian", "Rookie"]
    assert undo_stack.undoText().startswith("Tags of #12")
    undo_stack.undo()
    assert _entry(demo_editor, roar_id, "12")["tags"] == old_tags
    assert grid.model().index(row, TAGS).data() == ", ".join(old_tags)
    undo_stack.redo()
    assert grid.model().index(row, TAGS).data() == "Canadian, Rookie"


def test_insert_and_delete_rows_are_undoable(
    qtbot, grid, key_cell, demo_editor, roar_id, undo_stack
):
    before = _count(demo_editor, roar_id)
    grid.setCurrentIndex(grid.model().index(0, CAR))
    qtbot.keyClick(grid, Qt.Key.Key_Insert)
    assert _count(demo_editor, roar_id) == before + 1
    assert grid.model().index(0, CAR).data() == ""
    qtbot.keyClick(grid, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert _count(demo_editor, roar_id) == before
    undo_stack.undo()
    undo_stack.undo()
    assert _count(demo_editor, roar_id) == before
    undo_stack.redo()
    undo_stack.redo()
    assert _count(demo_editor, roar_id) == before


def test_a_new_entry_is_keyed_across_with_tab(qtbot, grid, demo_editor, roar_id):
    new_row = len(grid.grid_model().rows)
    grid.setCurrentIndex(grid.model().index(new_row, CAR))
    grid.setFocus()
    qtbot.keyClicks(grid, "4")  # typing opens the editor; Tab saves and edits the next cell
    for rest in ("4", "IWSC", "GTD", "Magnus Racing"):
        editor = _open_editor(grid)
        qtbot.keyClicks(editor, rest)
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda e=editor: _open_editor(grid) not in (None, e))
    saved = _entry(demo_editor, roar_id, "44")
    assert (saved["series"], saved["class"], saved["team"]) == ("IWSC", "GTD", "Magnus Racing")
    assert grid.currentIndex().row() == new_row
    assert grid.model().index(new_row + 1, CAR).data() == "+ new car"


def _open_editor(grid):
    shown = [w for w in grid.viewport().findChildren(QLineEdit) if w.isVisible()]
    return shown[0] if len(shown) == 1 else None
