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
from desktop_app.services.importers.table import Table

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


# A cell's shape: each digit 0-5 as "0", 6-9 as "9", colons and points kept, anything else
# "?". The usual forms of lap_cells._SHORT_TIME (minutes and seconds under 100 outside the
# hours form), as shapes: a column has a few dozen distinct shapes, checked one by one.
_SHAPE = bytes(
    ord("0") if chr(byte) in "012345" else ord("9") if chr(byte) in "6789" else
    byte if chr(byte) in ":.\n" else ord("?")
    for byte in range(256)
)  # fmt: skip
_USUAL_SHAPE = re.compile(
    rb"(?:(?:[09]{1,4}:0[09]:0[09]|[09]{1,2}:0[09]|[09]{1,2})\.[09]{3})?"
).fullmatch


def usual_times(texts: list[str]) -> list[int | None] | None:
    """``h:mm:ss.fff``, ``m:ss.fff`` and ``s.fff`` cells (under 100 minutes or seconds in
    the last two) in ms, blank cells None, as :func:`lap_cells.time_ms` reads them; None
    when a cell is anything else. The column's bytes are mapped to shapes in one pass and
    each distinct shape checked; the digits of each cell, read as one number hhmmssfff
    (the marks dropped from the column's bytes at once), are turned into ms with only the
    arithmetic the column's forms need."""
    joined = "\n".join(texts)
    if not texts or not joined.isascii():
        return None
    data = joined.encode("ascii")
    cells = data.translate(_SHAPE).split(b"\n")
    shapes = set(cells)
    if len(cells) != len(texts) or not all(map(_USUAL_SHAPE, shapes)):
        return None  # an odd cell, or a line break inside one (a quoted value)
    digits = data.translate(None, b":.").split(b"\n")
    if b"" in shapes:
        numbers = [int(cell) if cell else None for cell in digits]
    else:
        numbers = list(map(int, digits))
    marks = max(shape.count(b":") for shape in shapes)
    if marks == 0:  # s.fff: n is ms
        return numbers
    # n = hh*10^7 + mm*10^5 + ss*10^3 + fff; a = hh*100 + mm; ms = n - 40,000 mm - 6,400,000 hh
    if marks == 1:  # no hours: a = mm
        return [None if n is None else n - 40_000 * (n // 100_000) for n in numbers]
    return [
        None if n is None else n - 40_000 * (a := n // 100_000) - 2_400_000 * (a // 100)
        for n in numbers
    ]
