"""A session's lap chart as plain rows for a workbook sheet (``racedesk export --laps``).

One row per lap, car by car in entry-list order, lap by lap: what a colleague needs to
chart a stint in Excel. Lap and pit times stay milliseconds here; the sheet writer turns
them into real durations with a ``[m]:ss.000`` format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.services.export.cells import Column, Kind
from desktop_app.storage import repository as repo
from desktop_app.storage.database import Database
from desktop_app.storage.models import Driver, Entry, Lap, RaceSession

LAP_COLUMNS = [
    Column("No.", min_width=5),
    Column("Class", max_width=12),
    Column("Driver", max_width=30),
    Column("Lap", Kind.NUMBER),
    Column("Lap time", Kind.LAP_TIME),
    Column("Flag"),
    Column("Pit in"),
    Column("Pit time", Kind.LAP_TIME),
]


@dataclass(frozen=True)
class LapRow:
    number: str
    class_code: str
    driver: str
    lap: int
    time_ms: int | None
    flag: str
    pit_in: bool
    pit_time_ms: int | None


def lap_rows(session: Session, session_id: int) -> list[LapRow]:
    """Every stored lap of the session, by car number then lap number (one query)."""
    query = (
        select(Lap, Entry, Driver)
        .join(Entry, Entry.id == Lap.entry_id)
        .outerjoin(Driver, Driver.id == Lap.driver_id)
        .where(Lap.session_id == session_id)
    )
    rows = [
        LapRow(
            entry.car_number or "",
            entry.race_class.code if entry.race_class else "",
            driver.full_name if driver else "",
            lap.lap_number,
            lap.time_ms,
            lap.flag,
            lap.pit_in,
            lap.pit_time_ms,
        )
        for lap, entry, driver in session.execute(query)
    ]
    rows.sort(key=lambda row: (repo.car_sort_key(row.number), row.lap))
    return rows


def event_has_laps(database: Database, event_id: int) -> bool:
    """Whether any session of the event has a stored lap chart (worth offering --laps)."""
    with database.read() as session:
        return _has_laps(session, event_id)


def _has_laps(session: Session, event_id: int) -> bool:
    query = (
        select(Lap.id)
        .join(RaceSession, RaceSession.id == Lap.session_id)
        .where(RaceSession.event_id == event_id)
        .limit(1)
    )
    return session.scalar(query) is not None


def lap_values(row: LapRow) -> list[Any]:
    return [
        row.number, row.class_code, row.driver, row.lap, row.time_ms, row.flag,
        "Pit" if row.pit_in else "", row.pit_time_ms,
    ]  # fmt: skip
