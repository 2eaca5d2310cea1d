"""Put a backup copy back in place of the live database, losing nothing on the way.

Restoring goes through SQLite's backup API, from the copy *into* the live file, so a crash
mid-restore leaves the old file, another window that has the file open is never handed a
half-written file, and the WAL and shared-memory files stay consistent (``os.replace``
would leave them describing the old file).

Order matters when another window is saving at the same moment: the restore first takes
the live file's write lock (the first step of the backup holds it until the end), and
only then copies the current file into ``backups/``. Every change another window
committed is therefore in the safety copy, and nothing can be committed between that copy
and the overwrite. If the lock cannot be had within :data:`RESTORE_WAIT_SECONDS`, the
restore gives up with a sentence and nothing is changed.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from desktop_app import paths
from desktop_app.storage import backups, checks, leftovers, peek
from desktop_app.storage.errors import DatabaseOpenError, UserFacingError

RESTORE_WAIT_SECONDS = 5.0
_LOCK_POLL_SECONDS = 0.1


def restore_backup(
    database_path: Path, backup_path: Path, keep: int = backups.DEFAULT_KEEP
) -> Path | None:
    """Put ``backup_path`` in place of ``database_path``; return the copy of what was there.

    Order: validate the backup (nothing touched if it is refused), take the live file's
    write lock, copy the current file into the backups folder, then write the backup into
    the live file in the same write transaction. The caller reopens the database (an
    older backup is upgraded at open).
    """
    if database_path.exists() and backup_path.resolve() == database_path.resolve():
        raise DatabaseOpenError("That file is the database itself, not a backup of it.")
    backups.validate_backup(backup_path)
    checks.check_writable(database_path)
    has_data = database_path.exists() and database_path.stat().st_size > 0
    source = _same_page_size(backup_path, database_path) if has_data else backup_path
    try:
        return _write_into(source, database_path, has_data, max(keep, 2))
    finally:
        if source != backup_path:
            source.unlink(missing_ok=True)
            leftovers.forget(source)


def _write_into(source_path: Path, database_path: Path, has_data: bool, keep: int) -> Path | None:
    """Copy every page of the backup into the live file under one write lock."""
    step = _LockedStep(database_path, has_data, keep)
    source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(database_path, timeout=_LOCK_POLL_SECONDS)
        try:
            target.execute("PRAGMA synchronous=FULL")
            source.backup(target, pages=1, progress=step, sleep=_LOCK_POLL_SECONDS)
        except sqlite3.OperationalError as error:
            raise step.error or _restore_failed(database_path, error) from error
        except OSError as error:
            raise _restore_failed(database_path, error) from error
        finally:
            target.close()
    finally:
        source.close()
    return step.safety


class _LockedStep:
    """Progress callback of the backup: the safety copy once the lock is held; a time limit.

    With one page per step, the first successful step leaves the destination's write
    transaction open (SQLite keeps it until the last page), so nothing can be committed
    by another window while the safety copy is read.
    """

    def __init__(self, database_path: Path, has_data: bool, keep: int) -> None:
        self.database_path = database_path
        self.wanted = has_data
        self.keep = keep
        self.safety: Path | None = None
        self.error: UserFacingError | None = None
        self.started = time.monotonic()

    def __call__(self, status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            if time.monotonic() - self.started > RESTORE_WAIT_SECONDS:
                self.error = _busy(self.database_path)
                raise self.error
            return
        if self.wanted and self.safety is None:
            if status == sqlite3.SQLITE_DONE:  # cannot happen with a RaceDesk file
                raise DatabaseOpenError("The backup is too small to be a RaceDesk database.")
            self.safety = backups.make_backup(self.database_path, "before-restore", self.keep)


def _same_page_size(backup_path: Path, database_path: Path) -> Path:
    """The backup itself, or a converted copy when its page size differs from the live file's.

    SQLite cannot copy pages of another size into a file in WAL mode ("attempt to write a
    readonly database"); a copy rebuilt with VACUUM at the live size can be.
    """
    wanted = _page_size(database_path)
    if _page_size(backup_path) == wanted:
        return backup_path
    folder = paths.backups_dir(database_path.resolve())
    folder.mkdir(parents=True, exist_ok=True)
    converted = folder / f".{database_path.name}-restoring.sqlite3"
    converted.unlink(missing_ok=True)
    leftovers.remember(converted)  # a restore killed now leaves it for the next start
    try:
        backups.copy_database(backup_path, converted)
        connection = sqlite3.connect(converted)
        try:
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.execute(f"PRAGMA page_size={int(wanted)}")
            connection.execute("VACUUM")
        finally:
            connection.close()
    except (OSError, sqlite3.Error) as error:
        converted.unlink(missing_ok=True)
        leftovers.forget(converted)
        raise _restore_failed(database_path, error) from error
    return converted


def _page_size(path: Path) -> int:
    with peek.read_only_connection(path) as connection:
        return int(connection.execute("PRAGMA page_size").fetchone()[0])


def _busy(database_path: Path) -> DatabaseOpenError:
    return DatabaseOpenError(
        f"{database_path} was not restored because another RaceDesk window kept saving to it "
        f"for {RESTORE_WAIT_SECONDS:g} seconds; nothing was changed. Try again in a moment."
    )


def _restore_failed(database_path: Path, error: Exception) -> UserFacingError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return _busy(database_path)
    if "full" in text:
        reason = "the disk is full"
    elif "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        reason = "the file or its folder is read-only"
    else:
        reason = str(error)
    return DatabaseOpenError(f"{database_path} was not restored because {reason}.")
