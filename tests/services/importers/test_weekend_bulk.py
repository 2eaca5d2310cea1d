"""The weekend import's bulk writes: one history line per table and file, undo and redo of
the whole Sebring folder, and the one-row edits' refusals kept by the bulk edits."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from import_helpers import dump
from weekend_support import CHOICES, SEBRING, csv_rows, file_of, rows_of

from desktop_app.domain.classification import PenaltyKind
from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.editing_bulk import NewEntry
from desktop_app.services.errors import EditError
from desktop_app.services.importers.weekend import plan_weekend
from desktop_app.services.importers.weekend_apply import apply_weekend, undo_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.storage.database import open_database

RESULTS_SQL = (
    "SELECT s.name, e.car_number, r.sort_order, r.position, r.class_position, r.laps, "
    "r.total_time_ms, r.best_lap_ms, r.status FROM results r JOIN sessions s ON "
    "s.id = r.session_id JOIN entries e ON e.id = r.entry_id ORDER BY s.name, r.sort_order"
)
CREWS_SQL = (
    "SELECT s.name, e.car_number, c.seat, d.first_name, d.last_name FROM session_crews c "
    "JOIN sessions s ON s.id = c.session_id JOIN entries e ON e.id = c.entry_id "
    "JOIN drivers d ON d.id = c.driver_id ORDER BY s.name, e.car_number, c.seat"
)
LAPS_SQL = (
    "SELECT s.name, e.car_number, l.lap_number, l.time_ms, d.last_name, l.flag, l.pit_in "
    "FROM laps l JOIN sessions s ON s.id = l.session_id JOIN entries e ON e.id = l.entry_id "
    "LEFT JOIN drivers d ON d.id = l.driver_id ORDER BY s.name, e.car_number, l.lap_number"
)


def content(path: Path) -> dict[str, list[tuple]]:
    """What the reporter sees, without row ids (a redo gives rows new ids)."""
    return {name: rows_of(path, sql) for name, sql in (("results", RESULTS_SQL),
            ("crews", CREWS_SQL), ("laps", LAPS_SQL))}  # fmt: skip


def without_history(path: Path) -> list[str]:
    return [line for line in dump(path) if "change_log" not in line]


def test_undo_and_redo_of_the_whole_folder(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    database = open_database(db)
    editor = Editor(database)
    before = without_history(db)
    planned = plan_weekend(database, read_batch([SEBRING]), CHOICES)
    first = apply_weekend(editor, planned)
    imported = content(db)
    assert len(imported["results"]) == 290 and len(imported["laps"]) == 22_304
    undo_weekend(editor, first.undo)
    assert without_history(db) == before
    apply_weekend(editor, planned)  # redo: the window applies the same plan again
    database.close()
    assert content(db) == imported


def test_one_history_line_per_table_and_file_not_per_row(sebring_db: Path) -> None:
    lines = dict(
        rows_of(
            sebring_db,
            "SELECT table_name, COUNT(*) FROM change_log WHERE table_name IN "
            "('drivers', 'teams', 'entries') GROUP BY table_name",
        )
    )
    drivers = rows_of(sebring_db, "SELECT COUNT(*) FROM drivers")[0][0]
    assert drivers > 100 and lines["drivers"] <= 5
    assert lines["teams"] <= 5 and lines["entries"] <= 5
    results_files = len(list(SEBRING.glob("*-results.csv")))
    added = rows_of(
        sebring_db,
        "SELECT COUNT(*) FROM change_log WHERE table_name = 'results' AND new LIKE '%added%'",
    )
    assert added == [(results_files,)]


def test_the_race_order_is_the_files_order_with_positions(sebring_db: Path) -> None:
    race = csv_rows(file_of("Race", "results"))
    saved = [row for row in rows_of(sebring_db, RESULTS_SQL) if row[0] == "Race"]
    assert [row[1] for row in saved] == [row["NUMBER"] for row in race]
    assert [row[2] for row in saved] == list(range(1, len(race) + 1))
    assert [str(row[3]) for row in saved] == [row["POSITION"] for row in race]


def test_bulk_entries_refuse_a_taken_or_repeated_car_number(editor: Editor) -> None:
    with editor.change("Set up") as edit:
        series_id = edit.ensure_series("IWSC", "IMSA WeatherTech")
        event_id = edit.create_event("Sebring 2024")
        edit.create_entry(event_id, series_id, "7")
    for numbers in (["7"], ["8", "#8"]):
        with pytest.raises(EditError, match="already in the IMSA WeatherTech entry list"):
            with editor.change("Add cars") as edit:
                edit.add_entries(event_id, series_id, [NewEntry(n) for n in numbers])


def test_bulk_results_refuse_a_car_twice_and_make_the_session_provisional(
    editor: Editor,
) -> None:
    with editor.change("Set up") as edit:
        series_id = edit.ensure_series("IWSC", "IMSA WeatherTech")
        event_id = edit.create_event("Sebring 2024")
        session_id = edit.create_session(event_id, series_id, SessionKind.RACE, "Race")
        cars = [NewEntry("7"), NewEntry("8"), NewEntry("9")]
        entry_ids = edit.add_entries(event_id, series_id, cars)
    with editor.change("Import") as edit:
        ids = edit.add_results(session_id, [(entry_ids[1], {"laps": 10}), (entry_ids[0], {})])
        assert edit.result_state(session_id).value == "provisional"
    assert len(ids) == 2 and ids[0] < ids[1]
    with pytest.raises(EditError, match="Car #8 is already in this session's results"):
        with editor.change("Again") as edit:
            edit.add_results(session_id, [(entry_ids[1], {})])
    with pytest.raises(EditError, match="whole number"):
        with editor.change("Bad") as edit:
            edit.add_results(session_id, [(entry_ids[2], {"laps": -1})])


def test_undo_deletes_one_table_at_a_time_with_one_history_line_each(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    database = open_database(db)
    editor = Editor(database)
    report = apply_weekend(editor, plan_weekend(database, read_batch([SEBRING]), CHOICES))
    undo_weekend(editor, report.undo)
    database.close()
    deleted = dict(
        rows_of(
            db,
            "SELECT table_name, COUNT(*) FROM change_log WHERE old LIKE '%deleted%' "
            "GROUP BY table_name",
        )
    )
    results_files = len(list(SEBRING.glob("*-results.csv")))
    assert deleted["results"] <= results_files  # not one line for each of the 290 cars
    assert deleted["drivers"] <= 5 and deleted["entries"] <= 5
    assert rows_of(db, "SELECT COUNT(*) FROM drivers") == [(0,)]


def test_undo_into_a_session_the_reporter_made_takes_penalties_and_state_back(
    tmp_path: Path,
) -> None:
    """The reporter's own Race session gets the race results; a penalty is keyed on an
    imported car; undo removes results and penalty and leaves the session as it was."""
    db = tmp_path / "db.sqlite3"
    database = open_database(db)
    editor = Editor(database)
    with editor.change("Set up") as edit:
        series_id = edit.ensure_series("IWSC", "IMSA WeatherTech")
        event_id = edit.create_event("Sebring 2024", time_zone="America/New_York")
        session_id = edit.create_session(event_id, series_id, SessionKind.RACE, "Race")
    before = without_history(db)
    planned = plan_weekend(database, read_batch([file_of("Race", "results")]), CHOICES)
    assert [target.session_id for target in planned.targets] == [session_id]
    report = apply_weekend(editor, planned)
    first = rows_of(db, "SELECT id FROM results ORDER BY sort_order LIMIT 1")[0][0]
    with editor.change("Penalty") as edit:
        edit.add_penalty(first, PenaltyKind.TIME, amount_ms=30_000)
    undo_weekend(editor, report.undo)
    with editor.change("Later") as edit:  # the ORM holds nothing stale after the set deletes
        assert edit.result_state(session_id).value == "none"
    database.close()
    assert rows_of(db, "SELECT COUNT(*) FROM penalties") == [(0,)]
    assert without_history(db) == before


def test_every_file_is_remembered_by_its_hash_in_one_history_line(sebring_db: Path) -> None:
    """What makes a re-import a no-op: each file with its session, part and sha256,
    written for the batch at once."""
    remembered = rows_of(
        sebring_db,
        "SELECT f.file_name, s.name, f.kind, f.sha256 FROM imported_files f "
        "JOIN sessions s ON s.id = f.session_id ORDER BY f.file_name",
    )
    files = sorted(SEBRING.glob("*.csv"))
    assert [row[0] for row in remembered] == [path.name for path in files]
    assert [row[3] for row in remembered] == [
        hashlib.sha256(path.read_bytes()).hexdigest() for path in files
    ]
    race = [row[1:3] for row in remembered if row[0].startswith("202403160940")]
    assert race == [("Race", "laps"), ("Race", "results"), ("Race", "weather")]
    lines = rows_of(sebring_db, "SELECT new FROM change_log WHERE table_name = 'imported_files'")
    assert len(lines) == 1 and '"added": 15' in lines[0][0]


def test_the_class_spellings_are_read_once_per_batch(tmp_path: Path) -> None:
    """Five results files of one series: the series' classes (with their aliases) are
    read by the first file that needs them, and once more by the one bulk edit that adds
    the four classes the first file names (its own check of their spellings); their
    codes (for positions in class) once; the classes a file adds are known to the next
    ones: each made once."""
    from sqlalchemy import event

    database = open_database(tmp_path / "db.sqlite3")
    reads: list[str] = []

    def count(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        if sql.startswith("SELECT classes.id") and "WHERE classes.series_id =" in sql:
            reads.append(sql)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        plan = plan_weekend(database, read_batch([SEBRING]), CHOICES)
        apply_weekend(Editor(database), plan)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
        database.close()
    classes = rows_of(tmp_path / "db.sqlite3", "SELECT code FROM classes ORDER BY code")
    assert classes == [("GTD",), ("GTD PRO",), ("GTP",), ("LMP2",)]
    spellings = "SELECT classes.id, classes.code, classes.name \nFROM classes"
    codes = "SELECT classes.id, classes.code \nFROM classes"
    assert sorted(read.split(" \nWHERE")[0] for read in reads) == [codes, spellings, spellings]
