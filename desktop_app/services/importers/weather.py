"""Weather files (``-weather.csv``): air and track temperature, rain, wind over time.

IMSA publishes them in the units of the American broadcast: °F, mph and inHg (Sebring's
``AIR_TEMP 82`` is 28 °C). A file is imperial when its pressure reads like inches of
mercury (25-35) or, without pressure, when the air is warmer than any circuit's 50 °C.
Everything is stored metric (°C, km/h, hPa); ``RAIN -1`` means the station does not know.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from desktop_app.services.importers.errors import RowProblem, TimingImportError
from desktop_app.services.importers.model import ImportedWeather
from desktop_app.services.importers.table import Table

_INHG_TO_HPA = 33.8639
_MPH_TO_KPH = 1.609344
_COLUMNS = (
    "AIR_TEMP",
    "TRACK_TEMP",
    "HUMIDITY",
    "PRESSURE",
    "WIND_SPEED",
    "WIND_DIRECTION",
    "RAIN",
)


def is_weather(table: Table) -> bool:
    return table.has("TIME_UTC_SECONDS") and (table.has("AIR_TEMP") or table.has("TRACK_TEMP"))


_STAMP = "TIME_UTC_SECONDS"
_LIMITS = {_STAMP: 4e9}  # a damaged cell's number: beyond any reading


def read_weather(table: Table) -> list[ImportedWeather]:
    """Every reading, converted to metric; refuse the file naming every unreadable cell.
    Each column's distinct texts are read and converted once."""
    count = len(table.lines())
    columns = {name: _Column(table, name, count) for name in (_STAMP, *_COLUMNS)}
    if any(column.errors for column in columns.values()):
        raise TimingImportError(
            f"{table.name} has weather readings RaceDesk cannot read, so nothing was imported:",
            _problems(table, list(columns.values())),
        )
    imperial = _is_imperial(columns["PRESSURE"].values(), columns["AIR_TEMP"].values())
    temp = _fahrenheit if imperial else _same
    pressure, wind = (_INHG_TO_HPA, _MPH_TO_KPH) if imperial else (1.0, 1.0)
    return list(
        map(
            ImportedWeather,
            columns[_STAMP].values(_moment),
            columns["AIR_TEMP"].values(temp),
            columns["TRACK_TEMP"].values(temp),
            columns["HUMIDITY"].values(_round),
            columns["PRESSURE"].values(lambda value: _round(_scaled(value, pressure))),
            columns["WIND_SPEED"].values(lambda value: _round(_scaled(value, wind))),
            columns["WIND_DIRECTION"].values(_degrees),
            columns["RAIN"].values(_rain),
        )
    )


def _moment(stamp: float | None) -> dt.datetime:
    assert stamp is not None  # a blank time is refused by _number
    return dt.datetime.fromtimestamp(stamp, dt.UTC)


def _degrees(value: float | None) -> int | None:
    return round(value) % 360 if value is not None else None


def _rain(value: float | None) -> bool | None:
    return None if value is None or value < 0 else value > 0


def _as_read(value: float | None) -> float | None:
    return value


class _Column:
    """One column's cells, each distinct text read once: its number, or why not, and
    then its metric value (readings repeat down a column). An absent column reads as
    empty cells."""

    def __init__(self, table: Table, header: str, count: int) -> None:
        position = table.column(header)
        self.texts = table.cells(position) if position is not None else [""] * count
        self.known: dict[str, float | None] = {}
        self.errors: dict[str, str] = {}
        for text in set(self.texts):
            try:
                self.known[text] = _number(header, text, _LIMITS.get(header, 1e6))
            except ValueError as error:
                self.errors[text] = str(error)

    def values(self, convert: Callable[[float | None], Any] = _as_read) -> list[Any]:
        """Each cell's number through ``convert``, worked out once per distinct text."""
        converted = {text: convert(value) for text, value in self.known.items()}
        return list(map(converted.__getitem__, self.texts))


def _problems(table: Table, columns: list[_Column]) -> list[RowProblem]:
    """Each row's first unreadable cell, in the columns' order, with its line."""
    problems = []
    for index, line in enumerate(table.lines()):
        for column in columns:
            message = column.errors.get(column.texts[index])
            if message is not None:
                problems.append(RowProblem(line, message))
                break
    return problems


def _number(header: str, cell: str, limit: float) -> float | None:
    text = cell.strip()
    if header == _STAMP and not text:
        raise ValueError(f"{_STAMP} is not a time RaceDesk can read")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f'{header}: "{text[:20]}" is not a number') from None
    if math.isnan(value) or abs(value) > limit:  # NaN or a damaged cell
        raise ValueError(f'{header}: "{text[:20]}" is not a reading RaceDesk can store')
    if header == _STAMP and value <= 0:
        raise ValueError(f"{_STAMP} is not a time RaceDesk can read")
    return value


def _is_imperial(pressures: list[float | None], airs: list[float | None]) -> bool:
    known = sorted(value for value in pressures if value is not None)
    if known:
        return 25 <= known[len(known) // 2] <= 35
    warmest = max((value for value in airs if value is not None), default=None)
    return warmest is not None and warmest > 50


def _fahrenheit(value: float | None) -> float | None:
    return _round((value - 32) * 5 / 9) if value is not None else None


def _same(value: float | None) -> float | None:
    return _round(value)


def _scaled(value: float | None, factor: float) -> float | None:
    return value * factor if value is not None else None


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None
