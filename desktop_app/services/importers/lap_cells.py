"""The cells of one lap-chart line as an :class:`ImportedLap`, read fast.

A race lap chart has 17,000 lines of seven times each, so the common ``1:48.279`` and
``10:08:12.382`` forms are read by a short path; anything unusual (apostrophes, commas,
``-``, bad text) goes through :func:`domain.timing.parse_time`, which has the messages.
"""

from __future__ import annotations

import re

from desktop_app.domain.timing import parse_time
from desktop_app.services.importers.alkamel import parse_count
from desktop_app.services.importers.csv_reader import Table
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.model import ImportedLap

_MAX_SPEED = 1000.0
# h:mm:ss.fff, m:ss.fff or s.fff with exactly three decimals: what Al Kamel prints.
_SHORT_TIME = re.compile(
    r"(?:(\d{1,4}):([0-5]\d):([0-5]\d)|(\d{1,4}):([0-5]\d)|(\d{1,5}))\.(\d{3})", re.ASCII
).fullmatch


class LapColumns:
    """Where each column of a lap chart is; newer years renamed some, many are optional."""

    def __init__(self, table: Table, lap_number: tuple[str, ...], lap_time: tuple[str, ...]):
        self.number = _require(table, ("NUMBER",))
        self.lap = _require(table, lap_number)
        self.time = _require(table, lap_time)
        self.elapsed = table.column("ELAPSED")
        self.hour = table.column("HOUR")
        self.class_code = table.column("CLASS")
        self.team = table.column("TEAM")
        self.vehicle = table.column("VEHICLE")  # MANUFACTURER is a maker, not a vehicle
        self.driver = table.column("DRIVER_NAME")
        self.driver_number = table.column("DRIVER_NUMBER")
        self.in_pit = table.column("CROSSING_FINISH_LINE_IN_PIT")
        self.pit_time = table.column("PIT_TIME")
        self.flag = table.column("FLAG_AT_FL")
        self.sectors = [table.column(name) for name in ("S1", "S2", "S3")]
        self.kph = table.column("KPH")
        self.top_speed = table.column("TOP_SPEED")

    @staticmethod
    def cell(cells: tuple[str, ...], position: int | None) -> str:
        return cells[position] if position is not None else ""


def _require(table: Table, headers: tuple[str, ...]) -> int:
    for header in headers:
        position = table.column(header)
        if position is not None:
            return position
    raise TimingImportError(f"{table.name} has no {' or '.join(headers)} column.")


def read_lap(columns: LapColumns, line: int, number: str, cells: tuple[str, ...]) -> ImportedLap:
    """One line as a lap; ValueError (with the cell quoted) when a value cannot be read."""
    cell = columns.cell
    s1, s2, s3 = (time_ms(cell(cells, position)) for position in columns.sectors)
    return ImportedLap(
        row=line,
        car_number=number,
        lap_number=parse_count(cells[columns.lap]) or 0,
        time_ms=time_ms(cells[columns.time]),
        driver_name=cell(cells, columns.driver),
        driver_number=parse_count(cell(cells, columns.driver_number)),
        pit_in=cell(cells, columns.in_pit).upper() in ("B", "P", "TRUE", "1", "Y"),
        pit_time_ms=time_ms(cell(cells, columns.pit_time)),
        flag=_flag(cell(cells, columns.flag)),
        time_of_day_ms=time_ms(cell(cells, columns.hour)),
        elapsed_ms=time_ms(cell(cells, columns.elapsed)),
        s1_ms=s1,
        s2_ms=s2,
        s3_ms=s3,
        kph=speed(cell(cells, columns.kph)),
        top_speed_kph=speed(cell(cells, columns.top_speed)),
    )


def time_ms(text: str) -> int | None:
    """``1:48.279`` -> 108279 by the short path; the rest through ``parse_time``."""
    if not text:
        return None
    match = _SHORT_TIME(text)
    if match is None:
        return parse_time(text)
    hours, minutes, seconds, lone_minutes, lone_seconds, bare, millis = match.groups()
    if hours is not None:
        total = int(hours) * 3600 + int(minutes) * 60 + int(seconds)
    elif lone_minutes is not None:
        total = int(lone_minutes) * 60 + int(lone_seconds)
    else:
        total = int(bare)
    return total * 1000 + int(millis)


def speed(text: str) -> float | None:
    """A speed in km/h (``200.1``); blank is unknown; anything else is refused."""
    body = text.strip()
    if not body:
        return None
    try:
        value = float(body)
    except ValueError:
        raise ValueError(f'"{body[:20]}" is not a speed') from None
    if not 0 <= value < _MAX_SPEED:
        raise ValueError(f'"{body[:20]}" is not a speed RaceDesk can store')
    return value


def _flag(text: str) -> str:
    """The flag at the line as printed (``GF``, ``FCY``...), cut to what the column holds."""
    return text.strip().upper()[:8]
