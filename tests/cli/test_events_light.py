"""``racedesk events`` on a file reads it with plain sqlite3 (no SQLAlchemy, no ORM).

The listing must be the one the full way prints (a server, or a file that needs
upgrading, still goes that way), its counts must be what the file holds (checked with
an independent sqlite3 count), and the file must be left exactly as it was.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import events
from desktop_app.cli.main import main

LIST_WITHOUT_THE_ORM = """
import contextlib, io, json, sys
from desktop_app.cli.main import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["--db", sys.argv[1], "events"])
heavy = sorted({name.split(".")[0] for name in sys.modules} & {"sqlalchemy", "alembic"})
print(json.dumps({"code": code, "lines": out.getvalue().splitlines(), "heavy": heavy}))
"""


def listed(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    assert main(["--db", str(path), "events"]) == 0
    return capsys.readouterr().out.splitlines()


def test_a_file_is_listed_without_importing_the_database_code(demo_file: Path) -> None:
    environment = {**os.environ, "RACEDESK_HOME": str(demo_file.parent / "home")}
    done = subprocess.run(
        [sys.executable, "-c", LIST_WITHOUT_THE_ORM, str(demo_file)],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["code"] == 0 and found["heavy"] == []
    assert any(
        line.endswith("] VP Racing SportsCar Challenge - Race 2: 4 results, official")
        for line in found["lines"]
    )


def test_the_light_listing_is_the_full_one_and_counts_what_the_file_holds(
    capsys: pytest.CaptureFixture[str], demo_file: Path
) -> None:
    light = listed(capsys, demo_file)
    full = events.listing_lines(*events._full_listing(argparse.Namespace(db=str(demo_file))))
    assert light == full
    with sqlite3.connect(demo_file) as connection:
        (event_id, name, entries), *_ = connection.execute(
            "SELECT e.id, e.name, COUNT(n.id) FROM events e JOIN entries n ON n.event_id = e.id"
            " GROUP BY e.id ORDER BY e.start_date"
        ).fetchall()
        results = dict(
            connection.execute("SELECT session_id, COUNT(*) FROM results GROUP BY session_id")
        )
    event_line = next(line for line in light if line.startswith(f"[{event_id}] {name} - "))
    assert event_line.endswith(f" - {entries} entries")
    for session_id, count in results.items():
        assert any(
            line.startswith(f"    [{session_id}] ") and f": {count} results" in line
            for line in light
        )


def test_listing_leaves_the_file_as_it_was(
    capsys: pytest.CaptureFixture[str], demo_file: Path
) -> None:
    before = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    assert listed(capsys, demo_file)[0].startswith("[1] Roar Before the 24")
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == before


def test_a_file_of_another_version_goes_the_full_way_which_explains(
    capsys: pytest.CaptureFixture[str], demo_file: Path
) -> None:
    with sqlite3.connect(demo_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_newer'")
    assert events._light_listing(argparse.Namespace(db=str(demo_file))) is None
    assert main(["--db", str(demo_file), "events"]) == 1
    assert "newer version of RaceDesk" in capsys.readouterr().err


def test_a_server_is_never_read_as_a_file() -> None:
    server = argparse.Namespace(db="postgresql://reporter@db.newsroom/racedesk")
    assert events._light_listing(server) is None
