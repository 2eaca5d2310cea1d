"""Lap-by-lap files (``23_Time Cards``, WEC ``23_Analysis``): every lap, kept.

These files list every lap of every car, so they are several MB. Every lap is read into
an :class:`ImportedLap` (time, driver, pit, flag at the line, time of day, sectors,
speeds) and stored in the ``laps`` table. When a session has no results file, each car's
laps completed and best lap are summarised from them, which is what practice write-ups
quote; ``MANUFACTURER`` is a maker, not the car's vehicle, so it is never used as one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from desktop_app.domain.timing import TimingError
from desktop_app.services.importers import names
from desktop_app.services.importers.errors import ImportCancelled, RowProblem, TimingImportError
from desktop_app.services.importers.lap_bulk import read_laps_by_column
from desktop_app.services.importers.lap_cells import LapColumns, car_number, read_lap
from desktop_app.services.importers.model import (
    ImportedDriver,
    ImportedLap,
    ImportedResult,
    SkippedRow,
)
from desktop_app.services.importers.table import Table

LAP_NUMBER = ("LAP_NUMBER", "LAPNUMBER")
LAP_TIME = ("LAP_TIME", "LAPTIME")
NOTE = (
    "This file is a lap chart (every lap of every car), not a results file: RaceDesk took "
    "each car's laps completed and best lap from it. Import the official results file "
    "when it is published for positions, gaps and statuses."
)
_CHECK_EVERY = 2000


def is_lap_chart(table: Table) -> bool:
    return (
        table.has("NUMBER")
        and any(table.has(name) for name in LAP_NUMBER)
        and any(table.has(name) for name in LAP_TIME)
    )


@dataclass
class _Car:
    first_row: int
    laps: int = 0
    best_ms: int | None = None
    best_lap: int | None = None
    elapsed_ms: int | None = None
    class_code: str = ""
    team: str = ""
    vehicle: str = ""
    drivers: dict[str, ImportedDriver] = field(default_factory=dict)


def read_laps(
    table: Table, cancel: threading.Event | None = None
) -> tuple[list[ImportedLap], list[SkippedRow]]:
    """Every lap in file order; raise with every unreadable cell at once."""
    columns = LapColumns(table, LAP_NUMBER, LAP_TIME)
    by_column = read_laps_by_column(table, columns, cancel)
    if by_column is not None:  # the usual file: every row and cell read the short way
        return by_column, []
    laps: list[ImportedLap] = []
    problems: list[RowProblem] = []
    skipped: list[SkippedRow] = []
    for count, row in enumerate(table.rows):
        if cancel is not None and count % _CHECK_EVERY == 0 and cancel.is_set():
            raise ImportCancelled()
        number = car_number(row.cells[columns.number])
        if not number:
            skipped.append(SkippedRow(row.line, "no car number"))
            continue
        try:
            laps.append(read_lap(columns, row.line, number, row.cells))
        except (TimingError, ValueError) as error:
            problems.append(RowProblem(row.line, str(error)))
    if problems:
        raise TimingImportError(
            f"{table.name} has laps RaceDesk cannot read, so nothing was imported:", problems
        )
    return laps, skipped


def summarise_laps(
    table: Table, *, by_laps: bool, cancel: threading.Event | None = None
) -> tuple[list[ImportedResult], list[SkippedRow]]:
    """One result per car; ordered by laps then time when ``by_laps`` (a race), else best lap."""
    laps, skipped = read_laps(table, cancel)
    return summarise(table, laps, by_laps=by_laps), skipped


def summarise(table: Table, laps: list[ImportedLap], *, by_laps: bool) -> list[ImportedResult]:
    """Each car's laps completed, best lap, class, team and drivers, from its laps."""
    columns = LapColumns(table, LAP_NUMBER, LAP_TIME)
    cars: dict[str, _Car] = {}
    for lap in laps:  # one plain loop: a race has 17,000 laps
        car = cars.get(lap[1])
        if car is None:
            car = cars[lap[1]] = _Car(lap.row)
        number, time, name = lap[2], lap[3], lap[4]
        if number >= car.laps:
            car.laps = number
            car.elapsed_ms = lap.elapsed_ms if lap.elapsed_ms is not None else car.elapsed_ms
        if time is not None and (car.best_ms is None or time < car.best_ms):
            car.best_ms, car.best_lap = time, number
        if name and name not in car.drivers and len(car.drivers) < 6:
            first, last = names.split_full_name(name)
            if last:
                car.drivers[name] = ImportedDriver(first, last)
    first_rows = {car.first_row for car in cars.values()}
    rows = table.cells_at(first_rows)
    for car in cars.values():
        _describe(car, columns, rows[car.first_row])
    return _ordered(cars, by_laps)


def _describe(car: _Car, columns: LapColumns, cells: tuple[str, ...]) -> None:
    car.class_code = columns.cell(cells, columns.class_code)
    car.team = columns.cell(cells, columns.team)
    car.vehicle = columns.cell(cells, columns.vehicle)


def _ordered(cars: dict[str, _Car], by_laps: bool) -> list[ImportedResult]:
    def race_key(item: tuple[str, _Car]) -> tuple[int, int, int]:
        car = item[1]
        return (-car.laps, car.elapsed_ms is None, car.elapsed_ms or 0)

    def best_key(item: tuple[str, _Car]) -> tuple[bool, int]:
        return (item[1].best_ms is None, item[1].best_ms or 0)

    items = sorted(cars.items(), key=race_key if by_laps else best_key)
    return [
        ImportedResult(
            row=car.first_row,
            car_number=number,
            class_code=car.class_code,
            team=car.team,
            vehicle=car.vehicle,
            laps=car.laps,
            best_lap_ms=car.best_ms,
            best_lap_number=car.best_lap,
            drivers=tuple(car.drivers.values()),
        )
        for number, car in items
    ]
