"""The imported weekend in a workbook: lap-chart sheets with real durations, and each
session's own crew on its results sheet."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from itertools import islice
from pathlib import Path

from openpyxl import load_workbook
from weekend_support import csv_rows, file_of, ms

from desktop_app.services.export import export_event_workbook
from desktop_app.storage.database import open_database

LAP_HEADER = ["No.", "Class", "Driver", "Lap", "Lap time", "Flag", "Pit in", "Pit time"]


def export(db: Path, target: Path, *, laps: bool) -> Path:
    database = open_database(db)
    try:
        return export_event_workbook(database, 1, target, laps=laps)
    finally:
        database.close()


def test_laps_add_one_lap_chart_sheet_per_session(sebring_db: Path, tmp_path: Path) -> None:
    book = load_workbook(export(sebring_db, tmp_path / "sebring.xlsx", laps=True), read_only=True)
    assert book.sheetnames[3] == "Drivers"  # the event's drivers sheet (issue 14) comes first
    assert book.sheetnames[4:] == [
        "IWSC Practice 1", "IWSC Practice 1 laps", "IWSC Practice 2", "IWSC Practice 2 laps",
        "IWSC Practice 3", "IWSC Practice 3 laps", "IWSC Qualifying", "IWSC Qualifying laps",
        "IWSC Race", "IWSC Race laps",
    ]  # fmt: skip
    sheet = book["IWSC Qualifying laps"]
    rows = list(sheet.iter_rows(values_only=True, max_col=len(LAP_HEADER)))
    assert list(rows[0]) == LAP_HEADER
    expected = csv_rows(file_of("Qualifying", "laps"))
    assert len(rows) - 1 == len(expected)
    assert Counter(row[0] for row in rows[1:]) == Counter(row["NUMBER"] for row in expected)
    by_lap = {(row[0], row[3]): row for row in rows[1:]}
    for lap in expected[::37]:
        row = by_lap[(lap["NUMBER"], int(lap["LAP_NUMBER"]))]
        assert row[2] == lap["DRIVER_NAME"] and row[5] == lap["FLAG_AT_FL"]
        assert round(row[4].total_seconds() * 1000) == ms(lap["LAP_TIME"])  # a real duration
        assert row[6] == ("Pit" if lap["CROSSING_FINISH_LINE_IN_PIT"] == "B" else None)
    first_time = next(islice(sheet.iter_rows(), 1, 2))[4]
    assert first_time.number_format == "[m]:ss.000" and isinstance(first_time.value, timedelta)


def test_without_laps_the_workbook_has_no_lap_sheets(sebring_db: Path, tmp_path: Path) -> None:
    book = load_workbook(export(sebring_db, tmp_path / "plain.xlsx", laps=False), read_only=True)
    assert not [name for name in book.sheetnames if name.endswith("laps")]
