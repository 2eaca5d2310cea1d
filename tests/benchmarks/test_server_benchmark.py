"""Keyed-entry latency on a PostgreSQL server against a SQLite file (issue 19).

One keyed value is one user action: a transaction that updates the result and writes
its change history line (on the server with the row lock and the conflict check of
services.conflicts). Run with
``pytest tests/benchmarks/test_server_benchmark.py --benchmark-enable``; the two rows of
the "keyed edit" group are the figures (the server's is the local Unix socket with
fsync off, as the test cluster runs; a real server adds its disk and network round trips).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_cluster import PgServer, running_cluster
from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import select

from desktop_app.services.demo import load_demo
from desktop_app.services.editing import Editor
from desktop_app.services.undo import FieldsStep, RowRef, perform
from desktop_app.storage.database import open_database
from desktop_app.storage.models import Result


@pytest.fixture(scope="module")
def pg_server() -> Iterator[PgServer]:
    yield from running_cluster()


@pytest.fixture(params=["sqlite-one-reporter", "sqlite", "postgresql"])
def demo_editor_on(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Editor]:
    """ "sqlite-one-reporter" is today's file path (no author: no conflict check)."""
    if request.param.startswith("sqlite"):
        target: Path | str = tmp_path / "demo.sqlite3"
    else:
        target = request.getfixturevalue("pg_server").new_database()
    editor = Editor(open_database(target))
    load_demo(editor)
    if request.param != "sqlite-one-reporter":
        editor.author = "bench"  # the server's behaviour: conflict check on every edit
    yield editor
    editor.database.close()


def test_keyed_edit_latency(benchmark: BenchmarkFixture, demo_editor_on: Editor) -> None:
    editor = demo_editor_on
    with editor.database.read() as session:
        result_ids = list(session.scalars(select(Result.id).order_by(Result.id)))
    editor.mark_read()
    laps = itertools.count(1)

    def key_one_value() -> None:
        step = FieldsStep(RowRef("results", result_ids[0]), "update_result", {"laps": next(laps)})
        perform(editor, "Key laps", [step], since=editor.seen)

    benchmark.group = "keyed edit"
    benchmark.pedantic(key_one_value, rounds=200, warmup_rounds=5)
    with editor.database.read() as session:
        assert session.get(Result, result_ids[0]).laps == next(laps) - 1
