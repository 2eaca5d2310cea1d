"""Bulk creation for imports: many new rows of one kind in ONE insert, ONE history line.

A weekend folder creates hundreds of teams, drivers, entries and results at once. Made
one at a time (a flush and a history line each) that cost more than everything else of
the import together, so the importers stage what they need and write it here with one
``executemany`` per table (SQLAlchemy Core, ids back through ``RETURNING`` in the order
given, on SQLite and PostgreSQL alike). The checks of the one-row edits still apply:
names are required, car numbers are free and short, result numbers are whole numbers.
Undo deletes what was created the same way: one ``DELETE ... WHERE id IN`` per table and
one history line (:meth:`BulkEdits.delete_rows`), the database's own cascades taking what
hangs on the rows (laps, seats, penalties), as they do for a deleted session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select

from desktop_app.domain.sessions import ResultState, SessionKind
from desktop_app.services.changes import RESULT_STATES
from desktop_app.services.editing_base import EditsBase, required
from desktop_app.services.editing_entries import clean_car_number
from desktop_app.services.editing_results import check_values
from desktop_app.services.errors import EditError
from desktop_app.storage.models import (
    Driver,
    DriverOfficialId,
    Entry,
    EntryDriver,
    RaceSession,
    Result,
    Series,
    Team,
)

_DRIVER_TEXTS = tuple(column.name for column in Driver.__table__.columns if column.name != "id")


@dataclass(eq=False, slots=True)
class DriverValues:
    """A driver as an import matches and writes it: plain values, no ORM row. ``id`` is
    None for a driver made by :meth:`BulkEdits.new_driver` until it is written; two
    values are the same driver only if they are the same object (a new one has no id)."""

    id: int | None
    first_name: str
    last_name: str
    display_name: str = ""
    country: str = ""
    hometown_city: str = ""
    hometown_region: str = ""
    official_ids: list[tuple[str, str]] = field(default_factory=list)  # (provider, id)

    @property
    def full_name(self) -> str:
        """As ``Driver.full_name``: the display name when set, else first and last name."""
        return self.display_name or f"{self.first_name} {self.last_name}".strip()

    @property
    def hometown(self) -> str:
        return ", ".join(part for part in (self.hometown_city, self.hometown_region) if part)


@dataclass(frozen=True)
class NewSession:
    """A session for ``Edits.add_sessions``."""

    series_id: int
    kind: SessionKind
    name: str
    starts_at: dt.datetime | None = None


@dataclass(frozen=True)
class NewEntry:
    """A car for :meth:`BulkEdits.add_entries`: its drivers in seat order."""

    car_number: str
    class_id: int | None = None
    team_id: int | None = None
    vehicle: str = ""
    driver_ids: tuple[int, ...] = ()


class BulkEdits(EditsBase):
    def add_teams(self, names: Sequence[str]) -> list[int]:
        """New teams (names not saved yet, each once); their ids in the order given."""
        clean = [required(name, "A team needs a name.") for name in names]
        if len(set(clean)) != len(clean):
            raise EditError("The same team cannot be added twice.")
        return self._insert(Team, [{"name": name} for name in clean], "teams")

    def new_driver(
        self,
        last_name: str,
        *,
        first_name: str = "",
        official_ids: Sequence[tuple[str, str]] = (),
        **details: str,
    ) -> DriverValues:
        """A driver to create, not written yet: an importer matches later names of its
        file against it, then writes every new driver with :meth:`add_drivers`."""
        driver = DriverValues(
            None, first_name.strip(), required(last_name, "A driver needs a last name.")
        )
        for name, value in details.items():  # slots: an unknown name is an error
            setattr(driver, name, value.strip())
        driver.country = driver.country.upper()
        pairs = dict.fromkeys((p.strip(), i.strip()) for p, i in official_ids)
        driver.official_ids = [(p, i) for p, i in pairs if p and i]
        return driver

    def add_drivers(self, drivers: Sequence[DriverValues]) -> list[int]:
        """Write drivers made by :meth:`new_driver`; their ids, in order (each value
        gets its id).

        One insert for the drivers and one for their official ids, from plain values: no
        ORM object is made (the ORM's objects and unit of work cost more than the rest of
        a results file's import), so the session holds nothing stale of them either."""
        if not drivers:
            return []
        rows = [{name: getattr(driver, name) for name in _DRIVER_TEXTS} for driver in drivers]
        ids = self._insert_rows(Driver, rows)
        for driver, driver_id in zip(drivers, ids, strict=True):
            driver.id = driver_id
        official_rows = [
            {"driver_id": driver.id, "provider": provider, "official_id": official_id}
            for driver in drivers
            for provider, official_id in driver.official_ids
        ]
        if official_rows:
            self.session.execute(insert(cast(Table, DriverOfficialId.__table__)), official_rows)
        self._history("drivers", ids)
        return ids

    def add_entries(self, event_id: int, series_id: int, entries: Sequence[NewEntry]) -> list[int]:
        """New cars of an event's entry list with their line-ups; ids in the order given."""
        numbers = [clean_car_number(entry.car_number) for entry in entries]
        self._refuse_taken(event_id, series_id, numbers)
        rows = [
            {
                "event_id": event_id,
                "series_id": series_id,
                "car_number": number,
                "class_id": entry.class_id,
                "team_id": entry.team_id,
                "vehicle": entry.vehicle.strip(),
            }
            for number, entry in zip(numbers, entries, strict=True)
        ]
        ids = self._insert(Entry, rows, "entries")
        seats = [
            {"entry_id": entry_id, "driver_id": driver_id, "seat": seat}
            for entry_id, entry in zip(ids, entries, strict=True)
            for seat, driver_id in enumerate(_no_repeats(entry.driver_ids), start=1)
        ]
        if seats:
            self.session.execute(insert(cast(Table, EntryDriver.__table__)), seats)
        self.changes.event_ids.add(event_id)
        return ids

    def add_results(self, session_id: int, rows: Sequence[tuple[int, dict[str, Any]]]) -> list[int]:
        """Cars (entry id, result fields) at the end of a session's classification, in the
        order given; the session becomes provisional if it had no results. Positions are
        the caller's to renumber."""
        race_session = self._get(RaceSession, session_id)
        last = self._refuse_strangers(race_session, [entry_id for entry_id, _fields in rows])
        values = []
        for order, (entry_id, fields) in enumerate(rows, start=(last or 0) + 1):
            check_values(fields)
            values.append({**fields, "session_id": session_id, "entry_id": entry_id})
            values[-1]["sort_order"] = order
        ids = self._insert(Result, values, "results")
        self.changes.session_ids.add(session_id)
        if ids and race_session.result_state is ResultState.NONE:
            state = {"result_state": ResultState.PROVISIONAL}
            self._update(race_session, set(state), state, "sessions", announce=RESULT_STATES)
        return ids

    def delete_rows(self, model: Any, ids: Sequence[int], table: str) -> list[int]:
        """The rows of ``ids`` still there, deleted in ONE statement with one history line;
        returns their ids. The database's cascades remove what hangs on them, so every
        row the ORM holds is expired afterwards: none is used stale, a deleted one reads
        as gone (``session.get`` is None)."""
        if not ids:
            return []
        self.session.flush()
        column = model.__table__.c.id
        found = [int(i) for i in self.session.scalars(select(column).where(column.in_(ids)))]
        if found:
            self.session.execute(delete(cast(Table, model.__table__)).where(column.in_(found)))
            self._touch(table, None, {"deleted": len(found), "ids": found}, {})
            self.session.expire_all()
        return found

    def delete_results(self, ids: Sequence[int]) -> list[int]:
        """Results taken back at once (an import's undo); a provisional session left
        without results is empty again, as after ``delete_result``."""
        query = select(Result.session_id).where(Result.id.in_(ids)).distinct()
        session_ids = list(self.session.scalars(query))
        found = self.delete_rows(Result, ids, "results")
        self.changes.session_ids.update(session_ids)
        for session_id in session_ids:
            race_session = self._get(RaceSession, session_id)
            left = select(Result.id).where(Result.session_id == session_id).limit(1)
            empty = self.session.scalar(left) is None
            if empty and race_session.result_state is ResultState.PROVISIONAL:
                state = {"result_state": ResultState.NONE}
                self._update(race_session, set(state), state, "sessions", announce=RESULT_STATES)
        return found

    def delete_entries(self, ids: Sequence[int]) -> list[int]:
        """Cars taken back at once (an import's undo), with their results, laps and seats."""
        event_ids = self.session.scalars(select(Entry.event_id).where(Entry.id.in_(ids)))
        self.changes.event_ids.update(event_ids)
        return self.delete_rows(Entry, ids, "entries")

    def _refuse_taken(self, event_id: int, series_id: int, numbers: list[str | None]) -> None:
        given = [number for number in numbers if number is not None]
        if not given:
            return
        listed = select(Entry.car_number).where(
            Entry.event_id == event_id, Entry.series_id == series_id
        )
        taken = set(self.session.scalars(listed))  # the whole list: no numbers to send
        doubles = {number for number in given if given.count(number) > 1}
        clash = next((number for number in given if number in taken or number in doubles), None)
        if clash is not None:
            series = self._get(Series, series_id)
            raise EditError(f"Car #{clash} is already in the {series.name} entry list.")

    def _refuse_strangers(self, race_session: RaceSession, entry_ids: list[int]) -> int:
        """Every car must be in the event's entry list, and not yet in the session;
        returns the session's last sort order (two plain queries: no list of ids)."""
        listed = select(Entry.id).where(Entry.event_id == race_session.event_id)
        if not set(entry_ids) <= set(self.session.scalars(listed)):
            raise EditError("That car is not in this event's entry list.")
        saved = select(Result.entry_id, Result.sort_order).where(
            Result.session_id == race_session.id
        )
        orders = {entry_id: order for entry_id, order in self.session.execute(saved)}
        present = next((entry_id for entry_id in entry_ids if entry_id in orders), None)
        if present is not None or len(set(entry_ids)) != len(entry_ids):
            number = self.session.scalar(select(Entry.car_number).where(Entry.id == present))
            raise EditError(f"Car #{number or '?'} is already in this session's results.")
        return max(orders.values(), default=0)


def _no_repeats(driver_ids: Sequence[int]) -> list[int]:
    if len(set(driver_ids)) != len(driver_ids):
        raise EditError("The same driver cannot sit in a car twice.")
    return list(driver_ids)
