"""Crashes and full disks: an accepted edit is in the file at once, a failed one leaves
nothing behind, and a workbook that cannot be written leaves the previous one intact.

The crash test's child process opens the database, commits one edit through the editing
service, says "done" and then hangs; the test kills it with SIGKILL (no clean-up, no
atexit, no checkpoint) and reads the file again.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event, select

from desktop_app.services.editing import Editor
from desktop_app.services.export import ExportError, export_event_workbook
from desktop_app.storage.database import open_database
from desktop_app.storage.errors import DatabaseOpenError, UserFacingError
from desktop_app.storage.models import Event

CHILD = """
import sys, time
from pathlib import Path
from desktop_app.services.editing import Editor
from desktop_app.storage.database import open_database

database = open_database(Path(sys.argv[1]))
editor = Editor(database)
with editor.change("Rename event") as edit:
    edit.update_event(int(sys.argv[2]), name="Rolex 24 At Daytona")
print("done", flush=True)
time.sleep(60)
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def kill_after_edit(db_path: Path, event_id: int) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(event_id)],
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "done"
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(timeout=10) == -signal.SIGKILL
        finally:
            if child.poll() is None:
                child.kill()


def test_edit_is_in_the_file_after_the_app_is_killed(db_path: Path) -> None:
    database = open_database(db_path)
    with Editor(database).change("Add event") as edit:
        event_id = edit.create_event("Rolex 24")
    database.close()

    kill_after_edit(db_path, event_id)

    reopened = open_database(db_path)
    with reopened.read() as session:
        assert session.scalars(select(Event.name)).all() == ["Rolex 24 At Daytona"]
    reopened.close()


def test_pragmas_that_keep_edits_are_on_every_connection(database) -> None:
    with database.read() as session:
        pragma = session.connection().exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL: fsync on every commit
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA busy_timeout").scalar() == 5000


def test_file_with_a_damaged_page_is_refused_untouched(db_path: Path, demo_editor) -> None:
    demo_editor.database.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[3 * page : 4 * page] = b"\xff" * page  # a page in the middle, header intact
    db_path.write_bytes(bytes(data))
    for extra in ("-wal", "-shm"):
        db_path.with_name(db_path.name + extra).unlink(missing_ok=True)
    before = bytes(data)
    with pytest.raises(DatabaseOpenError, match="damaged"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_full_disk_during_an_edit_saves_nothing_and_says_so(db_path: Path, editor) -> None:
    """SQLite's own "disk is full" (SQLITE_FULL), produced by capping the file's size."""
    with editor.change("Add event") as edit:
        edit.create_event("Rolex 24")
    with editor.database.read() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()

    def cap_file_size(connection, _record) -> None:
        connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(editor.database.engine, "connect", cap_file_size)
    editor.database.engine.dispose()  # pooled connections reconnect with the cap
    with pytest.raises(UserFacingError, match="is full; the change was not saved"):
        with editor.change("Import a big weekend") as edit:
            for number in range(2000):
                edit.create_event(f"Weekend {number} " + "x" * 150)
    event.remove(editor.database.engine, "connect", cap_file_size)
    editor.database.engine.dispose()
    with editor.database.read() as session:
        assert session.scalars(select(Event.name)).all() == ["Rolex 24"]


def test_full_disk_during_export_keeps_the_previous_workbook(
    demo_editor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while the new workbook is flushed (where a full disk shows up when
    writes are buffered): one sentence, the old file byte for byte, no temporary file."""
    exports = tmp_path / "exports"
    exports.mkdir()
    target = exports / "rolex.xlsx"
    export_event_workbook(demo_editor.database, 1, target)
    previous = target.read_bytes()

    def disk_full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ExportError, match="The disk is full, so rolex.xlsx was not saved"):
        export_event_workbook(demo_editor.database, 1, target)
    monkeypatch.undo()
    assert target.read_bytes() == previous
    assert [p.name for p in exports.iterdir()] == ["rolex.xlsx"]
