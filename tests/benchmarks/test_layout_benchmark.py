"""Fitting the results grid's columns: on showing a session, and after one edit.

The brief: columns fit their contents after every edit, but never at the cost of a
frame per keystroke. The anchor is one repaint of the grid's cells (what every keyed
car costs anyway); widening after an edit measures only the changed row and must stay
well below it, while the full fit (on showing a session) samples 30 rows per column.
Figures are medians of the same run on the same grid (the machine is shared).
"""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from ui.results_support import open_grid

from desktop_app.services.editing import Editor
from desktop_app.services.importers.weekend import Choices, plan_weekend
from desktop_app.services.importers.weekend_apply import apply_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.storage import repository as repo
from desktop_app.storage.database import open_database
from desktop_app.ui.results.widget import ResultsEditor

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
SEBRING = (
    Path(__file__).resolve().parents[1] / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
)


@pytest.fixture
def race_grid(qtbot, tmp_path: Path) -> ResultsEditor:
    """The Sebring race results (58 cars) shown in a 1280-pixel grid."""
    folder = tmp_path / "race"
    folder.mkdir()
    shutil.copy(SEBRING / "202403160940-race-results.csv", folder)
    database = open_database(tmp_path / "race.sqlite3")
    editor = Editor(database)
    choices = Choices("Sebring 2024", series="IWSC", time_zone="America/New_York")
    apply_weekend(editor, plan_weekend(database, read_batch([folder]), choices))
    with database.read() as session:
        event_id = repo.find_events(session, "Sebring 2024")[0].id
        session_id = repo.find_sessions(session, event_id, "Race")[0].id
    grid = open_grid(qtbot, editor, session_id, size=(1280, 800))
    yield grid
    grid.close()
    database.close()


def _median_ms(action: Callable[[], object], rounds: int = 15) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def test_fitting_columns_costs_less_than_a_repaint(
    benchmark: BenchmarkFixture, race_grid: ResultsEditor
) -> None:
    assert len(race_grid.model.rows) == 58
    view, widths = race_grid.view, race_grid.widths
    repaint = _median_ms(view.viewport().repaint)  # the anchor: one frame of the grid
    widen = _median_ms(lambda: widths.widen(30, 30))  # after an edit of row 31
    fit = _median_ms(widths.fit)  # on showing a session
    everything = _median_ms(view.resizeColumnsToContents)  # Qt's own, for comparison
    widths.fit()
    print(
        f"\nrepaint {repaint:.2f} ms, widen one row {widen:.2f} ms, "
        f"fit {fit:.2f} ms, resizeColumnsToContents {everything:.2f} ms"
    )
    benchmark.pedantic(widths.widen, args=(30, 30), rounds=20, warmup_rounds=1)
    assert widen < repaint, "widening after an edit must cost less than the repaint it causes"
