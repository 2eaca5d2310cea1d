"""Lap-by-lap files (``23_Time Cards``, WEC ``23_Analysis``): best laps and lap counts.

These files list every lap of every car, so they are several MB. They are not a
classification, but when a session has no results file they still give each car's
laps completed and best lap, which is what practice write-ups quote.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from desktop_app.domain.timing import TimingError, parse_time
from desktop_app.services.importers import names
from desktop_app.services.importers.alkamel import parse_count
from desktop_app.services.importers.csv_reader import Table
from desktop_app.services.importers.errors import ImportCancelled, RowProblem, TimingImportError
from desktop_app.services.importers.model import ImportedDriver, ImportedResult, SkippedRow

LAP_NUMBER = ("LAP_NUMBER", "LAPNUMBER")
LAP_TIME = ("LAP_TIME", "LAPTIME")
NOTE = (
    "This file is a lap chart (every lap of every car), not a results file: RaceDesk took "
    "each car's laps completed and best lap from it. Import the official results file "
    "when it is published for positions, gaps and statuses."
)


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

    def add_lap(self, lap: int, time_ms: int | None, elapsed_ms: int | None) -> None:
        if lap >= self.laps:
            self.laps = lap
            self.elapsed_ms = elapsed_ms if elapsed_ms is not None else self.elapsed_ms
        if time_ms is not None and (self.best_ms is None or time_ms < self.best_ms):
            self.best_ms, self.best_lap = time_ms, lap


def summarise_laps(
    table: Table, *, by_laps: bool, cancel: threading.Event | None = None
) -> tuple[list[ImportedResult], list[SkippedRow]]:
    """One result per car; ordered by laps then time when ``by_laps`` (a race), else best lap."""
    columns = _Columns(table)
    cars: dict[str, _Car] = {}
    problems: list[RowProblem] = []
    skipped: list[SkippedRow] = []
    for count, row in enumerate(table.rows):
        if cancel is not None and count % 5000 == 0 and cancel.is_set():
            raise ImportCancelled()
        cells = row.cells
        number = cells[columns.number].lstrip("#").strip()[:10]
        if not number:
            skipped.append(SkippedRow(row.line, "no car number"))
            continue
        try:
            lap = parse_count(cells[columns.lap]) or 0
            time_ms = parse_time(cells[columns.time])
            elapsed = parse_time(columns.cell(cells, columns.elapsed))
        except (TimingError, ValueError) as error:
            problems.append(RowProblem(row.line, str(error)))
            continue
        car = cars.setdefault(number, _Car(row.line))
        car.add_lap(lap, time_ms, elapsed)
        columns.describe(car, cells)
    if problems:
        raise TimingImportError(
            f"{table.name} has laps RaceDesk cannot read, so nothing was imported:", problems
        )
    return _ordered(cars, by_laps), skipped


class _Columns:
    """Where the optional columns of a lap chart are; newer years renamed some."""

    def __init__(self, table: Table) -> None:
        self.number = _require(table, ("NUMBER",))
        self.lap = _require(table, LAP_NUMBER)
        self.time = _require(table, LAP_TIME)
        self.elapsed = table.column("ELAPSED")
        self.class_code = table.column("CLASS")
        self.team = table.column("TEAM")
        self.vehicle = table.column("VEHICLE")
        if self.vehicle is None:
            self.vehicle = table.column("MANUFACTURER")
        self.driver = table.column("DRIVER_NAME")

    @staticmethod
    def cell(cells: tuple[str, ...], position: int | None) -> str:
        return cells[position] if position is not None else ""

    def describe(self, car: _Car, cells: tuple[str, ...]) -> None:
        car.class_code = car.class_code or self.cell(cells, self.class_code)
        car.team = car.team or self.cell(cells, self.team)
        car.vehicle = car.vehicle or self.cell(cells, self.vehicle)
        name = self.cell(cells, self.driver)
        if name and name not in car.drivers and len(car.drivers) < 6:
            first, last = names.split_full_name(name)
            if last:
                car.drivers[name] = ImportedDriver(first, last)


def _require(table: Table, headers: tuple[str, ...]) -> int:
    for header in headers:
        position = table.column(header)
        if position is not None:
            return position
    raise TimingImportError(f"{table.name} has no {' or '.join(headers)} column.")


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
