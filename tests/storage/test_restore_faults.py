"""Fault tests for restore and backups: a second writer, look-alike names, other page sizes.

The second writer is a real second sqlite3 connection on the same file (what another
RaceDesk window does when it saves), holding its write transaction open.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from desktop_app.services.editing import Editor
from desktop_app.storage import backups, restore
from desktop_app.storage.database import open_database
from desktop_app.storage.errors import DatabaseOpenError


def event_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM events ORDER BY id")]


def add_events(path: Path, *names: str) -> None:
    database = open_database(path)
    try:
        for name in names:
            with Editor(database).change(f"Add {name}") as edit:
                edit.create_event(name)
    finally:
        database.close()


def start_writer(path: Path, name: str) -> sqlite3.Connection:
    """Another window in the middle of saving: its write transaction is open."""
    writer = sqlite3.connect(path, timeout=10, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO events (name, circuit, time_zone) VALUES (?, '', 'America/New_York')",
        (name,),
    )
    return writer


def test_restore_gives_up_with_a_sentence_while_another_window_keeps_saving(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_events(db_path, "Rolex 24")
    copy = backups.make_backup(db_path, "daily")
    monkeypatch.setattr(restore, "RESTORE_WAIT_SECONDS", 0.5)
    writer = start_writer(db_path, "Sebring 12")
    try:
        with pytest.raises(DatabaseOpenError, match="another RaceDesk window kept saving"):
            restore.restore_backup(db_path, copy)
        writer.commit()
    finally:
        writer.close()
    assert event_names(db_path) == ["Rolex 24", "Sebring 12"]  # the other save survived
    assert [info.reason for info in backups.backup_infos(db_path)] == ["daily"]


def test_restore_waits_for_a_save_and_keeps_it_in_the_safety_copy(db_path: Path) -> None:
    add_events(db_path, "Rolex 24")
    copy = backups.make_backup(db_path, "daily")
    writer = start_writer(db_path, "Sebring 12")
    committed = threading.Timer(0.4, writer.commit)
    committed.start()
    try:
        safety = restore.restore_backup(db_path, copy)
    finally:
        committed.join()
        writer.close()
    assert safety is not None
    assert event_names(safety) == ["Rolex 24", "Sebring 12"]  # the committed save is kept
    assert event_names(db_path) == ["Rolex 24"]


def test_databases_with_the_same_stem_keep_separate_backup_sets(tmp_path: Path) -> None:
    season, other = tmp_path / "season.sqlite3", tmp_path / "season.db"
    add_events(season, *(f"Round {n}" for n in range(1, 7)))
    add_events(other, "Round 1", "Round 2")
    backups.make_daily_backup(season)
    assert backups.make_daily_backup(other) is not None  # not the first one's copy

    assert [event_names(item) for item in backups.list_backups(season)] == [
        [f"Round {n}" for n in range(1, 7)]
    ]
    assert [event_names(item) for item in backups.list_backups(other)] == [["Round 1", "Round 2"]]


def test_old_style_copies_belong_to_the_only_database_with_that_stem(db_path: Path) -> None:
    add_events(db_path, "Rolex 24")
    copy = backups.make_backup(db_path, "daily")
    old_style = copy.with_name(copy.name.replace(db_path.name, db_path.stem, 1))
    copy.rename(old_style)
    assert backups.list_backups(db_path) == [old_style]
    add_events(db_path.with_suffix(".db"), "Other")
    assert backups.list_backups(db_path) == []  # ambiguous now: offered to neither


def test_restore_of_a_copy_with_another_page_size(db_path: Path, tmp_path: Path) -> None:
    add_events(db_path, "Rolex 24")
    copy = tmp_path / "big-pages.sqlite3"
    with sqlite3.connect(copy) as connection:
        connection.execute("PRAGMA page_size=16384")
    backups.copy_database(db_path, copy)
    with sqlite3.connect(copy) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("PRAGMA page_size=16384")
        connection.execute("VACUUM")
        assert connection.execute("PRAGMA page_size").fetchone()[0] == 16384
        connection.execute("UPDATE events SET name = 'Restored'")
    restore.restore_backup(db_path, copy)
    assert event_names(db_path) == ["Restored"]
    assert not list((tmp_path / "backups").glob(".*restoring*"))
