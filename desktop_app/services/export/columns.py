"""What each sheet shows, column by column, and the row values in that order.

Shared by the workbook and the CSV file so both always carry the same columns.
"""

from __future__ import annotations

from typing import Any

from desktop_app.domain.countries import country_name
from desktop_app.services.drivers import DriverRow
from desktop_app.services.export import rows as rowdata
from desktop_app.services.export.cells import Column, Kind
from desktop_app.services.views.sessions import SessionHead
from desktop_app.services.views.weather import WeatherView

RESULT_COLUMNS = [
    Column("Pos", Kind.NUMBER),
    Column("Class", max_width=12),
    Column("PIC", Kind.NUMBER),
    Column("No.", min_width=5),
    Column("Team", max_width=36),
    Column("Vehicle", max_width=30),
    Column("Drivers", max_width=60),
    Column("Laps", Kind.NUMBER),
    Column("Total time", Kind.RACE_TIME),
    Column("Gap", Kind.GAP),
    Column("Best lap", Kind.LAP_TIME),
    Column("Best lap no.", Kind.NUMBER),
    Column("Status"),
    Column("Penalty", max_width=50),
]
PROVISIONAL_COLUMNS = [
    Column("Provisional pos", Kind.NUMBER),
    Column("Provisional PIC", Kind.NUMBER),
]
ENTRY_COLUMNS = [
    Column("Series"),
    Column("Class", max_width=12),
    Column("No.", min_width=5),
    Column("Team", max_width=36),
    Column("Vehicle", max_width=30),
    Column("Drivers", max_width=60),
    Column("Countries", max_width=24),
    Column("Hometowns", max_width=60),
    Column("Tags", max_width=30),
]
DRIVER_COLUMNS = [
    Column("First name", max_width=24),
    Column("Last name", max_width=24),
    Column("Name as printed", max_width=36),
    Column("Country", min_width=7),
    Column("Country name", max_width=30),
    Column("Hometown", max_width=36),
    Column("Official ids", max_width=30),
    Column("Tags", max_width=30),
]
FOCUS_COLUMNS = [
    Column("Driver", max_width=30),
    Column("No.", min_width=5),
    Column("Series"),
    Column("Session", max_width=30),
    Column("Class", max_width=12),
    Column("PIC", Kind.NUMBER),
    Column("Pos", Kind.NUMBER),
    Column("Gap", Kind.GAP),
    Column("Status"),
]
EVENT_COLUMN = Column("Event", max_width=30)
WEATHER_COLUMNS = [
    Column("Air min °C", Kind.NUMBER),
    Column("Air max °C", Kind.NUMBER),
    Column("Track min °C", Kind.NUMBER),
    Column("Track max °C", Kind.NUMBER),
    Column("Rain"),
]


def result_columns(official: bool) -> list[Column]:
    """Official sessions also show the provisional positions that the stewards changed."""
    return RESULT_COLUMNS + (PROVISIONAL_COLUMNS if official else [])


def result_values(row: rowdata.SheetRow, official: bool) -> list[Any]:
    line = row.line
    values: list[Any] = [
        row.position, line.entry.class_code, row.class_position, line.car_number,
        line.entry.team, line.entry.vehicle, line.crew, line.laps, line.total_time_ms, row.gap,
        line.best_lap_ms, line.best_lap_number, row.status, row.penalty,
    ]  # fmt: skip
    if official:
        values += [row.provisional_position, row.provisional_class_position]
    return values


def schedule_columns(zone: str | None) -> list[Column]:
    """One event names its zone in the header; a season has a zone column instead."""
    where = zone or "local time"
    zone_column = [] if zone else [Column("Time zone")]
    return [
        Column(f"Starts ({where})", Kind.DATETIME),
        Column(f"Ends ({where})", Kind.DATETIME),
        Column("Type"),
        Column("Series"),
        Column("Session or programme", max_width=40),
        Column("Outlet", max_width=30),
        Column("Coverage"),
        Column("Results"),
        Column("Notes", max_width=60),
        *WEATHER_COLUMNS,
        *zone_column,
    ]


def focus_values(driver: str, row: rowdata.SheetRow, info: SessionHead) -> list[Any]:
    return [
        driver, row.line.car_number, info.series_code, info.name, row.line.entry.class_code,
        row.class_position, row.position, row.gap, row.status,
    ]  # fmt: skip


def entry_values(row: rowdata.EntryRow) -> list[Any]:
    return [
        row.series, row.class_code, row.number, row.team, row.vehicle, row.drivers,
        row.countries, row.hometowns, row.tags,
    ]  # fmt: skip


def driver_values(row: DriverRow) -> list[Any]:
    return [
        row.first_name, row.last_name, row.printed, row.country, country_name(row.country),
        row.hometown, row.official_ids, row.tags,
    ]  # fmt: skip


def schedule_values(row: rowdata.ScheduleRow, zone: str | None) -> list[Any]:
    """The row; a season workbook adds the event's time zone at the end."""
    values = [
        row.starts, row.ends, row.kind, row.series, row.title, row.outlet, row.coverage,
        row.results, row.notes, *weather_values(row.weather),
    ]  # fmt: skip
    return values + ([zone] if zone else [])


def weather_values(weather: WeatherView | None) -> list[Any]:
    """Lowest and highest air and track readings (°C, as stored), and "yes"/"no" rain."""
    if weather is None:
        return [None] * len(WEATHER_COLUMNS)
    rain = {True: "yes", False: "no", None: None}[weather.rain]
    return [weather.air_min_c, weather.air_max_c, weather.track_min_c, weather.track_max_c, rain]
