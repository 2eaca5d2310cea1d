"""Shared plumbing of ``Edits``: fetch, add, update and delete rows with history."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from desktop_app.services.changes import Changes, record
from desktop_app.services.conflicts import check_unchanged
from desktop_app.services.errors import EditError

Row = TypeVar("Row")

_NAMES = {
    "RaceSession": "session",
    "RaceClass": "class",
    "BroadcastSlot": "broadcast",
    "EntryDriver": "seat",
}


class EditsBase:
    """Holds the open session and the action's ``Changes``."""

    def __init__(self, session: Session, changes: Changes) -> None:
        self.session = session
        self.changes = changes
        # rows this action added, kept alive: the session's identity map holds rows
        # weakly, so a row nobody held was read again by the next ``_get`` (a weekend
        # import read each new session back three times, its event and series too; the
        # renumbering after a keyed car moves the row it added)
        self._added: list[Any] = []

    def _get(self, model: type[Row], row_id: int | None) -> Row:
        row = self.session.get(model, row_id) if row_id is not None else None
        if row is None:
            name = _NAMES.get(model.__name__, model.__name__.lower())
            raise EditError(f"That {name} no longer exists (id {row_id}).")
        return row

    def _add(self, row: Any, table: str, summary: dict[str, Any]) -> int:
        self.session.add(row)
        self.session.flush()
        self._added.append(row)
        record(self.changes, table, row.id, new=summary)
        return int(row.id)

    def _update(
        self,
        row: Any,
        allowed: set[str],
        fields: dict[str, Any],
        table: str,
        *,
        event_ids: set[int] | None = None,
        announce: str | None = None,
    ) -> dict[str, Any]:
        """Set ``fields`` on ``row``; return the old values (what undo puts back).
        ``announce``: the name listeners are told instead of ``table`` (see ``record``)."""
        unknown = set(fields) - allowed
        if unknown:
            raise TypeError(f"cannot edit {sorted(unknown)} on {type(row).__name__}")
        if self.changes.since is not None:
            self.session.refresh(row, with_for_update=True)  # the next writer waits here
            since, author = self.changes.since, self.changes.author
            check_unchanged(self.session, table, row.id, fields, since, author)
        old = {name: getattr(row, name) for name in fields}
        for name, value in fields.items():
            setattr(row, name, value)
        self.session.flush()
        self.changes.event_ids.update(event_ids or ())
        record(self.changes, table, row.id, old=old, new=fields, announce=announce)
        return old

    def _delete(self, row: Any, table: str) -> None:
        record(self.changes, table, getattr(row, "id", None), old={"deleted": True})
        self.session.delete(row)
        self.session.flush()

    def _insert_rows(self, model: Any, rows: list[dict[str, Any]]) -> list[int]:
        """Insert ``rows`` in one statement, a column a row leaves out taking its default;
        their new ids, in order.

        PostgreSQL returns them through ``INSERT ... RETURNING`` in the rows' order.
        SQLite does not promise RETURNING's order, so SQLAlchemy would send one statement
        per row: there the rows go to the driver in one ``executemany`` of plain SQL (no
        statement to compile per file opened) and the ids are read after it. This
        transaction holds SQLite's write lock (a writer that came in between makes SQLite
        refuse the insert) and a new row's id is the largest one plus one, so the rows
        past the largest id before are these, in this order.
        """
        if not rows:
            return []
        self.session.flush()  # rows staged through the ORM go first (foreign keys)
        table, rows = model.__table__, same_keys(model, rows)
        connection = self.session.connection()
        if connection.dialect.name != "sqlite":
            statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            return [int(row_id) for row_id in self.session.execute(statement, rows).scalars()]
        names = list(rows[0])
        before = connection.exec_driver_sql(f"SELECT max(id) FROM {table.name}").scalar()
        marks = ", ".join("?" for _name in names)
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"
        connection.exec_driver_sql(sql, bound_values(connection.dialect, table, names, rows))
        after = f"SELECT id FROM {table.name} WHERE id > ? ORDER BY id"
        ids = [int(row_id) for (row_id,) in connection.exec_driver_sql(after, (before or 0,))]
        if len(ids) != len(rows):
            raise RuntimeError(f"{len(rows)} rows inserted into {table.name}, {len(ids)} found")
        return ids

    def _insert(self, model: Any, rows: list[dict[str, Any]], table: str) -> list[int]:
        """:meth:`_insert_rows` and one history line for them all; ids in the rows' order."""
        ids = self._insert_rows(model, rows)
        if ids:
            self._history(table, ids)
        return ids

    def _expire_loaded(self, model: Any, row_id: int, name: str) -> None:
        """A relationship of a row the session holds, read again when next used: rows
        inserted without the ORM are not in a list it loaded before."""
        held = self.session.identity_map.get(identity_key(model, row_id))
        if held is not None:
            self.session.expire(held, [name])

    def _history(self, table: str, ids: list[int]) -> None:
        """One history line for the batch: how many rows of which table, and their ids."""
        self._touch(table, None, {}, {"added": len(ids), "ids": ids})

    def _touch(
        self, table: str, row_id: int | None, old: dict[str, Any], new: dict[str, Any]
    ) -> None:
        """History for a change made through relationships rather than ``_update``."""
        self.session.flush()
        record(self.changes, table, row_id, old=old, new=new)


def same_keys(model: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One insert needs the same columns in every row: a value a row leaves out is the
    column's default (None where it has none), as when the row is inserted alone."""
    defaults = {}
    for column in model.__table__.columns:
        default = column.default
        if not column.primary_key:
            scalar = default is not None and default.is_scalar
            defaults[column.name] = default.arg if scalar else None
    return [{**defaults, **row} for row in rows]


def bound_values(
    dialect: Any, table: Any, names: list[str], rows: list[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Each row's values in ``names`` order as the driver takes them: through each
    column type's own bind processor (an enum's name, a date's text), as SQLAlchemy
    binds them, so a plain insert stores exactly what the ORM would."""
    process = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    return [
        tuple(
            value if convert is None or value is None else convert(value)
            for convert, value in zip(process, map(row.__getitem__, names), strict=True)
        )
        for row in rows
    ]


def required(text: str, message: str) -> str:
    """The text without surrounding spaces; refused with ``message`` when empty."""
    value = (text or "").strip()
    if not value:
        raise EditError(message)
    return value
