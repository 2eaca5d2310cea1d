"""The racedesk command: headless subcommands and their error sentences."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.cli.main import main
from desktop_app.storage.database import open_database


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_through_the_installed_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == f"RaceDesk {__version__}"


def test_demo_then_events_on_the_default_database(capsys, racedesk_home: Path) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0 and "Loaded demo event: Roar Before the 24" in out
    assert (racedesk_home / "data" / "racedesk.sqlite3").is_file()
    code, out, _ = run(capsys, "events")
    assert code == 0
    assert "Roar Before the 24 - Daytona International Speedway" in out
    assert "VP Racing SportsCar Challenge - Race 2: 4 results, official" in out
    assert "20 entries" in out


def test_demo_twice_says_it_is_already_loaded(capsys, db_path: Path) -> None:
    run(capsys, "--db", str(db_path), "demo")
    code, out, _ = run(capsys, "--db", str(db_path), "demo")
    assert code == 0 and "Already loaded, left as it is: Roar Before the 24" in out


def test_events_on_empty_database_points_to_demo(capsys, db_path: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "events")
    assert code == 0 and "racedesk demo" in out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_folder_is_one_sentence_on_stderr(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "nope" / "x.sqlite3"), "events")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "does not exist" in err


def test_not_sqlite_file_is_refused_untouched(capsys, tmp_path: Path) -> None:
    path = tmp_path / "story.docx"
    path.write_bytes(b"PK\x03\x04 not a database")
    code, _, err = run(capsys, "--db", str(path), "demo")
    assert code == 1 and "not an SQLite file" in err
    assert path.read_bytes() == b"PK\x03\x04 not a database"


def test_read_only_file_is_refused_untouched(capsys, db_path: Path) -> None:
    open_database(db_path).close()
    before = digest(db_path)
    db_path.chmod(0o444)
    try:
        code, _, err = run(capsys, "--db", str(db_path), "demo")
    finally:
        db_path.chmod(0o644)
    assert code == 1 and "read-only" in err and digest(db_path) == before


def test_newer_database_is_refused_untouched(capsys, db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_newer'")
    before = digest(db_path)
    code, _, err = run(capsys, "--db", str(db_path), "events")
    assert code == 1 and "newer version of RaceDesk" in err and digest(db_path) == before
