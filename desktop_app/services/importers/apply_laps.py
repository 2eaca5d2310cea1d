"""Save a lap chart's laps and a weather file's readings into a session.

Laps attach to the session's entries by car number; each lap's driver is found by the
name the file prints, first among the car's crew in this session, then among the car's
drivers over the weekend, then among every saved driver. A lap chart over results never
changes the order, entries, teams, vehicles or crews: it only fills a result's laps and
best lap where they are empty.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop_app.services.editing import Edits
from desktop_app.services.editing_weekend import LAP_FIELDS
from desktop_app.services.importers.matching import DriverIndex, load_index
from desktop_app.services.importers.model import ImportedFile, ImportedLap, SkippedRow
from desktop_app.services.importers.names import split_full_name
from desktop_app.services.importers.report import ImportReport
from desktop_app.services.importers.undo import ImportUndo
from desktop_app.storage import repository as repo
from desktop_app.storage.models import CrewSeat, Driver, Entry, EntryDriver, RaceSession, Result

_FILLED = ("laps", "best_lap_ms", "best_lap_number")


def attach_laps(
    edit: Edits, imported: ImportedFile, session_id: int, report: ImportReport | None = None
) -> ImportReport:
    """Store every lap of ``imported`` in the session; fill empty result cells from them."""
    race_session = edit.session.get(RaceSession, session_id)
    if race_session is None:
        raise ValueError(f"session {session_id} no longer exists")
    if report is None:
        undo = ImportUndo(session_id)
        report = ImportReport(imported.name, imported.layout.label, session_id, undo=undo)
        report.skipped = list(imported.skipped)
    assert report.undo is not None
    entries = _entry_ids(edit, race_session)
    drivers = _DriverNames(edit, session_id, race_session)
    rows, left_out, fields = _lap_rows(imported.laps, entries, drivers, edit.pit_flag())
    report.undo.old_laps = edit.replace_lap_values(session_id, rows, fields)
    report.laps = len(rows)
    report.skipped.extend(left_out)
    _fill_results(edit, session_id, imported, report.undo)
    return report


@dataclass
class SavedEntry:
    """A saved car as an import matches and compares it: plain values from two column
    queries (ORM rows with their seats cost more than the rest of a later results file).
    The importer keeps them in step with what it changes."""

    id: int
    class_id: int | None
    team_id: int | None
    vehicle: str | None
    driver_ids: list[int] = field(default_factory=list)  # seat order


def entries_by_number(
    session: Session, event_id: int, series_id: int
) -> dict[str | None, SavedEntry]:
    """The event's cars of the series by number, with their drivers in seat order."""
    where = (Entry.event_id == event_id, Entry.series_id == series_id)
    columns = (Entry.car_number, Entry.id, Entry.class_id, Entry.team_id, Entry.vehicle)
    found = {
        row[0]: SavedEntry(*row[1:]) for row in session.execute(select(*columns).where(*where))
    }
    by_id = {entry.id: entry for entry in found.values()}
    seats = select(EntryDriver.entry_id, EntryDriver.driver_id).join(Entry).where(*where)
    for entry_id, driver_id in session.execute(
        seats.order_by(EntryDriver.entry_id, EntryDriver.seat)
    ):
        by_id[entry_id].driver_ids.append(driver_id)
    return found


def _entry_ids(edit: Edits, race_session: RaceSession) -> dict[str | None, int]:
    query = select(Entry.car_number, Entry.id).where(
        Entry.event_id == race_session.event_id, Entry.series_id == race_session.series_id
    )
    return {number: entry_id for number, entry_id in edit.session.execute(query)}


def _lap_rows(
    laps: list[ImportedLap],
    entries: dict[str | None, int],
    drivers: _DriverNames,
    pit_flag: Callable[[bool], Any],
) -> tuple[list[tuple[Any, ...]], list[SkippedRow], tuple[str, ...]]:
    """The laps as insert values (17,000 race laps: no dict each), and their fields'
    order: ``_BULK_FIELDS`` for the usual lap chart, else ``LAP_FIELDS``."""
    cars = list(map(_CAR, laps))
    if set(cars) <= entries.keys() and len(set(map(_CAR_AND_LAP, laps))) == len(laps):
        return _bulk_rows(laps, cars, entries, drivers, pit_flag), [], _BULK_FIELDS
    rows: list[tuple[Any, ...]] = []
    skipped: list[SkippedRow] = []
    seen: set[tuple[str, int]] = set()
    find = drivers.find
    for lap in laps:
        car, number = lap[1], lap[2]  # car_number, lap_number: this loop runs 17,000 times
        entry_id = entries.get(car)
        if entry_id is None:
            skipped.append(SkippedRow(lap.row, f"car #{car} is not in the entry list"))
            continue
        if (car, number) in seen:
            skipped.append(SkippedRow(lap.row, f"lap {number} of car #{car} is listed twice"))
            continue
        seen.add((car, number))
        rows.append((entry_id, number, lap[3], find(entry_id, lap[4]), *lap[5:]))
    return rows, _grouped(skipped), LAP_FIELDS


_CAR, _CAR_AND_LAP, _DRIVER = itemgetter(1), itemgetter(1, 2), itemgetter(4)
_PIT = ImportedLap._fields.index("pit_in")
# what a saved lap takes from the file as it is, in ImportedLap's order; then the two ids
# and the pit flag as the database stores it
_FILE_VALUES = itemgetter(2, 3, 5, *range(_PIT + 1, len(ImportedLap._fields)))
_BULK_FIELDS = (*_FILE_VALUES(ImportedLap._fields), "entry_id", "driver_id", "pit_in")


def _bulk_rows(
    laps: list[ImportedLap],
    cars: list[str],
    entries: dict[str | None, int],
    drivers: _DriverNames,
    pit_flag: Callable[[bool], Any],
) -> list[tuple[Any, ...]]:
    """The usual lap chart (every car entered, no lap twice) as ``_BULK_FIELDS`` rows:
    each lap's file values, its two ids and its pit flag (``pit_flag``: as the driver
    takes it fastest) joined in C (no Python line per lap), each car's and each (car,
    driver name)'s id looked up once. The (car, name) pairs come from ``zip``, which
    reuses its tuple when the set or the lookup does not keep it: no tuple per lap."""
    names = list(map(_DRIVER, laps))
    driver_ids = {
        (car, name): drivers.find(entries[car], name)
        for car, name in set(zip(cars, names, strict=True))
    }
    ids = zip(
        map(entries.__getitem__, cars),
        map(driver_ids.__getitem__, zip(cars, names, strict=True)),
        map(pit_flag, map(itemgetter(_PIT), laps)),
        strict=True,
    )
    return list(map(tuple.__add__, map(_FILE_VALUES, laps), ids))


# each lap's saved values are sliced from the named tuple in _lap_rows: both must list
# a lap's fields alike (checked once, here)
_SAME_ORDER = (
    LAP_FIELDS[1:3] == ImportedLap._fields[2:4]
    and LAP_FIELDS[:4:3] == ("entry_id", "driver_id")
    and LAP_FIELDS[4:] == ImportedLap._fields[5:]
)
if not _SAME_ORDER:  # a column added to laps or to ImportedLap: keep them in step
    raise ImportError("LAP_FIELDS and ImportedLap no longer list a lap's fields alike")


def _grouped(skipped: list[SkippedRow]) -> list[SkippedRow]:
    """One line per reason: a car missing from the entry list skips hundreds of laps."""
    by_reason: dict[str, list[int]] = {}
    for row in skipped:
        by_reason.setdefault(row.reason, []).append(row.row)
    return [
        SkippedRow(rows[0], reason if len(rows) == 1 else f"{reason} ({len(rows)} laps)")
        for reason, rows in by_reason.items()
    ]


@dataclass
class _DriverNames:
    """A lap's printed driver name -> driver id, preferring the car's own drivers."""

    edit: Edits
    session_id: int
    race_session: RaceSession
    _by_entry: dict[int, dict[str, int]] = field(default_factory=dict)
    _found: dict[str, int | None] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)  # printed name -> folded, once each

    def __post_init__(self) -> None:
        """The session's crews first, then each car's drivers over the weekend (seat order);
        names only, in two column queries."""
        names = (Driver.id, Driver.display_name, Driver.first_name, Driver.last_name)
        crews = select(CrewSeat.entry_id, *names).join(Driver, CrewSeat.driver_id == Driver.id)
        for entry_id, driver_id, display, first, last in self.edit.session.execute(
            crews.where(CrewSeat.session_id == self.session_id)
        ):
            self._by_entry.setdefault(entry_id, {})[_key(display or f"{first} {last}")] = driver_id
        seats = (
            select(EntryDriver.entry_id, *names)
            .join(Driver, EntryDriver.driver_id == Driver.id)
            .join(Entry, EntryDriver.entry_id == Entry.id)
            .where(
                Entry.event_id == self.race_session.event_id,
                Entry.series_id == self.race_session.series_id,
            )
            .order_by(EntryDriver.entry_id, EntryDriver.seat)
        )
        for entry_id, driver_id, display, first, last in self.edit.session.execute(seats):
            known = self._by_entry.setdefault(entry_id, {})
            known.setdefault(_key(display or f"{first} {last}"), driver_id)
            known.setdefault(_key(f"{first} {last}"), driver_id)
        self._index: DriverIndex | None = None  # every saved driver: loaded on a stranger

    def find(self, entry_id: int, name: str) -> int | None:
        if not name:
            return None
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = _key(name)
        found = self._by_entry.get(entry_id, {}).get(key)
        if found is not None:
            return found
        if key not in self._found:
            first, last = split_full_name(name)
            if self._index is None:
                self._index = load_index(self.edit.session)
            matches = self._index.named(first, last)
            self._found[key] = matches[0].id if len(matches) == 1 else None
        return self._found[key]


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    """A name folded once per import (each is met in every session's crews)."""
    return repo.normalise_name(name)


def _fill_results(edit: Edits, session_id: int, imported: ImportedFile, undo: ImportUndo) -> None:
    """Laps completed and best lap from the laps, only where the result has none."""
    summary = {result.car_number: result for result in imported.results}
    rows = edit.session.execute(
        select(Result, Entry.car_number)
        .join(Entry, Result.entry_id == Entry.id)
        .where(Result.session_id == session_id)
        .where(or_(*(getattr(Result, name).is_(None) for name in _FILLED)))  # rows with a gap
    ).all()
    for row, car_number in rows:
        car = summary.get(car_number or "")
        if car is None:
            continue
        values = {"laps": car.laps, "best_lap_ms": car.best_lap_ms}
        values["best_lap_number"] = car.best_lap_number
        fill: dict[str, Any] = {
            name: values[name]
            for name in _FILLED
            if getattr(row, name) is None and values[name] is not None
        }
        if fill:
            old = edit.update_result(row.id, **fill)
            saved = undo.old_results.setdefault(row.id, {})
            for name, value in old.items():
                saved.setdefault(name, value)


def store_weather(edit: Edits, imported: ImportedFile, session_id: int) -> ImportReport:
    """The session's weather readings become the file's (metric units)."""
    undo = ImportUndo(session_id)
    report = ImportReport(imported.name, imported.layout.label, session_id, undo=undo)
    rows = [
        {
            "at": reading.at,
            "air_temp_c": reading.air_temp_c,
            "track_temp_c": reading.track_temp_c,
            "humidity_pct": reading.humidity_pct,
            "pressure_hpa": reading.pressure_hpa,
            "wind_speed_kph": reading.wind_speed_kph,
            "wind_direction_deg": reading.wind_direction_deg,
            "rain": reading.rain,
        }
        for reading in imported.weather
    ]
    undo.old_weather = edit.replace_weather(session_id, rows)
    report.weather = len(rows)
    return report
