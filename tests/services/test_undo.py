"""User actions as plain functions: performed in one transaction, undone and redone
without a window (what the command line and the grids share)."""

from __future__ import annotations

from desktop_app.domain.sessions import ResultState, SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.results import operations as ops
from desktop_app.services.results import reading, steps
from desktop_app.services.results.columns import COLUMNS, INDEX
from desktop_app.services.results.new_entry import NewEntry
from desktop_app.services.tsv import split_block
from desktop_app.services.undo import CreateStep, RowIds, RowRef, perform
from desktop_app.storage import repository as repo
from desktop_app.storage.models import RaceSession


def field(editor: Editor) -> dict[str, int]:
    """A race with cars #7 and #3 keyed in that order."""
    with editor.change("Set up") as edit:
        series = edit.ensure_series("VPSCC", "VP Racing SportsCar Challenge")
        gsx = edit.ensure_class(series, "GSX")
        event = edit.create_event("Roar", time_zone="America/New_York")
        race = edit.create_session(event, series, SessionKind.RACE, "Race 1")
        for number in ("7", "3"):
            entry = edit.create_entry(event, series, number, class_id=gsx)
            edit.add_result(race, entry, renumber=True)
    return {"series": series, "event": event, "race": race}


def shown(editor: Editor, race: int) -> tuple[ResultState, list[tuple]]:
    with editor.database.read() as session:
        state = session.get(RaceSession, race).result_state
        rows = [
            (r.entry.car_number, r.position, r.official_position)
            for r in repo.session_results(session, race)
        ]
    return state, rows


def test_mark_official_is_undoable_without_a_window(editor: Editor) -> None:
    race = field(editor)["race"]
    before = shown(editor, race)
    record = perform(editor, "Mark Race 1 official", steps.official(race))
    assert shown(editor, race) == (ResultState.OFFICIAL, [("7", 1, 1), ("3", 2, 2)])
    record.revert(editor)
    assert (
        shown(editor, race) == before == (ResultState.PROVISIONAL, [("7", 1, None), ("3", 2, None)])
    )
    record.apply(editor)
    assert shown(editor, race)[0] is ResultState.OFFICIAL


def test_a_new_car_is_created_keyed_removed_and_made_again(editor: Editor) -> None:
    ids = field(editor)
    race = ids["race"]
    details = NewEntry("123", "GSX", "New Team", "Porsche 718", ("Jane Doe",))
    record = perform(
        editor, "Add car #123", steps.new_car(race, ids["event"], ids["series"], details)
    )
    assert [row[0] for row in shown(editor, race)[1]] == ["7", "3", "123"]
    record.revert(editor)
    assert [row[0] for row in shown(editor, race)[1]] == ["7", "3"]
    with editor.database.read() as session:
        cars = sorted(e.car_number for e in repo.event_entries(session, ids["event"]))
    assert cars == ["3", "7"]  # the entry list holds no #123 any more
    record.apply(editor)  # the car is made again (maybe with a new id) and keyed again
    assert shown(editor, race)[1][-1] == ("123", 3, None)


def test_a_pasted_block_is_one_action_without_a_window(editor: Editor) -> None:
    """What the grid does on Ctrl+V, from plain code: cars by number, laps, one undo."""
    ids = field(editor)
    race = ids["race"]
    lookup = reading.read_session(editor.database, race, None)
    assert lookup is not None
    columns = [COLUMNS[INDEX[key]] for key in ("number", "laps")]
    block = split_block("3\t41\n7\t40\n")
    paste = ops.paste_block(
        race, 0, columns, block, lookup.lookup.entries, lookup.lookup.by_entry()
    )
    record = perform(editor, "Paste 2 rows", [steps.SessionStep(race, paste)])
    assert stored_laps(editor, race) == [("3", 41), ("7", 40)]
    record.revert(editor)
    assert stored_laps(editor, race) == [("7", None), ("3", None)]


def stored_laps(editor: Editor, race: int) -> list[tuple]:
    with editor.database.read() as session:
        return [(r.entry.car_number, r.laps) for r in repo.session_results(session, race)]


def test_a_car_made_again_by_redo_is_found_by_the_keying_that_named_it(editor: Editor) -> None:
    """The entry list and the results grid share one id remapping (``RowIds``)."""
    ids = field(editor)
    race, remap = ids["race"], RowIds()
    car = RowRef("entries")
    add = CreateStep(
        car,
        lambda edit: edit.create_entry(ids["event"], ids["series"], "99"),
        lambda edit, entry_id: edit.delete_entry(entry_id),
    )
    added = perform(editor, "Add car #99", [add], remap)
    first_id = car.row_id
    assert first_id is not None
    keyed = perform(editor, "Key car #99", steps.key_car(race, first_id), remap)
    keyed.revert(editor)
    added.revert(editor)
    with editor.change("Another car takes the next id") as edit:
        edit.create_entry(ids["event"], ids["series"], "98")
    added.apply(editor)
    keyed.apply(editor)
    assert car.row_id != first_id  # made again under another id ...
    assert [row[0] for row in shown(editor, race)[1]] == ["7", "3", "99"]  # ... and keyed
