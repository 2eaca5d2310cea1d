"""A session's laps as the charts need them: one ``CarLaps`` per car, focus decided here.

The chart dock asks :func:`session_laps` once per selected session and then computes
positions, gaps or lap times for one class at a time (``domain.lap_charts``), so switching
class or chart kind never reads the file again. A car is in focus when the reporter's
focus rule picks the car's tags or one of the drivers of that session (its crew, or
anyone who drove one of its laps).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.focus import FocusRule
from desktop_app.domain.lap_charts import CarLaps, LapPoint
from desktop_app.domain.sessions import SessionKind
from desktop_app.services.crews import crews_for_sessions, session_crew
from desktop_app.services.focus import person, read_rule
from desktop_app.storage import repository as repo
from desktop_app.storage.database import Database
from desktop_app.storage.models import Driver, Entry, Lap, RaceSession

_LAP_COLUMNS = (Lap.entry_id, Lap.lap_number, Lap.time_ms, Lap.elapsed_ms, Lap.driver_id)


@dataclass(frozen=True)
class SessionLaps:
    """Every car with laps in one session, by class then car number."""

    session_id: int
    title: str
    kind: SessionKind
    cars: tuple[CarLaps, ...]

    @property
    def classes(self) -> list[str]:
        return list(dict.fromkeys(car.class_code for car in self.cars))

    def of_class(self, class_code: str) -> list[CarLaps]:
        """The cars of one class; every car when ``class_code`` is empty."""
        return [car for car in self.cars if not class_code or car.class_code == class_code]


def session_laps(database: Database, session_id: int, focus: str = "") -> SessionLaps | None:
    """The session's laps per car; None when the session is gone. ``focus`` is the rule."""
    rule = read_rule(focus)
    with database.read() as session:
        race_session = session.get(RaceSession, session_id)
        if race_session is None:
            return None
        laps = _laps_by_entry(session, session_id)
        entries = _entries(session, list(laps))
        crews = crews_for_sessions(session, [session_id])
        drivers_of_laps = _lap_drivers(session, laps)
        cars = [
            CarLaps(
                car=entry.car_number or "?",
                class_code=entry.race_class.code if entry.race_class else "",
                laps=tuple(point for point, _driver in laps[entry.id]),
                focus=_in_focus(rule, entry, session_crew(crews, session_id, entry))
                or _in_focus(rule, entry, drivers_of_laps.get(entry.id, [])),
                label=f"#{entry.car_number}" if entry.car_number else "?",
            )
            for entry in entries
        ]
        title = f"{race_session.event.name} - {race_session.name}"
        return SessionLaps(session_id, title, race_session.kind, tuple(cars))


def _laps_by_entry(
    session: Session, session_id: int
) -> dict[int, list[tuple[LapPoint, int | None]]]:
    """One plain query (no ORM rows): 50 000 laps load in well under a second."""
    query = select(*_LAP_COLUMNS).where(Lap.session_id == session_id).order_by(Lap.lap_number)
    laps: dict[int, list[tuple[LapPoint, int | None]]] = defaultdict(list)
    for entry_id, lap, time_ms, elapsed_ms, driver_id in session.execute(query):
        laps[entry_id].append((LapPoint(lap, time_ms, elapsed_ms), driver_id))
    return laps


def _entries(session: Session, entry_ids: list[int]) -> list[Entry]:
    query = (
        select(Entry)
        .where(Entry.id.in_(entry_ids))
        .options(selectinload(Entry.race_class), selectinload(Entry.tags))
    )
    entries = list(session.scalars(query))
    entries.sort(
        key=lambda e: (
            e.race_class.sort_order if e.race_class else 999,
            e.race_class.code if e.race_class else "",
            repo.car_sort_key(e.car_number),
        )
    )
    return entries


def _lap_drivers(
    session: Session, laps: dict[int, list[tuple[LapPoint, int | None]]]
) -> dict[int, list[Driver]]:
    wanted = {driver for points in laps.values() for _p, driver in points if driver is not None}
    if not wanted:
        return {}
    query = select(Driver).where(Driver.id.in_(wanted)).options(selectinload(Driver.tags))
    drivers = {driver.id: driver for driver in session.scalars(query)}
    return {
        entry_id: [drivers[d] for d in dict.fromkeys(d for _p, d in points if d in drivers)]
        for entry_id, points in laps.items()
    }


def _in_focus(rule: FocusRule, entry: Entry, drivers: list[Driver]) -> bool:
    """Only a real rule highlights: with no rule every car would be bold, which is none."""
    if rule.everyone:
        return False
    if rule.car_tags(tag.name for tag in entry.tags):
        return True
    return any(rule.driver(person(driver)) for driver in drivers)
