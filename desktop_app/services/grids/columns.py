"""The grids' column titles, in a module that imports nothing heavy.

The window shows the events grid read-only from a plain sqlite3 read while SQLAlchemy
still loads (``ui/events_preview.py``); it takes its columns from here, as the editable
grid does (``services.grids.events``), so both show the same titles in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    title: str
    tip: str = ""
    editable: bool = True


NAME, CIRCUIT, START, END, ZONE = range(5)
EVENT_COLUMNS = (
    Column("Event", "The race weekend, as articles name it"),
    Column("Circuit"),
    Column("First day", "YYYY-MM-DD"),
    Column("Last day", "YYYY-MM-DD"),
    Column("Time zone", "The circuit's zone, like America/New_York; times show in it"),
)
