"""Keying cars updates the grid and the navigator in place, and shows what a full load shows.

After an edit of results only, the grid re-reads the stored values with one column query
and keeps each row's car from the entry list; the navigator re-reads only the edited
session's item. These tests check the grid still agrees with a freshly opened grid (a
full load) after each step on a two-class field, and that nothing more was rebuilt.
"""

from __future__ import annotations

import pytest
import shiboken6
from orm_lines import orm_lines
from PySide6.QtWidgets import QApplication
from results_support import (
    NUMBERS,
    class_of,
    expected_class_positions,
    key_cars,
    open_grid,
    type_cell,
)
from sqlalchemy import event

from desktop_app.domain.classification import PenaltyKind
from desktop_app.domain.sessions import ResultState, SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.result_rows import EntryInfo, ResultRow
from desktop_app.services.results import fresh_rows
from desktop_app.services.results.columns import COLUMNS, INDEX
from desktop_app.storage import repository as repo
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.navigator import Navigator, Node
from desktop_app.ui.results.widget import ResultsEditor

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
SHOWN = ("pos", "class", "pic", "number", "team", "vehicle", "drivers", "status")


@pytest.fixture
def field(field_ids: dict[str, int]) -> dict[str, int]:
    return field_ids


def cells(grid: ResultsEditor) -> list[list[str]]:
    model = grid.model
    return [
        [model.index(row, INDEX[key]).data() for key in SHOWN] for row in range(len(model.rows))
    ]


def full_load(editor: Editor, session_id: int) -> list[list[str]]:
    """What the rows show when read entirely from the file (eager-loaded ORM rows)."""
    with editor.database.read() as session:
        rows = orm_lines(session, session_id)
    return [[COLUMNS[INDEX[key]].show(row) for key in SHOWN] for row in rows]


class Statements(list[str]):
    """The SQL the database ran while this is active (to see what an edit re-read)."""

    def __init__(self, editor: Editor) -> None:
        super().__init__()
        self.engine = editor.database.engine

    def _note(self, _conn, _cursor, statement, *_args) -> None:
        self.append(statement)

    def __enter__(self) -> Statements:
        event.listen(self.engine, "before_cursor_execute", self._note)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._note)

    def reading(self, table: str) -> list[str]:
        return [s for s in self if s.startswith("SELECT") and f"FROM {table}" in s]


class Signals:
    """Rows the grid model reported as inserted, removed or changed."""

    def __init__(self, grid: ResultsEditor) -> None:
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        self.changed: list[tuple[int, int]] = []
        self.resets = 0
        model = grid.model
        model.rowsInserted.connect(lambda _p, first, last: self.inserted.append((first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.removed.append((first, last)))
        model.dataChanged.connect(
            lambda top, bottom, _roles: self.changed.append((top.row(), bottom.row()))
        )
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.resets += 1

    def clear(self) -> None:
        self.inserted, self.removed, self.changed, self.resets = [], [], [], 0


def test_keying_a_two_class_field_inserts_one_row_per_car_and_matches_a_full_load(
    qtbot, qtmodeltester, editor, field
):
    grid = open_grid(qtbot, editor, field["race"])
    qtmodeltester.check(grid.model)  # stays attached: checks every signal while keying
    signals = Signals(grid)
    order = ["7", "2", "13", "8", "3", "42"]
    for count, number in enumerate(order):
        signals.clear()
        with Statements(editor) as statements:
            type_cell(qtbot, grid, number)
        assert signals.inserted == [(count, count)], f"car #{number} is one new row"
        typed_row = {(count, count)}  # the autofill preview while the number is typed
        assert set(signals.changed) <= typed_row, "no other row is repainted"
        assert signals.removed == [] and signals.resets == 0
        assert statements.reading("results"), "the keyed car was read back"
        for table in ("teams", "drivers"):
            assert not statements.reading(table), f"{table} come from the entry list in memory"
    shown = cells(grid)
    assert [row[SHOWN.index("pic")] for row in shown] == [
        str(p) for p in expected_class_positions(order)
    ]
    assert [row[SHOWN.index("class")] for row in shown] == [class_of(n) for n in order]
    assert shown[3][SHOWN.index("team")] == "Team 8"
    assert shown[3][SHOWN.index("drivers")] == "Ann Driver8"
    assert shown == full_load(editor, field["race"])


def test_positions_that_move_are_repainted_and_still_agree_with_a_full_load(
    qtbot, qtmodeltester, editor, field
):
    grid = open_grid(qtbot, editor, field["race"])
    qtmodeltester.check(grid.model)
    key_cars(qtbot, grid, ["7", "2", "13", "8", "3"])
    signals = Signals(grid)
    type_cell(qtbot, grid, "DNF", row=0, column="status")
    assert signals.changed == [(0, 0)], "only the edited row is repainted"
    assert cells(grid) == full_load(editor, field["race"])
    signals.clear()
    assert grid.move_rows([0], 5)  # #7 to the back: every row moves up one place
    assert signals.resets == 0 and signals.inserted == signals.removed == []
    assert signals.changed == [(0, 4)], "every row whose place changed is repainted"
    numbers = [row[SHOWN.index("number")] for row in cells(grid)]
    assert numbers == ["2", "13", "8", "3", "7"]
    assert [row[SHOWN.index("pic")] for row in cells(grid)][:4] == ["1", "1", "2", "2"]
    assert cells(grid) == full_load(editor, field["race"])
    signals.clear()
    grid.view.setCurrentIndex(grid.model.index(0, 0))
    assert grid.delete_selected()  # #2, the GSX leader, goes: #8 leads the class
    assert signals.removed == [(4, 4)] and signals.resets == 0, "the grid is one row shorter"
    assert [row[SHOWN.index("pic")] for row in cells(grid)][:2] == ["1", "1"]
    assert cells(grid) == full_load(editor, field["race"])
    for _ in range(3):
        grid.undo_stack.undo()
    assert cells(grid) == full_load(editor, field["race"])
    assert [row[SHOWN.index("number")] for row in cells(grid)] == ["7", "2", "13", "8", "3"]


def test_the_new_row_stays_in_view_while_a_full_grid_grows(qtbot, editor, field):
    grid = open_grid(qtbot, editor, field["race"])
    grid.resize(1500, 260)  # room for a few rows only
    key_cars(qtbot, grid, NUMBERS[:12])
    view = grid.view
    assert view.verticalScrollBar().maximum() > 0, "the grid is taller than its window"
    assert view.currentIndex().row() == 12
    assert view.viewport().rect().contains(view.visualRect(view.currentIndex())), (
        "the line where the next number is typed is visible"
    )


def test_opening_a_session_and_penalties_read_no_team_or_driver_rows(qtbot, editor, field):
    grid = open_grid(qtbot, editor, field["race"])
    key_cars(qtbot, grid, ["7", "2", "13"])
    with Statements(editor) as statements:
        grid.show_session(None)
        grid.show_session(field["race"])  # same event and series: the lookup is kept
    for table in ("teams", "drivers"):
        assert not statements.reading(table), f"{table} come from the entry list in memory"
    assert cells(grid) == full_load(editor, field["race"])
    with editor.change("Penalty") as edit:
        result = repo.session_results(edit.session, field["race"])[1].id
        edit.add_penalty(result, PenaltyKind.TIME, amount_ms=5000, reason="pit lane speed")
    assert grid.model.index(1, INDEX["penalty"]).data() == "+5.000 time: pit lane speed"
    assert cells(grid) == full_load(editor, field["race"])


def test_an_entry_changed_behind_the_grid_is_read_again_in_full(qtbot, editor, field):
    grid = open_grid(qtbot, editor, field["race"])
    key_cars(qtbot, grid, ["7", "2"])
    with editor.change("Rename the team") as edit:
        edit.update_entry(field["7"], vehicle="Ligier JS P320")
    assert cells(grid)[0][SHOWN.index("vehicle")] == "Ligier JS P320"
    type_cell(qtbot, grid, "13")
    assert cells(grid) == full_load(editor, field["race"])


def test_navigator_updates_one_session_item_and_only_when_it_shows_something_new(
    qtbot, editor, field
):
    with editor.change("Add a second race") as edit:
        other = edit.create_session(field["event"], field["series"], SessionKind.RACE, "Race 2")
    navigator = Navigator()
    qtbot.addWidget(navigator)
    navigator.reload(editor.database)
    race = navigator._find(Node("session", field["event"], field["series"], field["race"]))
    second = navigator._find(Node("session", field["event"], field["series"], other))
    assert race is not None and second is not None
    navigator.update_session(editor.database, field["race"])
    assert race.text(0) == "Race 1" and shiboken6.isValid(second)
    with editor.change("Mark provisional") as edit:
        edit.update_session(field["race"], result_state=ResultState.PROVISIONAL)
    navigator.update_session(editor.database, field["race"])
    assert race.text(0) == "Race 1  (provisional)"
    assert race.toolTip(0) == "Race: Provisional results (not yet official)"
    assert shiboken6.isValid(second) and second.text(0) == "Race 2", "no rebuild"


def test_keying_in_the_window_keeps_the_navigator_tree(qtbot, editor, field):
    window = MainWindow(editor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.select(Node("session", field["event"], field["series"], field["race"]))
    event_item = window.navigator._find(Node("event", field["event"]))
    grid = window.results_page
    key_cars(qtbot, grid, ["7", "2"])
    QApplication.processEvents()  # runs a deferred (zero-timer) rebuild, if one was queued
    assert event_item is not None and shiboken6.isValid(event_item), "tree not rebuilt"
    assert window.current_session_id() == field["race"]
    assert [row[SHOWN.index("number")] for row in cells(grid)] == ["7", "2"]
    race_item = window.navigator._find(window.current_node())
    assert race_item is not None and race_item.text(0) == "Race 1  (provisional)"


def entry(entry_id: int, number: str) -> EntryInfo:
    return EntryInfo(entry_id, number, 1, "GTD", f"Team {number}", "Car", ())


def test_merged_rows_keep_unchanged_rows_fill_new_ones_and_refuse_unknown_cars():
    shown = [ResultRow(result_id=10, entry=entry(1, "7"), position=1)]
    # as a blank row is stored: numbers NULL, the note an empty text
    values = {name: None for name in fresh_rows.VALUE_NAMES} | {"status": shown[0].status}
    values["note"] = ""
    same = fresh_rows.StoredValues(10, 1, {**values, "position": 1})
    new = fresh_rows.StoredValues(11, 2, {**values, "position": 2})
    rows = fresh_rows.merged_rows(shown, [same, new], {2: entry(2, "2")}, {})
    assert rows is not None
    assert rows[0] is shown[0], "an unchanged row is the same object (not repainted)"
    assert (rows[1].car_number, rows[1].position, rows[1].entry.team) == ("2", 2, "Team 2")
    moved = fresh_rows.StoredValues(10, 1, {**values, "position": 2})
    assert fresh_rows.merged_rows(shown, [moved], {}, {})[0].position == 2  # type: ignore[index]
    assert fresh_rows.merged_rows(shown, [same, new], {}, {}) is None, "#2 unknown: full load"


def test_every_value_a_row_shows_is_read_back():
    """A ResultRow field added later must be in the light query too (or the grid would
    keep showing its old value after an edit)."""
    shown_by_columns = {"position", "class_position", "laps", "total_time_ms", "status"}
    assert shown_by_columns <= set(fresh_rows.VALUE_NAMES)
    assert {"result_id", "entry", "penalties"}.isdisjoint(fresh_rows.VALUE_NAMES)
    assert len(COLUMNS) == len(INDEX)
    assert NUMBERS  # the two-class field of results_support is in use


class Saved(Statements):
    """The SQL run, with ``"COMMIT"`` where each transaction was committed."""

    def _committed(self, _conn) -> None:
        self.append("COMMIT")

    def __enter__(self) -> Saved:
        event.listen(self.engine, "commit", self._committed)
        return super().__enter__()  # type: ignore[return-value]

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "commit", self._committed)
        super().__exit__(*exc)

    def after_commit(self) -> list[str]:
        return self[len(self) - self[::-1].index("COMMIT") :]


def test_a_keyed_car_is_shown_as_saved_without_reading_the_session_again(qtbot, editor, field):
    """The save reads the session once for undo, inside its transaction; the grid shows
    that (what the file holds) and reads nothing more after the commit."""
    grid = open_grid(qtbot, editor, field["race"])
    key_cars(qtbot, grid, ["7", "2", "99"])
    with Saved(editor) as statements:
        type_cell(qtbot, grid, "13")
    assert "COMMIT" in statements
    assert not statements.after_commit(), statements.after_commit()
    by_ids = [s for s in statements.reading("results") if "results.id IN" in s]
    assert not by_ids, "the keyed row and the undo snapshot's cars come from what is held"
    assert cells(grid) == full_load(editor, field["race"])
    assert grid.result_state is ResultState.PROVISIONAL
    grid.undo_stack.undo()  # undo is written back without a snapshot: read again
    assert cells(grid) == full_load(editor, field["race"])
    assert [row[SHOWN.index("number")] for row in cells(grid)] == ["7", "2", "99"]


def test_a_change_after_the_snapshot_drops_it_so_the_grid_reads_again(editor, field):
    """An action that changes the session after its snapshot was taken does not hand
    listeners a stale one."""
    from desktop_app.services.results import steps
    from desktop_app.services.undo import perform

    heard = []
    editor.subscribe(heard.append)
    race = field["race"]

    def add_penalty(edit) -> None:
        result = repo.session_results(edit.session, race)[0].id
        edit.add_penalty(result, PenaltyKind.TIME, amount_ms=1000, reason="track limits")

    perform(editor, "Key #7", steps.key_car(race, field["7"]))
    assert race in heard[-1].session_states
    then_penalty = [*steps.key_car(race, field["2"]), _Step(add_penalty)]
    perform(editor, "Key #2, then a penalty", then_penalty)
    assert race not in heard[-1].session_states


class _Step:
    """A plain undo step running ``action`` (for an action of several steps)."""

    def __init__(self, action) -> None:
        self.action = action

    def apply(self, edit, _ids) -> None:
        self.action(edit)

    def revert(self, edit, _ids) -> None:
        raise NotImplementedError
