"""Summaries with a lap chart: the Sebring race (16,836 laps) and the whole weekend.

Anchor: the same summary of the same session with its laps removed (results only), so
the ratio is what the lap chart costs the live preview.
"""

from __future__ import annotations

from pytest_benchmark.fixture import BenchmarkFixture
from sebring_files import Sebring

from desktop_app.services.summaries import Selection, summarise
from desktop_app.storage.models import Lap


def test_race_story_with_16836_laps(benchmark: BenchmarkFixture, sebring: Sebring) -> None:
    selection = Selection(sebring.event_id, sebring.sessions["Race"])
    result = benchmark(summarise, sebring.editor.database, selection, preset="race")
    assert "won GTD by" in result.text


def test_whole_weekend_with_laps(benchmark: BenchmarkFixture, sebring: Sebring) -> None:
    result = benchmark(summarise, sebring.editor.database, Selection(sebring.event_id))
    assert "won GTP by" in result.text


def test_anchor_race_without_laps(benchmark: BenchmarkFixture, sebring: Sebring) -> None:
    with sebring.editor.change("Drop the laps") as edit:
        edit.session.execute(Lap.__table__.delete())
    selection = Selection(sebring.event_id, sebring.sessions["Race"])
    result = benchmark(summarise, sebring.editor.database, selection, preset="race")
    assert "won GTD by" in result.text
