"""Chart data from the real Sebring laps, checked against the files read with plain csv."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from weekend_support import csv_rows, file_of, ms

from desktop_app.domain import lap_charts as charts
from desktop_app.domain.sessions import SessionKind
from desktop_app.services.charts import SessionLaps, session_laps
from desktop_app.storage.database import open_database
from desktop_app.storage.models import RaceSession


def _laps_of(path: Path, session_name: str, focus: str = "") -> SessionLaps:
    database = open_database(path)
    try:
        with database.read() as session:
            found = [s.id for s in session.query(RaceSession) if s.name == session_name]
        data = session_laps(database, found[0], focus)
    finally:
        database.close()
    assert data is not None
    return data


def _race_lap_rows(class_code: str) -> dict[str, dict[int, int]]:
    """Car -> lap -> elapsed ms, from the lap chart, for one class."""
    crossed: dict[str, dict[int, int]] = defaultdict(dict)
    for row in csv_rows(file_of("Race", "laps")):
        if row["CLASS"] == class_code:
            elapsed = ms(row["ELAPSED"])
            assert elapsed is not None
            crossed[row["NUMBER"]][int(row["LAP_NUMBER"])] = elapsed
    return crossed


def _finish_in_class(class_code: str) -> list[str]:
    """The official order of a class, from the results file."""
    rows = [r for r in csv_rows(file_of("Race", "results")) if r["CLASS"] == class_code]
    rows.sort(key=lambda r: int(r["POSITION"]))
    return [r["NUMBER"] for r in rows if int(r["LAPS"] or 0) > 0]


@pytest.mark.parametrize("class_code", ["GTP", "GTD"])
def test_last_lap_positions_are_the_official_class_finish(sebring_db: Path, class_code: str):
    """Most laps first, then the position on the car's own last lap: the official order."""
    data = _laps_of(sebring_db, "Race")
    assert data.kind is SessionKind.RACE
    lines = {line.car: line for line in charts.positions(data.of_class(class_code))}
    finish = _finish_in_class(class_code)
    assert sorted(lines) == sorted(finish)
    order = {car: (-line.xs[-1], line.ys[-1]) for car, line in lines.items()}
    assert sorted(finish, key=order.__getitem__) == finish


def test_positions_and_gaps_on_lap_100_match_the_lap_chart(sebring_db: Path):
    """Lap 100 of the GTP race: the order and gaps the csv's ELAPSED column gives."""
    crossed = _race_lap_rows("GTP")
    order = sorted((laps[100], car) for car, laps in crossed.items() if 100 in laps)
    data = _laps_of(sebring_db, "Race").of_class("GTP")
    positions = {
        line.car: dict(zip(line.xs, line.ys, strict=True)) for line in charts.positions(data)
    }
    gaps = {
        line.car: dict(zip(line.xs, line.ys, strict=True)) for line in charts.gaps_to_leader(data)
    }
    for place, (elapsed, car) in enumerate(order, start=1):
        assert positions[car][100] == place
        assert gaps[car][100] == pytest.approx((elapsed - order[0][0]) / 1000)
    assert gaps[order[0][1]][100] == 0


def test_qualifying_lap_times_mark_each_cars_best_lap(sebring_db: Path):
    data = _laps_of(sebring_db, "Qualifying")
    best: dict[str, tuple[int, int]] = {}
    for row in csv_rows(file_of("Qualifying", "laps")):
        time = ms(row["LAP_TIME"])
        if time:
            lap = (time, int(row["LAP_NUMBER"]))
            best[row["NUMBER"]] = min(best.get(row["NUMBER"], lap), lap)
    lines = charts.lap_times(data.cars)
    assert {line.car for line in lines} == set(best)
    for line in lines:
        time, lap = best[line.car]
        assert line.best == (lap, time / 1000)
    window = charts.lap_time_window(lines)
    assert window is not None
    assert window[0] < min(t for t, _ in best.values()) / 1000 < window[1]


def test_focus_rule_highlights_the_cars_of_followed_drivers(sebring_db: Path):
    """country:CAN picks exactly the race cars with a Canadian in the results file."""
    canadian = {
        row["NUMBER"]
        for row in csv_rows(file_of("Race", "results"))
        if any(row.get(f"DRIVER{seat}_COUNTRY") == "CAN" for seat in range(1, 7))
    }
    assert canadian  # the race has Canadians, or the test could not fail
    data = _laps_of(sebring_db, "Race", "country:CAN")
    assert {car.car for car in data.cars if car.focus} == canadian
    assert not any(car.focus for car in _laps_of(sebring_db, "Race").cars)


def test_a_car_without_elapsed_times_sums_its_lap_times():
    car = charts.CarLaps("7", "GTD", (charts.LapPoint(1, 100_000), charts.LapPoint(2, 95_000)))
    other = charts.CarLaps("8", "GTD", (charts.LapPoint(1, 99_000), charts.LapPoint(2, 97_000)))
    lines = {line.car: line for line in charts.positions([car, other])}
    assert lines["7"].ys == [2.0, 1.0]
    gaps = {line.car: line for line in charts.gaps_to_leader([car, other])}
    assert gaps["8"].ys == [0.0, 1.0]
