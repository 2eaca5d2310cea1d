"""The Sebring weekend folder (15 files, 4 MB) into an empty database, against an anchor.

The anchor, measured in the same run and alternating with RaceDesk round by round: the
same files read with ``csv`` and inserted with ``sqlite3`` ``executemany``, one row per
result and per lap, one commit. RaceDesk does
more (checks every cell, matches drivers, computes positions, keeps crews, weather, the
change history and one undo record), so the figure that matters is the ratio; the aim is
at most 3x. pytest-benchmark measures, it does not judge: no timing assert.
"""

from __future__ import annotations

import csv
import itertools
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import func, select

from desktop_app.services.editing import Editor
from desktop_app.services.importers.weekend import Choices, plan_weekend
from desktop_app.services.importers.weekend_apply import apply_weekend, import_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.services.undo import UndoRecord
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.models import Lap

SEBRING = (
    Path(__file__).resolve().parents[1] / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
)
CHOICES = Choices("Sebring 2024", series="IWSC", time_zone="America/New_York")
_numbers = itertools.count()


def fresh_database(folder: Path) -> Path:
    """An empty RaceDesk file, made outside the timed part."""
    path = folder / f"weekend-{next(_numbers)}.sqlite3"
    open_database(path).close()
    return path


def racedesk_import(path: Path) -> int:
    database = open_database(path)
    try:
        plan = plan_weekend(database, read_batch([SEBRING]), CHOICES)
        report = apply_weekend(Editor(database), plan)
        return report.total("laps")
    finally:
        database.close()


def anchor_import(path: Path) -> int:
    """csv + sqlite3 executemany: one row per result and per lap, one transaction."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE results (file TEXT, cells TEXT)")
    connection.execute(
        "CREATE TABLE laps (file TEXT, car TEXT, lap INTEGER, time TEXT, driver TEXT, flag TEXT)"
    )
    laps = 0
    for file in sorted(SEBRING.glob("*.csv")):
        with file.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader)]
            rows = [row for row in reader if row]
        if file.name.endswith("-laps.csv"):
            at = [header.index(n) for n in ("NUMBER", "LAP_NUMBER", "LAP_TIME", "DRIVER_NAME")]
            flag = header.index("FLAG_AT_FL")
            connection.executemany(
                "INSERT INTO laps VALUES (?, ?, ?, ?, ?, ?)",
                [(file.name, *(row[i] for i in at), row[flag]) for row in rows],
            )
            laps += len(rows)
        elif file.name.endswith("-results.csv"):
            connection.executemany(
                "INSERT INTO results VALUES (?, ?)", [(file.name, ";".join(r)) for r in rows]
            )
    connection.commit()
    connection.close()
    return laps


ROUNDS = 5


@dataclass
class Timings:
    """Wall and CPU seconds of each side, one entry per round."""

    wall: dict[str, list[float]] = field(default_factory=lambda: {"anchor": [], "racedesk": []})
    cpu: dict[str, list[float]] = field(default_factory=lambda: {"anchor": [], "racedesk": []})

    def time(self, side: str, run: Callable[[Path], int], path: Path) -> int:
        wall, cpu = time.perf_counter(), time.process_time()
        laps = run(path)
        self.cpu[side].append(time.process_time() - cpu)
        self.wall[side].append(time.perf_counter() - wall)
        return laps

    def line(self, figures: dict[str, list[float]], what: str) -> str:
        anchor, racedesk = (statistics.median(figures[s]) for s in ("anchor", "racedesk"))
        return (
            f"{what}: anchor {anchor * 1000:.0f} ms, RaceDesk {racedesk * 1000:.0f} ms, "
            f"ratio {racedesk / anchor:.1f}x"
        )


def test_weekend_folder_into_an_empty_database(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """Anchor and RaceDesk alternate round by round, so load on the shared machine hits
    both alike; the benchmark's own figure is one round of both."""
    timings = Timings()

    def one_round(racedesk_path: Path, anchor_path: Path) -> tuple[int, int]:
        anchor = timings.time("anchor", anchor_import, anchor_path)
        return anchor, timings.time("racedesk", racedesk_import, racedesk_path)

    def fresh_pair() -> tuple[tuple[Path, Path], dict[str, object]]:
        anchor_path = tmp_path / f"anchor-{next(_numbers)}.sqlite3"
        return (fresh_database(tmp_path), anchor_path), {}

    laps = benchmark.pedantic(one_round, setup=fresh_pair, rounds=ROUNDS)
    assert laps == (22_304, 22_304)
    if benchmark.stats is None:  # --benchmark-disable (CI's smoke run): nothing measured
        return
    wall = timings.line(timings.wall, "wall (median)")
    cpu = timings.line(timings.cpu, "CPU (median)")
    benchmark.extra_info["wall"], benchmark.extra_info["cpu"] = wall, cpu
    print(
        f"\nSebring weekend (15 files, 290 results, 22,304 laps), {ROUNDS} alternating "
        f"rounds (aim <= 3x):\n  {wall}\n  {cpu}"
    )


def test_undo_of_the_weekend_folder(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """Undo of the whole import (one record, as the window's Undo runs it), against the
    anchor import of the same files measured just before each round: deleting what was
    made should cost no more than making it plainly."""
    anchor: list[float] = []
    opened: list[Database] = []

    def imported() -> tuple[tuple[UndoRecord, Editor], dict[str, object]]:
        started = time.perf_counter()
        anchor_import(tmp_path / f"anchor-{next(_numbers)}.sqlite3")
        anchor.append(time.perf_counter() - started)
        database = open_database(fresh_database(tmp_path))
        opened.append(database)
        editor = Editor(database)
        plan = plan_weekend(database, read_batch([SEBRING]), CHOICES)
        return (import_weekend(editor, plan)[1], editor), {}

    def undo(record: UndoRecord, editor: Editor) -> int:
        record.revert(editor)
        with editor.database.read() as session:
            return session.scalar(select(func.count()).select_from(Lap)) or 0

    try:
        laps = benchmark.pedantic(undo, setup=imported, rounds=3)
    finally:
        for database in opened:
            database.close()
    assert laps == 0
    if benchmark.stats is None:  # --benchmark-disable (CI's smoke run): nothing measured
        return
    undo_ms, anchor_ms = benchmark.stats.stats.median * 1000, statistics.median(anchor) * 1000
    benchmark.extra_info["ratio_to_anchor"] = round(undo_ms / anchor_ms, 2)
    print(
        f"\nUndo of the Sebring weekend import: {undo_ms:.0f} ms, anchor import "
        f"{anchor_ms:.0f} ms, ratio {undo_ms / anchor_ms:.1f}x"
    )
