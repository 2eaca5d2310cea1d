"""``racedesk --db postgresql://...``: the window and the commands, as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def racedesk(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True, text=True, timeout=120, env=environment, check=False,
    )  # fmt: skip


def test_the_window_opens_on_a_server_database(pg_server, pg_templates) -> None:
    url = pg_server.new_database(pg_templates["demo"])
    checked = racedesk("--db", url, "--startup-check")
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout.strip().splitlines()[-1])
    assert 0 < report["startup_ms"] <= report["data_ms"] < 60_000


def test_the_events_command_lists_the_server_database(pg_server, pg_templates) -> None:
    url = pg_server.new_database(pg_templates["demo"])
    listed = racedesk("--db", url, "events")
    assert listed.returncode == 0, listed.stderr
    assert "Roar Before the 24" in listed.stdout and "Rolex 24 at Daytona" in listed.stdout


def test_an_unreachable_server_is_one_sentence(pg_server) -> None:
    url = pg_server.url("no_such_database")
    listed = racedesk("--db", url, "events")
    assert listed.returncode == 1 and listed.stdout == ""
    assert listed.stderr.startswith("racedesk: RaceDesk could not use the server postgresql://")
    assert "no_such_database" in listed.stderr and "Traceback" not in listed.stderr
    assert len(listed.stderr.strip().splitlines()) == 1
