"""Copies of the database kept before risky moments, and putting one back.

Copies are made with SQLite's online backup API, so a copy is always a consistent
database even while RaceDesk (or a second RaceDesk window) has the file open. Copies are
taken before a migration, on the first open of each day, and before a restore; only the
newest N are kept (Preferences > "Backups to keep", passed in by the caller: storage does
not read the reporter's settings).

A copy's name starts with the database's full file name (``season.db-20261202-...``), so
``season.sqlite3`` and ``season.db`` in one folder keep separate sets. The backups folder
sits beside the database, so the folder plus the name is the database's full path, and
moving the whole folder keeps its backups. Restoring is in :mod:`storage.restore`.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop_app import paths
from desktop_app.storage import checks, migrate, peek
from desktop_app.storage.errors import DatabaseOpenError

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


def make_backup(database: Path, reason: str, keep: int = DEFAULT_KEEP) -> Path:
    """Copy ``database`` into its backups folder and prune old copies; return the copy.

    A copy that fails half-way (full disk) is deleted, so the folder never holds a
    broken backup that could later be restored.
    """
    database = database.resolve()
    folder = paths.backups_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime(STAMP_FORMAT)
    target = folder / f"{database.name}-{stamp}-{reason}.sqlite3"
    try:
        copy_database(database, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    prune_backups(database, keep)
    return target


def copy_database(source_path: Path, target_path: Path) -> None:
    """Consistent copy of ``source_path`` (read-only) into ``target_path``."""
    with peek.read_only_connection(source_path) as source:
        copy = sqlite3.connect(target_path)
        try:
            source.backup(copy)
        finally:
            copy.close()


def make_daily_backup(
    database: Path, today: dt.date | None = None, keep: int = DEFAULT_KEEP
) -> Path | None:
    """The first open of a day keeps a copy; later opens that day do nothing.

    Any copy taken today counts (a before-upgrade copy holds the same data). A failure is
    logged, not raised: the reporter can still work, and the next open tries again.
    """
    today = today or dt.date.today()
    if any(item.taken_at.date() == today for item in backup_infos(database)):
        return None
    if holds_no_rows(database):  # a new file: the first open after something is saved copies
        return None
    try:
        return make_backup(database, "daily", keep)
    except (OSError, sqlite3.Error) as error:
        _log.warning("Daily backup of %s failed: %s", database, error)
        return None


def holds_no_rows(database: Path) -> bool:
    """True for a RaceDesk file whose tables hold not one row (only its schema version):
    a copy of it could save nothing. Any doubt (not readable, no tables) is False."""
    try:
        with peek.read_only_connection(database) as connection:
            names = [
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
                if name != "alembic_version" and not name.startswith("sqlite_")
            ]
            if not names:
                return False
            quoted = ['"' + name.replace('"', '""') + '"' for name in names]
            any_row = " UNION ALL ".join(
                f"SELECT 1 FROM (SELECT 1 FROM {name} LIMIT 1)" for name in quoted
            )
            return connection.execute(f"SELECT EXISTS ({any_row})").fetchone()[0] == 0
    except sqlite3.Error:
        return False


def backup_infos(database: Path) -> list[BackupInfo]:
    """Backups of ``database`` (and of no other file), newest first."""
    database = database.resolve()
    folder = paths.backups_dir(database)
    if not folder.is_dir():
        return []
    names = [database.name]
    if _owns_old_style_copies(database):
        names.append(database.stem)
    found = []
    for name in names:
        pattern = re.compile(rf"{re.escape(name)}-(\d{{8}}-\d{{6}}-\d{{6}})-([a-z-]+)")
        for item in folder.glob("*.sqlite3"):
            match = pattern.fullmatch(item.stem)
            if match:
                taken = dt.datetime.strptime(match.group(1), STAMP_FORMAT)
                found.append(BackupInfo(item, taken, match.group(2)))
    return sorted(found, key=lambda info: (info.taken_at, info.path.name), reverse=True)


@dataclass(frozen=True)
class BackupCounts:
    """What a copy holds, so the reporter can tell copies apart in the restore list."""

    events: int
    results: int


def backup_counts(backup: Path) -> BackupCounts | None:
    """The events and results in a copy, read-only; None when it cannot be read."""
    try:
        with peek.read_only_connection(backup) as connection:
            events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
            results = connection.execute("SELECT count(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return None
    return BackupCounts(events, results)


def _owns_old_style_copies(database: Path) -> bool:
    """Copies made before names carried the suffix (``season-2026...``) are this
    database's only when no other database in its folder has the same stem."""
    if database.suffix == "":
        return False
    same_stem = [
        item
        for item in database.parent.glob(f"{glob.escape(database.stem)}.*")
        if item.is_file() and not item.name.endswith(("-wal", "-shm", "-journal"))
    ]
    return [item.name for item in same_stem] == [database.name]


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
