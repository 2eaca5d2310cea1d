"""Generated Al Kamel files in the real layouts, for import benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

CLASSES = ("GTP", "LMP2", "GTDPRO", "GTD")
RACE_HEADER = (
    "POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;GAP_FIRST;GAP_PREVIOUS;FL_LAPNUM;FL_TIME;FL_KPH;"
    "TEAM;CLASS;GROUP;DIVISION;VEHICLE;TIRES;"
    + "".join(
        f"DRIVER{n}_FIRSTNAME;DRIVER{n}_SECONDNAME;DRIVER{n}_LICENSE;DRIVER{n}_HOMETOWN;"
        f"DRIVER{n}_COUNTRY;"
        for n in range(1, 7)
    )
)
LAP_HEADER = (
    "NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT;"
    " S1; S1_IMPROVEMENT; S2; S2_IMPROVEMENT; S3; S3_IMPROVEMENT; KPH; ELAPSED; HOUR;"
    " TOP_SPEED; DRIVER_NAME; PIT_TIME; CLASS; GROUP; TEAM; MANUFACTURER; FLAG_AT_FL;"
)


def clock(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    return f"{hours}:{mins:02}:{secs:02}.{millis:03}" if hours else f"{mins}:{secs:02}.{millis:03}"


def race_file(path: Path, cars: int = 60) -> Path:
    """A 6-hour race result of ``cars`` cars, 2-4 drivers each, as Al Kamel publishes it."""
    rng = random.Random(60)
    lines = [RACE_HEADER]
    total = 6 * 3_600_000
    for index in range(cars):
        laps = 180 - index // 3
        total += rng.randint(1_000, 60_000)
        drivers = "".join(
            f"First{index}x{n};SURNAME{index}X{n};Gold;City {n}, ST;USA;"
            for n in range(1, rng.randint(2, 4) + 1)
        )
        lines.append(
            f"{index + 1};{index + 2:02};Classified;{laps};{clock(total)};+{index}.123;+1.000;"
            f"{rng.randint(1, laps)};1:{35 + index // 10}.{rng.randint(100, 999)};180.1;"
            f"Team {index % 20};{CLASSES[index % 4]};;;Car {index % 7};M;{drivers}"
        )
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def lap_file(path: Path, cars: int = 60, laps: int = 700) -> Path:
    """Every lap of every car (``23_Analysis`` style): several MB."""
    rng = random.Random(23)
    lines = [LAP_HEADER]
    elapsed = dict.fromkeys(range(cars), 0)
    for lap in range(1, laps + 1):
        for car in range(cars):
            time_ms = 95_000 + rng.randint(0, 8_000)
            elapsed[car] += time_ms
            lines.append(
                f"{car + 1};1;{lap};{clock(time_ms)};0;;30.100;0;35.200;0;29.700;0;181.2;"
                f"{clock(elapsed[car])};12:00:00.000;290.1;Driver CAR{car};;"
                f"{CLASSES[car % 4]};;Team {car % 20};Maker;GF;"
            )
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path
