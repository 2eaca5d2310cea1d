"""The charts: lap data to lines (plain Python) and lines to pixels (pyqtgraph, offscreen).

Each round computes the chart's lines and renders the plot with ``grab()`` (a real paint
of every line), so the figure is what the reporter waits for after picking a session or
a class. The anchor is the same plot rendered empty.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from desktop_app.domain import lap_charts
from desktop_app.domain.lap_charts import CarLaps, LapPoint
from desktop_app.services.charts import SessionLaps, session_laps
from desktop_app.services.editing import Editor
from desktop_app.services.importers.weekend import Choices, plan_weekend
from desktop_app.services.importers.weekend_apply import apply_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.storage import repository as repo
from desktop_app.storage.database import open_database
from desktop_app.ui.charts.plot import ChartKind, draw, new_plot

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEBRING = (
    Path(__file__).resolve().parents[1] / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
)


@pytest.fixture(scope="module")
def sebring_race(tmp_path_factory: pytest.TempPathFactory) -> SessionLaps:
    folder = tmp_path_factory.mktemp("sebring")
    for path in SEBRING.glob("202403160940-race-*.csv"):
        shutil.copy(path, folder)
    database = open_database(folder / "sebring.sqlite3")
    try:
        choices = Choices("Sebring 2024", series="IWSC", time_zone="America/New_York")
        apply_weekend(Editor(database), plan_weekend(database, read_batch([folder]), choices))
        with database.read() as session:
            event_id = repo.find_events(session, "Sebring 2024")[0].id
            session_id = repo.find_sessions(session, event_id, "Race")[0].id
        data = session_laps(database, session_id, "country:CAN")
    finally:
        database.close()
    assert data is not None
    return data


def synthetic_field(cars: int = 60, laps: int = 800) -> list[CarLaps]:
    """60 cars x 800 laps of one class, lap times scattered around 1:50 with pit laps."""
    chance = random.Random(16)
    field = []
    for car in range(cars):
        elapsed, points = 0, []
        for lap in range(1, laps + 1):
            time = 110_000 + chance.randint(0, 4_000) + (60_000 if lap % 40 == car % 40 else 0)
            elapsed += time
            points.append(LapPoint(lap, time, elapsed))
        field.append(CarLaps(str(car + 1), "GTD", tuple(points), focus=car % 10 == 0))
    return field


def _chart(qtbot, kind: ChartKind):
    plot = new_plot()
    plot.resize(1000, 500)
    qtbot.addWidget(plot)
    compute = {
        ChartKind.POSITIONS: lap_charts.positions,
        ChartKind.GAPS: lap_charts.gaps_to_leader,
        ChartKind.LAP_TIMES: lap_charts.lap_times,
    }[kind]

    def chart(cars: list[CarLaps]) -> int:
        lines = compute(cars)
        draw(plot, kind, lines, "benchmark")
        return plot.grab().width()

    return chart


def test_empty_plot_anchor(benchmark: BenchmarkFixture, qtbot) -> None:
    chart = _chart(qtbot, ChartKind.POSITIONS)
    assert benchmark.pedantic(chart, args=([],), rounds=10, warmup_rounds=1) == 1000


@pytest.mark.parametrize("kind", list(ChartKind))
def test_sebring_race_all_classes(
    benchmark: BenchmarkFixture, qtbot, sebring_race: SessionLaps, kind: ChartKind
) -> None:
    """Every car of the 12-hour race (56 cars, 16 800 laps) on one chart."""
    chart = _chart(qtbot, kind)
    cars = sebring_race.of_class("")
    assert benchmark.pedantic(chart, args=(cars,), rounds=5, warmup_rounds=1) == 1000


@pytest.mark.parametrize("kind", list(ChartKind))
def test_sixty_cars_eight_hundred_laps(benchmark: BenchmarkFixture, qtbot, kind: ChartKind) -> None:
    chart = _chart(qtbot, kind)
    cars = synthetic_field()
    assert benchmark.pedantic(chart, args=(cars,), rounds=5, warmup_rounds=1) == 1000


def test_reading_the_sebring_race_laps(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """What selecting the race costs before drawing: the laps read from the file."""
    folder = tmp_path / "race"
    folder.mkdir()
    for path in SEBRING.glob("202403160940-race-*.csv"):
        shutil.copy(path, folder)
    database = open_database(folder / "race.sqlite3")
    try:
        choices = Choices("Sebring 2024", series="IWSC", time_zone="America/New_York")
        apply_weekend(Editor(database), plan_weekend(database, read_batch([folder]), choices))
        with database.read() as session:
            event_id = repo.find_events(session, "Sebring 2024")[0].id
            session_id = repo.find_sessions(session, event_id, "Race")[0].id
        data = benchmark.pedantic(
            session_laps, args=(database, session_id, "country:CAN"), rounds=5, warmup_rounds=1
        )
    finally:
        database.close()
    assert data is not None and len(data.cars) > 50
