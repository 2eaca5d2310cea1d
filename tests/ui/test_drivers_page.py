"""The Drivers page: real key presses in the grid, the filter box, merge and undo."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.services.editing import Editor
from desktop_app.storage.models import Driver
from desktop_app.ui.drivers_page import (
    COUNTRY,
    EVENTS,
    HOMETOWN,
    LAST,
    TAGS,
    DriversModel,
    DriversPage,
    MergeDialog,
)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen, shown widgets


def _saved(editor: Editor, last_name: str) -> Driver:
    with editor.database.read() as session:
        found = session.scalar(select(Driver).where(Driver.last_name == last_name))
        assert found is not None, last_name
        session.expunge(found)
        return found


def _row_of(model: DriversModel, printed: str) -> int:
    return next(i for i, row in enumerate(model.rows) if row.label == printed)


@pytest.fixture
def grid(make_grid, runner, demo_editor):
    return make_grid(DriversModel(runner))


def test_rows_show_country_with_its_name_and_appearances(grid) -> None:
    model = grid.grid_model()
    row = _row_of(model, "Parker Thompson")
    assert model.index(row, COUNTRY).data() == "CAN Canada"
    assert model.index(row, TAGS).data() == "Canadian"
    assert model.index(row, EVENTS).data() == "1"


def test_keyed_cells_are_saved_and_undone(qtbot, grid, key_cell, demo_editor, undo_stack) -> None:
    model = grid.grid_model()
    row = _row_of(model, "Parker Thompson")
    key_cell(grid, row, HOMETOWN, "Red Deer, AB")
    row = _row_of(model, "Parker Thompson")
    key_cell(grid, row, COUNTRY, "usa")
    saved = _saved(demo_editor, "Thompson")
    assert (saved.hometown, saved.country) == ("Red Deer, AB", "USA")
    assert model.index(_row_of(model, "Parker Thompson"), COUNTRY).data() == "USA United States"
    undo_stack.undo()
    undo_stack.undo()
    saved = _saved(demo_editor, "Thompson")
    assert (saved.hometown, saved.country) == ("", "CAN")


def test_unknown_country_is_refused_in_place(qtbot, grid, key_cell, demo_editor, messages) -> None:
    model = grid.grid_model()
    row = _row_of(model, "Parker Thompson")
    key_cell(grid, row, COUNTRY, "XYZ")
    assert model.index(row, COUNTRY).data() == "CAN Canada"
    assert messages[-1] == (
        '"XYZ" is not an ISO 3166 country code: use three letters, like CAN, USA or GBR.'
    )
    assert _saved(demo_editor, "Thompson").country == "CAN"


def test_a_new_driver_typed_in_the_last_row(qtbot, grid, key_cell, demo_editor) -> None:
    model = grid.grid_model()
    key_cell(grid, len(model.rows), LAST, "Hinchcliffe")
    assert _saved(demo_editor, "Hinchcliffe").country == ""


@pytest.fixture
def page(qtbot, runner, demo_editor) -> DriversPage:
    widget = DriversPage(runner)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_drivers()
    return widget


def test_filter_box_keeps_matching_rows(qtbot, page: DriversPage) -> None:
    qtbot.keyClicks(page.filter_edit, "trenton")
    assert [row.label for row in page.model.rows] == ["George Staikos"]
    page.filter_edit.clear()
    assert len(page.model.rows) > 20


def test_merge_two_rows_is_one_undo_step(
    qtbot, page: DriversPage, demo_editor, undo_stack, monkeypatch
) -> None:
    with demo_editor.change("A second record") as edit:
        twin = edit.create_driver("Mantella", first_name="Anthony", tags=["Rookie"])
        edit.set_official_ids(twin, [("imsa", "2682")])
    page.show_drivers()
    mantell = _saved(demo_editor, "Mantell").id
    qtbot.keyClicks(page.filter_edit, "anthony")
    assert [row.label for row in page.model.rows] == ["Anthony Mantell", "Anthony Mantella"]
    page.grid.selectAll()
    monkeypatch.setattr(MergeDialog, "ask", classmethod(lambda *args: args[2].row_id))
    assert page.merge_selected()
    assert [row.label for row in page.model.rows] == ["Anthony Mantell"]
    kept = page.model.rows[0]
    assert (kept.row_id, kept.cells[TAGS]) == (mantell, "Canadian, Rookie")
    assert kept.cells[5] == "imsa 2682"
    undo_stack.undo()
    assert [row.label for row in page.model.rows] == ["Anthony Mantell", "Anthony Mantella"]
    assert page.model.rows[0].cells[TAGS] == "Canadian"


def test_merge_needs_two_rows(qtbot, page: DriversPage) -> None:
    messages: list[str] = []
    page.message.connect(messages.append)
    assert not page.merge_selected()
    assert messages == ["Select the two rows of one driver to merge them."]


def test_merge_into_itself_is_refused(page: DriversPage, demo_editor) -> None:
    staikos = _saved(demo_editor, "Staikos").id
    assert page.model.merge(staikos, staikos) == "A driver cannot be merged into itself."
