"""Weather files (``-weather.csv``): air and track temperature, rain, wind over time.

IMSA publishes them in the units of the American broadcast: °F, mph and inHg (Sebring's
``AIR_TEMP 82`` is 28 °C). A file is imperial when its pressure reads like inches of
mercury (25-35) or, without pressure, when the air is warmer than any circuit's 50 °C.
Everything is stored metric (°C, km/h, hPa); ``RAIN -1`` means the station does not know.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from desktop_app.services.importers.csv_reader import Table
from desktop_app.services.importers.errors import RowProblem, TimingImportError
from desktop_app.services.importers.model import ImportedWeather

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


@dataclass
class _Raw:
    at: dt.datetime
    values: dict[str, float | None]


def read_weather(table: Table) -> list[ImportedWeather]:
    """Every reading, converted to metric; refuse the file naming every unreadable cell."""
    raw: list[_Raw] = []
    problems: list[RowProblem] = []
    for row in table.rows:
        try:
            raw.append(_read_row(table, row.cells))
        except ValueError as error:
            problems.append(RowProblem(row.line, str(error)))
    if problems:
        raise TimingImportError(
            f"{table.name} has weather readings RaceDesk cannot read, so nothing was imported:",
            problems,
        )
    imperial = _is_imperial(raw)
    return [_metric(reading, imperial) for reading in raw]


def _read_row(table: Table, cells: tuple[str, ...]) -> _Raw:
    stamp = _number(table, cells, "TIME_UTC_SECONDS", 4e9)
    if stamp is None or stamp <= 0:
        raise ValueError("TIME_UTC_SECONDS is not a time RaceDesk can read")
    values = {name: _number(table, cells, name) for name in _COLUMNS}
    return _Raw(dt.datetime.fromtimestamp(stamp, dt.UTC), values)


def _number(table: Table, cells: tuple[str, ...], header: str, limit: float = 1e6) -> float | None:
    position = table.column(header)
    text = cells[position].strip() if position is not None else ""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f'{header}: "{text[:20]}" is not a number') from None
    if math.isnan(value) or abs(value) > limit:  # NaN or a damaged cell
        raise ValueError(f'{header}: "{text[:20]}" is not a reading RaceDesk can store')
    return value


def _is_imperial(raw: list[_Raw]) -> bool:
    pressures = [r.values["PRESSURE"] for r in raw if r.values["PRESSURE"] is not None]
    if pressures:
        return 25 <= sorted(pressures)[len(pressures) // 2] <= 35
    airs = [r.values["AIR_TEMP"] for r in raw if r.values["AIR_TEMP"] is not None]
    return bool(airs) and max(airs) > 50


def _metric(raw: _Raw, imperial: bool) -> ImportedWeather:
    values = raw.values
    temp = _fahrenheit if imperial else _same
    direction = values["WIND_DIRECTION"]
    rain = values["RAIN"]
    return ImportedWeather(
        at=raw.at,
        air_temp_c=temp(values["AIR_TEMP"]),
        track_temp_c=temp(values["TRACK_TEMP"]),
        humidity_pct=_round(values["HUMIDITY"]),
        pressure_hpa=_round(_scaled(values["PRESSURE"], _INHG_TO_HPA if imperial else 1.0)),
        wind_speed_kph=_round(_scaled(values["WIND_SPEED"], _MPH_TO_KPH if imperial else 1.0)),
        wind_direction_deg=round(direction) % 360 if direction is not None else None,
        rain=None if rain is None or rain < 0 else rain > 0,
    )


def _fahrenheit(value: float | None) -> float | None:
    return _round((value - 32) * 5 / 9) if value is not None else None


def _same(value: float | None) -> float | None:
    return _round(value)


def _scaled(value: float | None, factor: float) -> float | None:
    return value * factor if value is not None else None


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None
