"""Weekend batches: re-import is a no-op, crews stay per session, bad files stop the batch,
cancel and undo leave the file as it was, a lap chart alone keeps the entry list."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from import_helpers import dump
from openpyxl import load_workbook
from weekend_support import CHOICES, csv_rows, file_of, import_weekend, plan, rows_of

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.crews import crews_for_sessions, session_crew
from desktop_app.services.editing import Editor
from desktop_app.services.export import export_event_workbook
from desktop_app.services.importers.errors import ImportCancelled, TimingImportError
from desktop_app.services.importers.file_names import Part, read_file_name
from desktop_app.services.importers.weekend import Choices, plan_weekend
from desktop_app.services.importers.weekend_apply import apply_weekend, undo_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.services.summaries.context import build_context
from desktop_app.services.summaries.selection import Selection
from desktop_app.storage import repository as repo
from desktop_app.storage.database import open_database


def data_dump(path: Path) -> list[str]:
    """Every row except the change history (an undo adds its own lines there)."""
    return [line for line in dump(path) if "change_log" not in line]


def folder(tmp_path: Path, *names: tuple[str, str]) -> Path:
    """A weekend folder with some of the Sebring files (session, part)."""
    target = tmp_path / "download"
    target.mkdir(exist_ok=True)
    for session, part in names:
        shutil.copy(file_of(session, part), target)
    return target


def edit_cell(path: Path, number: str, column: str, value: str) -> None:
    """Change one cell of car ``number``'s row, keeping the file's layout."""
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    header = [name.strip() for name in lines[0].split(",")]
    at = header.index(column)
    for index, line in enumerate(lines[1:], start=1):
        cells = line.split(",")
        if cells[1] == number or cells[0] == number:
            cells[at] = value
            lines[index] = ",".join(cells)
            break
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "part", "kind", "session"),
    [
        ("202403141005-practice-1-laps.csv", Part.LAPS, SessionKind.PRACTICE, "Practice 1"),
        ("202401261340-session-3-results.csv", Part.RESULTS, SessionKind.PRACTICE, "Session 3"),
        ("03_Results_Race_Official.CSV", Part.RESULTS, SessionKind.RACE, "Race"),
        ("23_Time Cards_Qualifying.CSV", Part.LAPS, SessionKind.QUALIFYING, "Qualifying"),
        ("202403151250-qualifying-weather.csv", Part.WEATHER, SessionKind.QUALIFYING, "Qualifying"),
        ("notes.pdf", Part.UNKNOWN, None, ""),
    ],
)
def test_file_names_say_the_session(name: str, part: Part, kind, session: str) -> None:
    read = read_file_name(name)
    assert (read.part, read.kind, read.session_name) == (part, kind, session)


def test_reimporting_the_folder_changes_nothing_and_says_so(sebring_db: Path) -> None:
    before = dump(sebring_db)
    again = plan(sebring_db, [file_of("Race", "results").parent])
    assert again.targets == [] and len(again.unchanged) == 15
    assert "202403160940-race-laps.csv: unchanged since imported into Race; left out." in (
        again.lines()
    )
    with pytest.raises(TimingImportError, match="every file was imported before"):
        import_weekend(sebring_db, [file_of("Race", "results").parent])
    assert dump(sebring_db) == before


def test_a_later_file_never_rewrites_an_earlier_sessions_crew(tmp_path: Path) -> None:
    download = folder(tmp_path, ("Practice 1", "results"), ("Practice 2", "results"))
    practice_2 = download / file_of("Practice 2", "results").name
    edit_cell(practice_2, "01", "DRIVER3_FIRSTNAME", "Alex")
    edit_cell(practice_2, "01", "DRIVER3_SECONDNAME", "Lynn")
    edit_cell(practice_2, "01", "DRIVER3_IMSA_DriverId", "99999")  # a new person, new id
    db = tmp_path / "db.sqlite3"
    import_weekend(db, [download / file_of("Practice 1", "results").name])
    import_weekend(db, [practice_2])
    database = open_database(db)
    with database.read() as session:
        (event,) = repo.find_events(session, "Sebring 2024")
        entry = repo.entry_by_number(session, event.id, event.sessions[0].series_id, "01")
        assert entry is not None
        crews = [
            [
                d.full_name
                for d in session_crew(
                    crews_for_sessions(session, [race_session.id]), race_session.id, entry
                )
            ]
            for race_session in event.sessions
        ]
        seats = [d.full_name for d in entry.drivers]
        summaries = [
            build_context(session, Selection(event.id, session_id=race_session.id))
            for race_session in event.sessions
        ]
    workbook = load_workbook(export_event_workbook(database, event.id, db.with_suffix(".xlsx")))
    database.close()
    in_summary = [
        next(
            [d.full_name for d in result.entry.drivers]
            for result in context.sessions[0].all_results
            if result.entry.number == "01"
        )
        for context in summaries
    ]
    in_sheets = [
        next(row[6] for row in workbook[sheet].iter_rows(values_only=True) if row[3] == "01")
        for sheet in ("IWSC Practice 1", "IWSC Practice 2")
    ]
    in_sheets += [
        next(row[5] for row in workbook["Entry list"].iter_rows(values_only=True) if row[2] == "01")
    ]
    assert in_summary == crews
    assert in_sheets == [", ".join(crews[0]), ", ".join(crews[1]), ", ".join(seats)]
    assert crews == [
        ["Renger van der Zande", "Sebastien Bourdais", "Scott Dixon"],
        ["Renger van der Zande", "Sebastien Bourdais", "Alex Lynn"],
    ]
    assert seats == ["Renger van der Zande", "Sebastien Bourdais", "Scott Dixon", "Alex Lynn"]


def test_a_bad_timing_file_stops_the_batch_naming_row_and_reason(tmp_path: Path) -> None:
    download = folder(tmp_path, ("Practice 1", "results"), ("Practice 1", "laps"))
    edit_cell(download / file_of("Practice 1", "results").name, "31", "LAPS", "x")
    (download / "entry-list.pdf").write_bytes(b"%PDF-1.4 rest")
    (download / "readme.md").write_text("Downloaded from imsa.com", encoding="utf-8")
    db = tmp_path / "db.sqlite3"
    open_database(db).close()
    before = dump(db)
    planned = plan(db, [download])
    assert [file.path.name for file in planned.skipped] == ["entry-list.pdf", "readme.md"]
    assert planned.skipped[0].skipped == "entry-list.pdf is a PDF document, not a CSV timing file."
    assert "readme.md is not a timing layout RaceDesk knows" in planned.skipped[1].skipped
    (failed,) = planned.failed
    assert 'row 3: laps: "x" is not a whole number' in failed.error
    with pytest.raises(TimingImportError) as refused:
        import_weekend(db, [download])
    assert "202403141005-practice-1-results.csv" in str(refused.value)
    assert "nothing was imported" in str(refused.value)
    assert dump(db) == before
    report = import_weekend(db, [download], keep_going=True)
    assert [r.file_name for r in report.reports] == ["202403141005-practice-1-laps.csv"]
    assert rows_of(db, "SELECT COUNT(*) FROM laps") == [(1632,)]


def test_a_30_digit_lap_count_is_refused_in_a_sentence(tmp_path: Path) -> None:
    download = folder(tmp_path, ("Race", "results"))
    edit_cell(download / file_of("Race", "results").name, "7", "LAPS", "9" * 30)
    db = tmp_path / "db.sqlite3"
    with pytest.raises(TimingImportError, match="is more than any race has"):
        import_weekend(db, [download])
    assert rows_of(db, "SELECT COUNT(*) FROM sessions") == [(0,)]


def test_cancel_leaves_the_file_byte_identical(tmp_path: Path) -> None:
    download = folder(tmp_path, ("Race", "results"), ("Race", "laps"), ("Race", "weather"))
    db = tmp_path / "db.sqlite3"
    open_database(db).close()
    before = db.read_bytes()
    calls: list[float] = []

    def cancel_late(done: float, _text: str) -> None:
        calls.append(done)
        if len(calls) == 3:  # after the results and the laps were written
            raise ImportCancelled()

    with pytest.raises(ImportCancelled):
        import_weekend(db, [download], progress=cancel_late)
    assert db.read_bytes() == before
    assert rows_of(db, "SELECT COUNT(*) FROM sessions") == [(0,)]


def test_undo_takes_the_whole_batch_back_in_one_step(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    database = open_database(db)
    editor = Editor(database)
    with editor.change("Set up") as edit:
        series_id = edit.ensure_series("IWSC", "IMSA WeatherTech")
        event_id = edit.create_event("Sebring 2024", time_zone="America/New_York")
        edit.create_session(event_id, series_id, SessionKind.PRACTICE, "Practice 1")
    before = data_dump(db)
    download = folder(
        tmp_path, ("Practice 1", "results"), ("Practice 1", "laps"), ("Practice 2", "weather")
    )
    planned = plan_weekend(database, read_batch([download]), CHOICES)
    assert [t.label for t in planned.targets] == [
        "Practice 1 (existing session)",
        "Practice 2 (new session)",
    ]
    report = apply_weekend(editor, planned)
    assert rows_of(db, "SELECT start_date, end_date FROM events") == [("2024-03-14", "2024-03-14")]
    undo_weekend(editor, report.undo)
    database.close()
    assert data_dump(db) == before


def test_a_lap_chart_alone_keeps_the_entry_list(sebring_db: Path, tmp_path: Path) -> None:
    entries_sql = (
        "SELECT e.car_number, e.vehicle, e.team_id, e.class_id, group_concat(s.driver_id) "
        "FROM entries e LEFT JOIN entry_drivers s ON s.entry_id = e.id GROUP BY e.id"
    )
    before = rows_of(sebring_db, entries_sql)
    warm_up = tmp_path / "202403160800-warm-up-laps.csv"
    shutil.copy(file_of("Qualifying", "laps"), warm_up)
    report = import_weekend(sebring_db, [warm_up])
    assert report.new_sessions == 1 and report.total("laps") == 363
    assert rows_of(sebring_db, entries_sql) == before
    laps = csv_rows(file_of("Qualifying", "laps"))
    cars = {row["NUMBER"] for row in laps}
    saved = rows_of(
        sebring_db,
        "SELECT s.kind, s.starts_at, COUNT(r.id) FROM sessions s JOIN results r "
        "ON r.session_id = s.id WHERE s.name = 'Warm-up'",
    )
    assert saved == [("warm_up", "2024-03-16 12:00:00.000000", len(cars))]
    assert dt.date(2024, 3, 16).isoformat() in saved[0][1]
    unnamed = "SELECT COUNT(*) FROM laps WHERE driver_id IS NULL"
    assert rows_of(sebring_db, unnamed) == [(0,)]  # "Luis Perez Companc" is the saved driver


def test_the_series_is_the_one_whose_classes_the_file_lists(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    database = open_database(db)
    with Editor(database).change("Two series") as edit:
        weathertech = edit.ensure_series("IWSC", "IMSA WeatherTech")
        for code in ("GTP", "LMP2", "GTD PRO", "GTD"):
            edit.ensure_class(weathertech, code, aliases=["GTDPRO"] if code == "GTD PRO" else ())
        pilot = edit.ensure_series("IMPC", "Michelin Pilot Challenge")
        for code in ("GS", "TCR"):
            edit.ensure_class(pilot, code)
    database.close()
    results = file_of("Practice 1", "results")
    planned = plan(db, [results], Choices("Sebring 2024"))
    assert [(t.name, t.series_code) for t in planned.targets] == [("Practice 1", "IWSC")]
    race = plan(db, [file_of("Race", "weather")], Choices("Sebring 2024"))
    (failed,) = race.failed
    assert "cannot tell which series 202403160940-race-weather.csv belongs to" in failed.error
