"""Look at a database file before opening it, without writing a byte to it.

Every refusal here happens before SQLAlchemy or Alembic ever see the file, which is how
RaceDesk keeps its promise of never modifying a file it will not open.

SQLite's ``PRAGMA quick_check`` reads the whole file (30 ms on ten seasons). It runs on
the first open of each day, and again whenever the file (or its WAL) has changed since
its last clean check; a file left exactly as it was checked today is not read again.
The fingerprints live in the user data folder, never beside or inside the database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
import time
from pathlib import Path

from desktop_app import paths
from desktop_app.storage.errors import DatabaseOpenError

SQLITE_HEADER = b"SQLite format 3\x00"
CHECKS_FILE = "clean-checks.json"
RACY_SECONDS = 2.0  # a file changed this close to its check could change again unseen
KEEP_FINGERPRINTS = 20


def check_location(path: Path) -> None:
    """Refuse a path whose folder is missing or which is a folder itself."""
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file.")
    if not path.parent.is_dir():
        raise DatabaseOpenError(
            f"The folder {path.parent} does not exist, so RaceDesk cannot keep a database there."
        )


def is_read_only(path: Path) -> bool:
    """True when the file (or its folder) is marked read-only.

    The permission bits are read as well as ``os.access`` because the superuser is allowed
    to write anything, yet a file marked read-only is the user saying "do not change this".
    """
    target = path if path.exists() else path.parent
    mode = target.stat().st_mode
    return not (mode & stat.S_IWUSR) or not os.access(target, os.W_OK)


def check_writable(path: Path) -> None:
    if is_read_only(path):
        what = "file" if path.exists() else "folder"
        raise DatabaseOpenError(
            f"The database {what} {path if path.exists() else path.parent} is read-only; "
            "RaceDesk saves every edit at once, so it needs a file it may write to."
        )


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite, or an SQLite file that is damaged."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseOpenError(f"{path} is not a RaceDesk database (it is not an SQLite file).")
    fingerprint = _fingerprint(path)
    if _checked_clean_today(path, fingerprint):
        return
    problem = _quick_check(path)
    if problem:
        raise DatabaseOpenError(
            f"The database {path} is damaged ({problem}); restore it from a backup."
        )
    _remember_clean(path, fingerprint)


def _fingerprint(path: Path) -> list[int]:
    """What changes when anything writes the file: size, times, inode, and its WAL's."""
    main = path.stat()
    wal = path.with_name(path.name + "-wal")
    wal_stat = wal.stat() if wal.exists() else None
    if wal_stat is not None and wal_stat.st_size == 0:
        wal_stat = None  # SQLite leaves an empty WAL behind: it holds nothing to check
    return [
        main.st_size,
        main.st_mtime_ns,
        main.st_ctime_ns,
        main.st_ino,
        wal_stat.st_size if wal_stat else -1,
        wal_stat.st_mtime_ns if wal_stat else -1,
    ]


def _checks_file() -> Path:
    return paths.data_dir() / CHECKS_FILE


def _load_checks() -> dict[str, dict[str, object]]:
    try:
        loaded = json.loads(_checks_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _checked_clean_today(path: Path, fingerprint: list[int]) -> bool:
    record = _load_checks().get(str(path.resolve()))
    return (
        isinstance(record, dict)
        and record.get("day") == dt.date.today().isoformat()
        and record.get("fingerprint") == fingerprint
    )


def _remember_clean(path: Path, fingerprint: list[int]) -> None:
    """Best effort: a fingerprint that cannot be saved only means checking next time.

    Not kept when the file changed in the last seconds: file times are coarse, so a
    write right after this check could leave the same fingerprint (git's "racy clean").
    """
    newest_change = max(fingerprint[1], fingerprint[2], fingerprint[5]) / 1e9
    if time.time() - newest_change < RACY_SECONDS:
        return
    records = _load_checks()
    records.pop(str(path.resolve()), None)
    records[str(path.resolve())] = {"day": dt.date.today().isoformat(), "fingerprint": fingerprint}
    kept = dict(list(records.items())[-KEEP_FINGERPRINTS:])
    target = _checks_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_text(json.dumps(kept), encoding="utf-8")
        partial.replace(target)
    except OSError:
        return


def _quick_check(path: Path) -> str:
    """Run SQLite's own integrity check read-only; empty string when the file is sound."""
    try:
        with _read_only_connection(path) as connection:
            rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    answer = "; ".join(str(row[0]) for row in rows)
    return "" if answer == "ok" else answer


def stored_revision(path: Path) -> str | None:
    """The Alembic revision stamped in the file, or None for a file without one."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with _read_only_connection(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise DatabaseOpenError(f"{path} is an SQLite file but not a RaceDesk database.")
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


class _read_only_connection:  # noqa: N801 - used like contextlib.closing
    """An sqlite3 connection opened with ``mode=ro`` so nothing can be written."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)

    def __enter__(self) -> sqlite3.Connection:
        return self._connection

    def __exit__(self, *exc: object) -> None:
        self._connection.close()
