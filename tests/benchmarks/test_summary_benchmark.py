"""A 10-session x 60-car event's summary: the preview and Copy, against one 16 ms frame.

Issue 17: "read the event once per render and reuse it while nothing has changed". The
first render after a change reads the event (printed as "after an edit"); re-rendering
and Copy (the text and the HTML version) reuse it and must fit in one frame (< 16 ms).
Run with ``pytest tests/benchmarks/test_summary_benchmark.py -o addopts="" -s``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import select

from desktop_app.services.editing import Editor
from desktop_app.services.summaries import OutputFormat, RenderResult, Selection, summarise
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.models import Event, RaceSession

from .generator import build_database

FRAME_SECONDS = 0.016


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, int]]:
    path = tmp_path_factory.mktemp("event") / "event.sqlite3"
    build_database(path, seasons=1, events=1, sessions=10, cars=60)
    database = open_database(path)
    with database.read() as session:
        event_id = session.scalar(select(Event.id))
    assert event_id is not None
    yield database, event_id
    database.close()


def _copy(database: Database, selection: Selection) -> tuple[RenderResult, RenderResult]:
    """What the panel's Copy does: the plain text and the HTML of the summary."""
    plain = summarise(database, selection, fmt=OutputFormat.TEXT)
    return plain, summarise(database, selection, fmt=OutputFormat.HTML)


def _edit(database: Database, event_id: int, note: str) -> None:
    with database.read() as session:
        first = session.scalars(select(RaceSession.id).where(RaceSession.event_id == event_id))
        session_id = next(iter(first))
    with Editor(database).change("Note") as edit:
        edit.update_session(session_id, notes=note)


def test_summary_render_of_a_600_result_event(
    benchmark: BenchmarkFixture, event: tuple[Database, int]
) -> None:
    database, event_id = event
    selection = Selection(event_id, tag="")
    _edit(database, event_id, "Before the render")
    started = time.perf_counter()
    cold = summarise(database, selection)
    after_edit = time.perf_counter() - started
    result = benchmark(summarise, database, selection)
    assert result.ok and result.text == cold.text and "Before the render" in result.text
    if benchmark.stats is not None:
        seconds = benchmark.stats.stats.median
        print(
            f"\nsummary of 10 sessions x 60 cars: {seconds * 1000:.2f} ms re-rendered, "
            f"{after_edit * 1000:.1f} ms after an edit; "
            f"{seconds / FRAME_SECONDS:.2f} of a 16 ms frame (aim < 1)"
        )


def test_summary_copy_of_a_600_result_event(
    benchmark: BenchmarkFixture, event: tuple[Database, int]
) -> None:
    database, event_id = event
    selection = Selection(event_id, tag="")
    summarise(database, selection)  # the preview the reporter looks at before Copy
    plain, html = benchmark(_copy, database, selection)
    assert plain.ok and html.ok and "<" in html.text and "<" not in plain.text
    if benchmark.stats is not None:
        seconds = benchmark.stats.stats.median
        print(
            f"\nCopy (text + HTML) of 10 sessions x 60 cars: {seconds * 1000:.2f} ms, "
            f"{seconds / FRAME_SECONDS:.2f} of a 16 ms frame (aim < 1)"
        )
