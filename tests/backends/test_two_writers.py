"""Several writers on one database: every accepted edit is kept, an edit of a value
someone else changed since it was read is refused in words, never written over."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop_app.services.editing import Editor
from desktop_app.services.errors import EditError
from desktop_app.services.history import value_history
from desktop_app.services.undo import FieldsStep, RowRef, UndoRecord, perform
from desktop_app.storage.database import open_database
from desktop_app.storage.models import ChangeRecord, RaceSession, Result

RACE_2 = "Race 2"


def race_results(target: Any) -> list[int]:
    database = open_database(target)
    with database.read() as session:
        race = session.scalars(select(RaceSession).where(RaceSession.name == RACE_2)).first()
        assert race is not None
        ids = session.scalars(
            select(Result.id).where(Result.session_id == race.id).order_by(Result.id)
        ).all()
    database.close()
    return list(ids)


def best_laps(target: Any, ids: list[int]) -> dict[int, int | None]:
    database = open_database(target)
    with database.read() as session:
        found = {
            r.id: r.best_lap_ms for r in session.scalars(select(Result).where(Result.id.in_(ids)))
        }
    database.close()
    return found


def test_a_value_changed_since_it_was_read_is_refused_in_words(new_target) -> None:
    target = new_target("demo")
    result_id = race_results(target)[0]
    anna, ben = Editor(open_database(target)), Editor(open_database(target))
    anna.author, ben.author = "anna", "ben"
    seen_by_ben = ben.version()
    with anna.change("Fix best lap", since=anna.version()) as edit:
        edit.update_result(result_id, best_lap_ms=107_123)
    with pytest.raises(EditError, match=r"changed by anna at \d\d:\d\d to 1:47\.123"):
        with ben.change("Fix best lap", since=seen_by_ben) as edit:
            edit.update_result(result_id, best_lap_ms=108_000)
    # another field of the same car, and the same field after reading again, are fine
    with ben.change("Fix laps", since=seen_by_ben) as edit:
        edit.update_result(result_id, laps=30)
    with ben.change("Fix best lap", since=ben.version()) as edit:
        edit.update_result(result_id, best_lap_ms=108_000)
    assert best_laps(target, [result_id]) == {result_id: 108_000}
    anna.database.close()
    ben.database.close()


def _writer(url: str, name: str, own: list[int], shared: int, start: Any, out: Any) -> None:
    """One reporter's process: reads, waits for the other, then keys its own cars and
    the shared one, each edit its own transaction."""
    editor = Editor(open_database(url))
    editor.author = name
    seen = editor.version()
    start.wait(timeout=30)
    outcome = []
    for result_id in [shared, *own]:
        try:
            with editor.change(f"{name} keys", since=seen) as edit:
                edit.update_result(result_id, best_lap_ms=100_000 + result_id + len(name))
            outcome.append((result_id, "saved"))
        except EditError as error:
            outcome.append((result_id, str(error)))
    editor.database.close()
    out.put((name, outcome))


def test_two_processes_key_one_session_and_nothing_is_lost(pg_server, pg_templates) -> None:
    url = pg_server.new_database(pg_templates["demo"])
    ids = race_results(url)
    shared, anna_own, bob_own = ids[0], ids[1:4], ids[4:8]
    context = multiprocessing.get_context("spawn")
    start, out = context.Barrier(2), context.Queue()
    writers = [
        context.Process(target=_writer, args=(url, "anna", anna_own, shared, start, out)),
        context.Process(target=_writer, args=(url, "bob", bob_own, shared, start, out)),
    ]
    for process in writers:
        process.start()
    outcomes = dict(out.get(timeout=60) for _ in writers)
    for process in writers:
        process.join(timeout=30)
        assert process.exitcode == 0
    shared_outcomes = [dict(outcomes[name])[shared] for name in ("anna", "bob")]
    assert sorted(o == "saved" for o in shared_outcomes) == [False, True]  # one wins
    winner = "anna" if shared_outcomes[0] == "saved" else "bob"
    loser_message = next(o for o in shared_outcomes if o != "saved")
    assert f"changed by {winner} at " in loser_message
    values = best_laps(url, ids[:8])
    assert values[shared] == 100_000 + shared + len(winner)
    for name, own in (("anna", anna_own), ("bob", bob_own)):
        assert all(dict(outcomes[name])[r] == "saved" for r in own)
        assert all(values[r] == 100_000 + r + len(name) for r in own)
    database = open_database(url)
    with database.read() as session:
        history = session.scalars(
            select(ChangeRecord).where(
                ChangeRecord.row_id == shared, ChangeRecord.table_name == "results"
            )
        ).all()
    database.close()
    keyed = [line.new for line in history if "best_lap_ms" in line.new]  # not the demo's
    assert keyed == [f'{{"best_lap_ms": {values[shared]}, "_by": "{winner}"}}']


def _set_best(editor: Editor, result_id: int, value: int) -> UndoRecord:
    step = FieldsStep(RowRef("results", result_id), "update_result", {"best_lap_ms": value})
    return perform(editor, "Fix best lap", [step], since=editor.seen)


def test_undo_takes_back_ones_own_edit_unless_someone_changed_it_since(new_target) -> None:
    target = new_target("demo")
    first, second = race_results(target)[:2]
    anna, ben = Editor(open_database(target)), Editor(open_database(target))
    anna.author, ben.author = "anna", "ben"
    anna.seen = ben.seen = anna.version()
    before = best_laps(target, [first, second])
    # anna's own later edit of the same value does not block her undo
    mine = _set_best(anna, first, 90_000)
    again = _set_best(anna, first, 91_000)
    again.revert(anna)
    mine.revert(anna)
    assert best_laps(target, [first]) == {first: before[first]}
    # ben changes the value after anna's edit: her undo is refused and his value stays
    taken = _set_best(anna, second, 92_000)
    ben.mark_read()
    _set_best(ben, second, 93_456)
    with pytest.raises(EditError, match=r"changed by ben at \d\d:\d\d to 1:33\.456"):
        taken.revert(anna)
    assert best_laps(target, [second]) == {second: 93_456}
    anna.database.close()
    ben.database.close()


def test_a_file_without_author_keeps_todays_behaviour(demo_file: Path) -> None:
    target = demo_file
    result_id = race_results(target)[0]
    one, two = Editor(open_database(target)), Editor(open_database(target))
    assert (one.author, one.seen) == ("", 0)
    _set_best(one, result_id, 95_000)
    _set_best(two, result_id, 96_000)  # no author: last write wins, as before issue 19
    assert best_laps(target, [result_id]) == {result_id: 96_000}
    one.database.close()
    two.database.close()


def test_a_values_history_says_who_changed_it(new_target) -> None:
    target = new_target("demo")
    result_id = race_results(target)[0]
    anna, ben = Editor(open_database(target)), Editor(open_database(target))
    anna.author, ben.author = "anna", "ben"
    _set_best(anna, result_id, 107_123)
    ben.mark_read()
    _set_best(ben, result_id, 108_000)
    lines = value_history(anna.database, "results", result_id, "best_lap_ms")
    assert [(line.author, line.new) for line in lines[-2:]] == [
        ("anna", "1:47.123"),
        ("ben", "1:48.000"),
    ]
    assert lines[-1].old == "1:47.123"
    assert lines[-1].text().endswith(" ben (Fix best lap): 1:47.123 -> 1:48.000")
    anna.database.close()
    ben.database.close()
