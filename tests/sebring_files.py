"""The Sebring 2024 weekend files, read with plain ``csv``: the independent parse.

Tests compare what RaceDesk says with figures computed here straight from the files.
``build_sebring`` makes a database of the weekend: results through the real importer,
laps through a small test-only loader (plain csv -> ``Lap`` rows), Canadians (drivers
whose DRIVERn_COUNTRY is CAN) tagged ``Canadian``. A session-scoped fixture builds it
once; each test gets its own copy of the file.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.domain.laps import LapRecord
from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.importers.apply import apply_import
from desktop_app.services.importers.detect import read_import_file
from desktop_app.storage import repository as repo
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.models import Entry, Lap

SEBRING = Path(__file__).resolve().parent / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
SESSIONS = {
    "Practice 1": ("202403141005-practice-1", SessionKind.PRACTICE),
    "Qualifying": ("202403151250-qualifying", SessionKind.QUALIFYING),
    "Race": ("202403160940-race", SessionKind.RACE),
}
EVENT = "Mobil 1 Twelve Hours of Sebring"
CLASSES = (("GTP", ()), ("LMP2", ()), ("GTD PRO", ("GTDPRO",)), ("GTD", ()))


def rows(name: str, kind: str) -> list[dict[str, str]]:
    """A file's rows as dicts, header names stripped (lap files have ``, NAME`` headers)."""
    path = SEBRING / f"{SESSIONS[name][0]}-{kind}.csv"
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return [{k.strip(): v for k, v in row.items() if k} for row in csv.DictReader(stream)]


def ms(text: str) -> int | None:
    """``1:47.123`` / ``13:42:34.355`` / ``47.1`` -> ms, written apart from domain.timing."""
    text = text.strip()
    if not text:
        return None
    *bigger, seconds = text.split(":")
    whole = 0
    for part in bigger:
        whole = whole * 60 + int(part)
    secs, _, frac = seconds.partition(".")
    return (whole * 60 + int(secs)) * 1000 + int((frac or "0").ljust(3, "0")[:3])


def lap_records(name: str) -> list[LapRecord]:
    """Car number and driver name as keys: independent of any database id."""
    return [
        LapRecord(
            car=row["NUMBER"],
            lap=int(row["LAP_NUMBER"]),
            time_ms=ms(row["LAP_TIME"]),
            driver=row["DRIVER_NAME"],
            elapsed_ms=ms(row["ELAPSED"]),
            time_of_day_ms=ms(row["HOUR"]),
            flag=row["FLAG_AT_FL"],
            pit_in=row["CROSSING_FINISH_LINE_IN_PIT"] == "B",
            pit_time_ms=ms(row["PIT_TIME"]),
        )
        for row in rows(name, "laps")
    ]


def canadians(name: str) -> dict[str, list[str]]:
    """Car number -> full names of its drivers whose country is CAN."""
    found: dict[str, list[str]] = {}
    for row in rows(name, "results"):
        for n in range(1, 7):
            if row.get(f"DRIVER{n}_COUNTRY") == "CAN":
                full = f"{row[f'DRIVER{n}_FIRSTNAME']} {row[f'DRIVER{n}_SECONDNAME']}"
                found.setdefault(row["NUMBER"], []).append(full)
    return found


@dataclass(frozen=True)
class Sebring:
    """A copy of the weekend database, its editor and ids."""

    editor: Editor
    event_id: int
    sessions: dict[str, int]


def build_sebring(path: Path) -> None:
    """The weekend in a fresh database file at ``path``."""
    database = open_database(path)
    try:
        editor = Editor(database)
        event_id, series_id = _event(editor)
        for name, (prefix, kind) in SESSIONS.items():
            with editor.change(f"Add {name}") as edit:
                session_id = edit.create_session(event_id, series_id, kind, name)
            imported = read_import_file(SEBRING / f"{prefix}-results.csv", kind=kind)
            apply_import(editor, imported, session_id)
            _load_laps(editor, session_id, name)
        _tag_canadians(editor)
    finally:
        database.close()


def _event(editor: Editor) -> tuple[int, int]:
    with editor.change("Set up Sebring") as edit:
        series_id = edit.ensure_series("IWSC", "IMSA WeatherTech SportsCar Championship")
        for order, (code, aliases) in enumerate(CLASSES):
            edit.ensure_class(series_id, code, aliases=aliases, sort_order=order)
        event_id = edit.create_event(
            EVENT, circuit="Sebring International Raceway", time_zone="America/New_York"
        )
    return event_id, series_id


def _load_laps(editor: Editor, session_id: int, name: str) -> None:
    """Test-only loader: each lap row becomes a ``Lap`` (the importer will do this later)."""
    with editor.change(f"Laps of {name}") as edit:
        entries = {
            e.car_number: e for e in edit.session.query(Entry).all() if e.car_number is not None
        }
        for row in rows(name, "laps"):
            entry = entries[row["NUMBER"]]
            edit.session.add(
                Lap(
                    session_id=session_id,
                    entry_id=entry.id,
                    lap_number=int(row["LAP_NUMBER"]),
                    time_ms=ms(row["LAP_TIME"]),
                    driver_id=_driver_id(entry, row["DRIVER_NAME"]),
                    driver_number=int(row["DRIVER_NUMBER"]),
                    pit_in=row["CROSSING_FINISH_LINE_IN_PIT"] == "B",
                    pit_time_ms=ms(row["PIT_TIME"]),
                    flag=row["FLAG_AT_FL"],
                    time_of_day_ms=ms(row["HOUR"]),
                    elapsed_ms=ms(row["ELAPSED"]),
                )
            )


def _driver_id(entry: Entry, name: str) -> int | None:
    wanted = repo.normalise_name(name)
    for driver in entry.drivers:
        if repo.normalise_name(driver.full_name) == wanted:
            return driver.id
    return None


def _tag_canadians(editor: Editor) -> None:
    names = {repo.normalise_name(n) for cars in canadians("Race").values() for n in cars}
    for session_name in SESSIONS:
        names |= {repo.normalise_name(n) for c in canadians(session_name).values() for n in c}
    with editor.change("Tag the Canadians") as edit:
        for entry in edit.session.query(Entry).all():
            for driver in entry.drivers:
                if repo.normalise_name(driver.full_name) in names:
                    edit.set_driver_tags(driver.id, ["Canadian"])


@pytest.fixture(scope="session")
def sebring_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per test run; tests never write to it."""
    folder = tmp_path_factory.mktemp("sebring")
    saved = os.environ.get("RACEDESK_HOME")
    os.environ["RACEDESK_HOME"] = str(folder / "home")
    try:
        build_sebring(folder / "sebring.sqlite3")
    finally:
        if saved is None:
            os.environ.pop("RACEDESK_HOME", None)
        else:
            os.environ["RACEDESK_HOME"] = saved
    return folder / "sebring.sqlite3"


@pytest.fixture
def sebring(sebring_template: Path, tmp_path: Path) -> Iterator[Sebring]:
    """This test's own copy of the weekend database."""
    target = tmp_path / "sebring.sqlite3"
    shutil.copyfile(sebring_template, target)
    database: Database = open_database(target)
    try:
        with database.read() as session:
            event = repo.find_events(session, EVENT)[0]
            ids = {s.name: s.id for s in event.sessions}
            event_id = event.id
        yield Sebring(Editor(database), event_id, ids)
    finally:
        database.close()
