"""Opening a ten-season database to a painted main window, against a bare QMainWindow.

Both are measured in the same run, on the same machine and Qt platform, so the ratio
(printed at the end, aim <= 1.5x) does not depend on how fast the machine is. A cold
start of the whole process (``racedesk --startup-check``) is measured too, against a
process that only imports PySide6 and shows a bare window.

RaceDesk paints first, then loads, so two moments are measured and named apart:
"first paint" is the window frame on screen (menus, docks, "Opening <file>…"), which is
what the ratio to a bare window is about; "data shown" is the database opened and the
navigator and events grid painted with its contents, the moment the reporter can work.
The old single figure (open, then build and paint the filled window) is kept as well.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from pytest_benchmark.fixture import BenchmarkFixture

from desktop_app.services.editing import Editor
from desktop_app.storage.database import open_database
from desktop_app.storage.models import RaceSession

from .qt_timing import show_and_wait_for_paint

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
FIGURES: dict[str, float] = {}
COLD_ROUNDS = 5


def open_bare_window(_qapp: QApplication) -> None:
    window = QMainWindow()
    window.setCentralWidget(QLabel("RaceDesk"))
    window.resize(1280, 800)
    show_and_wait_for_paint(window)
    window.close()
    window.deleteLater()


def open_racedesk_window(path: Path) -> None:
    """Everything before any paint: open the file, build the filled window, paint."""
    from desktop_app.ui.main_window import MainWindow

    database = open_database(path)
    window = MainWindow(Editor(database))
    show_and_wait_for_paint(window)
    window.close()
    window.deleteLater()
    database.close()


def paint_racedesk_frame(path: Path) -> None:
    """What ``racedesk`` paints first: the window frame, before the file is opened."""
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow.opening(path)
    show_and_wait_for_paint(window)
    window.close()
    window.deleteLater()


def racedesk_tree_shown(path: Path) -> None:
    """Step two of ``ui.app``: the frame painted, then the file's tree read with plain
    sqlite3 into the navigator and painted (no database code imported for it)."""
    from desktop_app.storage.tree import read_tree_file
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow.opening(path)
    show_and_wait_for_paint(window)
    tree = read_tree_file(path)
    assert tree is not None and len(tree.events) == 120
    window.preview_tree(tree, path)
    window.repaint()
    window.close()
    window.deleteLater()


def racedesk_data_shown(path: Path) -> None:
    """The second step, as ``ui.app`` runs it: open the file into the painted frame."""
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow.opening(path)
    show_and_wait_for_paint(window)
    database = open_database(path)
    window.attach_first(Editor(database))
    window.repaint()
    window.close()
    window.deleteLater()
    database.close()


def test_bare_window(benchmark: BenchmarkFixture, qapp) -> None:
    open_bare_window(qapp)  # warm up Qt's fonts and styles for both benchmarks
    benchmark.pedantic(open_bare_window, args=(qapp,), rounds=15, warmup_rounds=2)
    _keep("bare", benchmark)


def test_racedesk_window_on_ten_seasons(benchmark: BenchmarkFixture, qapp, big_database) -> None:
    open_racedesk_window(big_database)  # the day's first open makes the daily backup
    benchmark.pedantic(open_racedesk_window, args=(big_database,), rounds=10, warmup_rounds=1)
    _keep("racedesk", benchmark)
    with open_database(big_database).read() as session:
        assert session.query(RaceSession).count() == 1200
    _report("in-process window, open then paint (no paint-first)", "bare", "racedesk", benchmark)


def test_racedesk_first_paint(benchmark: BenchmarkFixture, qapp, big_database) -> None:
    """The moment the ratio is about: RaceDesk's window on screen, file not yet opened."""
    paint_racedesk_frame(big_database)
    benchmark.pedantic(paint_racedesk_frame, args=(big_database,), rounds=15, warmup_rounds=2)
    _keep("first_paint", benchmark)
    _report("in-process first paint (frame)", "bare", "first_paint", benchmark)


def test_racedesk_tree_shown(benchmark: BenchmarkFixture, qapp, big_database) -> None:
    """Frame painted, then the ten seasons' events and sessions in the navigator."""
    racedesk_tree_shown(big_database)
    benchmark.pedantic(racedesk_tree_shown, args=(big_database,), rounds=10, warmup_rounds=1)
    _keep("tree_shown", benchmark)
    _report("in-process first paint + the file's tree", "bare", "tree_shown", benchmark)


def test_racedesk_data_shown(benchmark: BenchmarkFixture, qapp, big_database) -> None:
    """Frame painted, then the ten-season file opened into it and painted again."""
    racedesk_data_shown(big_database)
    benchmark.pedantic(racedesk_data_shown, args=(big_database,), rounds=10, warmup_rounds=1)
    _keep("data_shown", benchmark)
    _report("in-process first paint + data shown", "bare", "data_shown", benchmark)


def _keep(name: str, benchmark: BenchmarkFixture) -> None:
    """The median for the ratios; nothing with --benchmark-disable (CI's smoke run)."""
    if benchmark.stats is not None:
        FIGURES[name] = benchmark.stats.stats.median


def _report(what: str, bare: str, racedesk: str, benchmark: BenchmarkFixture) -> None:
    """Print the ratio (pytest-benchmark measures, it does not judge: no timing assert)."""
    if bare not in FIGURES or racedesk not in FIGURES:
        return
    ratio = FIGURES[racedesk] / FIGURES[bare]
    benchmark.extra_info["ratio_to_bare"] = round(ratio, 2)
    print(
        f"\n{what}: bare PySide6 {FIGURES[bare] * 1000:.1f} ms, RaceDesk on 72,000 results "
        f"{FIGURES[racedesk] * 1000:.1f} ms, ratio {ratio:.2f}x (aim <= 1.5x)"
    )


def _cold_environment() -> dict[str, str]:
    """Offscreen Qt, and Python's bytecode cache on, as in an installed app.

    The development shell sets PYTHONDONTWRITEBYTECODE, so RaceDesk's own modules would be
    compiled from source on every start (about 50 ms here) while the bare process imports
    only precompiled PySide6; the cache goes to a temporary folder, not the working tree.
    """
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "racedesk-pycache")
    return environment


def _cold(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True, env=_cold_environment(), timeout=120)


BARE_PROCESS = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("RaceDesk"))
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def test_cold_bare_process(benchmark: BenchmarkFixture) -> None:
    """Python start, PySide6 import, a bare window shown: the floor of any Qt app."""
    benchmark.pedantic(
        _cold, args=([sys.executable, "-c", BARE_PROCESS],), rounds=COLD_ROUNDS, warmup_rounds=1
    )
    _keep("cold_bare", benchmark)


def test_cold_racedesk_process(benchmark: BenchmarkFixture, big_database: Path) -> None:
    """What the reporter waits for after a double-click: ``racedesk --startup-check``."""
    racedesk = [sys.executable, "-m", "desktop_app", "--db", str(big_database), "--startup-check"]
    benchmark.pedantic(_cold, args=(racedesk,), rounds=COLD_ROUNDS, warmup_rounds=1)
    _keep("cold_racedesk", benchmark)
    reported = subprocess.run(
        racedesk,
        check=True,
        capture_output=True,
        text=True,
        env=_cold_environment(),
    )
    figures = json.loads(reported.stdout.strip().splitlines()[-1])
    benchmark.extra_info.update(figures)
    _report("cold process (until data shown and exit)", "cold_bare", "cold_racedesk", benchmark)
    print(
        f"racedesk's own --startup-check figures, from the start of its Python code: "
        f"first paint {figures['startup_ms']} ms, the file's tree {figures['tree_ms']} ms, "
        f"editors filled {figures['data_ms']} ms"
    )
    if "cold_racedesk" not in FIGURES or "cold_bare" not in FIGURES:
        return  # --benchmark-disable (CI's smoke run): nothing to compare
    until_paint = FIGURES["cold_racedesk"] * 1000 - (figures["data_ms"] - figures["startup_ms"])
    print(f"cold process minus the data step: {until_paint:.0f} ms (with Python start and exit)")
    interpreter = _interpreter_start_ms()
    bare = FIGURES["cold_bare"] * 1000
    for what, moment in (("frame painted", "startup_ms"), ("the file's tree shown", "tree_ms")):
        since_launch = interpreter + figures[moment]
        print(
            f"launch to {what}: {since_launch:.0f} ms (Python start {interpreter:.0f} ms + "
            f"{figures[moment]} ms), {since_launch / bare:.2f}x the whole bare window process"
        )


def _interpreter_start_ms() -> float:
    """A cold ``python -c pass`` (site and the editable-install finder included), median."""
    times = []
    for _ in range(COLD_ROUNDS):
        started = time.perf_counter()
        _cold([sys.executable, "-c", "pass"])
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000
