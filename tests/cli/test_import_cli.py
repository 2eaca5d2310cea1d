"""``racedesk import``: creates the event and session, prints the report, refuses bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.storage.database import open_database

TIMING = Path(__file__).resolve().parents[1] / "fixtures" / "timing"
RACE = TIMING / "imsa_wtsc_2023_long-beach_race_results_tobi-commaconv.csv"
ELMS = TIMING / "elms_2014_imola-4h_race_classification.csv"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_creates_event_and_session_and_prints_the_report(capsys, db_path: Path) -> None:
    args = ("--db", str(db_path), "import", str(RACE), "--event", "Long Beach", "--session")
    code, out, err = run(capsys, *args, "Race", "--series", "IWSC")
    assert (code, err) == (0, "")
    assert "Created session Race (Race) in event Long Beach." in out
    assert "Imported 28 results from" in out and "(IMSA race results)" in out
    assert "28 new entries, 56 new drivers, 22 new teams" in out
    assert "New classes added to the series: GTP, GTD PRO, GTD" in out
    # no --time-zone for a new event: the reporter is told the file times were read as UTC
    assert "Long Beach is a new event in UTC: the start times in the file names" in out
    before = list(sqlite3.connect(db_path).iterdump())
    code, out, _ = run(capsys, *args, "race")
    assert code == 0 and "Created session" not in out and "new event in UTC" not in out
    assert "unchanged since imported into Race; left out." in out
    assert "Nothing changed: every file was imported before and is unchanged." in out
    assert list(sqlite3.connect(db_path).iterdump()) == before
    database = open_database(db_path)
    with database.read() as session:
        (event,) = repo.find_events(session, "Long Beach")
        (race,) = repo.find_sessions(session, event.id, "Race")
        rows = repo.session_results(session, race.id)
        assert len(rows) == 28 and rows[0].entry.car_number == "6" and rows[0].position == 1
    database.close()


def test_new_session_needs_a_series_when_several_exist(capsys, db_path: Path) -> None:
    run(capsys, "--db", str(db_path), "demo")
    code, _, err = run(capsys, "--db", str(db_path), "import", str(ELMS), "--event", "Imola",
                       "--session", "Race")  # fmt: skip
    assert code == 1 and "--series" in err
    code, out, _ = run(capsys, "--db", str(db_path), "import", str(ELMS), "--event", "Imola",
                       "--session", "Race", "--series", "ELMS")  # fmt: skip
    assert code == 0 and "Imported 37 results" in out


def test_bad_file_prints_one_message_and_changes_nothing(
    capsys, db_path: Path, tmp_path: Path
) -> None:
    open_database(db_path).close()
    picture = tmp_path / "map.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\nrest")
    before = list(sqlite3.connect(db_path).iterdump())
    code, out, err = run(capsys, "--db", str(db_path), "import", str(picture), "--event", "X",
                         "--session", "Race", "--series", "IWSC")  # fmt: skip
    assert (code, out) == (1, "") and "map.png is a PNG image, not a CSV timing file" in err
    assert list(sqlite3.connect(db_path).iterdump()) == before


def test_ambiguous_driver_is_answered_with_an_option(capsys, db_path: Path) -> None:
    database = open_database(db_path)
    with Editor(database).change("Two drivers of one name") as edit:
        edit.ensure_series("IWSC", "IMSA")
        first = edit.create_driver("Tandy", first_name="Nick")
        edit.create_driver("TANDY", first_name="Nick", country="GBR")
    database.close()
    args = ("--db", str(db_path), "import", str(RACE), "--event", "LB", "--session", "Race")
    code, _, err = run(capsys, *args)
    assert code == 1 and f"{first} = Nick Tandy" in err and '--driver "Nick Tandy=ID"' in err
    code, out, _ = run(capsys, *args, "--driver", f"Nick Tandy={first}")
    assert code == 0 and "Imported 28 results" in out


def test_unknown_sheet_imports_with_map_options_then_without(
    capsys, db_path: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "club.csv"
    sheet.write_text("Car,Who,Best\n9,Jesse LAZARE,1:30.500\n", encoding="utf-8")
    args = ("--db", str(db_path), "import", str(sheet), "--event", "Club", "--session")
    code, _, err = run(capsys, *args, "Practice", "--series", "VPSCC")
    assert code == 1 and "is not a timing layout RaceDesk knows" in err
    code, _, err = run(capsys, *args, "Practice", "--series", "VPSCC", "--map", "nope=Car")
    assert code == 1 and '--map "nope=Car": use FIELD=COLUMN' in err
    maps = ("--map", "number=Car", "--map", "drivers=Who", "--map", "best_lap_time=Best")
    code, out, _ = run(capsys, *args, "Practice", "--series", "VPSCC", *maps)
    assert code == 0 and "Created session Practice (Practice)" in out and "1 new driver" in out
    sheet.write_text("Car,Who,Best\n9,Jesse LAZARE,1:30.500\n7,Marco KACIC,1:31.000\n")
    code, out, _ = run(capsys, *args, "Practice")  # the mapping was remembered
    assert code == 0 and "Imported 2 results from club.csv" in out
