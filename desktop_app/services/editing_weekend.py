"""Edits of what a weekend import stores beside results: laps, crews, weather, file hashes.

Lap charts hold thousands of rows, so laps and weather samples are written as plain
values through the driver, 25 rows to an INSERT in one ``executemany`` per session, and
noted in the change history as one line per session, not one per lap. Each
``replace_*``/``set_*`` returns the old rows, which is what an undo needs to put back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from itertools import chain, repeat
from typing import Any

from sqlalchemy import Connection, delete, select

from desktop_app.services.editing_base import EditsBase
from desktop_app.services.errors import EditError
from desktop_app.storage.models import (
    CrewSeat,
    ImportedFileRecord,
    Lap,
    RaceSession,
    WeatherSample,
)

LAP_COLUMNS = tuple(column.name for column in Lap.__table__.columns if column.name != "id")
LAP_FIELDS = tuple(name for name in LAP_COLUMNS if name != "session_id")  # a lap's values
WEATHER_COLUMNS = tuple(
    column.name for column in WeatherSample.__table__.columns if column.name != "id"
)
WEATHER_FIELDS = tuple(name for name in WEATHER_COLUMNS if name != "session_id")


def _mark(paramstyle: str) -> str:
    """The driver's own placeholder: SQLite's ``?``, psycopg's ``%s``."""
    return "?" if paramstyle == "qmark" else "%s"


def _plain_insert_sql(
    paramstyle: str,
    table: str,
    fields: Sequence[str],
    session_id: int | None = None,
    rows: int = 1,
) -> str:
    """An INSERT of ``fields`` in the driver's own placeholders, for ``exec_driver_sql``
    with plain value tuples: thousands of laps, readings or seats skip SQLAlchemy's
    per-row parameter building. With ``session_id`` (an int) written into it, each row's
    values go to the driver as they are, without a new tuple each. ``rows``: that many
    rows' values per statement, one after the other."""
    names, marks = list(fields), [_mark(paramstyle)] * len(fields)
    if session_id is not None:
        names, marks = ["session_id", *names], [str(int(session_id)), *marks]
    values = ", ".join([f"({', '.join(marks)})"] * rows)
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES {values}"


# rows per INSERT: SQLite runs each statement's set-up (the foreign keys' parent lookups
# opened, the program reset) once per statement, not per row: 22,304 laps 62 -> 52 ms at
# 25 to 50; 25 laps x 15 values (readings x 8) stay far under any driver's limit on
# placeholders (999)
_ROWS_PER_INSERT = 25


def _lap_select_sql(paramstyle: str, fields: tuple[str, ...]) -> str:
    """The select of a session's laps in the driver's own placeholder; ``fields`` (each
    lap's values to insert) must be the ``LAP_FIELDS`` in some order."""
    if sorted(fields) != sorted(LAP_FIELDS):
        raise ValueError(f"a lap's values must be {LAP_FIELDS} in some order, not {fields}")
    return f"SELECT {', '.join(LAP_COLUMNS)} FROM laps WHERE session_id = {_mark(paramstyle)}"


def _insert_grouped(
    connection: Connection,
    table: str,
    session_id: int,
    fields: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """A session's rows (laps, weather readings), ``_ROWS_PER_INSERT`` to a statement (one
    ``executemany`` of them), the rest in one statement. Each statement's values are one
    tuple, cut by ``zip`` from one stream of every row's values (no list of them all)."""
    paramstyle, count = connection.dialect.paramstyle, len(rows)
    whole = count - count % _ROWS_PER_INSERT
    if whole:
        sql = _plain_insert_sql(paramstyle, table, fields, session_id, _ROWS_PER_INSERT)
        values = chain.from_iterable(rows)  # zip drops the last, shorter group: see below
        groups = zip(*[values] * (_ROWS_PER_INSERT * len(fields)), strict=False)
        connection.exec_driver_sql(sql, list(groups))
    if whole < count:
        sql = _plain_insert_sql(paramstyle, table, fields, session_id, count - whole)
        connection.exec_driver_sql(sql, tuple(chain.from_iterable(rows[whole:])))


class WeekendEdits(EditsBase):
    def replace_laps(self, session_id: int, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """The session's laps become ``rows``; return the laps it had (for undo)."""
        values = [tuple(row[name] for name in LAP_FIELDS) for row in rows]
        return self.replace_lap_values(session_id, values)

    def replace_lap_values(
        self,
        session_id: int,
        rows: Sequence[tuple[Any, ...]],
        fields: tuple[str, ...] = LAP_FIELDS,
    ) -> list[dict[str, Any]]:
        """As :meth:`replace_laps`, each lap given as its values in ``fields`` order (the
        ``LAP_FIELDS`` in the order the caller has them at hand)."""
        self._get(RaceSession, session_id)
        connection = self.session.connection()
        select_sql = _lap_select_sql(connection.dialect.paramstyle, fields)
        old = [
            dict(zip(LAP_COLUMNS, row, strict=True))
            for row in connection.exec_driver_sql(select_sql, (session_id,))
        ]
        # through the connection, as the laps are read and written: no Lap is ever an ORM
        # object, so the ORM's search of its identity map for deleted ones is skipped; its
        # flush first is kept (staged rows reach the database before laps that name them)
        self.session.flush()
        connection.execute(delete(Lap).where(Lap.session_id == session_id))
        if rows:  # plain values through the driver: laps hold only numbers and text
            _insert_grouped(connection, "laps", session_id, fields, rows)
        self.changes.session_ids.add(session_id)
        self._touch("laps", session_id, {"laps": len(old)}, {"laps": len(rows)})
        return old

    def pit_flag(self) -> Callable[[bool], Any]:
        """How a lap's ``pit_in`` goes to the driver fastest: SQLite stores a boolean as
        0/1 and the sqlite3 module binds an int directly but a bool through its adapter
        lookup (~7 ms more for a weekend's 22,304 laps); PostgreSQL takes the bool."""
        return int if self.session.connection().dialect.name == "sqlite" else bool

    def replace_weather(
        self, session_id: int, rows: Sequence[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The session's weather readings become ``rows``; return the old ones (for undo)."""
        self._get(RaceSession, session_id)
        old = self._rows(WeatherSample, WEATHER_COLUMNS, session_id)
        where = WeatherSample.session_id == session_id  # readings are never ORM objects either
        self.session.connection().execute(delete(WeatherSample).where(where))
        if rows:
            self._insert_weather(session_id, rows)
        self._touch("weather_samples", session_id, {"readings": len(old)}, {"readings": len(rows)})
        return old

    def _insert_weather(self, session_id: int, rows: Sequence[dict[str, Any]]) -> None:
        """Plain tuples through the driver: each column's values go through its type's own
        bind processor (the UTC time, SQLite's booleans), exactly what the ORM would
        store, a column at a time, without SQLAlchemy's per-row parameter building (a
        race has 700 readings)."""
        connection = self.session.connection()
        columns, dialect = WeatherSample.__table__.columns, connection.dialect
        values = []
        for name in WEATHER_FIELDS:
            convert = columns[name].type.dialect_impl(dialect).bind_processor(dialect)
            column = list(map(dict.get, rows, repeat(name)))
            if convert is not None:
                column = [None if value is None else convert(value) for value in column]
            values.append(column)
        readings = list(zip(*values, strict=True))
        _insert_grouped(connection, "weather_samples", session_id, WEATHER_FIELDS, readings)

    def set_session_crew(
        self, session_id: int, entry_id: int, driver_ids: Sequence[int]
    ) -> list[int]:
        """The car's drivers in this session, in seat order; return the old crew (for undo)."""
        if len(set(driver_ids)) != len(driver_ids):
            raise EditError("The same driver cannot sit in a car twice.")
        where = (CrewSeat.session_id == session_id, CrewSeat.entry_id == entry_id)
        old = list(
            self.session.scalars(select(CrewSeat.driver_id).where(*where).order_by(CrewSeat.seat))
        )
        if old == list(driver_ids):
            return old
        self.session.execute(delete(CrewSeat).where(*where))
        if driver_ids:
            self._insert_seats(
                [(session_id, entry_id, seat, d) for seat, d in enumerate(driver_ids, start=1)]
            )
        self.changes.session_ids.add(session_id)
        self._touch("session_crews", entry_id, {"drivers": old}, {"drivers": list(driver_ids)})
        return old

    def set_session_crews(
        self, session_id: int, crews: dict[int, list[int]]
    ) -> dict[int, list[int]]:
        """Several cars' crews in one session at once; return each car's old crew."""
        if not crews:
            return {}
        for driver_ids in crews.values():
            if len(set(driver_ids)) != len(driver_ids):
                raise EditError("The same driver cannot sit in a car twice.")
        query = select(CrewSeat.entry_id, CrewSeat.driver_id).where(
            CrewSeat.session_id == session_id  # the whole session's: no list of cars to send
        )
        old: dict[int, list[int]] = {entry_id: [] for entry_id in crews}
        for entry_id, driver_id in self.session.execute(query.order_by(CrewSeat.seat)):
            if entry_id in old:
                old[entry_id].append(driver_id)
        changed = {entry_id: ids for entry_id, ids in crews.items() if old[entry_id] != ids}
        seated = [entry_id for entry_id in changed if old[entry_id]]  # seats to take away
        if seated:
            self.session.execute(
                delete(CrewSeat).where(
                    CrewSeat.session_id == session_id, CrewSeat.entry_id.in_(seated)
                )
            )
        if changed:
            seats = [
                (session_id, entry_id, seat, d)
                for entry_id, ids in changed.items()
                for seat, d in enumerate(ids, start=1)
            ]
            if seats:
                self._insert_seats(seats)
            self.changes.session_ids.add(session_id)
            self._touch("session_crews", session_id, {"cars": len(changed)}, {"crews": changed})
        return {entry_id: old[entry_id] for entry_id in changed}

    def _insert_seats(self, seats: list[tuple[int, int, int, int]]) -> None:
        """Seats (session, entry, seat, driver) as plain tuples through the driver: a
        weekend writes 870, SQLAlchemy's per-row parameter building cost more than the
        insert itself."""
        self.session.flush()  # staged rows first (foreign keys)
        connection = self.session.connection()
        fields = ("session_id", "entry_id", "seat", "driver_id")
        sql = _plain_insert_sql(connection.dialect.paramstyle, "session_crews", fields)
        connection.exec_driver_sql(sql, seats)

    def record_imported_files(self, files: Sequence[tuple[int, str, str, str]]) -> list[int]:
        """Remember the files a batch applied, each (session id, file name, sha256, kind),
        so importing one again changes nothing: one query for those already remembered,
        one insert and one history line for the rest (a weekend has 15). Each file's
        record id, in order; a file already remembered for its session keeps its record."""
        session_ids = sorted({session_id for session_id, _name, _sha, _kind in files})
        table = ImportedFileRecord.__table__.c
        saved = select(table.session_id, table.sha256, table.id)
        known = {
            (session_id, sha256): record_id
            for session_id, sha256, record_id in self.session.execute(
                saved.where(table.session_id.in_(session_ids))
            )
        }
        now = dt.datetime.now(dt.UTC)
        new: dict[tuple[int, str], dict[str, Any]] = {}
        for session_id, file_name, sha256, kind in files:
            if (session_id, sha256) not in known:
                new.setdefault(
                    (session_id, sha256), _file_record(session_id, file_name, sha256, kind, now)
                )
        if new:
            ids = self._insert_rows(ImportedFileRecord, list(new.values()))
            known.update(zip(new, ids, strict=True))
            names = [row["file_name"] for row in new.values()]
            self._touch("imported_files", None, {}, {"added": len(new), "file_names": names})
        return [known[(session_id, sha256)] for session_id, _name, sha256, _kind in files]

    def forget_imported_file(self, record_id: int) -> None:
        record = self.session.get(ImportedFileRecord, record_id)
        if record is not None:
            self._delete(record, "imported_files")

    def _rows(self, model: Any, columns: tuple[str, ...], session_id: int) -> list[dict[str, Any]]:
        table = model.__table__
        query = select(*(table.c[name] for name in columns)).where(table.c.session_id == session_id)
        return [dict(row._mapping) for row in self.session.execute(query)]


def _file_record(
    session_id: int, file_name: str, sha256: str, kind: str, now: dt.datetime
) -> dict[str, Any]:
    """An ``imported_files`` row, cut to its columns' lengths."""
    return {
        "session_id": session_id,
        "file_name": file_name[:300],
        "sha256": sha256,
        "kind": kind[:20],
        "imported_at": now,
    }
