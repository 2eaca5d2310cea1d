"""The one result line: the reader the workbook uses and the grid's rows agree, with the files."""

from __future__ import annotations

from dataclasses import fields

import openpyxl
from orm_lines import orm_lines
from sebring_files import Sebring, rows
from sqlalchemy import select

from desktop_app.services.editing import Editor
from desktop_app.services.export import export_event_workbook
from desktop_app.services.views.results import ResultLine, entry_info, read_result_lines
from desktop_app.storage import repository as repo
from desktop_app.storage.models import RaceSession


def _both_readers(editor: Editor, session_id: int) -> tuple[list[ResultLine], list[ResultLine]]:
    """(the one-query reader's lines, the old ORM builder's as an oracle) for one session."""
    with editor.database.read() as session:
        race = session.get(RaceSession, session_id)
        assert race is not None
        cars = {e.id: entry_info(e) for e in repo.event_entries(session, race.event_id)}
        read = read_result_lines(session, session_id, cars)
        grid = orm_lines(session, session_id)
    return read, grid


def test_sebring_race_lines_match_the_file(sebring: Sebring) -> None:
    read, grid = _both_readers(sebring.editor, sebring.sessions["Race"])
    expected = [
        (r["NUMBER"], int(r["LAPS"]), int(r["FL_LAPNUM"] or 0) or None)  # 0: no timed lap
        for r in rows("Race", "results")
    ]
    got = [(line.car_number, line.laps, line.best_lap_number) for line in read]
    assert got == expected
    assert len(got) == len(expected) > 50
    assert read == grid


def test_every_demo_session_reads_the_same_line_both_ways(demo_editor: Editor) -> None:
    """Each stored field (penalties in their order too) arrives whichever reader is used."""
    with demo_editor.database.read() as session:
        session_ids = list(session.scalars(select(RaceSession.id).order_by(RaceSession.id)))
    lines = []
    for session_id in session_ids:
        read, grid = _both_readers(demo_editor, session_id)
        assert read == grid
        lines += read
    assert len(lines) == 27
    penalised = [line for line in lines if line.penalties]
    assert [(line.entry.drivers[0].last_name, len(line.penalties)) for line in penalised] == [
        ("Ware", 1)
    ]


def test_a_new_stored_field_needs_one_declaration() -> None:
    """The summary's result view is a result line: it inherits every stored field."""
    from desktop_app.services.summaries.views import ResultView

    line_fields = {f.name for f in fields(ResultLine)}
    assert line_fields <= {f.name for f in fields(ResultView)}


def test_sebring_race_sheet_prints_the_lines_of_the_file(sebring: Sebring, tmp_path) -> None:
    """The workbook row of each car, read back with openpyxl: number, laps, best lap no."""
    target = tmp_path / "sebring.xlsx"
    export_event_workbook(sebring.editor.database, sebring.event_id, target)
    book = openpyxl.load_workbook(target, read_only=True)
    sheet = next(book[name] for name in book.sheetnames if name.endswith("Race"))
    header, *cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    at = {name: header.index(name) for name in ("No.", "Laps", "Best lap no.", "Drivers")}
    got = [(row[at["No."]], row[at["Laps"]], row[at["Best lap no."]]) for row in cells]
    expected = [
        (r["NUMBER"], int(r["LAPS"]), int(r["FL_LAPNUM"] or 0) or None)
        for r in rows("Race", "results")
    ]
    assert got == expected
    first = rows("Race", "results")[0]
    assert cells[0][at["Drivers"]].startswith(
        f"{first['DRIVER1_FIRSTNAME']} {first['DRIVER1_SECONDNAME']}"
    )


def test_the_grid_first_read_is_the_shared_reader_even_with_a_car_of_another_series(
    demo_editor: Editor,
) -> None:
    """A car moved to another series is outside the grid's lookup: it is still read, once."""
    from desktop_app.services.result_rows import row_warnings
    from desktop_app.services.results.reading import read_session
    from desktop_app.storage.models import Entry, Result, Series

    with demo_editor.database.read() as session:
        race_id = session.scalars(
            select(RaceSession.id).where(RaceSession.name == "Race 2")
        ).first()
        before = orm_lines(session, race_id)
    with demo_editor.change("Move a car to another series") as edit:
        result = edit.session.scalars(select(Result).where(Result.session_id == race_id)).first()
        assert result is not None
        moved = edit.session.get(Entry, result.entry_id)
        assert moved is not None
        other = edit.session.scalars(select(Series).where(Series.id != moved.series_id)).first()
        assert other is not None
        moved.series_id = other.id
        moved_id = moved.id
    read = read_session(demo_editor.database, race_id, None)
    assert read is not None
    with demo_editor.database.read() as session:
        assert read.rows == orm_lines(session, race_id)
    assert [row.car_number for row in read.rows] == [line.car_number for line in before]
    assert moved_id not in read.lookup.by_entry()
    warnings = row_warnings(read.rows, read.lookup.series_id)
    outside = [
        row.entry.entry_id
        for row, found in zip(read.rows, warnings, strict=True)
        if any("not in this series' entry list" in warning.text for warning in found)
    ]
    assert outside == [moved_id]
