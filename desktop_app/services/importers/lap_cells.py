"""The cells of one lap-chart line as an :class:`ImportedLap`, read fast.

A race lap chart has 17,000 lines of seven times each, so the common ``1:48.279`` and
``10:08:12.382`` forms are read by a short path; anything unusual (apostrophes, commas,
``-``, bad text) goes through :func:`domain.timing.parse_time`, which has the messages.
"""

from __future__ import annotations

import re

from desktop_app.domain.timing import parse_time
from desktop_app.services.importers.alkamel import parse_count
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.model import ImportedLap
from desktop_app.services.importers.table import Table

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

        # the same positions for read_lap's short path: -1 (an empty cell) when absent
        found = [self.driver, self.driver_number, self.in_pit, self.flag, self.kph]
        self.driver_at, self.driver_number_at, self.in_pit_at, self.flag_at, self.kph_at = (
            -1 if position is None else position for position in found
        )
        self.top_speed_at = -1 if self.top_speed is None else self.top_speed
        times = [*self.sectors, self.pit_time, self.hour, self.elapsed]
        self.times = tuple(-1 if position is None else position for position in times)

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
    """One line as a lap; ValueError (with the cell quoted) when a value cannot be read.
    Absent columns read as "" (``cells`` plus one empty cell at position -1)."""
    at = (*cells, "")
    s1, s2, s3, pit_time, hour, elapsed = columns.times
    return ImportedLap(  # positional: a named tuple is made faster so, 17,000 per race
        line,
        number,
        lap_number(cells[columns.lap]),
        time_ms(cells[columns.time]),
        at[columns.driver_at],
        whole_number(at[columns.driver_number_at]),
        in_pit(at[columns.in_pit_at]),
        time_ms(at[pit_time]),
        flag(at[columns.flag_at]),
        time_ms(at[hour]),
        time_ms(at[elapsed]),
        time_ms(at[s1]),
        time_ms(at[s2]),
        time_ms(at[s3]),
        speed(at[columns.kph_at]),
        speed(at[columns.top_speed_at]),
    )


def car_number(text: str) -> str:
    """The car as printed, without a leading ``#``, cut to the column."""
    return text.lstrip("#").strip()[:10]


def lap_number(text: str) -> int:
    """The lap's number; a blank cell is lap 0."""
    return whole_number(text) or 0


def in_pit(text: str) -> bool:
    """Whether the car crossed the line in the pit lane (``B``, ``P``, ``TRUE``...)."""
    return text.upper() in ("B", "P", "TRUE", "1", "Y")


def flag(text: str) -> str:
    """The flag at the line as printed (``GF``, ``FCY``...), cut to the column."""
    return text.strip().upper()[:8]


def whole_number(text: str) -> int | None:
    """A lap or driver number: plain digits (``12``) by the short path, the rest (blank,
    ``12.``, damaged cells, with their messages) through ``parse_count``."""
    if 0 < len(text) <= 5 and text.isdigit() and text.isascii():
        return int(text)
    return parse_count(text)


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
