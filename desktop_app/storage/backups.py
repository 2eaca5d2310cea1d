"""Copies of the database kept before risky moments, and putting one back.

Copies are made with SQLite's online backup API, so a copy is always a consistent
database even while RaceDesk (or a second RaceDesk window) has the file open. Copies are
taken before a migration, on the first open of each day, and before a restore; only the
newest N are kept (Preferences > "Backups to keep").

Restoring also goes through the backup API, from the copy *into* the live file: SQLite
does it in one write transaction, so a crash mid-restore leaves the old file, another
window that has the file open is never handed a half-written file, and the WAL and
shared-memory files beside the database stay consistent (swapping the file with
``os.replace`` would leave them describing the old file).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop_app import paths
from desktop_app.storage import checks, migrate
from desktop_app.storage.errors import DatabaseOpenError, UserFacingError

DEFAULT_KEEP = 10
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
REASON_LABELS = {
    "daily": "Daily copy",
    "before-upgrade": "Before upgrading to a new RaceDesk",
    "before-restore": "Before a restore",
}
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the reporter sees it in File > Restore from backup."""

    path: Path
    taken_at: dt.datetime
    reason: str

    @property
    def label(self) -> str:
        """``Daily copy`` for ``daily``; unknown reasons shown as written."""
        return REASON_LABELS.get(self.reason, self.reason.replace("-", " ").capitalize())


def backups_keep() -> int:
    """How many copies to keep, from the reporter's settings (at least one)."""
    from desktop_app.services.settings import load_settings  # plain Python, no Qt

    return max(1, load_settings().backups_keep)


def make_backup(database: Path, reason: str, keep: int | None = None) -> Path:
    """Copy ``database`` into its backups folder and prune old copies; return the copy.

    A copy that fails half-way (full disk) is deleted, so the folder never holds a
    broken backup that could later be restored.
    """
    folder = paths.backups_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime(STAMP_FORMAT)
    target = folder / f"{database.stem}-{stamp}-{reason}.sqlite3"
    try:
        _copy(database, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    prune_backups(database, backups_keep() if keep is None else keep)
    return target


def _copy(source_path: Path, target_path: Path) -> None:
    """Consistent copy of ``source_path`` (read-only) into ``target_path``."""
    source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target_path)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


def make_daily_backup(database: Path, today: dt.date | None = None) -> Path | None:
    """The first open of a day keeps a copy; later opens that day do nothing.

    Any copy taken today counts (a before-upgrade copy holds the same data). A failure is
    logged, not raised: the reporter can still work, and the next open tries again.
    """
    today = today or dt.date.today()
    if any(item.taken_at.date() == today for item in backup_infos(database)):
        return None
    try:
        return make_backup(database, "daily")
    except (OSError, sqlite3.Error) as error:
        _log.warning("Daily backup of %s failed: %s", database, error)
        return None


def backup_infos(database: Path) -> list[BackupInfo]:
    """Backups of ``database`` (and of no other file), newest first."""
    folder = paths.backups_dir(database)
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"{re.escape(database.stem)}-(\d{{8}}-\d{{6}}-\d{{6}})-([a-z-]+)")
    found = []
    for item in folder.glob("*.sqlite3"):
        match = pattern.fullmatch(item.stem)
        if match:
            taken = dt.datetime.strptime(match.group(1), STAMP_FORMAT)
            found.append(BackupInfo(item, taken, match.group(2)))
    return sorted(found, key=lambda info: (info.taken_at, info.path.name), reverse=True)


def list_backups(database: Path) -> list[Path]:
    """Backup files of ``database``, newest first."""
    return [info.path for info in backup_infos(database)]


def prune_backups(database: Path, keep: int) -> None:
    for old in list_backups(database)[max(keep, 1) :]:
        old.unlink(missing_ok=True)


def validate_backup(backup: Path) -> None:
    """Refuse a file that is not a RaceDesk database this version can open."""
    if not backup.is_file() or backup.stat().st_size == 0:
        raise DatabaseOpenError(f"{backup} is missing or empty, so it cannot be restored.")
    checks.check_sqlite_file(backup)
    revision = checks.stored_revision(backup)
    if revision is None:
        raise DatabaseOpenError(f"{backup} is not a RaceDesk database, so it cannot be restored.")
    migrate.refuse_unknown(backup, revision)


def restore_backup(database_path: Path, backup_path: Path) -> Path | None:
    """Put ``backup_path`` in place of ``database_path``; return the copy of what was there.

    Order: validate the backup (nothing touched if it is refused), copy the current file
    into the backups folder, then write the backup into the live file in one transaction.
    The caller reopens the database afterwards (an older backup is upgraded at open).
    """
    if database_path.exists() and backup_path.resolve() == database_path.resolve():
        raise DatabaseOpenError("That file is the database itself, not a backup of it.")
    validate_backup(backup_path)
    safety = None
    if database_path.exists() and database_path.stat().st_size > 0:
        safety = make_backup(database_path, "before-restore", keep=max(backups_keep(), 2))
    try:
        _write_into(backup_path, database_path)
    except sqlite3.OperationalError as error:
        raise _restore_failed(database_path, error) from error
    return safety


def _write_into(backup_path: Path, database_path: Path) -> None:
    """Copy every page of the backup into the live file under one write lock."""
    source = sqlite3.connect(f"{backup_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(database_path, timeout=5.0)
        try:
            target.execute("PRAGMA synchronous=FULL")
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _restore_failed(database_path: Path, error: sqlite3.OperationalError) -> UserFacingError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        reason = "it is busy in another RaceDesk window; close that window and try again"
    elif "full" in text:
        reason = "the disk is full"
    else:
        reason = str(error)
    return DatabaseOpenError(f"{database_path} was not restored because {reason}.")
