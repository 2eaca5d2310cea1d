"""The editing service: every change to data, checked as the reporter would see it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop_app.domain.classification import PenaltyKind, Status
from desktop_app.domain.sessions import ResultState, SessionKind
from desktop_app.services.changes import Changes
from desktop_app.services.editing import Editor
from desktop_app.services.errors import EditError
from desktop_app.storage import repository as repo
from desktop_app.storage.models import ChangeRecord, Entry, Result


@pytest.fixture
def weekend(editor: Editor) -> dict[str, int]:
    """An event with one race and three LMP3/GSX cars."""
    with editor.change("Set up") as edit:
        series = edit.ensure_series("VPSCC", "VP Racing SportsCar Challenge")
        lmp3 = edit.ensure_class(series, "LMP3")
        gsx = edit.ensure_class(series, "GSX", "Grand Sport", aliases=["GS"])
        event = edit.create_event("Roar", time_zone="America/New_York")
        race = edit.create_session(event, series, SessionKind.RACE, "Race 1")
        ids = {"series": series, "lmp3": lmp3, "gsx": gsx, "event": event, "race": race}
        for number, class_id in (("61", lmp3), ("87", lmp3), ("21", gsx), ("07", gsx)):
            ids[number] = edit.create_entry(event, series, number, class_id=class_id)
    return ids


def positions(editor: Editor, session_id: int) -> list[tuple[str | None, int | None, int | None]]:
    with editor.database.read() as session:
        return [
            (r.entry.car_number, r.position, r.class_position)
            for r in repo.session_results(session, session_id)
        ]


def test_keyed_order_gives_overall_and_class_positions(editor: Editor, weekend) -> None:
    with editor.change("Key results") as edit:
        for number in ("87", "21", "61", "07"):
            edit.add_result(weekend["race"], weekend[number], renumber=True)
    assert positions(editor, weekend["race"]) == [
        ("87", 1, 1),
        ("21", 2, 1),
        ("61", 3, 2),
        ("07", 4, 2),
    ]


def test_moving_a_row_renumbers_and_returns_old_index(editor: Editor, weekend) -> None:
    with editor.change("Key") as edit:
        ids = [edit.add_result(weekend["race"], weekend[n], renumber=True) for n in ("87", "61")]
    with editor.change("Move") as edit:
        assert edit.move_result(ids[1], 0, renumber=True) == 1
    assert positions(editor, weekend["race"]) == [("61", 1, 1), ("87", 2, 2)]


def test_not_started_car_gets_no_position(editor: Editor, weekend) -> None:
    with editor.change("Key") as edit:
        edit.add_result(weekend["race"], weekend["87"])
        edit.add_result(weekend["race"], weekend["61"], status=Status.DNS)
        edit.add_result(weekend["race"], weekend["21"], renumber=True)
    assert positions(editor, weekend["race"]) == [("87", 1, 1), ("61", None, None), ("21", 2, 1)]


def test_official_positions_follow_a_post_race_penalty(editor: Editor, weekend) -> None:
    with editor.change("Key") as edit:
        first = edit.add_result(weekend["race"], weekend["87"], laps=30, total_time_ms=3_600_000)
        edit.add_result(
            weekend["race"], weekend["61"], laps=30, total_time_ms=3_601_000, renumber=True
        )
        edit.add_penalty(first, PenaltyKind.TIME, amount_ms=5_000, reason="Pit lane speeding")
        edit.make_official(weekend["race"])
    with editor.database.read() as session:
        rows = repo.session_results(session, weekend["race"])
        assert [
            (r.entry.car_number, r.class_position, r.official_class_position) for r in rows
        ] == [("87", 1, 2), ("61", 2, 1)]
        assert rows[0].session.result_state is ResultState.OFFICIAL


def test_car_numbers_are_text_and_unique_per_series(editor: Editor, weekend) -> None:
    with editor.change("Add #7") as edit:
        edit.create_entry(weekend["event"], weekend["series"], "7")
    with pytest.raises(EditError, match=r"Car #07 is already in the VP Racing"):
        with editor.change("Add #07 again") as edit:
            edit.create_entry(weekend["event"], weekend["series"], "07")
    with editor.database.read() as session:
        numbers = session.scalars(select(Entry.car_number)).all()
    assert sorted(numbers) == ["07", "21", "61", "7", "87"]


def test_refused_edit_leaves_nothing_half_written(editor: Editor, weekend) -> None:
    with pytest.raises(EditError), editor.change("Key then fail") as edit:
        edit.add_result(weekend["race"], weekend["87"])
        edit.add_result(weekend["race"], weekend["87"])
    assert positions(editor, weekend["race"]) == []


def test_update_returns_old_values_for_undo(editor: Editor, weekend) -> None:
    with editor.change("Key") as edit:
        result = edit.add_result(weekend["race"], weekend["87"], laps=10)
    with editor.change("Fix laps") as edit:
        assert edit.update_result(result, laps=11, best_lap_ms=107_123) == {
            "laps": 10,
            "best_lap_ms": None,
        }
    with editor.database.read() as session:
        row = session.get(Result, result)
        assert (row.laps, row.best_lap_ms) == (11, 107_123)


def test_negative_laps_are_refused_in_words(editor: Editor, weekend) -> None:
    with pytest.raises(EditError, match="Laps must be a whole number of 0 or more"):
        with editor.change("Bad laps") as edit:
            edit.add_result(weekend["race"], weekend["87"], laps=-1)


def test_unknown_time_zone_is_refused(editor: Editor) -> None:
    with pytest.raises(EditError, match="not a time zone"), editor.change("Event") as edit:
        edit.create_event("Roar", time_zone="Daytona/Beach")


def test_session_cannot_end_before_it_starts(editor: Editor, weekend) -> None:
    start = dt.datetime(2024, 1, 20, 19, 5, tzinfo=dt.UTC)
    with pytest.raises(EditError, match="cannot end before it starts"):
        with editor.change("Times") as edit:
            edit.update_session(
                weekend["race"], starts_at=start, ends_at=start - dt.timedelta(minutes=1)
            )


def test_class_alias_finds_the_class(editor: Editor, weekend) -> None:
    with editor.database.read() as session:
        assert repo.find_class(session, weekend["series"], "gs").id == weekend["gsx"]
        assert repo.find_class(session, weekend["series"], "LMP 3").id == weekend["lmp3"]


def test_listeners_hear_committed_changes_only(editor: Editor, weekend) -> None:
    heard: list[Changes] = []
    editor.subscribe(heard.append)
    with editor.change("Key #87") as edit:
        edit.add_result(weekend["race"], weekend["87"])
    with pytest.raises(EditError), editor.change("Bad") as edit:
        edit.add_result(weekend["race"], weekend["87"])
    assert [c.action for c in heard] == ["Key #87"]
    assert heard[0].session_ids == {weekend["race"]} and heard[0].touches("results")


def test_change_history_records_old_and_new(editor: Editor, weekend) -> None:
    with editor.change("Key") as edit:
        result = edit.add_result(weekend["race"], weekend["87"], laps=10)
    with editor.change("Fix laps") as edit:
        edit.update_result(result, laps=12)
    with editor.database.read() as session:
        last = session.scalars(select(ChangeRecord).order_by(ChangeRecord.id.desc())).first()
    assert (last.action, last.old, last.new) == ("Fix laps", '{"laps": 10}', '{"laps": 12}')


def test_an_actions_history_lines_follow_the_order_its_changes_were_made(
    editor: Editor, weekend
) -> None:
    """The lines are written together as the action ends, in the order noted."""
    with editor.change("Key two") as edit:
        first = edit.add_result(weekend["race"], weekend["87"], laps=10)
        edit.update_result(first, laps=11)
        edit.add_result(weekend["race"], weekend["61"], laps=9)
    with editor.database.read() as session:
        lines = session.scalars(
            select(ChangeRecord).where(ChangeRecord.action == "Key two").order_by(ChangeRecord.id)
        ).all()
    second = lines[-1].row_id
    assert [(line.table_name, line.row_id, line.old, line.new) for line in lines] == [
        ("results", first, "{}", f'{{"entry_id": {weekend["87"]}}}'),
        (
            "sessions",
            weekend["race"],
            '{"result_state": "none"}',
            '{"result_state": "provisional"}',
        ),
        ("results", first, '{"laps": 10}', '{"laps": 11}'),
        ("results", second, "{}", f'{{"entry_id": {weekend["61"]}}}'),
    ]
    assert second != first


def test_a_refused_action_leaves_no_history_line(editor: Editor, weekend) -> None:
    with editor.database.read() as session:
        before = session.scalar(select(func.count()).select_from(ChangeRecord))
    with pytest.raises(EditError), editor.change("Key twice") as edit:
        edit.add_result(weekend["race"], weekend["87"], laps=10)
        edit.add_result(weekend["race"], weekend["87"], laps=10)
    with editor.database.read() as session:
        assert session.scalar(select(func.count()).select_from(ChangeRecord)) == before


def test_drivers_match_across_spellings(editor: Editor) -> None:
    with editor.change("Driver") as edit:
        edit.create_driver("Thompson", first_name="Parker", tags=["Canadian"])
        edit.create_driver("Lazare", first_name="Jessé")
    with editor.database.read() as session:
        assert [d.full_name for d in repo.drivers_named(session, "Parker", "THOMPSON")] == [
            "Parker Thompson"
        ]
        assert len(repo.drivers_named(session, "Jesse", "LAZARE")) == 1
