"""A lap chart read column by column: each distinct cell text converted once.

A race lap chart has 17,000 lines of 16 values, and most cells repeat down their column
(car and lap numbers, drivers, flags, sector times). Reading a column, converting each of
its distinct texts once with the very functions of :func:`lap_cells.read_lap`, and
zipping the columns into :class:`ImportedLap` gives the same laps at a fraction of the
row-by-row cost. Anything the short way does not take on (a row without a car number, a
cell that cannot be read) returns None: :func:`lapchart.read_laps` then reads the rows
one by one, which names every bad cell with its line.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from typing import Any

from desktop_app.domain.timing import TimingError
from desktop_app.services.importers.csv_reader import Table
from desktop_app.services.importers.errors import ImportCancelled
from desktop_app.services.importers.lap_cells import (
    LapColumns,
    car_number,
    flag,
    in_pit,
    lap_number,
    speed,
    time_ms,
    whole_number,
)
from desktop_app.services.importers.model import ImportedLap

_new_lap = functools.partial(tuple.__new__, ImportedLap)  # no Python call per lap


class _Unreadable(Exception):
    """A cell the column read leaves to the row-by-row read (with its message)."""


def read_laps_by_column(
    table: Table, columns: LapColumns, cancel: threading.Event | None = None
) -> list[ImportedLap] | None:
    """Every lap in file order, as the row-by-row read gives them; None when a row or a
    cell needs that read (it names the problems)."""
    lines = table.lines()
    read = _ColumnReader(table, len(lines), cancel)
    try:
        numbers = read.column(columns.number, car_number)
        if "" in numbers:
            return None  # a row without a car number is skipped, with its line
        values = [
            lines,
            numbers,
            read.column(columns.lap, lap_number),
            read.times(columns.time),
            read.texts(columns.driver),
            read.column(columns.driver_number, whole_number),
            read.column(columns.in_pit, in_pit),
            read.times(columns.pit_time),
            read.column(columns.flag, flag),
            *map(read.times, (columns.hour, columns.elapsed, *columns.sectors)),
            read.column(columns.kph, speed),
            read.column(columns.top_speed, speed),
        ]
    except _Unreadable:
        return None
    return list(map(_new_lap, zip(*values, strict=True)))


class _ColumnReader:
    def __init__(self, table: Table, count: int, cancel: threading.Event | None) -> None:
        self.table, self.count, self.cancel = table, count, cancel

    def texts(self, position: int | None) -> list[str]:
        """The column's cells as printed (an absent column: empty cells)."""
        if position is None:
            return [""] * self.count
        return self.table.cells(position)

    def times(self, position: int | None) -> list[int | None]:
        """A column of times in ms: in one go when every cell is a usual clock time."""
        if position is not None:
            found = usual_times(self.texts(position))
            if found is not None:
                return found
        return self.column(position, time_ms)

    def column(self, position: int | None, convert: Callable[[str], Any]) -> list[Any]:
        """The column's values; an absent column reads as empty cells, as in read_lap."""
        if self.cancel is not None and self.cancel.is_set():
            raise ImportCancelled()
        if position is None:
            return [convert("")] * self.count
        texts = self.texts(position)
        try:
            known = {text: convert(text) for text in set(texts)}
        except (TimingError, ValueError) as error:
            raise _Unreadable() from error
        return list(map(known.__getitem__, texts))


_USUAL = r"(?:\d{1,4}:[0-5]\d:[0-5]\d|\d{1,2}:[0-5]\d|\d{1,2})\.\d{3}"
_USUAL_COLUMN = re.compile(rf"(?:{_USUAL})?(?:\n(?:{_USUAL})?)*", re.ASCII).fullmatch


def usual_times(texts: list[str]) -> list[int | None] | None:
    """``h:mm:ss.fff``, ``m:ss.fff`` and ``s.fff`` cells (under 100 minutes or seconds in
    the last two) in ms, blank cells None, as :func:`lap_cells.time_ms` reads them; None
    when a cell is anything else. One regular expression checks the whole column, and
    the digits of each cell, read as one number hhmmssfff, are turned into ms (the marks
    dropped from the column's bytes at once: half the cost of ``str.replace``)."""
    joined = "\n".join(texts)
    if not texts or _USUAL_COLUMN(joined) is None:
        return None
    # ASCII digits, colons and points only (checked): as bytes, one pass drops the marks
    digits = joined.encode("ascii").translate(None, b":.").split(b"\n")
    numbers = map(int, digits) if b"" not in digits else (int(d) if d else None for d in digits)
    # n = hh*10^7 + mm*10^5 + ss*10^3 + fff; a = hh*100 + mm; ms = n - 40,000 mm - 6,400,000 hh
    return [
        None if n is None else n - 40_000 * (a := n // 100_000) - 2_400_000 * (a // 100)
        for n in numbers
    ]
