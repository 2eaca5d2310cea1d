"""Opening database files: new, upgraded, and every refusal leaves the file untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.storage import backups, migrate
from desktop_app.storage.database import make_engine, open_database
from desktop_app.storage.errors import DatabaseOpenError
from desktop_app.storage.models import Event


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_gets_schema_and_is_stamped_at_head(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        (version,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert version == migrate.head_revision()
    assert {"events", "sessions", "entries", "results", "penalties", "change_log"} <= tables


def test_foreign_keys_and_wal_are_on(database) -> None:
    with database.read() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert session.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_database_at_first_revision_is_upgraded_after_a_backup(db_path: Path) -> None:
    engine = make_engine(db_path)
    migrate.upgrade_to(engine, "0001_initial")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO events (name, circuit, time_zone) VALUES ('Old weekend', 'Sebring', 'UTC')"
        )
    engine.dispose()

    database = open_database(db_path)

    with database.read() as session:
        assert session.scalars(select(Event.name)).all() == ["Old weekend"]
        version = (
            session.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        )
    database.close()
    assert version == migrate.head_revision()
    copies = backups.list_backups(db_path)
    assert len(copies) == 1 and "before-upgrade" in copies[0].name
    with sqlite3.connect(copies[0]) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_initial",
        )


def test_newer_revision_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = digest(db_path)
    with pytest.raises(DatabaseOpenError, match="newer version of RaceDesk"):
        open_database(db_path)
    assert digest(db_path) == before


def test_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("Roar notes, not a database")
    with pytest.raises(DatabaseOpenError, match="not an SQLite file"):
        open_database(path)
    assert path.read_text() == "Roar notes, not a database"


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    before = digest(path)
    with pytest.raises(DatabaseOpenError, match="not a RaceDesk database"):
        open_database(path)
    assert digest(path) == before


def test_truncated_file_is_refused_as_damaged(db_path: Path, database) -> None:
    from desktop_app.services.demo import load_demo
    from desktop_app.services.editing import Editor

    load_demo(Editor(database))
    database.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    for extra in (
        db_path.with_name(db_path.name + "-wal"),
        db_path.with_name(db_path.name + "-shm"),
    ):
        extra.unlink(missing_ok=True)
    before = digest(db_path)
    with pytest.raises(DatabaseOpenError, match="damaged"):
        open_database(db_path)
    assert digest(db_path) == before


def test_read_only_file_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    before = digest(db_path)
    db_path.chmod(0o444)
    try:
        with pytest.raises(DatabaseOpenError, match="read-only"):
            open_database(db_path)
    finally:
        db_path.chmod(0o644)
    assert digest(db_path) == before


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "no such folder" / "weekend.sqlite3"
    with pytest.raises(DatabaseOpenError, match="does not exist"):
        open_database(path)
    assert not path.parent.exists()


def test_default_database_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "user data" / "racedesk.sqlite3"
    open_database(path, create_folder=True).close()
    assert path.is_file()
