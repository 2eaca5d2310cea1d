"""Look inside a database file without writing to it or leaving files beside it.

A database in a read-only folder is read with ``immutable=1`` when SQLite could not
create its shared-memory file there: nothing can write to it without that file.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path


def os_reason(error: OSError) -> str:
    """The system's reason in words a reporter reads."""
    if error.errno == errno.ELOOP:
        return "it is a link that points back to itself"
    if error.errno == errno.ENAMETOOLONG:
        return "its name is too long for the system"
    return (error.strerror or str(error)).lower()


def marked_read_only(target: Path) -> bool:
    mode = target.stat().st_mode
    return not (mode & stat.S_IWUSR) or not os.access(target, os.W_OK)


def read_only_uri(path: Path) -> str:
    """The URI that opens ``path`` for reading without creating a byte beside it."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    shm = path.with_name(path.name + "-shm")
    if marked_read_only(path.parent) and not shm.exists():
        uri += "&immutable=1"
    return uri


class read_only_connection:  # noqa: N801 - used like contextlib.closing
    """An sqlite3 connection opened with ``mode=ro`` so nothing can be written.

    A read-only connection cannot remove the ``-wal`` and ``-shm`` files SQLite creates
    beside a WAL database when it is the last to close; when they were not there before,
    a plain connection reads once and closes, so SQLite (which knows whether another
    process still uses them) checkpoints the empty log and removes both.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._wal = path.with_name(path.name + "-wal")
        self._had_wal = self._wal.exists()
        self._connection = sqlite3.connect(read_only_uri(path), uri=True)

    def __enter__(self) -> sqlite3.Connection:
        return self._connection

    def __exit__(self, *exc: object) -> None:
        self._connection.close()
        if self._had_wal or not self._wal.exists() or marked_read_only(self._path.parent):
            return
        try:
            tidy = sqlite3.connect(self._path, timeout=0.1)
            try:
                tidy.execute("PRAGMA schema_version").fetchone()
            finally:
                tidy.close()
        except sqlite3.Error:
            return  # another program has the file open: its files are its own
