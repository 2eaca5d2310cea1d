"""Build a large, realistic RaceDesk database quickly, for benchmarks.

A reporter's file after ten years: 10 seasons x 12 events x 10 sessions x 60 cars is
about 72,000 results. The schema comes from ``open_database`` (so it is exactly what the
app makes); the rows are written with SQLAlchemy Core ``executemany`` inserts in one
transaction, which takes seconds instead of the minutes the ORM would need.

Usage: ``build_database(tmp / "big.sqlite3")`` or
``python -m tests.benchmarks.generator big.sqlite3``.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert

from desktop_app.domain.classification import Status
from desktop_app.domain.sessions import ResultState, SessionKind
from desktop_app.storage.database import open_database
from desktop_app.storage.models import (
    Driver,
    Entry,
    EntryDriver,
    Event,
    RaceClass,
    RaceSession,
    Result,
    Series,
    Tag,
    Team,
    driver_tags,
)

FIRST = [
    "Alex", "Ben", "Chloe", "Dane", "Elio", "Felipe", "Gina", "Hugo", "Ines", "Jack",
    "Kamui", "Laura", "Marco", "Nico", "Olga", "Pipo", "Quinn", "Renger", "Sebastien",
    "Tatiana", "Ulysse", "Victor", "Wyatt", "Xavier", "Yifei", "Zoe", "Mikael", "Parker",
]  # fmt: skip
LAST = [
    "Aitken", "Blomqvist", "Castroneves", "Derani", "Estre", "Frijns", "Garcia", "Hanley",
    "Imperatori", "Jarvis", "Kirkwood", "Lietz", "Montour", "Nasr", "Olsen", "Pilet",
    "Quaife", "Rockenfeller", "Sims", "Taylor", "Usher", "Vanthoor", "Wickens", "Xu",
    "Yount", "Zilisch", "Bamber", "Conway", "Dumas", "Eng", "Fraga", "Gounon", "Bourdais",
]  # fmt: skip
TEAMS = [
    "Porsche Penske Motorsport",
    "Wayne Taylor Racing",
    "Cadillac Racing",
    "BMW M Team RLL",
    "Acura Meyer Shank Racing",
    "Tower Motorsports",
    "Era Motorsport",
    "AO Racing",
    "Paul Miller Racing",
    "Heart of Racing Team",
    "Vasser Sullivan",
    "Pfaff Motorsports",
    "Wright Motorsports",
    "Turner Motorsport",
    "Korthoff Preston Motorsports",
    "Gradient Racing",
    "Andretti Global",
    "Crowdstrike Racing by APR",
    "Riley Motorsports",
    "Inception Racing",
]
CLASSES = [  # code, name, cars per 60-car grid, vehicle, best lap around (ms)
    ("GTP", "GTP", 10, "Porsche 963", 95_000),
    ("LMP2", "LMP2", 12, "Oreca 07", 99_000),
    ("GTD PRO", "GTD Pro", 14, "Ford Mustang GT3", 104_000),
    ("GTD", "GTD", 24, "BMW M4 GT3", 105_000),
]
CIRCUITS = [
    "Daytona International Speedway",
    "Sebring International Raceway",
    "Long Beach",
    "Laguna Seca",
    "Mid-Ohio",
    "Detroit",
    "Watkins Glen",
    "Canadian Tire Motorsport Park",
    "Road America",
    "VIRginia International Raceway",
    "Indianapolis",
    "Road Atlanta",
]
SESSIONS = [
    (SessionKind.PRACTICE, "Practice 1"),
    (SessionKind.PRACTICE, "Practice 2"),
    (SessionKind.PRACTICE, "Practice 3"),
    (SessionKind.PRACTICE, "Practice 4"),
    (SessionKind.QUALIFYING, "Qualifying GTP"),
    (SessionKind.QUALIFYING, "Qualifying LMP2"),
    (SessionKind.QUALIFYING, "Qualifying GTD"),
    (SessionKind.WARM_UP, "Warm-up"),
    (SessionKind.RACE, "Race"),
    (SessionKind.RACE, "Race (official)"),
]
DRIVERS = 400


@dataclass
class _Rows:
    """Every table's rows, built in memory, then written in one transaction."""

    tables: dict[Any, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: Any, row: dict[str, Any]) -> int:
        """Append ``row``; tables with an ``id`` column get the next id, which is returned."""
        rows = self.tables.setdefault(table, [])
        rows.append(row)
        if "id" not in table.c:
            return 0
        row["id"] = len(rows)
        return len(rows)


def build_database(
    path: Path, *, seasons: int = 10, events: int = 12, sessions: int = 10, cars: int = 60
) -> Path:
    """Create (or replace) ``path`` holding ``seasons*events*sessions*cars`` results."""
    path.unlink(missing_ok=True)
    database = open_database(path)
    try:
        rows = _build_rows(seasons, events, sessions, cars, random.Random(2024))
        with database.engine.begin() as connection:
            _write(connection, rows)
    finally:
        database.close()
    return path


def _build_rows(seasons: int, events: int, sessions: int, cars: int, rnd: random.Random) -> _Rows:
    rows = _Rows()
    series_id = rows.add(Series.__table__, {"code": "IWSC", "name": "IMSA WeatherTech"})
    class_ids = [
        rows.add(
            RaceClass.__table__, {"series_id": series_id, "code": c, "name": n, "sort_order": i}
        )
        for i, (c, n, *_rest) in enumerate(CLASSES)
    ]
    tag_id = rows.add(Tag.__table__, {"name": "Canadian"})
    for number in range(DRIVERS):
        driver = rows.add(Driver.__table__, _driver(number, rnd))
        if number % 15 == 0:
            rows.add(driver_tags, {"driver_id": driver, "tag_id": tag_id})
    for name in TEAMS:
        rows.add(Team.__table__, {"name": name})
    grid = list(_grid(cars))
    for season in range(seasons):
        for round_ in range(events):
            _event(rows, rnd, 2015 + season, round_, series_id, class_ids, grid, sessions)
    return rows


def _driver(number: int, rnd: random.Random) -> dict[str, Any]:
    """Distinct first/last name pairs (33 x 28 > 400), so name search behaves as in life."""
    return {
        "first_name": FIRST[(number // len(LAST)) % len(FIRST)],
        "last_name": LAST[number % len(LAST)],
        "display_name": "",
        "country": rnd.choice(["CAN", "USA", "GBR", "DEU", "FRA", "BRA"]),
        "hometown_city": "",
        "hometown_region": "",
    }


def _grid(cars: int) -> Iterator[tuple[int, str]]:
    """(class index, car number) for every car of an event, classes in proportion."""
    total = sum(item[2] for item in CLASSES)
    number = 1
    for index, item in enumerate(CLASSES):
        for _ in range(max(1, round(cars * item[2] / total))):
            yield index, str(number)
            number += 1


def _event(
    rows: _Rows,
    rnd: random.Random,
    year: int,
    round_: int,
    series_id: int,
    class_ids: list[int],
    grid: list[tuple[int, str]],
    sessions: int,
) -> None:
    day = dt.date(year, 1 + round_ % 12, 10 + round_ % 15)
    event_id = rows.add(
        Event.__table__,
        {
            "name": f"{CIRCUITS[round_ % len(CIRCUITS)].split()[0]} {year}",
            "circuit": CIRCUITS[round_ % len(CIRCUITS)],
            "start_date": day,
            "end_date": day + dt.timedelta(days=2),
            "time_zone": "America/New_York",
        },
    )
    entries = []
    for class_index, number in grid:
        entry_id = rows.add(
            Entry.__table__,
            {
                "event_id": event_id,
                "series_id": series_id,
                "class_id": class_ids[class_index],
                "car_number": number,
                "team_id": rnd.randint(1, len(TEAMS)),
                "vehicle": CLASSES[class_index][3],
            },
        )
        for seat, driver in enumerate(rnd.sample(range(1, DRIVERS + 1), 2), start=1):
            rows.add(
                EntryDriver.__table__, {"entry_id": entry_id, "driver_id": driver, "seat": seat}
            )
        entries.append((entry_id, class_index))
    for order in range(sessions):
        kind, name = SESSIONS[order % len(SESSIONS)]
        starts = dt.datetime(day.year, day.month, day.day, 14, tzinfo=dt.UTC)
        session_id = rows.add(
            RaceSession.__table__,
            {
                "event_id": event_id,
                "series_id": series_id,
                "kind": kind,
                "name": name,
                "starts_at": starts + dt.timedelta(hours=order * 3),
                "ends_at": None,
                "result_state": ResultState.OFFICIAL,
                "notes": "",
                "sort_order": order + 1,
            },
        )
        _results(rows, rnd, session_id, entries, kind)


def _results(
    rows: _Rows,
    rnd: random.Random,
    session_id: int,
    entries: list[tuple[int, int]],
    kind: SessionKind,
) -> None:
    laps = {SessionKind.RACE: 80}.get(kind, 25)
    timed = sorted(
        ((CLASSES[c][4] + rnd.randint(0, 4_000), entry, c) for entry, c in entries),
        key=lambda item: item[0],
    )
    class_counts = [0] * len(CLASSES)
    best = timed[0][0]
    for position, (lap_ms, entry_id, class_index) in enumerate(timed, start=1):
        class_counts[class_index] += 1
        status = (
            Status.DNF
            if position > len(timed) - 2 and kind is SessionKind.RACE
            else Status.CLASSIFIED
        )
        rows.add(
            Result.__table__,
            {
                "session_id": session_id,
                "entry_id": entry_id,
                "sort_order": position,
                "status": status,
                "position": position,
                "class_position": class_counts[class_index],
                "official_position": position,
                "official_class_position": class_counts[class_index],
                "laps": laps,
                "total_time_ms": lap_ms * laps,
                "gap_first_ms": (lap_ms - best) * laps,
                "gap_first_laps": None,
                "gap_previous_ms": None,
                "gap_previous_laps": None,
                "best_lap_ms": lap_ms,
                "best_lap_number": rnd.randint(2, laps),
                "grid_position": position,
                "qualifying_driver_id": None,
                "note": "",
            },
        )


def _write(connection: Connection, rows: _Rows) -> None:
    for table, items in rows.tables.items():
        connection.execute(insert(table), items)


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "racedesk-big.sqlite3")
    build_database(target)
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
