"""``racedesk copy``: a whole database, or one event, from one place to another (a file
to a server and back), in one transaction on the target.

Rows keep their ids, so the target must be empty (a new file, or a database just made
on the server): copying into a database that already holds data would have to renumber
every row and could merge two different drivers. ``--event`` copies that event's
sessions, entries, results, laps, crews, weather and broadcasts, and the shared lists
(series, classes, teams, drivers, tags) whole; the change history comes only with a
whole copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, func, select

from desktop_app.services.errors import EditError
from desktop_app.storage.database import Database
from desktop_app.storage.models import Base

BATCH = 5000
HISTORY = "change_log"


@dataclass
class CopyReport:
    """Rows copied per table, in the order they were written."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def copy_database(source: Database, target: Database, event_ids: set[int] | None) -> CopyReport:
    """Copy everything (``event_ids`` None) or those events; refuses a non-empty target."""
    refuse_non_empty(target)
    report = CopyReport()
    with source.engine.connect() as reading, target.engine.begin() as writing:
        chosen: dict[str, set[int]] = {}
        for table in Base.metadata.sorted_tables:
            if event_ids is not None and table.name == HISTORY:
                continue
            rows = _rows(reading, table, event_ids, chosen)
            for start in range(0, len(rows), BATCH):
                writing.execute(table.insert(), rows[start : start + BATCH])
            report.counts[table.name] = len(rows)
        if writing.dialect.name == "postgresql":
            _move_sequences(writing)
    return report


def refuse_non_empty(target: Database) -> None:
    with target.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if connection.scalar(select(func.count()).select_from(table)):
                raise EditError(
                    f"{target.label} already holds data ({table.name}); racedesk copy only "
                    "writes into an empty database, so nothing there can be overwritten."
                )


def _rows(
    reading: Connection, table: Table, event_ids: set[int] | None, chosen: dict[str, set[int]]
) -> list[dict[str, Any]]:
    """The table's rows to copy; with events, only rows that belong to them."""
    query = select(table)
    if event_ids is not None:
        owned = _owned_links(table)
        if table.name == "events":
            query = query.where(table.c.id.in_(event_ids))
        for column, parent in owned:
            query = query.where(table.c[column].in_(chosen[parent]))
        if table.name == "events" or owned:
            query = query.order_by(*table.primary_key.columns)
    rows = [dict(row) for row in reading.execute(query).mappings()]
    if event_ids is not None and "id" in table.c and (table.name == "events" or owned):
        chosen[table.name] = {row["id"] for row in rows}
    return rows


def _owned_links(table: Table) -> list[tuple[str, str]]:
    """(column, parent table) for each link to an event's own rows (events, sessions,
    entries, results...); links to the shared lists (drivers, series) are not filters."""
    links = []
    for key in table.foreign_keys:
        parent = key.column.table
        if parent.name == "events" or _owned_links(parent):
            links.append((key.parent.name, parent.name))
    return links


def _move_sequences(writing: Connection) -> None:
    """Rows came with their ids: the server's id counters must start after them."""
    for table in Base.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        writing.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
        )
