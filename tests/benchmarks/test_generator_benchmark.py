"""The generator itself: fast enough to build per run, and as big as promised."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytest_benchmark.fixture import BenchmarkFixture

from desktop_app.storage.database import open_database

from .generator import build_database


def test_build_database(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    target = tmp_path / "built.sqlite3"
    benchmark.pedantic(build_database, args=(target,), rounds=1, iterations=1)
    with sqlite3.connect(target) as connection:
        results = connection.execute("SELECT count(*) FROM results").fetchone()[0]
        sessions = connection.execute("SELECT count(*) FROM sessions").fetchone()[0]
    assert sessions == 1200
    assert results == 72000
    open_database(target).close()  # the app accepts the file: checks and schema pass
