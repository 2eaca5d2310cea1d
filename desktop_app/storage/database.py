"""Open a RaceDesk database file: checks, engine, pragmas, migrations, sessions.

The caller owns the transaction (SQLAlchemy "session basics"): ``Database.transaction()``
is one user action, committed as a whole or not at all; ``Database.read()`` is for looking.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desktop_app.storage import backups, checks, migrate, peek, tree
from desktop_app.storage.errors import DatabaseOpenError, UserFacingError
from desktop_app.storage.location import is_server_url, server_label


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys are off in SQLite unless asked for on every connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """Connections are pooled (kept open between user actions).

    With a fresh connection per action, closing it checkpointed the WAL into the main
    file and deleted it every time: two extra fsyncs per edit (7 ms instead of 2.5 ms on
    a ten-season file). Durability is the same: each commit is fsynced to the WAL
    (``synchronous=FULL``) and SQLite replays it after a crash. A pooled connection holds
    no lock between actions, so a second window is not blocked.
    """
    engine = create_engine(f"sqlite:///{path}", poolclass=QueuePool)
    event.listen(engine, "connect", _set_pragmas)
    return engine


class Database:
    """One open database (a file, or a server when ``url`` is set) and the way to start
    sessions on it.

    ``path`` is the file; for a server it is only a name to show (``server_label``), and
    nothing is ever written there: code that copies or backs up files checks ``is_server``.
    ``read_only`` is True for a file opened for looking only (a read-only folder);
    ``background_check`` is the full integrity check still running on a big file.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        url: str | None = None,
        read_only: bool = False,
        background_check: checks.BackgroundCheck | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.url = url
        self.read_only = read_only
        self.background_check = background_check
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def label(self) -> str:
        """What the reporter calls it: the file path, or ``racedesk on host``."""
        return str(self.path)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside is saved together, or nothing is."""
        with self._sessions() as session:
            try:
                with session.begin():
                    yield session
            except OperationalError as error:
                raise self._explain(error) from error
            except DBAPIError as error:  # psycopg's "connection closed" is another class
                self._raise_in_words(error)
                raise

    def _explain(self, error: DBAPIError) -> UserFacingError:
        if self.url is not None:
            from desktop_app.storage.server import server_error

            return server_error(error, self.url)
        assert isinstance(error, OperationalError)
        return _explain(error, self.path)

    def _raise_in_words(self, error: DBAPIError) -> None:
        """On a server, a lost connection (``ServerAway``) or a missing right in words."""
        if self.url is None:
            return
        from desktop_app.storage.server import in_words

        explained = in_words(error, self.url)
        if explained is not None:
            raise explained from error

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing done in it is saved. On a server that went
        away it raises ``ServerAway`` (a sentence), as an edit does."""
        with self._sessions() as session:
            try:
                yield session
            except DBAPIError as error:
                self._raise_in_words(error)
                raise

    def read_tree(self) -> tree.EventTree:
        """The navigator's events, series and sessions (plain SQL, see storage.tree)."""
        with self.engine.connect() as connection:
            return tree.read_tree(connection.exec_driver_sql)

    def read_counts(self) -> tree.TreeCounts:
        """Entries by event and results by session (``racedesk events``, plain SQL)."""
        with self.engine.connect() as connection:
            return tree.read_counts(connection.exec_driver_sql)

    def read_tree_session(self, session_id: int) -> tree.TreeSession | None:
        with self.engine.connect() as connection:
            if self.url is None:
                return tree.read_session(connection.exec_driver_sql, session_id)

            def execute(sql: str, parameters: Any = ()) -> Any:  # psycopg writes %s, not ?
                return connection.exec_driver_sql(sql.replace("?", "%s"), parameters)

            return tree.read_session(execute, session_id)

    def close(self) -> None:
        self.engine.dispose()
        if self.url is not None:
            # A late reader (a window's debounced refresh) may still come; on a server it
            # must not leave a connection open, so from now on each one is closed at once.
            from sqlalchemy.pool import NullPool

            self.engine.pool = NullPool(self.engine.pool._creator)


def open_database(
    target: Path | str,
    *,
    create_folder: bool = False,
    keep_backups: int = backups.DEFAULT_KEEP,
    read_only_ok: bool = False,
) -> Database:
    """Open (creating or upgrading as needed) the database at ``target``: a file path, or
    a ``postgresql://`` URL (see ``storage.server``).

    Every check that can refuse the file runs before anything is written to it.
    ``keep_backups`` is the reporter's "Backups to keep" (the caller reads the settings).
    ``read_only_ok`` is for commands that only read: a read-only file or folder is then
    opened for reading instead of refused.
    """
    if is_server_url(target):
        return open_server(str(target))
    path = Path(target).expanduser()
    if create_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    checks.check_location(path)
    check_later = checks.check_sqlite_file(path)
    if read_only_ok and path.exists() and checks.is_read_only(path):
        return _open_read_only(path)
    checks.check_writable(path)
    revision = checks.stored_revision(path)
    migrate.refuse_unknown(path, revision)
    is_new = revision is None
    needs_upgrade = not is_new and revision != migrate.head_revision()
    if needs_upgrade:
        _backup_before_upgrade(path, keep_backups)
    if not is_new:
        backups.make_daily_backup(path, keep=keep_backups)
    engine = make_engine(path)
    try:
        if is_new or needs_upgrade:  # a file at head opens without running Alembic
            _prepare_schema(engine, is_new)
    except OperationalError as error:
        engine.dispose()
        raise _explain(error, path) from error
    return Database(path, engine, background_check=_later(path, check_later))


def _later(path: Path, wanted: bool) -> checks.BackgroundCheck | None:
    return checks.BackgroundCheck(path) if wanted else None


def _backup_before_upgrade(path: Path, keep: int) -> None:
    """No upgrade without its copy: a full disk refuses the open, file untouched."""
    try:
        backups.make_backup(path, "before-upgrade", keep)
    except (OSError, sqlite3.Error) as error:
        raise DatabaseOpenError(
            f"{path} was saved by an older RaceDesk and needs upgrading, but the copy kept "
            f"before an upgrade could not be made ({str(error).lower()}); nothing was changed. "
            "Free some disk space and open it again."
        ) from error


def _open_read_only(path: Path) -> Database:
    """A file RaceDesk may not write: opened for reading, nothing created beside it."""
    revision = checks.stored_revision(path)
    migrate.refuse_unknown(path, revision)
    if revision != migrate.head_revision():
        raise DatabaseOpenError(
            f"{path} is read-only and was saved by an older RaceDesk, which must upgrade it "
            "first; copy it to a folder you can write to and open the copy."
        )
    uri = peek.read_only_uri(path)
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=QueuePool,
    )
    event.listen(engine, "connect", _set_read_pragmas)
    return Database(path, engine, read_only=True)


def _set_read_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def open_server(url: str) -> Database:
    """The same database on a PostgreSQL server; file checks and backups do not apply
    (the server's own backups do, see README.md)."""
    from desktop_app.storage import server

    engine = server.make_server_engine(url)
    try:
        server.prepare_server(engine, url)
    except UserFacingError:
        engine.dispose()
        raise
    return Database(Path(server_label(url)), engine, url=url)


def _prepare_schema(engine: Engine, is_new: bool) -> None:
    if is_new:
        migrate.create_schema(engine)
    else:
        migrate.upgrade_schema(engine)


def _explain(error: OperationalError, path: Path) -> UserFacingError:
    """Turn SQLite's environment errors into one sentence for the reporter."""
    text = str(error.orig).lower()
    if "locked" in text or "busy" in text:
        return DatabaseOpenError(f"{path} is busy in another program; try again in a moment.")
    if "readonly" in text or "read-only" in text:
        return DatabaseOpenError(f"{path} is read-only; RaceDesk could not save the change.")
    if "disk is full" in text or "full" in text:
        return DatabaseOpenError(f"The disk holding {path} is full; the change was not saved.")
    if "malformed" in text or "not a database" in text:
        return DatabaseOpenError(f"The database {path} is damaged; restore it from a backup.")
    if "unable to open" in text or "disk i/o" in text:
        return DatabaseOpenError(
            f"RaceDesk could not use {path} ({error.orig}); the disk may be disconnected, "
            "full or failing, or the folder may not allow it. Nothing was changed."
        )
    raise error


def prepare_models() -> None:
    """Set up the models' mappers now (the first query would, about 0.15 s for 14 models):
    the window calls this on its import thread, so the main thread never waits for it."""
    from sqlalchemy.orm import configure_mappers

    from desktop_app.storage import models  # noqa: F401 - the mappers to configure

    configure_mappers()
