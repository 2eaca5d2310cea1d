"""Copies of the database kept before risky moments (a migration, the first open of a day).

Copies are made with SQLite's online backup API, so a copy is always a consistent
database even while RaceDesk has the file open.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from desktop_app import paths

DEFAULT_KEEP = 10


def make_backup(database: Path, reason: str, keep: int = DEFAULT_KEEP) -> Path:
    """Copy ``database`` into its backups folder and prune old copies; return the copy."""
    folder = paths.backups_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{database.stem}-{stamp}-{reason}.sqlite3"
    source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    prune_backups(database, keep)
    return target


def list_backups(database: Path) -> list[Path]:
    """Backups of ``database``, newest first."""
    folder = paths.backups_dir(database)
    if not folder.is_dir():
        return []
    found = folder.glob(f"{database.stem}-*.sqlite3")
    return sorted(found, key=lambda item: item.name, reverse=True)


def prune_backups(database: Path, keep: int) -> None:
    for old in list_backups(database)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
