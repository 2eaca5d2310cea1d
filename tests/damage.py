"""Damage a database file the way a broken disk or tool would, for the fault tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def swap_result_indexes(path: Path) -> None:
    """Index definitions swapped: quick_check passes, integrity_check does not."""
    names = ("ix_results_session_id", "ix_results_entry_id")
    with sqlite3.connect(path) as connection:
        sql = dict(
            connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE name IN (?, ?)", names
            ).fetchall()
        )
        connection.execute("PRAGMA writable_schema=ON")
        for name, other in (names, tuple(reversed(names))):
            connection.execute(
                "UPDATE sqlite_master SET sql = ? WHERE name = ?",
                (sql[other].replace(other, name), name),
            )
