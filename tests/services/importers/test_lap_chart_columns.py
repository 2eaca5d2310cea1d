"""Lap charts read column by column give exactly the laps of the row-by-row read.

Every lap chart of the samples, and damaged or unusual copies of one, is read both ways
(``read_laps_by_column`` patched off for the row read) and the laps, skipped rows and
refusals must be identical. The clock-time arithmetic is checked against
``lap_cells.time_ms`` value by value.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.services.importers import lap_bulk, lapchart
from desktop_app.services.importers.csv_reader import parse_table, parse_text
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.lap_cells import LapColumns, time_ms

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "timing"
LAP_CHARTS = sorted(FIXTURES.rglob("*-laps.csv"))
RACE = FIXTURES / "imsa_wtsc_2024_sebring_weekend" / "202403160940-race-laps.csv"


def _outcome(read: Callable[[], object]) -> object:
    try:
        return read()
    except TimingImportError as error:
        return f"{error} {[str(problem) for problem in error.problems]}"


def both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    table = parse_text(text, "laps.csv")
    by_column = _outcome(lambda: lapchart.read_laps(table))
    with monkeypatch.context() as patched:
        patched.setattr(lapchart, "read_laps_by_column", lambda *_args: None)
        by_row = _outcome(lambda: lapchart.read_laps(table))
    return by_column, by_row


@pytest.mark.parametrize("path", LAP_CHARTS, ids=lambda path: path.name)
def test_every_sample_lap_chart_reads_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = parse_table(path.read_bytes(), path.name)
    columns = LapColumns(table, lapchart.LAP_NUMBER, lapchart.LAP_TIME)
    laps = lap_bulk.read_laps_by_column(table, columns)
    assert laps is not None, "the sample takes the column read"
    with monkeypatch.context() as patched:
        patched.setattr(lapchart, "read_laps_by_column", lambda *_args: None)
        assert lapchart.read_laps(table) == (laps, [])


def _race_text() -> str:
    return RACE.read_text(encoding="utf-8-sig")


def _edited(row: int, column: str, value: str) -> str:
    """The race lap chart with one cell replaced (``row`` counts data lines from 0)."""
    lines = _race_text().splitlines()
    headers = [name.strip() for name in lines[0].split(",")]
    cells = lines[row + 1].split(",")
    cells[headers.index(column)] = value
    lines[row + 1] = ",".join(cells)
    return "\n".join(lines[:400]) + "\n"


EDITS = {
    "bad lap time": (3, "LAP_TIME", "1:5x.401"),
    "lap time with apostrophe": (5, "LAP_TIME", "1'54.401"),
    "long lap time": (7, "LAP_TIME", "100:01.000"),
    "bare seconds over a minute": (9, "S1", "75.123"),
    "blank sector": (11, "S2", ""),
    "no car number": (13, "NUMBER", ""),
    "car number with hash": (15, "NUMBER", "#7"),
    "bad lap number": (17, "LAP_NUMBER", "x"),
    "lap number with dot": (19, "LAP_NUMBER", "12."),
    "bad speed": (21, "KPH", "fast"),
    "pit in": (23, "CROSSING_FINISH_LINE_IN_PIT", "B"),
    "pit time": (25, "PIT_TIME", "1:02.5"),
    "odd flag": (27, "FLAG_AT_FL", " fcy "),
    "bad hour": (29, "HOUR", "25:61:00.000"),
    "dash driver number": (31, "DRIVER_NUMBER", "-"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_unusual_cells_read_alike(
    edit: tuple[int, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    by_column, by_row = both_ways(_edited(*edit), monkeypatch)
    assert by_column == by_row


def test_a_bad_cell_is_named_with_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    by_column, _ = both_ways(_edited(3, "LAP_TIME", "1:5x.401"), monkeypatch)
    assert isinstance(by_column, str) and "row 5" in by_column and "1:5x.401" in by_column


def test_clock_times_by_column_are_time_ms_value_by_value() -> None:
    pick = random.Random(13)
    texts = [f"{pick.randrange(100)}.{pick.randrange(1000):03}" for _ in range(300)] + [
        f"{pick.randrange(100)}:{pick.randrange(60):02}.{pick.randrange(1000):03}"
        for _ in range(300)
    ]
    texts += [
        f"{pick.randrange(10000)}:{pick.randrange(60):02}:{pick.randrange(60):02}.{pick.randrange(1000):03}"
        for _ in range(300)
    ]
    texts += ["0.000", "99:59.999", "09:43:03.336", "1:54.401", "9999:59:59.999", "", ""]
    assert lap_bulk.usual_times(texts) == [time_ms(text) for text in texts]


@pytest.mark.parametrize(
    "texts",
    [
        ["11.702", "", "9.001", "99.999", "0.000"],  # seconds only: no arithmetic
        ["1:54.401", "", "59.999", "99:59.999", "0:00.001"],  # minutes, no hours
        ["09:43:03.336", "1:54.401", "", "0.000"],  # hours among the rest
    ],
    ids=["seconds", "minutes", "hours"],
)
def test_each_columns_forms_get_the_arithmetic_they_need(texts: list[str]) -> None:
    assert lap_bulk.usual_times(texts) == [time_ms(text) for text in texts]
    assert lap_bulk.usual_times(texts[::-1]) == [time_ms(text) for text in texts[::-1]]


def test_a_column_of_blank_times_is_none_throughout() -> None:
    assert lap_bulk.usual_times(["", ""]) == [None, None]


@pytest.mark.parametrize(
    "odd",
    [
        "-",
        "100:00.000",
        "60.5",
        "1:60.000",
        "1:54.4011",
        " 1:54.401",
        "\uff11:54.401",
        "1:54.401\n1:55.000",
    ],
)
def test_other_times_are_left_to_time_ms(odd: str) -> None:
    assert lap_bulk.usual_times(["1:54.401", odd]) is None


class _Names:
    """Stands in for the session's driver names: an id from the car and the name."""

    def find(self, entry_id: int, name: str) -> int | None:
        return None if not name else entry_id * 1000 + len(name)


def test_saved_lap_values_are_each_laps_own() -> None:
    """The usual lap chart's insert rows, put back in LAP_FIELDS order, are the row-by-row
    values: the car's entry, the lap's number and time, its driver, then the rest."""
    from desktop_app.services.editing_weekend import LAP_FIELDS
    from desktop_app.services.importers import apply_laps

    laps, _skipped = lapchart.read_laps(parse_table(RACE.read_bytes(), RACE.name))
    entries: dict[str | None, int] = {
        car: n for n, car in enumerate(sorted({lap[1] for lap in laps}), 1)
    }
    rows, skipped, fields = apply_laps._lap_rows(laps, entries, _Names(), int)  # type: ignore[arg-type]
    assert fields != LAP_FIELDS and sorted(fields) == sorted(LAP_FIELDS) and not skipped
    pits = [row[fields.index("pit_in")] for row in rows]  # as SQLite binds them fastest
    assert {type(pit) for pit in pits} == {int} and pits == [lap.pit_in for lap in laps]
    assert 0 < sum(pits) < len(pits)
    order = [fields.index(name) for name in LAP_FIELDS]
    expected = [
        (entries[lap[1]], lap[2], lap[3], _Names().find(entries[lap[1]], lap[4]), *lap[5:])
        for lap in laps
    ]
    assert [tuple(row[at] for at in order) for row in rows] == expected

    del entries[laps[0][1]]  # a car missing from the entry list: the row-by-row path
    rows, skipped, fields = apply_laps._lap_rows(laps, entries, _Names(), int)  # type: ignore[arg-type]
    assert (
        fields == LAP_FIELDS
        and skipped
        and rows == [row for row in expected if row[0] in entries.values()]
    )
