"""The Sebring 2024 weekend folder in one import: every session's results, laps, crews
and weather exactly as its files say (checked against a plain ``csv`` parse)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from weekend_support import SESSIONS, crew_names, csv_rows, file_of, ms

from desktop_app.storage.repository import normalise_name


def query(path: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, args).fetchall()


def session_id(path: Path, name: str) -> int:
    ((found,),) = query(path, "SELECT id FROM sessions WHERE name = ?", name)
    return int(found)


def test_each_file_went_to_its_own_session_with_its_start(sebring_db: Path) -> None:
    rows = query(
        sebring_db,
        "SELECT s.name, s.kind, s.starts_at, s.result_state, e.start_date, e.end_date, "
        "e.time_zone FROM sessions s JOIN events e ON e.id = s.event_id ORDER BY s.sort_order",
    )
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("Practice 1", "practice", "provisional"),
        ("Practice 2", "practice", "provisional"),
        ("Practice 3", "practice", "provisional"),
        ("Qualifying", "qualifying", "provisional"),
        ("Race", "race", "provisional"),
    ]
    # 10:05 at Sebring (EDT, UTC-4) from the file name's stamp
    assert rows[0][2].startswith("2024-03-14 14:05:00")
    assert rows[4][2].startswith("2024-03-16 13:40:00")
    assert rows[0][4:] == ("2024-03-14", "2024-03-16", "America/New_York")


@pytest.mark.parametrize("name", list(SESSIONS))
def test_results_are_the_files_in_order(sebring_db: Path, name: str) -> None:
    expected = csv_rows(file_of(name, "results"))
    saved = query(
        sebring_db,
        "SELECT e.car_number, r.laps, r.best_lap_ms, r.position FROM results r "
        "JOIN entries e ON e.id = r.entry_id WHERE r.session_id = ? ORDER BY r.sort_order",
        session_id(sebring_db, name),
    )
    time_column = "FL_TIME" if name == "Race" else "TIME"
    assert [row[0] for row in saved] == [row["NUMBER"] for row in expected]
    assert [row[1] for row in saved] == [int(row["LAPS"]) for row in expected]
    best_in_laps: dict[str, int] = {}
    for lap in csv_rows(file_of(name, "laps")):
        if ms(lap["LAP_TIME"]) is not None:
            best = best_in_laps.get(lap["NUMBER"], ms(lap["LAP_TIME"]))
            best_in_laps[lap["NUMBER"]] = min(best, ms(lap["LAP_TIME"]))
    # the results file's best lap; where it has none, the lap chart's fills the gap
    assert [row[2] for row in saved] == [
        ms(row[time_column]) or best_in_laps.get(row["NUMBER"]) for row in expected
    ]


@pytest.mark.parametrize("name", list(SESSIONS))
def test_crews_are_each_sessions_own_drivers_in_seat_order(sebring_db: Path, name: str) -> None:
    expected = {row["NUMBER"]: crew_names(row) for row in csv_rows(file_of(name, "results"))}
    saved: dict[str, list[str]] = {}
    for number, first, last in query(
        sebring_db,
        "SELECT e.car_number, d.first_name, d.last_name FROM session_crews c "
        "JOIN entries e ON e.id = c.entry_id JOIN drivers d ON d.id = c.driver_id "
        "WHERE c.session_id = ? ORDER BY e.id, c.seat",
        session_id(sebring_db, name),
    ):
        saved.setdefault(number, []).append(normalise_name(f"{first} {last}"))
    assert saved == {
        number: [normalise_name(n) for n in names] for number, names in expected.items() if names
    }


def test_entry_list_holds_every_driver_of_the_weekend_in_first_seen_order(
    sebring_db: Path,
) -> None:
    union: dict[str, list[str]] = {}
    for name in SESSIONS:
        for row in csv_rows(file_of(name, "results")):
            seats = union.setdefault(row["NUMBER"], [])
            seats.extend(n for n in map(normalise_name, crew_names(row)) if n not in seats)
    saved: dict[str, list[str]] = {}
    for number, first, last in query(
        sebring_db,
        "SELECT e.car_number, d.first_name, d.last_name FROM entry_drivers s "
        "JOIN entries e ON e.id = s.entry_id JOIN drivers d ON d.id = s.driver_id "
        "ORDER BY e.id, s.seat",
    ):
        saved.setdefault(number, []).append(normalise_name(f"{first} {last}"))
    assert saved == union and len(saved) == 58


@pytest.mark.parametrize("name", list(SESSIONS))
def test_every_lap_is_stored(sebring_db: Path, name: str) -> None:
    expected = csv_rows(file_of(name, "laps"))
    saved = query(
        sebring_db,
        "SELECT e.car_number, COUNT(*) FROM laps l JOIN entries e ON e.id = l.entry_id "
        "WHERE l.session_id = ? GROUP BY e.car_number",
        session_id(sebring_db, name),
    )
    assert dict(saved) == dict(Counter(row["NUMBER"] for row in expected))


def test_race_laps_keep_time_driver_flag_pit_and_time_of_day(sebring_db: Path) -> None:
    expected = csv_rows(file_of("Race", "laps"))
    saved = {
        (row[0], row[1]): row[2:]
        for row in query(
            sebring_db,
            "SELECT e.car_number, l.lap_number, l.time_ms, d.first_name || ' ' || d.last_name, "
            "l.flag, l.pit_in, l.pit_time_ms, l.time_of_day_ms, l.s1_ms, l.kph "
            "FROM laps l JOIN entries e ON e.id = l.entry_id LEFT JOIN drivers d "
            "ON d.id = l.driver_id WHERE l.session_id = ?",
            session_id(sebring_db, "Race"),
        )
    }
    flags = Counter(row[2] for row in saved.values())
    assert flags == Counter(row["FLAG_AT_FL"] for row in expected)
    for row in expected[::397]:
        time_ms, driver, flag, pit_in, pit_ms, hour_ms, s1_ms, kph = saved[
            (row["NUMBER"], int(row["LAP_NUMBER"]))
        ]
        assert time_ms == ms(row["LAP_TIME"])
        assert normalise_name(driver) == normalise_name(row["DRIVER_NAME"])
        assert (flag, bool(pit_in)) == (
            row["FLAG_AT_FL"],
            row["CROSSING_FINISH_LINE_IN_PIT"] == "B",
        )
        assert (pit_ms, hour_ms, s1_ms) == (ms(row["PIT_TIME"]), ms(row["HOUR"]), ms(row["S1"]))
        assert kph == pytest.approx(float(row["KPH"]))


def test_weather_is_stored_in_metric_units(sebring_db: Path) -> None:
    for name in SESSIONS:
        expected = csv_rows(file_of(name, "weather"))
        readings = query(
            sebring_db,
            "SELECT air_temp_c, track_temp_c, pressure_hpa, wind_speed_kph, rain "
            "FROM weather_samples WHERE session_id = ? ORDER BY at",
            session_id(sebring_db, name),
        )
        assert len(readings) == len(expected)
        first = expected[0]
        air, track, pressure, wind, rain = readings[0]
        assert air == pytest.approx((float(first["AIR_TEMP"]) - 32) * 5 / 9, abs=0.051)
        assert track == pytest.approx((float(first["TRACK_TEMP"]) - 32) * 5 / 9, abs=0.051)
        assert pressure == pytest.approx(float(first["PRESSURE"]) * 33.8639, abs=0.051)
        assert wind == pytest.approx(float(first["WIND_SPEED"]) * 1.609344, abs=0.051)
        assert rain is None  # RAIN -1: the station does not know


def test_classes_are_spelled_and_ordered_as_the_catalogue_has_them(sebring_db: Path) -> None:
    """The files print ``GTDPRO``; articles write ``GTD PRO``, and later files still match."""
    classes = query(sebring_db, "SELECT code, name FROM classes ORDER BY sort_order")
    assert classes == [("GTP", "GTP"), ("LMP2", "LMP2"), ("GTD PRO", "GTD Pro"), ("GTD", "GTD")]
    pfaff = query(
        sebring_db,
        "SELECT DISTINCT c.code FROM entries e JOIN classes c ON c.id = e.class_id "
        "WHERE e.car_number = '9'",
    )
    assert pfaff == [("GTD PRO",)]
