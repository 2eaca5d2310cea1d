"""Keying a classification into the results grid with real key presses, read back from SQLite."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from results_support import (
    NUMBERS,
    expected_class_positions,
    key_cars,
    open_grid,
    stored,
    stored_fields,
    type_cell,
)

from desktop_app.domain.classification import Status
from desktop_app.services.editing import Editor
from desktop_app.services.results.columns import INDEX, NUMBER
from desktop_app.services.results.new_entry import NewEntry
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Entry
from desktop_app.ui.results.new_entry_dialog import NewEntryDialog
from desktop_app.ui.results.widget import ResultsEditor

# The offscreen platform warns on every shown top-level window with a layout.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def field(field_ids: dict[str, int]) -> dict[str, int]:
    return field_ids


@pytest.fixture
def grid(qtbot, editor: Editor, field) -> ResultsEditor:
    return open_grid(qtbot, editor, field["race"])


def test_keying_a_20_car_race_by_car_number_only(qtbot, qtmodeltester, grid, editor, field):
    qtmodeltester.check(grid.model)
    order = list(reversed(NUMBERS))
    key_cars(qtbot, grid, order)
    classes = expected_class_positions(order)
    assert stored(editor, field["race"]) == [
        (number, place, in_class, Status.CLASSIFIED)
        for place, (number, in_class) in enumerate(zip(order, classes, strict=True), start=1)
    ]
    model = grid.model
    assert [model.index(0, INDEX[c]).data() for c in ("pos", "class", "pic", "number")] == [
        "1",
        "LMP3",
        "1",
        "99",
    ]
    assert model.index(0, INDEX["team"]).data() == "Team 99"
    assert model.index(0, INDEX["drivers"]).data() == "Ann Driver99"
    assert grid.view.currentIndex().row() == 20, "the cursor waits in the next new row"
    assert grid.view.currentIndex().column() == NUMBER
    assert grid.undo_stack.count() == 20
    assert grid.undo_stack.text(0) == "Key car #99"


def test_edits_and_undo_announce_the_session_and_no_session_shows_nothing(
    qtbot, qtmodeltester, grid, field
):
    qtmodeltester.check(grid.model)
    with qtbot.waitSignal(grid.session_changed) as keyed:
        type_cell(qtbot, grid, "7")
    assert keyed.args == [field["race"]]
    with qtbot.waitSignal(grid.session_changed) as undone:
        grid.undo_stack.undo()
    assert undone.args == [field["race"]]
    assert grid.view.hasFocus()
    grid.show_session(None)
    assert grid.model.rowCount() == 0
    assert grid.title.text() == "No session selected"
    assert not grid.actions_by_name["official"].isEnabled()


def test_a_car_keyed_twice_or_unknown_and_cancelled_writes_nothing(
    qtbot, qtmodeltester, grid, editor, field, monkeypatch
):
    qtmodeltester.check(grid.model)
    asked = []
    monkeypatch.setattr(NewEntryDialog, "ask", lambda *args: asked.append(args))
    key_cars(qtbot, grid, ["7", "7"])
    assert "Car #7 is already in these results (row 1)" in grid.message.text()
    reopened = grid.view.indexWidget(grid.view.currentIndex())
    assert reopened.text() == "7"  # the refused number, to correct; Esc drops it
    qtbot.keyClick(reopened, Qt.Key.Key_Escape)
    type_cell(qtbot, grid, "123")
    qtbot.waitUntil(lambda: bool(asked))
    assert asked[0][1] == "123"
    assert stored(editor, field["race"]) == [("7", 1, 1, Status.CLASSIFIED)]
    with editor.database.read() as session:
        assert len(repo.event_entries(session, field["event"])) == len(NUMBERS)
    assert grid.undo_stack.count() == 1


def test_unknown_car_number_creates_the_entry_inline_and_undo_removes_it(
    qtbot, qtmodeltester, grid, editor, field, monkeypatch
):
    qtmodeltester.check(grid.model)
    details = NewEntry("123", "GSX", "New Team", "Porsche 718", ("Jane Doe", "Ann Driver7"))
    monkeypatch.setattr(NewEntryDialog, "ask", lambda *_: details)
    key_cars(qtbot, grid, ["7"])
    type_cell(qtbot, grid, "123")
    qtbot.waitUntil(lambda: len(stored(editor, field["race"])) == 2)
    assert stored(editor, field["race"])[1] == ("123", 2, 1, Status.CLASSIFIED)
    assert grid.model.index(1, INDEX["team"]).data() == "New Team"
    assert grid.model.index(1, INDEX["drivers"]).data() == "Jane Doe / Ann Driver7"
    assert grid.view.currentIndex().row() == 2
    assert grid.undo_stack.text(1) == "Add car #123 and key it"

    grid.undo_stack.undo()
    assert stored(editor, field["race"]) == [("7", 1, 1, Status.CLASSIFIED)]
    with editor.database.read() as session:
        assert session.query(Entry).filter_by(car_number="123").count() == 0
    grid.undo_stack.redo()
    assert stored(editor, field["race"])[1] == ("123", 2, 1, Status.CLASSIFIED)
    type_cell(qtbot, grid, "5")
    assert [row[0] for row in stored(editor, field["race"])] == ["7", "123", "5"]


def test_typing_over_a_car_number_changes_the_car_and_keeps_the_row(
    qtbot, qtmodeltester, grid, editor, field
):
    qtmodeltester.check(grid.model)
    key_cars(qtbot, grid, ["7", "8", "3"])
    type_cell(qtbot, grid, "1:47.123", row=1, column="best_lap")
    type_cell(qtbot, grid, "11", row=1, column="number")
    assert stored_fields(editor, field["race"], "position", "class_position", "best_lap_ms") == [
        ("7", 1, 1, None),
        ("11", 2, 2, 107123),
        ("3", 3, 3, None),
    ]
    assert grid.undo_stack.text(grid.undo_stack.count() - 1) == "Change #8 to #11"
    grid.undo_stack.undo()
    assert stored_fields(editor, field["race"], "best_lap_ms")[1] == ("8", 107123)


def test_refresh_reads_entries_changed_behind_the_grids_back(
    qtbot, qtmodeltester, grid, editor, field, monkeypatch
):
    """A second window on the same file: its edits reach this grid on View > Refresh."""
    qtmodeltester.check(grid.model)
    offered = []
    monkeypatch.setattr(NewEntryDialog, "ask", lambda *args: offered.append(args[1]))
    other = Editor(editor.database)  # an editor this grid does not listen to
    with other.change("Renumber car") as edit:
        edit.update_entry(field["7"], car_number="707")
    type_cell(qtbot, grid, "707")
    qtbot.waitUntil(lambda: offered == ["707"])
    assert stored(editor, field["race"]) == []
    grid.refresh()
    type_cell(qtbot, grid, "707")
    assert stored(editor, field["race"]) == [("707", 1, 1, Status.CLASSIFIED)]
