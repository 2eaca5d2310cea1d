"""Benchmark fixtures: the big database is built once per run and shared read-only.

Building it takes a couple of seconds; each benchmark that writes works on its own copy
(``big_database_copy``) so the measurements never depend on the order they ran in.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .generator import build_database


@pytest.fixture(scope="session")
def big_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~72,000 results: 10 seasons x 12 events x 10 sessions x 60 cars."""
    folder = tmp_path_factory.mktemp("big-database")
    return build_database(folder / "ten-seasons.sqlite3")


@pytest.fixture
def big_database_copy(big_database: Path, tmp_path: Path) -> Path:
    """A private copy of the big database for a benchmark that edits or backs it up."""
    target = tmp_path / big_database.name
    shutil.copyfile(big_database, target)
    return target
