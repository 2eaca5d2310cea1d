"""The imported weekend's weather, quoted in summaries and the workbook, against plain csv.

IMSA's weather files are in °F (Sebring's air reads 71-87); the figures expected here are
converted in this file, apart from the importer, and rounded as a reporter would.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from weekend_support import SESSIONS, csv_rows, file_of

from desktop_app.services.editing import Editor
from desktop_app.services.export import export_event_workbook
from desktop_app.services.summaries import Selection, summarise
from desktop_app.storage import repository as repo
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.models import WeatherSample

WEATHER_HEADER = ["Air min °C", "Air max °C", "Track min °C", "Track max °C", "Rain"]


def _celsius(text: str) -> float:
    return round((float(text) - 32) * 5 / 9, 1)


def _ranges(session_name: str) -> tuple[list[float], list[float], set[str]]:
    """(air min/max, track min/max, RAIN values) of the session's weather file."""
    readings = csv_rows(file_of(session_name, "weather"))
    air = [_celsius(r["AIR_TEMP"]) for r in readings]
    track = [_celsius(r["TRACK_TEMP"]) for r in readings]
    return [min(air), max(air)], [min(track), max(track)], {r["RAIN"] for r in readings}


def _degrees(low: float, high: float) -> str:
    first, last = round(low), round(high)
    return f"{first} °C" if first == last else f"{first}-{last} °C"


def _line(session_name: str) -> str:
    air, track, rain = _ranges(session_name)
    assert rain == {"-1"}  # the station never said: no "dry" is claimed
    return f"Track {_degrees(*track)}, air {_degrees(*air)}."


def _open(db: Path) -> tuple[Database, int, dict[str, int]]:
    database = open_database(db)
    with database.read() as session:
        event = repo.find_events(session, "Sebring 2024")[0]
        return database, event.id, {s.name: s.id for s in event.sessions}


def test_each_session_heading_quotes_its_weather_file(sebring_db: Path) -> None:
    database, event_id, sessions = _open(sebring_db)
    try:
        whole = summarise(database, Selection(event_id, tag=""), preset="weekend")
        race = summarise(database, Selection(event_id, sessions["Race"], tag=""), preset="race")
    finally:
        database.close()
    assert whole.ok and race.ok
    lines = whole.text.splitlines()
    for name in SESSIONS:
        heading = lines.index(f"IMSA WeatherTech SportsCar Championship {name}")
        assert lines[heading + 1] == _line(name)
    assert race.text.splitlines()[0] == _line("Race") == "Track 21-29 °C, air 22-31 °C."
    assert whole.text.count("Track ") == len(SESSIONS)  # once per session, never repeated


def test_a_session_without_weather_readings_says_nothing_of_it(sebring_db: Path) -> None:
    database, event_id, sessions = _open(sebring_db)
    try:
        with Editor(database).change("Forget the qualifying weather") as edit:
            edit.replace_weather(sessions["Qualifying"], [])
        text = summarise(database, Selection(event_id, tag=""), preset="weekend").text
        with database.read() as session:
            assert session.query(WeatherSample).count() > 0
    finally:
        database.close()
    assert text.count("Track ") == len(SESSIONS) - 1
    assert _line("Qualifying") not in text and _line("Race") in text


def test_schedule_sheet_gives_each_session_its_temperature_range(
    sebring_db: Path, tmp_path: Path
) -> None:
    database, event_id, _ = _open(sebring_db)
    try:
        target = export_event_workbook(database, event_id, tmp_path / "sebring.xlsx")
    finally:
        database.close()
    sheet = load_workbook(target, read_only=True)["Schedule"]
    rows = [
        list(row) + [None] * 14 for row in sheet.iter_rows(values_only=True)
    ]  # no trailing blanks
    header = rows[0]
    assert header[9:15] == [*WEATHER_HEADER, None]  # the last columns
    by_title = {row[4]: row[9:14] for row in rows[1:] if row[2] == "Session"}
    for name in SESSIONS:
        air, track, _ = _ranges(name)
        assert by_title[name] == [*air, *track, None]


def test_readings_are_stored_as_the_orm_stores_them(sebring_db: Path) -> None:
    """The readings go in by one plain executemany; their times are stored in the text
    form SQLAlchemy writes (so sorting and comparing in SQL agree) and read back as UTC."""
    import datetime as dt
    import sqlite3

    from sqlalchemy import select

    with sqlite3.connect(sebring_db) as connection:
        stored = connection.execute("SELECT at FROM weather_samples ORDER BY id LIMIT 1")
        (text,) = stored.fetchone()
    first = csv_rows(file_of("Practice 1", "weather"))[0]
    at = dt.datetime.fromtimestamp(int(first["TIME_UTC_SECONDS"]), dt.UTC)
    assert text == at.strftime("%Y-%m-%d %H:%M:%S.%f")
    database = open_database(sebring_db)
    try:
        with database.read() as session:
            query = select(WeatherSample.at).order_by(WeatherSample.id).limit(1)
            assert session.scalar(query) == at
    finally:
        database.close()
