"""The Sebring weekend folder, a one-call import of it, and an independent parse (``csv``)."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from import_helpers import TIMING

from desktop_app.services.editing import Editor
from desktop_app.services.importers.weekend import Choices, WeekendPlan, plan_weekend
from desktop_app.services.importers.weekend_apply import WeekendReport, apply_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.storage.database import open_database

SEBRING = TIMING / "imsa_wtsc_2024_sebring_weekend"
SESSIONS = {
    "Practice 1": "202403141005-practice-1",
    "Practice 2": "202403141505-practice-2",
    "Practice 3": "202403141945-practice-3",
    "Qualifying": "202403151250-qualifying",
    "Race": "202403160940-race",
}
CHOICES = Choices("Sebring 2024", series="IWSC", time_zone="America/New_York")


def rows_of(path: Path, sql: str) -> list[tuple]:
    """Rows read back with plain sqlite3 (nothing of RaceDesk's between)."""
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def plan(path: Path, paths: list[Path], choices: Choices = CHOICES) -> WeekendPlan:
    database = open_database(path)
    try:
        return plan_weekend(database, read_batch(paths), choices)
    finally:
        database.close()


def import_weekend(
    path: Path, paths: list[Path], choices: Choices = CHOICES, **options: object
) -> WeekendReport:
    """Read, plan and apply ``paths`` into the database file at ``path``."""
    database = open_database(path)
    try:
        read = read_batch(paths)
        return apply_weekend(Editor(database), plan_weekend(database, read, choices), **options)  # type: ignore[arg-type]
    finally:
        database.close()


def csv_rows(path: Path) -> list[dict[str, str]]:
    """The file as plain ``csv`` reads it: header names stripped of spaces and the BOM."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader)]
        return [dict(zip(header, row, strict=False)) for row in reader if any(row)]


def file_of(session_name: str, part: str) -> Path:
    return SEBRING / f"{SESSIONS[session_name]}-{part}.csv"


def crew_names(row: dict[str, str]) -> list[str]:
    names = []
    for seat in range(1, 7):
        first = row.get(f"DRIVER{seat}_FIRSTNAME", "").strip()
        last = row.get(f"DRIVER{seat}_SECONDNAME", "").strip()
        if first or last:
            names.append(f"{first} {last}".strip())
    return names


def ms(text: str) -> int | None:
    """``1:48.279`` / ``1:14:53.468`` -> ms, written apart from RaceDesk's parser."""
    if not text.strip():
        return None
    seconds = 0.0
    for part in text.strip().split(":"):
        seconds = seconds * 60 + float(part)
    return round(seconds * 1000)
