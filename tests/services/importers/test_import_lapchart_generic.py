"""Lap charts give best laps and lap counts; generic sheets import through a mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from import_helpers import IMSA_RACE
from sqlalchemy import select

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.importers import generic
from desktop_app.services.importers.apply import apply_import
from desktop_app.services.importers.csv_reader import parse_text
from desktop_app.services.importers.detect import (
    MappingNeeded,
    read_import_file,
    read_table_results,
)
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.model import Layout
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Lap

OLD_LAPS = (
    "\ufeffNUMBER; DRIVER_NUMBER; LAPNUMBER; LAPTIME; ELAPSED; CLASS; TEAM; DRIVER_NAME;\r\n"
    "7;1;1;1:40.000;1:40.000;GTP;Penske;Felipe NASR;\r\n"
    "6;1;1;1:39.000;1:39.000;GTP;Penske;Nick TANDY;\r\n"
    "7;1;2;1:38.500;3:18.500;GTP;Penske;Felipe NASR;\r\n"
    "6;2;2;1:41.000;3:20.000;GTP;Penske;Mathieu JAMINET;\r\n"
    "6;2;3;1:41.000;5:01.000;GTP;Penske;Mathieu JAMINET;\r\n"
)
NEW_LAPS = (
    "NUMBER;LAP_NUMBER;LAP_TIME;FLAG_AT_FL;\n01;1;1:45.100;GF;\n01;2;;FCY;\n1;1;1:44.000;GF;\n"
)


def test_old_lap_chart_gives_laps_and_best_laps() -> None:
    imported = read_table_results(parse_text(OLD_LAPS, "23_Time Cards.csv"), kind=SessionKind.RACE)
    assert imported.layout is Layout.LAP_CHART and "lap chart" in imported.notes[0]
    by_car = {r.car_number: r for r in imported.results}
    assert [r.car_number for r in imported.results] == ["6", "7"]  # more laps first in a race
    assert (by_car["6"].laps, by_car["6"].best_lap_ms, by_car["6"].best_lap_number) == (
        3,
        99_000,
        1,
    )
    assert (by_car["7"].laps, by_car["7"].best_lap_ms, by_car["7"].best_lap_number) == (
        2,
        98_500,
        2,
    )
    assert [d.full_name for d in by_car["6"].drivers] == ["Nick Tandy", "Mathieu Jaminet"]


def test_new_lap_chart_orders_practice_by_best_lap() -> None:
    imported = read_table_results(parse_text(NEW_LAPS, "23_Analysis.csv"))
    assert [(r.car_number, r.laps, r.best_lap_ms) for r in imported.results] == [
        ("1", 1, 104_000),
        ("01", 2, 105_100),
    ]


def test_lap_chart_over_existing_results_attaches_laps_and_keeps_the_order(
    editor: Editor, race_session: int
) -> None:
    apply_import(editor, read_import_file(IMSA_RACE), race_session)
    with editor.database.read() as session:
        before = [
            (r.entry.car_number, r.position, r.laps)
            for r in repo.session_results(session, race_session)
        ]
    report = apply_import(
        editor, read_table_results(parse_text(OLD_LAPS, "laps.csv")), race_session
    )
    assert report.laps == 5 and report.results == 0
    assert "order, entries and crews are unchanged" in report.text()
    with editor.database.read() as session:
        rows = repo.session_results(session, race_session)
        assert [(r.entry.car_number, r.position, r.laps) for r in rows] == before
        laps = session.scalars(select(Lap)).all()
        by_car = {r.entry_id: r.entry.car_number for r in rows}
        assert sorted((by_car[lap.entry_id], lap.lap_number, lap.time_ms) for lap in laps) == [
            ("6", 1, 99_000),
            ("6", 2, 101_000),
            ("6", 3, 101_000),
            ("7", 1, 100_000),
            ("7", 2, 98_500),
        ]


def test_lap_chart_into_empty_session(editor: Editor, race_session: int) -> None:
    report = apply_import(
        editor, read_table_results(parse_text(NEW_LAPS, "laps.csv")), race_session
    )
    assert report.results == 2 and "lap chart" in report.text()
    with editor.database.read() as session:
        rows = repo.session_results(session, race_session)
        assert [(r.entry.car_number, r.position, r.best_lap_ms) for r in rows] == [
            ("1", 1, 104_000),
            ("01", 2, 105_100),
        ]


SHEET = (
    "Pos,Car #,Driver,Team,Class,Best Lap,Laps\n"
    "1,9,Jesse LAZARE / Marco Kacic,Team A,LMP3,1:30.500,20\n"
)


def test_generic_sheet_asks_for_a_mapping_then_remembers_it(
    editor: Editor, race_session: int, racedesk_home: Path
) -> None:
    table = parse_text(SHEET, "club.csv")
    with pytest.raises(MappingNeeded) as asked:
        read_table_results(table)
    suggestion = asked.value.suggestion
    assert suggestion.columns["number"] == "Car #" and suggestion.drivers_column == "Driver"
    assert suggestion.columns["best_lap_time"] == "Best Lap"
    generic.remember_mapping(table.headers, suggestion)
    saved = json.loads((racedesk_home / "config" / generic.MAPPINGS_FILE).read_text())
    assert list(saved) == [generic.signature(table.headers)]
    imported = read_table_results(parse_text(SHEET.replace("Pos,", "pos,"), "club2.csv"))
    assert imported.layout is Layout.GENERIC
    result = imported.results[0]
    assert (result.car_number, result.best_lap_ms, result.laps, result.class_code) == (
        "9",
        90_500,
        20,
        "LMP3",
    )
    assert [d.full_name for d in result.drivers] == ["Jesse Lazare", "Marco Kacic"]
    assert apply_import(editor, imported, race_session).new_drivers == 2


def test_mapping_must_name_the_car_number_and_existing_columns() -> None:
    table = parse_text(SHEET, "club.csv")
    with pytest.raises(TimingImportError, match="car number"):
        read_table_results(table, mapping=generic.mapping_from_fields({"team": "Team"}))
    with pytest.raises(TimingImportError, match="has no column Nope"):
        read_table_results(table, mapping=generic.mapping_from_fields({"number": "Nope"}))


def test_xlsx_sheet_reads_through_the_same_mapping(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["No.", "Drivers", "Laps", "Best"])
    sheet.append(["07", "Kyle MARCELLI", 41, dt.time(0, 1, 47, 123_000)])
    path = tmp_path / "results.xlsx"
    workbook.save(path)
    mapping = generic.mapping_from_fields(
        {"number": "No.", "drivers": "Drivers", "laps": "Laps", "best_lap_time": "Best"}
    )
    imported = read_import_file(path, mapping=mapping)
    assert [(r.car_number, r.laps, r.best_lap_ms) for r in imported.results] == [
        ("07", 41, 107_123)
    ]
    assert generic.mapping_fields(mapping)["drivers"] == "Drivers"


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(TimingImportError, match="not an Excel workbook"):
        read_import_file(path)
