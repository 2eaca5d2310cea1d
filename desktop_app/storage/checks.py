"""Look at a database file before opening it, without writing a byte to it.

Every refusal here happens before SQLAlchemy or Alembic ever see the file, which is how
RaceDesk keeps its promise of never modifying a file it will not open.

SQLite's ``PRAGMA integrity_check`` (which also compares every index with its table, so a
file whose index definitions were swapped is caught) runs on the first open of each day,
and again whenever the file (or its WAL) has changed since its last clean check; a file
left exactly as it was checked today is not read again. A file too big to check within
about a second (:data:`FULL_CHECK_BYTES`) gets the faster ``quick_check`` at open and
the full check in the background (:func:`full_check_later`). The fingerprints live in
the user data folder, never beside or inside the database.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import stat
import threading
import time
from pathlib import Path

from desktop_app import paths
from desktop_app.files import write_text_atomically
from desktop_app.storage import peek
from desktop_app.storage.errors import DatabaseOpenError
from desktop_app.storage.peek import marked_read_only

SQLITE_HEADER = b"SQLite format 3\x00"
CHECKS_FILE = "clean-checks.json"
RACY_SECONDS = 2.0  # a file changed this close to its check could change again unseen
KEEP_FINGERPRINTS = 20
FULL_CHECK_BYTES = 64 * 1024 * 1024  # integrity_check reads about 100 MB a second
_log = logging.getLogger(__name__)


def check_location(path: Path) -> None:
    """Refuse a path whose folder is missing, which is a folder itself, a dangling or
    looping link, or a name the system cannot hold."""
    try:
        if path.is_symlink() and not path.exists():
            raise DatabaseOpenError(
                f"{path} is a link to a file or folder that does not exist (or to itself)."
            )
        if path.is_dir():
            raise DatabaseOpenError(f"{path} is a folder, not a database file.")
        if not path.parent.is_dir():
            raise DatabaseOpenError(
                f"The folder {path.parent} does not exist, "
                "so RaceDesk cannot keep a database there."
            )
    except OSError as error:
        raise DatabaseOpenError(
            f"{path} cannot be used as a database: {peek.os_reason(error)}."
        ) from error


def is_read_only(path: Path) -> bool:
    """True when the file or its folder is marked read-only.

    The folder counts too: SQLite keeps its write-ahead log and shared-memory file beside
    the database. The permission bits are read as well as ``os.access`` because the
    superuser is allowed to write anything, yet a file marked read-only is the user saying
    "do not change this".
    """
    return marked_read_only(path.parent) or (path.exists() and marked_read_only(path))


def check_writable(path: Path) -> None:
    if is_read_only(path):
        what, where = ("file", path) if path.exists() else ("folder", path.parent)
        if path.exists() and marked_read_only(path.parent):
            what, where = "folder", path.parent
        raise DatabaseOpenError(
            f"The database {what} {where} is read-only; "
            "RaceDesk saves every edit at once, so it needs a file it may write to."
        )


def check_sqlite_file(path: Path) -> bool:
    """Refuse a file that is not SQLite, or an SQLite file that is damaged.

    True when only the quick check ran (a big file): the caller runs
    :func:`full_check_later`.
    """
    if not path.exists():
        return False
    check_regular(path)
    if path.stat().st_size == 0:
        raise DatabaseOpenError(
            f"{path} is an empty file (0 bytes), not a RaceDesk database; RaceDesk leaves it "
            "alone. Delete it, or choose another name to start a new database."
        )
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseOpenError(f"{path} is not a RaceDesk database (it is not an SQLite file).")
    fingerprint = _fingerprint(path)
    if _checked_clean_today(path, fingerprint):
        return False
    full = path.stat().st_size <= FULL_CHECK_BYTES
    problem = _integrity_problem(path, full=full)
    if problem:
        raise damaged(path, problem)
    if full:
        _remember_clean(path, fingerprint)
    return not full


def damaged(path: Path, problem: str) -> DatabaseOpenError:
    return DatabaseOpenError(
        f"The database {path} is damaged ({problem}); restore it from a backup."
    )


class BackgroundCheck:
    """SQLite's full integrity check of a big file, run in a thread after it opened.

    ``problem`` is the sentence to show once ``done`` is set (empty when sound); a sound
    file is remembered as checked, like one checked at open.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""
        self.done = threading.Event()
        self._fingerprint = _fingerprint(path)
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            found = _integrity_problem(self.path, full=True)
            if found:
                self.problem = str(damaged(self.path, found))
                _log.warning("%s", self.problem)
            else:
                _remember_clean(self.path, self._fingerprint)
        finally:
            self.done.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)


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
        write_text_atomically(target, json.dumps(kept))
    except OSError:
        return


def check_regular(path: Path) -> None:
    """Refuse a pipe, a device or ``/dev/null`` given as the database."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise DatabaseOpenError(
            f"{path} is not a regular file (a device or a pipe), so it cannot be a database."
        )


def _integrity_problem(path: Path, *, full: bool) -> str:
    """Run SQLite's own check read-only; empty string when the file is sound.

    Only an answer about the file's content means damage; a file that cannot be read at
    all (disk I/O error, no room for SQLite's shared-memory file) is said as such.
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        with peek.read_only_connection(path) as connection:
            rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as error:
        if _is_damage(error):
            return str(error)
        raise DatabaseOpenError(
            f"RaceDesk could not read {path} ({error}); the disk may be full, failing or "
            "disconnected. Nothing was changed."
        ) from error
    answer = "; ".join(str(row[0]) for row in rows)
    return "" if answer == "ok" else answer


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    text = str(error).lower()
    return any(word in text for word in ("malformed", "not a database", "corrupt", "encrypted"))


def stored_revision(path: Path) -> str | None:
    """The Alembic revision stamped in the file, or None for a file without one."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with peek.read_only_connection(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise DatabaseOpenError(f"{path} is an SQLite file but not a RaceDesk database.")
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None or not row[0]:
        raise DatabaseOpenError(
            f"{path} has RaceDesk's version table but no version in it, so RaceDesk cannot "
            "tell which version wrote it and leaves it untouched; restore it from a backup."
        )
    return str(row[0])
