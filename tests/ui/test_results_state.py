"""Undo's snapshots of a classification: written back exactly, rows named by their car."""

from __future__ import annotations

import dataclasses

import pytest
from results_support import stored_fields

from desktop_app.domain.classification import PenaltyKind, Status
from desktop_app.domain.sessions import ResultState
from desktop_app.services.editing import Editor
from desktop_app.services.errors import EditError
from desktop_app.services.result_rows import PenaltyLine
from desktop_app.services.results.operations import result_id
from desktop_app.services.results.state import SessionState, read_state, write_state
from desktop_app.services.results.steps import key_car
from desktop_app.services.undo import perform


@pytest.fixture
def field(editor: Editor, field_ids: dict[str, int]) -> dict[str, int]:
    ids = field_ids
    with editor.change("Key") as edit:
        for number in ("7", "8", "3"):
            edit.add_result(ids["race"], ids[number], renumber=True)
    return ids


def test_a_state_written_back_restores_order_fields_penalties_and_session_state(
    editor: Editor, field
):
    race = field["race"]
    with editor.change("Snapshot") as edit:
        before = read_state(edit, race)
    with editor.change("Mess it up") as edit:
        ids = {row.entry_id: row for row in before.rows}
        assert set(ids) == {field["7"], field["8"], field["3"]}
        result = edit.add_result(race, field["5"], laps=3)
        edit.add_penalty(result, PenaltyKind.DSQ)
        edit.update_session(race, result_state=ResultState.OFFICIAL)
        moved = [row.entry_id for row in reversed(before.rows)]
        middle = SessionState(before.result_state, tuple(ids[e] for e in moved))
        write_state(edit, race, middle)
    assert [row[0] for row in stored_fields(editor, race)] == ["3", "8", "7"]
    with editor.change("Undo") as edit:
        write_state(edit, race, before)
    assert stored_fields(editor, race, "position", "class_position", "laps", "status") == [
        ("7", 1, 1, None, Status.CLASSIFIED),
        ("8", 2, 1, None, Status.CLASSIFIED),
        ("3", 3, 2, None, Status.CLASSIFIED),
    ]
    with editor.change("Check") as edit:
        assert read_state(edit, race) == before


def test_penalties_and_fields_of_a_recreated_row_come_back(editor: Editor, field):
    race = field["race"]
    penalty = PenaltyLine(PenaltyKind.TIME, amount_ms=5000, reason="Pit speed")
    with editor.change("Snapshot") as edit:
        state = read_state(edit, race)
        rows = list(state.rows)
        rows[1] = dataclasses.replace(rows[1].with_fields(best_lap_ms=107123), penalties=(penalty,))
        wanted = SessionState(state.result_state, tuple(rows))
        write_state(edit, race, wanted)
        edit.delete_result(result_id(edit, race, field["8"]))
    with editor.change("Undo delete") as edit:
        write_state(edit, race, wanted)
        assert read_state(edit, race) == wanted
    assert stored_fields(editor, race, "best_lap_ms") == [("7", None), ("8", 107123), ("3", None)]


def test_the_same_car_twice_is_refused(editor: Editor, field):
    with editor.change("Snapshot") as edit:
        state = read_state(edit, field["race"])
    twice = SessionState(state.result_state, (state.rows[0], state.rows[0]))
    with pytest.raises(EditError, match="cannot be on the classification twice"):
        with editor.change("Bad") as edit:
            write_state(edit, field["race"], twice)


def _rows_saved(editor: Editor, action) -> int:
    """How many stored results ``action`` hands to the file as changed (each flush
    compares and writes every one of them, so untouched rows must not be among them)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from desktop_app.storage.models import Result

    counted: list[int] = []

    def note(session, _context, _instances) -> None:
        counted.append(sum(isinstance(row, Result) for row in session.dirty))

    event.listen(Session, "before_flush", note)
    try:
        with editor.change("Key") as edit:
            action(edit)
    finally:
        event.remove(Session, "before_flush", note)
    return sum(counted)


def test_renumbering_touches_only_the_rows_whose_positions_move(editor: Editor, field):
    race = field["race"]
    at_the_end = _rows_saved(editor, lambda e: e.add_result(race, field["5"], renumber=True))
    assert at_the_end == 1, "a car keyed last moves no other row: only its own is saved"
    in_front = _rows_saved(
        editor, lambda e: e.add_result(race, field["11"], index=0, renumber=True)
    )
    assert stored_fields(editor, race, "position", "class_position") == [
        ("11", 1, 1),
        ("7", 2, 2),
        ("8", 3, 1),
        ("3", 4, 3),
        ("5", 5, 4),
    ]
    assert in_front > 1, "a car keyed first pushes the others down"


@pytest.mark.parametrize("official", [False, True])
def test_keying_a_car_remembers_the_positions_it_moves_and_undo_restores_them(
    editor: Editor, field, official: bool
):
    race = field["race"]
    with editor.change("An imported sheet's own class positions") as edit:
        edit.update_result(result_id(edit, race, field["8"]), class_position=4, position=9)
        if official:
            edit.make_official(race)
    with editor.change("Snapshot") as edit:
        before = read_state(edit, race)
    record = perform(editor, "Key car #5", key_car(race, field["5"]))
    assert stored_fields(editor, race, "position", "class_position") == [
        ("7", 1, 1),
        ("8", 2, 1),
        ("3", 3, 2),
        ("5", 4, 3),
    ]
    record.revert(editor)
    with editor.change("Check") as edit:
        assert read_state(edit, race) == before
    assert stored_fields(editor, race, "position", "class_position")[1] == ("8", 9, 4)
    record.apply(editor)
    assert [row[0] for row in stored_fields(editor, race)] == ["7", "8", "3", "5"]
