"""The sessions grid: times in the event's own zone, refusals, new rows, undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.storage.models import BroadcastSlot, RaceSession
from desktop_app.ui.models.sessions_model import (
    BROADCAST,
    ENDS,
    KIND,
    NAME,
    RESULTS,
    STARTS,
    SessionsModel,
)


@pytest.fixture
def grid(make_grid, runner, roar_id):
    return make_grid(SessionsModel(runner, roar_id))


def _row(grid, name: str) -> int:
    rows = grid.grid_model().rows
    return next(i for i, row in enumerate(rows) if row.label == name)


def _stored(editor: Editor, session_id: int) -> RaceSession:
    with editor.database.read() as db:
        found = db.get(RaceSession, session_id)
        assert found is not None
        return found


def test_times_show_in_the_circuit_time_zone_with_outlets_and_state(grid):
    row = grid.grid_model().rows[_row(grid, "VPSCC Race 1")]
    assert row.cells[STARTS] == "2024-01-20 14:05"
    assert row.cells[BROADCAST] == "IMSA.tv"
    assert row.cells[RESULTS].startswith("Provisional (")
    editable = Qt.ItemFlag.ItemIsEditable
    assert not grid.model().flags(grid.model().index(0, RESULTS)) & editable
    assert grid.model().flags(grid.model().index(0, NAME)) & editable


def test_keyed_start_is_read_as_local_time(grid, key_cell, demo_editor):
    row = _row(grid, "VPSCC Race 1")
    session_id = grid.grid_model().rows[row].row_id
    key_cell(grid, row, STARTS, "2024-01-20 13:30")
    assert _stored(demo_editor, session_id).starts_at == dt.datetime(
        2024, 1, 20, 18, 30, tzinfo=dt.UTC
    )
    key_cell(grid, row, ENDS, "15:10")  # a time alone keeps the session's day
    assert grid.model().index(row, ENDS).data() == "2024-01-20 15:10"


def test_end_before_start_is_refused_and_the_old_value_kept(grid, key_cell, demo_editor, messages):
    row = _row(grid, "VPSCC Race 1")
    session_id = grid.grid_model().rows[row].row_id
    before = _stored(demo_editor, session_id).ends_at
    key_cell(grid, row, ENDS, "2024-01-20 10:00")
    assert messages[-1] == "A session or broadcast cannot end before it starts."
    assert _stored(demo_editor, session_id).ends_at == before
    assert grid.model().index(row, ENDS).data() == (
        before.astimezone(dt.timezone(dt.timedelta(hours=-5))).strftime("%Y-%m-%d %H:%M")
        if before
        else ""
    )


def test_a_time_that_is_not_a_time_is_refused(grid, key_cell, messages, undo_stack):
    key_cell(grid, _row(grid, "VPSCC Race 1"), STARTS, "Saturday afternoon")
    assert "is not a date and time" in messages[-1]
    assert undo_stack.count() == 0


def test_kind_accepts_labels_and_refuses_others(grid, key_cell, demo_editor, messages):
    row = _row(grid, "VPSCC Practice 1")
    session_id = grid.grid_model().rows[row].row_id
    key_cell(grid, row, KIND, "Warm-up")
    assert _stored(demo_editor, session_id).kind is SessionKind.WARM_UP
    key_cell(grid, row, KIND, "sprint")
    assert messages[-1] == '"sprint" is not one of: practice, qualifying, race, warm_up'
    assert grid.model().index(row, KIND).data() == "Warm-up"


def test_new_row_creates_a_session_and_undo_removes_it(
    grid, key_cell, demo_editor, roar_id, undo_stack
):
    count = len(grid.grid_model().rows)
    key_cell(grid, count, NAME, "Race 3")
    with demo_editor.database.read() as db:
        found = repo.find_sessions(db, roar_id, "Race 3")
        assert [(s.series.code, s.kind) for s in found] == [("IWSC", SessionKind.PRACTICE)]
    assert grid.model().index(count, NAME).data() == "Race 3"
    undo_stack.undo()
    assert len(grid.grid_model().rows) == count
    with demo_editor.database.read() as db:
        assert repo.find_sessions(db, roar_id, "Race 3") == []


def test_a_session_with_results_is_not_deleted(grid, demo_editor, messages):
    row = _row(grid, "VPSCC Race 2")
    grid.setCurrentIndex(grid.model().index(row, NAME))
    assert not grid.delete_rows()
    assert "has 4 results" in messages[-1]


def test_deleting_an_empty_session_is_undone_with_its_broadcast(
    grid, demo_editor, roar_id, undo_stack
):
    model = grid.grid_model()
    count = len(model.rows)
    assert model.set_texts({(count, NAME): "Heat"})
    grid.setCurrentIndex(grid.model().index(count, NAME))
    assert grid.delete_rows()
    assert len(model.rows) == count
    undo_stack.undo()
    assert [row.cells[NAME] for row in model.rows][-1] == "Heat"
    undo_stack.redo()
    with demo_editor.database.read() as db:
        assert repo.find_sessions(db, roar_id, "Heat") == []


def _outlets(editor: Editor, session_id: int) -> list[tuple[str, str]]:
    with editor.database.read() as db:
        query = select(BroadcastSlot).where(BroadcastSlot.session_id == session_id)
        return sorted((slot.outlet, slot.title) for slot in db.scalars(query))


def test_broadcast_outlets_are_typed_as_a_list(grid, key_cell, demo_editor, undo_stack):
    row = _row(grid, "VPSCC Race 1")
    session_id = grid.grid_model().rows[row].row_id
    before = _outlets(demo_editor, session_id)
    key_cell(grid, row, BROADCAST, "IMSA.tv, Peacock")
    assert [outlet for outlet, _title in _outlets(demo_editor, session_id)] == [
        "IMSA.tv",
        "Peacock",
    ]
    assert ("Peacock", "VP Racing SportsCar Challenge Race 1") in _outlets(demo_editor, session_id)
    key_cell(grid, row, BROADCAST, "Peacock")
    assert [outlet for outlet, _title in _outlets(demo_editor, session_id)] == ["Peacock"]
    undo_stack.undo()
    undo_stack.undo()
    assert _outlets(demo_editor, session_id) == before
    assert grid.model().index(row, BROADCAST).data() == "IMSA.tv"


def test_a_broadcast_needs_the_session_start(grid, key_cell, messages):
    row = _row(grid, "VPSCC Practice 1")
    key_cell(grid, row, BROADCAST, "IMSA.tv")
    assert messages[-1] == "Give the session its start time first: a broadcast starts with it."
    assert grid.model().index(row, BROADCAST).data() == ""
