"""A season (12 events x 10 sessions x 60 cars = 7,200 results) as one workbook.

Run with: ``pytest tests/benchmarks/test_export_benchmark.py --benchmark-enable -s``.
Besides the timing, the peak of Python memory during one export is measured with
tracemalloc and printed: write-only mode plus one session at a time must keep it bounded
(well under the size of the data, and about the same for one event or a season).
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import select

from desktop_app.services.export import export_events_workbook
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.models import Event

from .generator import build_database

SECONDS_ALLOWED = 10.0  # "a few seconds" on the 2-core CI machine, with room for noise
PEAK_MB_ALLOWED = 40.0


@pytest.fixture(scope="module")
def season(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, list[int]]]:
    path = tmp_path_factory.mktemp("season") / "season.sqlite3"
    build_database(path, seasons=1, events=12, sessions=10, cars=60)
    database = open_database(path)
    with database.read() as session:
        event_ids = list(session.scalars(select(Event.id).order_by(Event.id)))
    yield database, event_ids
    database.close()


def test_export_season_workbook(
    benchmark: BenchmarkFixture, season: tuple[Database, list[int]], tmp_path: Path
) -> None:
    database, event_ids = season
    target = tmp_path / "season.xlsx"
    benchmark.pedantic(
        export_events_workbook, args=(database, event_ids, target), rounds=3, iterations=1
    )
    if benchmark.stats is not None:  # None with --benchmark-disable (CI's smoke run)
        assert benchmark.stats.stats.max < SECONDS_ALLOWED
    book = openpyxl.load_workbook(target, read_only=True)
    assert len(book.sheetnames) == 4 + 12 * 10  # shared sheets, then one per session
    book.close()


def test_export_season_memory_is_bounded(
    season: tuple[Database, list[int]], tmp_path: Path
) -> None:
    database, event_ids = season
    season_peak, season_seconds = _measure(database, event_ids, tmp_path / "season.xlsx")
    event_peak, _ = _measure(database, event_ids[:1], tmp_path / "event.xlsx")
    size = (tmp_path / "season.xlsx").stat().st_size
    print(
        f"\nseason export: {season_seconds:.2f} s under tracemalloc, "
        f"peak {season_peak:.1f} MB (one event: {event_peak:.1f} MB), file {size / 1e6:.2f} MB"
    )
    assert season_peak < PEAK_MB_ALLOWED
    assert season_peak < 8 * event_peak  # 12x the data, far less than 12x the memory


def _measure(database: Database, event_ids: list[int], target: Path) -> tuple[float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        export_events_workbook(database, event_ids, target)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6, time.perf_counter() - started
