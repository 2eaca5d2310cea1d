"""Rows of Al Kamel results files (and mapped generic sheets) into :class:`ImportedResult`.

One row parser serves every results layout: a :class:`ColumnMap` says which header holds
each field. Cells that cannot be read are collected with their line numbers and reported
together, so one import tells the reporter everything that is wrong with a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from desktop_app.domain.classification import Status, StatusError, parse_status
from desktop_app.domain.timing import Gap, TimingError, parse_gap, parse_time
from desktop_app.services.cells import MAX_COUNT, parse_count
from desktop_app.services.importers import names
from desktop_app.services.importers.errors import RowProblem, TimingImportError
from desktop_app.services.importers.model import ImportedDriver, ImportedResult, SkippedRow
from desktop_app.services.importers.table import Row, Table

MAX_DRIVERS = 6
MAX_MS = 10 * 24 * 3600 * 1000  # times and gaps: ten days
_MULTI_NAME = re.compile(r"\s*(?:/|;|&|\||\n)\s*")
T = TypeVar("T")


@dataclass(frozen=True)
class ColumnMap:
    """Field name -> header name. Drivers come from split name columns or full-name columns."""

    columns: dict[str, str]
    driver_columns: tuple[str, ...] = ()
    split_drivers: bool = False
    drivers_column: str | None = None

    def headers(self) -> list[str]:
        return [*self.columns.values(), *self.driver_columns, *filter(None, [self.drivers_column])]


RACE_COLUMNS = {
    "number": "NUMBER",
    "status": "STATUS",
    "laps": "LAPS",
    "total_time": "TOTAL_TIME",
    "gap_first": "GAP_FIRST",
    "gap_previous": "GAP_PREVIOUS",
    "best_lap_time": "FL_TIME",
    "best_lap_number": "FL_LAPNUM",
    "team": "TEAM",
    "class": "CLASS",
    "vehicle": "VEHICLE",
}
TIMED_COLUMNS = RACE_COLUMNS | {"best_lap_time": "TIME", "best_lap_number": "LAP"}


def alkamel_map(table: Table, columns: dict[str, str]) -> ColumnMap:
    """Keep the columns this file has; pick the driver style its header uses."""
    present = {name: header for name, header in columns.items() if table.has(header)}
    if table.has("DRIVER1_SECONDNAME"):
        return ColumnMap(present, split_drivers=True)
    full = tuple(
        header
        for n in range(1, MAX_DRIVERS + 1)
        for header in (f"DRIVER_{n}", f"DRIVER{n}")
        if table.has(header)
    )
    return ColumnMap(present, driver_columns=full)


@dataclass
class _RowReader:
    """Reads the cells of one row, remembering every problem instead of stopping."""

    table: Table
    row: Row
    problems: list[RowProblem] = field(default_factory=list)

    def text(self, header: str | None) -> str:
        if header is None:
            return ""
        position = self.table.column(header)
        return self.row.cells[position] if position is not None else ""

    def read(self, header: str | None, parse: Callable[[str], T], what: str) -> T | None:
        cell = self.text(header)
        try:
            return check_range(parse(cell))
        except (TimingError, StatusError, ValueError) as error:
            self.problems.append(RowProblem(self.row.line, f"{what} {error}"))
            return None


def check_range(value: T) -> T:
    """Refuse times and gaps beyond ten days (SQLite would overflow on 30 digits)."""
    number: int | None = value if isinstance(value, int) else None
    if isinstance(value, Gap):
        if value.laps is not None and value.laps > MAX_COUNT:
            raise ValueError(f"{value.laps} laps is more than any race has")
        number = value.ms
    if number is not None and number > MAX_MS:
        raise ValueError("more than ten days, far too long for a timing value")
    return value


def parse_results(
    table: Table, mapping: ColumnMap
) -> tuple[list[ImportedResult], list[SkippedRow]]:
    """Every row as a result, in file order; raise with all unreadable cells at once."""
    results: list[ImportedResult] = []
    skipped: list[SkippedRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        reader = _RowReader(table, row)
        number = reader.text(mapping.columns.get("number")).lstrip("#").strip()[:10].strip()
        if not number:
            skipped.append(SkippedRow(row.line, "no car number"))
            continue
        if number in seen:
            skipped.append(
                SkippedRow(row.line, f"car #{number} is listed twice; row {seen[number]} was kept")
            )
            continue
        seen[number] = row.line
        result = _result(reader, mapping, number)
        problems.extend(reader.problems)
        results.append(result)
    if problems:
        raise TimingImportError(
            f"{table.name} has values RaceDesk cannot read, so nothing was imported:", problems
        )
    return results, skipped


def _result(reader: _RowReader, mapping: ColumnMap, number: str) -> ImportedResult:
    columns = mapping.columns
    best_ms = reader.read(columns.get("best_lap_time"), parse_time, "best lap:")
    best_number = reader.read(columns.get("best_lap_number"), parse_count, "best lap number:")
    return ImportedResult(
        row=reader.row.line,
        car_number=number,
        class_code=reader.text(columns.get("class")),
        team=reader.text(columns.get("team")),
        vehicle=reader.text(columns.get("vehicle")),
        status=reader.read(columns.get("status"), parse_status, "status:") or Status.CLASSIFIED,
        laps=reader.read(columns.get("laps"), parse_count, "laps:"),
        total_time_ms=reader.read(columns.get("total_time"), parse_time, "total time:"),
        gap_first=reader.read(columns.get("gap_first"), parse_gap, "gap to first:"),
        gap_previous=reader.read(columns.get("gap_previous"), parse_gap, "gap to previous:"),
        best_lap_ms=best_ms,
        best_lap_number=best_number if best_ms is not None and best_number else None,
        drivers=_drivers(reader, mapping),
    )


def _drivers(reader: _RowReader, mapping: ColumnMap) -> tuple[ImportedDriver, ...]:
    if mapping.split_drivers:
        found = [_split_driver(reader, n) for n in range(1, MAX_DRIVERS + 1)]
    else:
        cells = [reader.text(header) for header in mapping.driver_columns]
        if mapping.drivers_column:
            cells.extend(_MULTI_NAME.split(reader.text(mapping.drivers_column)))
        found = [_full_name_driver(reader, cell, index) for index, cell in enumerate(cells, 1)]
    unique: dict[str, ImportedDriver] = {}
    for driver in found:
        if driver is not None:
            unique.setdefault(names_key(driver), driver)
    return tuple(unique.values())[:MAX_DRIVERS]


def names_key(driver: ImportedDriver) -> str:
    return driver.full_name.casefold()


def _split_driver(reader: _RowReader, n: int) -> ImportedDriver | None:
    name = names.from_parts(
        reader.text(f"DRIVER{n}_FIRSTNAME"), reader.text(f"DRIVER{n}_SECONDNAME")
    )
    if not name.last_name:
        return None
    city, region = names.split_hometown(reader.text(f"DRIVER{n}_HOMETOWN"))
    country = names.country_code(reader.text(f"DRIVER{n}_COUNTRY"))
    return ImportedDriver(
        name.first_name[:100],
        name.last_name[:100],
        country,
        city[:100],
        region[:100],
        official_ids=_official_ids(reader, n),
    )


def _official_ids(reader: _RowReader, n: int) -> tuple[tuple[str, str], ...]:
    """IMSA files carry the series' own driver id (``DRIVER1_IMSA_DriverId``)."""
    official = reader.text(f"DRIVER{n}_IMSA_DriverId").strip()[:80]
    return (("imsa", official),) if official else ()


def _full_name_driver(reader: _RowReader, cell: str, index: int) -> ImportedDriver | None:
    first, last = names.split_full_name(cell)
    if not last:
        return None
    country = names.country_code(reader.text(f"DRIVER_{index}_COUNTRY"))
    return ImportedDriver(first[:100], last[:100], country)


def gap_fields(prefix: str, gap: Gap | None) -> dict[str, int | None]:
    """A gap as the two result columns it is stored in (time or whole laps)."""
    return {
        f"{prefix}_ms": gap.ms if gap else None,
        f"{prefix}_laps": gap.laps if gap else None,
    }
