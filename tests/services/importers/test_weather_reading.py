"""A weather file read column by column: every reading as the file says it, in metric,
and every unreadable cell named with its line (nothing read from a bad file)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from desktop_app.services.importers.csv_reader import parse_text, read_table
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.weather import read_weather

SEBRING = (
    Path(__file__).resolve().parents[2] / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
)
HEADER = "TIME_UTC_SECONDS;AIR_TEMP;TRACK_TEMP;HUMIDITY;PRESSURE;WIND_SPEED;WIND_DIRECTION;RAIN\n"


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def test_every_reading_of_the_race_file_is_the_files_own_in_metric() -> None:
    path = SEBRING / "202403160940-race-weather.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    readings = read_weather(read_table(path))
    assert len(readings) == len(rows) > 600
    for reading, row in zip(readings, rows, strict=True):
        assert reading.at == dt.datetime.fromtimestamp(int(row["TIME_UTC_SECONDS"]), dt.UTC)
        assert reading.air_temp_c == round((float(row["AIR_TEMP"]) - 32) * 5 / 9, 1)
        assert reading.track_temp_c == round((float(row["TRACK_TEMP"]) - 32) * 5 / 9, 1)
        assert reading.humidity_pct == round(float(row["HUMIDITY"]), 1)
        assert reading.pressure_hpa == round(float(row["PRESSURE"]) * 33.8639, 1)
        assert reading.wind_speed_kph == round(float(row["WIND_SPEED"]) * 1.609344, 1)
        assert reading.wind_direction_deg == round(float(row["WIND_DIRECTION"])) % 360
        assert reading.rain is None  # RAIN -1: the station does not know


def test_metric_readings_and_absent_columns() -> None:
    text = "TIME_UTC_SECONDS;AIR_TEMP;RAIN\n1710596481;28.04;1\n1710596541;;0\n1710596601;29;\n"
    readings = read_weather(parse_text(text, "w.csv"))
    assert [(r.air_temp_c, r.track_temp_c, r.rain) for r in readings] == [
        (28.0, None, True),
        (None, None, False),
        (29.0, None, None),
    ]
    assert readings[2].at == dt.datetime(2024, 3, 16, 13, 43, 21, tzinfo=dt.UTC)


def test_each_bad_row_is_named_with_its_first_bad_cell_and_nothing_is_read() -> None:
    text = HEADER + "\n".join(
        [
            "1710596481;82;90;85;29.9;1.2;286;-1",
            "1710596541;hot;90;85;29.9;1.2;nan;-1",  # two bad cells: the first is named
            ";82;90;85;29.9;1.2;286;-1",  # no time
            "1710596661;82;90;85;29.9;1.2;286;-1",
            "-5;82;90;85;29.9;1.2;286;-1",
            "1710596781;82;90;85;29.9;1.2;9e9;-1",
        ]
    )
    with pytest.raises(TimingImportError) as raised:
        read_weather(parse_text(text + "\n", "w.csv"))
    assert [str(problem) for problem in raised.value.problems] == [
        'row 3: AIR_TEMP: "hot" is not a number',
        "row 4: TIME_UTC_SECONDS is not a time RaceDesk can read",
        "row 6: TIME_UTC_SECONDS is not a time RaceDesk can read",
        'row 7: WIND_DIRECTION: "9e9" is not a reading RaceDesk can store',
    ]
