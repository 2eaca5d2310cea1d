"""Rotating backups (daily, before upgrade, before restore) and restoring one."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.cli.context import open_context
from desktop_app.services.editing import Editor
from desktop_app.services.settings import Settings, save_settings
from desktop_app.storage import backups, restore
from desktop_app.storage.database import open_database
from desktop_app.storage.errors import DatabaseOpenError
from desktop_app.storage.models import Event


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def event_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM events ORDER BY id")]


def add_event(path: Path, name: str) -> None:
    database = open_database(path)
    try:
        with Editor(database).change(f"Add {name}") as edit:
            edit.create_event(name)
    finally:
        database.close()


def test_first_open_of_the_day_keeps_one_copy(db_path: Path) -> None:
    add_event(db_path, "Roar Before the 24")  # creates the file: nothing to back up yet
    assert backups.list_backups(db_path) == []

    add_event(db_path, "Rolex 24")  # first open of an existing file today
    add_event(db_path, "Sebring 12")  # second open today: no new copy

    infos = backups.backup_infos(db_path)
    assert [info.reason for info in infos] == ["daily"]
    assert infos[0].label == "Daily copy"
    assert event_names(infos[0].path) == ["Roar Before the 24"]


def test_a_file_without_a_single_row_is_not_copied(db_path: Path) -> None:
    """A new file opened again (an import into it, say) holds nothing a copy could save;
    the first open after something was saved makes the day's copy."""
    open_database(db_path).close()  # created: schema only
    open_database(db_path).close()  # opened again the same day
    assert backups.holds_no_rows(db_path)
    assert backups.list_backups(db_path) == []

    add_event(db_path, "Rolex 24")  # opened a third time, then an event saved
    assert backups.list_backups(db_path) == []
    add_event(db_path, "Sebring 12")
    assert [event_names(path) for path in backups.list_backups(db_path)] == [["Rolex 24"]]
    assert not backups.holds_no_rows(db_path)


def test_a_new_day_gets_a_new_copy(db_path: Path) -> None:
    add_event(db_path, "Roar Before the 24")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert backups.make_daily_backup(db_path) is not None
    assert backups.make_daily_backup(db_path) is None
    assert backups.make_daily_backup(db_path, today=tomorrow) is not None
    assert len(backups.list_backups(db_path)) == 2


def test_only_the_newest_copies_are_kept_as_set_in_preferences(db_path: Path) -> None:
    save_settings(Settings(backups_keep=3))
    add_event(db_path, "Roar Before the 24")
    made = [backups.make_backup(db_path, "daily", keep=9) for _ in range(5)]
    yesterday = dt.date.today() - dt.timedelta(days=1)
    for item in made:  # copies from yesterday: the next open makes a daily copy
        item.rename(
            item.with_name(
                item.name.replace(dt.date.today().strftime("%Y%m%d"), yesterday.strftime("%Y%m%d"))
            )
        )
    context = open_context(argparse.Namespace(db=str(db_path)))
    context.database.close()
    assert len(backups.list_backups(db_path)) == 3


def test_backups_of_another_database_in_the_same_folder_are_left_alone(tmp_path: Path) -> None:
    race = tmp_path / "race.sqlite3"
    other = tmp_path / "race-2023.sqlite3"
    add_event(race, "Rolex 24")
    add_event(other, "Petit Le Mans")
    mine = backups.make_backup(race, "daily", keep=1)
    theirs = backups.make_backup(other, "daily", keep=1)
    backups.make_backup(race, "daily", keep=1)
    assert theirs.exists() and not mine.exists()
    assert backups.list_backups(other) == [theirs]


def test_failed_copy_leaves_no_broken_backup(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_event(db_path, "Rolex 24")

    def disk_full(_source: Path, target: Path) -> None:
        target.write_bytes(b"SQLite format 3\x00 half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "copy_database", disk_full)
    with pytest.raises(sqlite3.OperationalError):
        backups.make_backup(db_path, "before-upgrade")
    assert backups.list_backups(db_path) == []
    assert backups.make_daily_backup(db_path) is None  # logged, the file still opens
    open_database(db_path).close()


def test_restore_puts_the_backup_back_and_keeps_the_current_file(db_path: Path) -> None:
    add_event(db_path, "Rolex 24")
    copy = backups.make_backup(db_path, "daily")
    add_event(db_path, "Sebring 12")

    safety = restore.restore_backup(db_path, copy)

    assert event_names(db_path) == ["Rolex 24"]
    assert safety is not None and "before-restore" in safety.name
    assert event_names(safety) == ["Rolex 24", "Sebring 12"]
    database = open_database(db_path)
    with database.read() as session:
        assert session.scalars(select(Event.name)).all() == ["Rolex 24"]
    database.close()


def test_restore_is_seen_by_a_window_that_has_the_file_open(db_path: Path) -> None:
    add_event(db_path, "Rolex 24")
    copy = backups.make_backup(db_path, "daily")
    add_event(db_path, "Sebring 12")
    database = open_database(db_path)
    try:
        restore.restore_backup(db_path, copy)
        with database.read() as session:
            assert session.scalars(select(Event.name)).all() == ["Rolex 24"]
        with Editor(database).change("Add Detroit") as edit:
            edit.create_event("Detroit")
    finally:
        database.close()
    assert event_names(db_path) == ["Rolex 24", "Detroit"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some notes", "not an SQLite file"),
        (b"", "missing or empty"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_backup(
    db_path: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    add_event(db_path, "Rolex 24")
    before = digest(db_path)
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(content)
    with pytest.raises(DatabaseOpenError, match=message):
        restore.restore_backup(db_path, bogus)
    assert digest(db_path) == before
    assert backups.list_backups(db_path) == []  # no before-restore copy either


def test_restore_refuses_another_programs_database(db_path: Path, tmp_path: Path) -> None:
    add_event(db_path, "Rolex 24")
    other = tmp_path / "music.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(DatabaseOpenError, match="not a RaceDesk database"):
        restore.restore_backup(db_path, other)
    assert event_names(db_path) == ["Rolex 24"]


def test_restore_refuses_a_backup_from_a_newer_racedesk(db_path: Path, tmp_path: Path) -> None:
    add_event(db_path, "Rolex 24")
    future = backups.make_backup(db_path, "daily")
    with sqlite3.connect(future) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(DatabaseOpenError, match="newer version"):
        restore.restore_backup(db_path, future)
    assert event_names(db_path) == ["Rolex 24"]


def test_restore_refuses_a_damaged_backup(db_path: Path) -> None:
    add_event(db_path, "Rolex 24")
    copy = backups.make_backup(db_path, "daily")
    data = copy.read_bytes()
    copy.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseOpenError, match="damaged"):
        restore.restore_backup(db_path, copy)
    assert event_names(db_path) == ["Rolex 24"]


def test_restore_refuses_the_database_itself(db_path: Path) -> None:
    add_event(db_path, "Rolex 24")
    with pytest.raises(DatabaseOpenError, match="database itself"):
        restore.restore_backup(db_path, db_path)


def test_backup_counts_tell_copies_apart_and_an_unreadable_copy_gives_none(
    demo_file: Path, tmp_path: Path
) -> None:
    with sqlite3.connect(demo_file) as connection:
        results = connection.execute("SELECT count(*) FROM results").fetchone()[0]
    counts = backups.backup_counts(demo_file)
    assert counts == backups.BackupCounts(events=2, results=results)  # the demo: two events
    assert results > 0
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    assert backups.backup_counts(garbage) is None
    assert backups.backup_counts(tmp_path / "missing.sqlite3") is None
