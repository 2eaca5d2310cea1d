"""Two RaceDesk windows on one database file: the "safe" policy.

Each window has its own ``Database``/``Editor`` (its own SQLite connections, exactly as
two app processes would). WAL lets one window read while the other writes, every edit is
committed at once, and ``busy_timeout`` makes a writer wait for the other's commit
instead of failing. View > Refresh (F5) in a window reads the other window's edits.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from sqlalchemy import select

from desktop_app.services.editing import Editor
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.models import Event


def names(database: Database) -> list[str]:
    with database.read() as session:  # a fresh session: what Refresh does
        return list(session.scalars(select(Event.name).order_by(Event.id)))


def test_each_window_sees_the_others_committed_edits(db_path: Path) -> None:
    first = open_database(db_path)
    second = open_database(db_path)
    try:
        with Editor(first).change("Add Rolex 24") as edit:
            event_id = edit.create_event("Rolex 24")
        assert names(second) == ["Rolex 24"]

        with Editor(second).change("Rename") as edit:
            edit.update_event(event_id, name="Rolex 24 At Daytona")
        assert names(first) == ["Rolex 24 At Daytona"]
    finally:
        first.close()
        second.close()


def test_a_window_can_read_while_the_other_is_saving(db_path: Path) -> None:
    first = open_database(db_path)
    second = open_database(db_path)
    try:
        with Editor(first).change("Add Sebring") as edit:
            edit.create_event("Sebring 12")
            assert names(second) == []  # not committed yet: the reader is not blocked
        assert names(second) == ["Sebring 12"]
    finally:
        first.close()
        second.close()


def test_a_writer_waits_for_the_other_windows_commit_instead_of_failing(db_path: Path) -> None:
    first = open_database(db_path)
    second = open_database(db_path)
    holding = threading.Event()

    def slow_edit() -> None:
        with Editor(first).change("Slow edit") as edit:
            edit.create_event("Watkins Glen")
            edit.session.flush()  # takes SQLite's write lock
            holding.set()
            time.sleep(0.5)

    worker = threading.Thread(target=slow_edit)
    worker.start()
    try:
        assert holding.wait(5)
        with Editor(second).change("Quick edit") as edit:
            edit.create_event("Mosport")
    finally:
        worker.join()
    # Mosport is second: its commit waited for the lock instead of failing or going first
    assert names(first) == ["Watkins Glen", "Mosport"]
    first.close()
    second.close()


def test_concurrent_edits_from_two_windows_all_land_and_the_file_stays_sound(
    db_path: Path,
) -> None:
    windows = [open_database(db_path), open_database(db_path)]
    start = threading.Barrier(len(windows))
    failures: list[BaseException] = []

    def type_events(window: int) -> None:
        editor = Editor(windows[window])
        start.wait()
        try:
            for number in range(25):
                with editor.change("Add event") as edit:
                    edit.create_event(f"Window {window} event {number}")
        except BaseException as error:  # reported below, a thread cannot fail the test
            failures.append(error)

    threads = [threading.Thread(target=type_events, args=(i,)) for i in range(len(windows))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(names(windows[0])) == 50
    for window in windows:
        window.close()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
