"""The bulk edits an import writes with: plain values in, ids back in order, the one-row
edits' rules kept, and what a batch reads once (teams, cars) kept in step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_helpers import make_session
from sqlalchemy import event, select
from test_import_apply import read_import_text
from weekend_support import CHOICES, SEBRING, rows_of

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.editing_bulk import NewSession
from desktop_app.services.editing_entries import NewClass
from desktop_app.services.errors import EditError
from desktop_app.services.importers.apply import apply_import
from desktop_app.services.importers.undo import undo_import
from desktop_app.services.importers.weekend import plan_weekend
from desktop_app.services.importers.weekend_apply import apply_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.storage.database import open_database
from desktop_app.storage.models import Driver, RaceSession, Series


def series_with_gtd(editor: Editor) -> int:
    with editor.change("Set up") as edit:
        series_id = edit.ensure_series("IWSC", "IMSA WeatherTech")
        edit.ensure_class(series_id, "GTD", aliases=["GTDAM"])
    return series_id


def test_new_classes_go_in_together_after_the_series_classes(editor: Editor) -> None:
    series_id = series_with_gtd(editor)
    new = [
        NewClass("GTD PRO", "GTD Pro", ("GTDPRO", "GTD-PRO-X")),
        NewClass("LMP2", "", ("LMP 2",)),
    ]
    with editor.change("Import") as edit:
        series = edit.session.get(Series, series_id)
        assert series is not None and len(series.classes) == 1  # loaded before the insert
        ids = edit.add_classes(series_id, new)
        assert [c.code for c in series.classes] == ["GTD", "GTD PRO", "LMP2"]  # not stale
    path = editor.database.path
    classes = rows_of(path, "SELECT id, code, name, sort_order FROM classes ORDER BY sort_order")
    assert classes[1:] == [(ids[0], "GTD PRO", "GTD Pro", 1), (ids[1], "LMP2", "LMP2", 2)]
    # an alias spelled like its own class's code is not kept twice
    aliases = rows_of(path, "SELECT class_id, alias FROM class_aliases ORDER BY id")
    assert aliases[1:] == [(ids[0], "GTD-PRO-X")]
    lines = rows_of(
        path, "SELECT table_name, new FROM change_log WHERE action = 'Import' ORDER BY id"
    )
    assert [table for table, _new in lines] == ["classes", "class_aliases"]
    assert f'"ids": [{ids[0]}, {ids[1]}]' in lines[0][1]


def test_new_classes_refuse_a_spelling_of_another_class(editor: Editor) -> None:
    series_id = series_with_gtd(editor)
    before = rows_of(editor.database.path, "SELECT COUNT(*) FROM classes")
    with pytest.raises(EditError, match='"GTD AM" already means class GTD in this series.'):
        with editor.change("Import") as edit:
            edit.add_classes(series_id, [NewClass("GTDA", aliases=("GTD AM",))])
    with pytest.raises(EditError, match='"TCR" already means class TCR in this series.'):
        with editor.change("Import") as edit:
            edit.add_classes(series_id, [NewClass("TCR"), NewClass("TCR2", aliases=("TCR",))])
    assert rows_of(editor.database.path, "SELECT COUNT(*) FROM classes") == before


def test_inserted_rows_get_their_ids_in_the_order_given(editor: Editor) -> None:
    """SQLite takes the rows in one executemany; the ids read back follow the rows, also
    after the highest row was deleted (SQLite then gives its id again)."""
    with editor.change("Team") as edit:
        last = edit.add_teams(["Z"])[0]
        edit.delete_team(last)
    with editor.change("Teams") as edit:
        ids = edit.add_teams(["Wright", "Acura", "Porsche Penske"])
    named = dict(rows_of(editor.database.path, "SELECT id, name FROM teams"))
    assert [named[team_id] for team_id in ids] == ["Wright", "Acura", "Porsche Penske"]
    assert ids[0] == last


def test_new_drivers_are_written_from_values_and_seen_by_later_edits(editor: Editor) -> None:
    with editor.change("Import") as edit:
        made = edit.new_driver(
            " Nasr ",
            first_name="Felipe",
            official_ids=[("imsa", "7"), ("imsa", "7")],
            country="bra",
        )
        other = edit.new_driver("Tandy", first_name="Nick")
        ids = edit.add_drivers([made, other])
        assert [made.id, other.id] == ids
        edit.update_driver(ids[0], hometown_city="Brasilia")  # the same action sees it
        saved = edit.session.get(Driver, ids[0])
        assert saved is not None
        assert [(o.provider, o.official_id) for o in saved.official_ids] == [("imsa", "7")]
    drivers = rows_of(
        editor.database.path,
        "SELECT id, first_name, last_name, country, hometown_city FROM drivers ORDER BY id",
    )
    assert drivers == [
        (ids[0], "Felipe", "Nasr", "BRA", "Brasilia"),
        (ids[1], "Nick", "Tandy", "", ""),
    ]
    with pytest.raises(EditError, match="A driver needs a last name."):
        with editor.change("Bad") as edit:
            edit.new_driver("  ")


def test_new_sessions_go_last_in_the_event_with_one_history_line(editor: Editor) -> None:
    start = dt.datetime(2024, 3, 14, 14, 0, tzinfo=dt.UTC)
    with editor.change("Set up") as edit:
        series_id = edit.ensure_series("IWSC", "IMSA WeatherTech")
        event_id = edit.create_event("Sebring")
        edit.create_session(event_id, series_id, SessionKind.PRACTICE, "Practice 1")
    with editor.change("Import") as edit:
        ids = edit.add_sessions(
            event_id,
            [NewSession(series_id, SessionKind.QUALIFYING, "Qualifying", start),
             NewSession(series_id, SessionKind.RACE, "Race")],
        )  # fmt: skip
    sessions = rows_of(
        editor.database.path, "SELECT id, name, sort_order, result_state FROM sessions ORDER BY id"
    )
    assert sessions[1:] == [(ids[0], "Qualifying", 2, "none"), (ids[1], "Race", 3, "none")]
    lines = rows_of(editor.database.path, "SELECT COUNT(*) FROM change_log WHERE action = 'Import'")
    assert lines == [(1,)]
    with pytest.raises(EditError, match="A session needs a name"):
        with editor.change("Bad") as edit:
            edit.add_sessions(event_id, [NewSession(series_id, SessionKind.RACE, " ")])


def test_a_batch_reads_the_teams_and_cars_once(tmp_path: Path) -> None:
    """Five results files of one event and series: the saved teams and the event's cars
    are read by the first file; the others use what it read and added."""
    database = open_database(tmp_path / "db.sqlite3")
    reads: list[str] = []

    def count(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        if sql.startswith(("SELECT teams.name", "SELECT entries.car_number, entries.id, ")):
            reads.append(sql.split(",", maxsplit=1)[0])

    plan = plan_weekend(database, read_batch([SEBRING]), CHOICES)
    event.listen(database.engine, "before_cursor_execute", count)
    try:
        apply_weekend(Editor(database), plan)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
        database.close()
    assert sorted(reads) == ["SELECT entries.car_number", "SELECT teams.name"]
    entries = rows_of(
        tmp_path / "db.sqlite3", "SELECT COUNT(*), COUNT(DISTINCT car_number) FROM entries"
    )
    assert entries[0][0] == entries[0][1] > 50  # every car once, none added twice


def test_a_catalogue_class_saved_under_its_code_gets_the_files_spelling(editor: Editor) -> None:
    """``LMH`` is the catalogue's Hypercar: a WEC series that has HYPERCAR takes the
    file's spelling as an alias; the class is not new, so undo keeps it, and takes away
    only the aliases the import added."""
    session_id = make_session(editor, "WEC", SessionKind.RACE)
    with editor.change("Class") as edit:
        series_id = edit.session.scalar(select(Series.id).where(Series.code == "WEC"))
        assert series_id is not None
        edit.ensure_class(series_id, "HYPERCAR")
    text = "POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;CLASS;TEAM;DRIVER_1;\n"
    text += "1;7;Classified;50;2:00:01.000;LMH;Toyota;Kamui KOBAYASHI;\n"
    report = apply_import(editor, read_import_text(text), session_id)
    assert report.new_classes == []
    path = editor.database.path
    assert rows_of(path, "SELECT alias FROM class_aliases ORDER BY alias") == [
        ("HY",),
        ("LMDH",),
        ("LMH",),
    ]
    assert report.undo is not None
    undo_import(editor, report.undo)
    assert rows_of(path, "SELECT code FROM classes") == [("HYPERCAR",)]
    assert rows_of(path, "SELECT alias FROM class_aliases") == []


def test_renumbering_an_imported_session_moves_no_row(sebring_db: Path) -> None:
    """The import gives new rows the positions renumbering computes, and so does not
    renumber them again: doing it afterwards must move nothing."""
    database = open_database(sebring_db)
    editor = Editor(database)
    try:
        with database.read() as session:
            session_ids = list(session.scalars(select(RaceSession.id)))
        with editor.change("Renumber") as edit:
            moved = {session_id: edit.renumber(session_id) for session_id in session_ids}
    finally:
        database.close()
    assert len(session_ids) == 5 and moved == {session_id: {} for session_id in session_ids}
