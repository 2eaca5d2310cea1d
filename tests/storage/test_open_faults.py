"""Database files RaceDesk must explain, not trip over: read-only folders, empty files,
an empty version table, swapped index definitions, pipes, devices, odd names, a full disk
before an upgrade. Each is a real file (or link, or pipe) built here, opened for real."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from damage import swap_result_indexes

from desktop_app.cli.main import main
from desktop_app.services.demo import load_demo
from desktop_app.services.editing import Editor
from desktop_app.storage import backups, checks, migrate, restore
from desktop_app.storage.database import make_engine, open_database
from desktop_app.storage.errors import DatabaseOpenError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_file(db_path: Path) -> Path:
    database = open_database(db_path)
    load_demo(Editor(database))
    database.close()
    return db_path


@pytest.fixture
def read_only_folder(demo_file: Path) -> Iterator[Path]:
    """The demo database in a folder marked read-only (as a shared or mounted folder is)."""
    copy = backups.make_backup(demo_file, "daily")
    folder = demo_file.parent
    demo_file.chmod(0o444)
    folder.chmod(0o555)
    yield copy
    folder.chmod(0o755)
    demo_file.chmod(0o644)


def beside(path: Path) -> set[str]:
    return {item.name for item in path.parent.iterdir()}


def test_a_read_only_folder_is_read_by_commands_that_only_read(
    capsys, demo_file: Path, read_only_folder: Path
) -> None:
    before, files = digest(demo_file), beside(demo_file)
    code, out, err = run(capsys, "--db", str(demo_file), "events")
    assert (code, err) == (0, "") and "[2] Rolex 24 at Daytona" in out
    code, out, err = run(capsys, "--db", str(demo_file), "summary", "--event", "Roar Before the 24")
    assert (code, err) == (0, "") and out.strip()
    assert digest(demo_file) == before and beside(demo_file) == files  # no -wal, no -shm


def test_a_read_only_folder_is_named_when_a_command_would_write(
    capsys, demo_file: Path, read_only_folder: Path
) -> None:
    before = digest(demo_file)
    code, _, err = run(capsys, "--db", str(demo_file), "demo")
    assert code == 1 and f"The database folder {demo_file.parent} is read-only" in err
    assert "damaged" not in err and digest(demo_file) == before
    with pytest.raises(DatabaseOpenError, match="is read-only"):
        restore.restore_backup(demo_file, read_only_folder)
    assert digest(demo_file) == before


def test_an_empty_file_is_said_to_be_empty_and_left_alone(db_path: Path) -> None:
    db_path.write_bytes(b"")
    with pytest.raises(DatabaseOpenError, match=r"is an empty file \(0 bytes\)"):
        open_database(db_path)
    assert db_path.read_bytes() == b""


def test_an_empty_version_table_is_not_stamped(demo_file: Path) -> None:
    with sqlite3.connect(demo_file) as connection:
        connection.execute("DELETE FROM alembic_version")
    before = digest(demo_file)
    with pytest.raises(DatabaseOpenError, match="version table but no version in it"):
        open_database(demo_file)
    assert digest(demo_file) == before


def test_swapped_index_definitions_are_found_at_open(demo_file: Path) -> None:
    """quick_check does not compare indexes with their tables; integrity_check does."""
    swap_result_indexes(demo_file)
    with sqlite3.connect(demo_file) as connection:
        assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    before = digest(demo_file)
    with pytest.raises(DatabaseOpenError, match="is damaged"):
        open_database(demo_file)
    assert digest(demo_file) == before


def test_a_big_file_gets_its_full_check_in_the_background(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checks, "FULL_CHECK_BYTES", 1024)
    monkeypatch.setattr(checks, "RACY_SECONDS", 0.0)
    database = open_database(demo_file)
    try:
        assert database.background_check is not None
        assert database.background_check.wait(10) and database.background_check.problem == ""
    finally:
        database.close()
    again = open_database(demo_file)  # checked clean: no second background check today
    again.close()
    assert again.background_check is None


@pytest.mark.parametrize("kind", ["fifo", "dev-null", "loop", "long-name", "dangling"])
def test_odd_database_paths_are_one_sentence(capsys, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "weekend.sqlite3"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-null":
        path = Path("/dev/null")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "long-name":
        path = tmp_path / ("w" * 300 + ".sqlite3")
    else:
        path.symlink_to(tmp_path / "no-such-folder" / "weekend.sqlite3")
    code, out, err = run(capsys, "--db", str(path), "events")
    assert code == 1 and out == ""
    assert err.startswith("racedesk: ") and err.count("\n") == 1 and "Traceback" not in err


def test_a_full_disk_before_an_upgrade_refuses_the_open(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(db_path)
    migrate.upgrade_to(engine, "0001_initial")
    engine.dispose()
    before = digest(db_path)

    def disk_full(_source: Path, target: Path) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "copy_database", disk_full)
    with pytest.raises(DatabaseOpenError, match="needs upgrading, but the copy kept before"):
        open_database(db_path)
    assert digest(db_path) == before


def test_looking_at_a_file_leaves_no_wal_or_shm_beside_it(db_path: Path) -> None:
    database = open_database(db_path)
    with Editor(database).change("Add an event") as edit:  # a file with rows gets a copy
        edit.create_event("Rolex 24")
    database.close()
    open_database(db_path).close()  # checks, daily copy: read-only connections only
    copy = backups.list_backups(db_path)[0]
    restore.restore_backup(db_path, copy)
    checks.stored_revision(db_path)
    assert not [
        item.name for item in db_path.parent.iterdir() if item.name.endswith(("-wal", "-shm"))
    ]
