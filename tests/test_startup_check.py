"""``racedesk --startup-check``: the smoke test a build runs, run here the same way.

A real process (offscreen Qt) shows the main window, opens a demo database into it, prints
its figures (first paint of the frame, the file's tree in the navigator, the tree and the
events grid shown, the editors attached, the data-shown wall clock and CPU) and exits 0.
"""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtGui import QImage


def racedesk(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        check=False,
    )


@pytest.fixture
def demo_database(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    loaded = racedesk("--db", str(path), "demo")
    assert loaded.returncode == 0, loaded.stderr
    return path


def test_startup_check_opens_the_window_and_reports_the_time(demo_database: Path) -> None:
    checked = racedesk("--db", str(demo_database), "--startup-check")
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout.strip().splitlines()[-1])
    times = ("startup_ms", "tree_ms", "data_ms", "editable_ms")
    assert set(report) == {*times, "data_wall", "data_cpu"}
    assert all(isinstance(report[name], int) for name in times)
    assert 0 < report["startup_ms"] <= report["tree_ms"] <= report["data_ms"]
    assert report["data_ms"] <= report["editable_ms"] < 30_000
    assert abs(report["data_wall"] - time.time()) < 300  # the wall clock, for the benchmark
    assert 0 < report["data_cpu"] < 300  # the process's CPU seconds until the data showed


def test_startup_check_fails_with_one_sentence_on_a_damaged_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_text("half a database")
    checked = racedesk("--db", str(broken), "--startup-check")
    assert checked.returncode == 1
    assert checked.stdout == ""
    assert checked.stderr.strip() == (
        f"racedesk: {broken} is not a RaceDesk database (it is not an SQLite file)."
    )
    assert broken.read_text() == "half a database"


RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_the_icon_ships_in_every_size_a_desktop_asks_for(qapp, size: int) -> None:
    image = QImage(str(RESOURCES / "icons" / f"racedesk-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.pixelColor(size // 2, size // 2).alpha() == 255  # a drawn icon, not blank


def test_desktop_entry_and_appstream_name_the_same_program_and_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(RESOURCES / "racedesk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert (desktop["Exec"], desktop["Icon"], desktop["Type"]) == (
        "racedesk",
        "racedesk",
        "Application",
    )
    component = ElementTree.parse(RESOURCES / "io.github.racedesk.RaceDesk.metainfo.xml").getroot()
    assert component.findtext("id") == "io.github.racedesk.RaceDesk"
    assert component.findtext("launchable") == "racedesk.desktop"
    assert component.findtext("provides/binary") == "racedesk"
    assert (
        (RESOURCES / "icons" / "racedesk.svg")
        .read_text(encoding="utf-8")
        .lstrip()
        .startswith("<?xml")
    )
