"""The events grid: days, time zones, new events, refusals and undo."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.ui.models.events_model import CIRCUIT, END, NAME, START, ZONE, EventsModel


@pytest.fixture
def grid(make_grid, runner):
    return make_grid(EventsModel(runner))


def _events(editor: Editor) -> list[tuple[str, str, dt.date | None, dt.date | None, str]]:
    with editor.database.read() as db:
        return [
            (e.name, e.circuit, e.start_date, e.end_date, e.time_zone) for e in repo.list_events(db)
        ]


def test_keying_a_new_event_row_by_row(grid, key_cell, editor, undo_stack):
    key_cell(grid, 0, NAME, "Grand Prix of Long Beach")
    key_cell(grid, 0, CIRCUIT, "Long Beach street circuit")
    key_cell(grid, 0, START, "2024-04-19")
    key_cell(grid, 0, END, "2024/04/21")
    key_cell(grid, 0, ZONE, "America/Los_Angeles")
    assert _events(editor) == [
        (
            "Grand Prix of Long Beach",
            "Long Beach street circuit",
            dt.date(2024, 4, 19),
            dt.date(2024, 4, 21),
            "America/Los_Angeles",
        )
    ]
    assert undo_stack.count() == 5
    assert undo_stack.undoText() == 'Time zone of Grand Prix of Long Beach: "America/Los_Angeles"'


def test_unknown_time_zone_is_refused_with_the_reason(grid, key_cell, demo_editor, messages):
    key_cell(grid, 0, ZONE, "Daytona/Beach")
    assert messages[-1].startswith('"Daytona/Beach" is not a time zone RaceDesk knows')
    assert grid.model().index(0, ZONE).data() == "America/New_York"
    assert _events(demo_editor)[0][4] == "America/New_York"


def test_last_day_before_first_day_is_refused(grid, key_cell, demo_editor, messages):
    key_cell(grid, 0, END, "2023-12-31")
    assert messages[-1] == "An event cannot end before it starts."
    assert _events(demo_editor)[0][3] == dt.date(2024, 1, 21)


def test_bad_date_is_refused(grid, key_cell, messages, undo_stack):
    key_cell(grid, 0, START, "next Friday")
    assert messages[-1] == '"next Friday" is not a date; type it like 2024-01-25.'
    assert undo_stack.count() == 0


def test_paste_two_events_and_undo_them_together(grid, editor, undo_stack):
    text = (
        "Sebring 12 Hours\tSebring\t2024-03-14\t2024-03-16\tAmerica/New_York\n"
        "Mosport\tCTMP\t2024-07-12\t2024-07-14\tAmerica/Toronto\n"
    )
    assert grid.paste(text)
    assert [e[0] for e in _events(editor)] == ["Sebring 12 Hours", "Mosport"]
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert _events(editor) == []
    undo_stack.redo()
    assert [e[4] for e in _events(editor)] == ["America/New_York", "America/Toronto"]


def test_an_event_with_sessions_is_not_deleted(grid, demo_editor, messages):
    grid.setCurrentIndex(grid.model().index(0, NAME))
    assert not grid.delete_rows()
    assert "delete those first" in messages[-1]
    assert len(_events(demo_editor)) == 2


def test_empty_event_delete_and_undo(grid, editor, undo_stack):
    assert grid.grid_model().set_texts({(0, NAME): "Test day", (0, ZONE): "Europe/London"})
    grid.setCurrentIndex(grid.model().index(0, NAME))
    assert grid.delete_rows()
    assert _events(editor) == []
    undo_stack.undo()
    assert _events(editor) == [("Test day", "", None, None, "Europe/London")]
    assert grid.model().index(0, NAME).data() == "Test day"
