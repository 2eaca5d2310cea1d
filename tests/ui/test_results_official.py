"""Penalties, marking a session official, warnings, and undo/redo of keying."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from results_support import key_cars, open_grid, stored

from desktop_app.domain.classification import PenaltyKind, Status
from desktop_app.domain.sessions import ResultState
from desktop_app.services.editing import Editor
from desktop_app.services.result_rows import PenaltyLine
from desktop_app.services.results.columns import INDEX, OFFICIAL
from desktop_app.storage import repository as repo
from desktop_app.storage.models import RaceSession
from desktop_app.ui.results.model import WARNING_CELL, WARNING_TINT
from desktop_app.ui.results.penalty_dialog import PenaltyDialog, read_penalty
from desktop_app.ui.results.widget import ResultsEditor

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen top-level windows


@pytest.fixture
def field(field_ids: dict[str, int]) -> dict[str, int]:
    return field_ids


@pytest.fixture
def grid(qtbot, editor: Editor, field) -> ResultsEditor:
    return open_grid(qtbot, editor, field["race"])


def official(editor: Editor, race: int) -> list[tuple]:
    with editor.database.read() as session:
        rows = repo.session_results(session, race)
        return [(r.entry.car_number, r.official_position, r.official_class_position) for r in rows]


def state(editor: Editor, race: int) -> ResultState:
    with editor.database.read() as session:
        race_session = session.get(RaceSession, race)
        assert race_session is not None
        return race_session.result_state


def test_undo_and_redo_of_keying_are_in_the_file_after_each_step(
    qtbot, qtmodeltester, grid, editor, field
):
    qtmodeltester.check(grid.model)
    key_cars(qtbot, grid, ["7", "8", "3"])
    stack, race = grid.undo_stack, field["race"]
    grid.undo_stack.undo()
    assert [r[0] for r in stored(editor, race)] == ["7", "8"]
    stack.undo()
    assert stored(editor, race) == [("7", 1, 1, Status.CLASSIFIED)]
    stack.undo()
    assert stored(editor, race) == []
    assert grid.model.rowCount() == 1, "only the new row is left"
    stack.redo()
    stack.redo()
    assert stored(editor, race) == [
        ("7", 1, 1, Status.CLASSIFIED),
        ("8", 2, 1, Status.CLASSIFIED),
    ]
    stack.redo()
    assert [r[0] for r in stored(editor, race)] == ["7", "8", "3"]
    assert grid.model.index(2, INDEX["pic"]).data() == "2"


def test_penalty_then_mark_official_shows_official_positions_with_arrows(
    qtbot, qtmodeltester, grid, editor, field, monkeypatch
):
    qtmodeltester.check(grid.model)
    key_cars(qtbot, grid, ["7", "3", "8", "5"])
    changed = []
    monkeypatch.setattr(PenaltyDialog, "ask", lambda *args: changed.append(args) or lines)
    lines = (PenaltyLine(PenaltyKind.POSITIONS, positions=2, reason="Contact"),)
    grid.view.setCurrentIndex(grid.model.index(0, INDEX["number"]))
    qtbot.keyClick(grid.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert changed[0][1] == "#7"
    assert grid.model.index(0, INDEX["penalty"]).data() == "-2 places: Contact"
    assert all(grid.view.isColumnHidden(column) for column in OFFICIAL)

    grid.actions_by_name["official"].trigger()
    assert state(editor, field["race"]) is ResultState.OFFICIAL
    assert official(editor, field["race"]) == [
        ("7", 3, 2),
        ("3", 1, 1),
        ("8", 2, 1),
        ("5", 4, 3),
    ]
    assert not any(grid.view.isColumnHidden(column) for column in OFFICIAL)
    cells = [grid.model.index(r, INDEX["official_pos"]).data() for r in range(4)]
    assert cells == ["3 \u25bc2", "1 \u25b21", "2 \u25b21", "4"]
    assert grid.model.index(0, INDEX["official_pic"]).data() == "2 \u25bc1"
    assert grid.model.index(3, INDEX["official_pic"]).data() == "3"
    assert "Official" in grid.title.text()

    grid.undo_stack.undo()
    assert state(editor, field["race"]) is ResultState.PROVISIONAL  # as keyed, before
    assert official(editor, field["race"])[0] == ("7", None, None)
    assert all(grid.view.isColumnHidden(column) for column in OFFICIAL)
    grid.undo_stack.undo()
    assert grid.model.index(0, INDEX["penalty"]).data() == ""


def test_a_penalty_on_an_official_session_moves_the_official_order_at_once(
    qtbot, grid, editor, field, monkeypatch
):
    key_cars(qtbot, grid, ["7", "3"])
    grid.mark_official()
    lines = (PenaltyLine(PenaltyKind.TIME, amount_ms=30000),)
    monkeypatch.setattr(PenaltyDialog, "ask", lambda *_: lines)
    grid.view.setCurrentIndex(grid.model.index(0, INDEX["number"]))
    assert grid.edit_penalties()
    assert official(editor, field["race"]) == [("7", 1, 1), ("3", 2, 2)], (
        "no totals keyed: a time penalty cannot re-order"
    )
    assert grid.model.index(0, INDEX["penalty"]).data() == "+30.000 time"


def test_penalty_dialog_reads_times_and_places_and_refuses_nonsense() -> None:
    assert read_penalty(PenaltyKind.TIME, "5", "", True).amount_ms == 5000
    assert read_penalty(PenaltyKind.POSITIONS, "2", " Contact ", False) == PenaltyLine(
        PenaltyKind.POSITIONS, None, 2, "Contact", False
    )
    with pytest.raises(ValueError, match="needs the time added"):
        read_penalty(PenaltyKind.TIME, "", "", True)
    with pytest.raises(ValueError, match='"two" is not a number of places'):
        read_penalty(PenaltyKind.POSITIONS, "two", "", True)


def test_duplicate_car_numbers_are_warned_on_both_rows_and_kept(
    qtbot, qtmodeltester, grid, editor, field
):
    qtmodeltester.check(grid.model)
    with editor.change("Another series in the event") as edit:
        other = edit.ensure_series("IMPC", "Michelin Pilot Challenge")
        twin = edit.create_entry(field["event"], other, "7")
        edit.add_result(field["race"], field["7"], renumber=True)
        edit.add_result(field["race"], twin, renumber=True)
    model = grid.model
    assert model.rowCount() == 3
    for row in (0, 1):
        assert model.index(row, INDEX["team"]).data(Qt.ItemDataRole.BackgroundRole) == WARNING_TINT
        number = model.index(row, INDEX["number"])
        assert number.data(Qt.ItemDataRole.BackgroundRole) == WARNING_CELL
        tip = model.index(row, INDEX["laps"]).data(Qt.ItemDataRole.ToolTipRole)
        assert "Car #7 appears more than once." in tip
    tip = model.index(1, INDEX["laps"]).data(Qt.ItemDataRole.ToolTipRole)
    assert "Car #7 is not in this series' entry list." in tip
    assert [r[0] for r in stored(editor, field["race"])] == ["7", "7"]


def test_stated_class_positions_that_disagree_are_warned_not_fixed(
    qtbot, qtmodeltester, demo_editor
):
    with demo_editor.database.read() as session:
        event = repo.find_events(session, "Roar Before the 24")[0]
        race = repo.find_sessions(session, event.id, "VPSCC Race 2")[0].id
    grid = open_grid(qtbot, demo_editor, race)
    qtmodeltester.check(grid.model)
    tip = grid.model.index(2, INDEX["pic"]).data(Qt.ItemDataRole.ToolTipRole)
    assert "Class position 8 disagrees with the order" in tip
    assert grid.model.index(2, INDEX["pic"]).data() == "8"
    assert not grid.view.isColumnHidden(OFFICIAL[0]), "VPSCC Race 2 is official"


def test_penalty_dialog_adds_updates_and_removes_and_ok_keeps_a_typed_penalty(qtbot):
    first = PenaltyLine(PenaltyKind.DRIVE_THROUGH, post_session=False)
    dialog = PenaltyDialog("#12", (first,))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findText(PenaltyKind.POSITIONS.label))
    qtbot.keyClicks(dialog.amount, "two")
    dialog.add()
    assert (
        dialog.error.text() == '"two" is not a number of places (expected a whole number like 12)'
    )
    dialog.amount.setText("2")
    dialog.add()
    assert dialog.lines[1] == PenaltyLine(PenaltyKind.POSITIONS, positions=2)
    dialog.list.setCurrentRow(0)
    assert dialog.current_kind() is PenaltyKind.DRIVE_THROUGH
    dialog.remove()
    assert [line.kind for line in dialog.lines] == [PenaltyKind.POSITIONS]

    fresh = PenaltyDialog("#7", ())
    qtbot.addWidget(fresh)
    fresh.amount.setText("10")
    fresh.reason.setText("Track limits")
    fresh.accept()
    assert fresh.lines == [PenaltyLine(PenaltyKind.TIME, amount_ms=10000, reason="Track limits")]


def test_the_first_keyed_car_makes_the_session_provisional_and_undo_takes_it_back(
    qtbot, grid, editor, field
):
    assert state(editor, field["race"]) is ResultState.NONE
    key_cars(qtbot, grid, ["7"])
    assert state(editor, field["race"]) is ResultState.PROVISIONAL
    assert "Provisional, 1 car" in grid.title.text()
    key_cars(qtbot, grid, ["3"])
    grid.undo_stack.undo()
    assert state(editor, field["race"]) is ResultState.PROVISIONAL  # #7 is still keyed
    grid.undo_stack.undo()
    assert state(editor, field["race"]) is ResultState.NONE
    assert "No results, 0 cars" in grid.title.text()
    grid.undo_stack.redo()
    assert state(editor, field["race"]) is ResultState.PROVISIONAL


def test_deleting_the_last_car_empties_the_session_again(qtbot, grid, editor, field):
    key_cars(qtbot, grid, ["7"])
    grid.view.setCurrentIndex(grid.model.index(0, INDEX["number"]))
    qtbot.keyClick(grid.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert grid.model.rowCount() == 1  # only the new row
    assert state(editor, field["race"]) is ResultState.NONE
