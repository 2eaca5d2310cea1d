"""Result rows as the grid shows them, what each column accepts, and row warnings."""

from __future__ import annotations

import pytest

from desktop_app.domain.classification import PenaltyKind, Status
from desktop_app.services import result_rows as rr
from desktop_app.services.editing import Editor
from desktop_app.services.importers import alkamel
from desktop_app.services.result_rows import (
    EntryInfo,
    FieldError,
    PenaltyLine,
    ResultRow,
)
from desktop_app.services.results.reading import read_session
from desktop_app.services.views.drivers import DriverView
from desktop_app.storage import repository as repo


def entry(number: str, class_code: str = "GTD", series_id: int = 1, entry_id: int = 0):
    drivers = (
        DriverView(1, "Parker", "Thompson", "Parker Thompson"),
        DriverView(2, "Ben", "Barnicoat", "Ben Barnicoat"),
    )
    return EntryInfo(
        entry_id or int(number or 0) + 100, number, series_id, class_code, "Team", "Car", drivers
    )


def row(number: str, class_code: str = "GTD", **fields) -> ResultRow:
    return ResultRow(result_id=1, entry=entry(number, class_code), **fields)


@pytest.mark.parametrize(
    ("parse", "text", "fields"),
    [
        (rr.parse_best_lap, "1:47.123", {"best_lap_ms": 107123}),
        (rr.parse_best_lap, "1'47,123", {"best_lap_ms": 107123}),
        (rr.parse_best_lap, "", {"best_lap_ms": None}),
        (rr.parse_total, "2:40:12.345", {"total_time_ms": 9612345}),
        (rr.parse_gap, "+0.150", {"gap_first_ms": 150, "gap_first_laps": None}),
        (rr.parse_gap, "2 Laps", {"gap_first_ms": None, "gap_first_laps": 2}),
        (rr.parse_gap, "-", {"gap_first_ms": None, "gap_first_laps": None}),
        (rr.parse_laps, "42", {"laps": 42}),
        (rr.parse_laps, "42 laps", {"laps": 42}),
        (rr.parse_laps, "", {"laps": None}),
        (rr.parse_status, "DNF", {"status": Status.DNF}),
        (rr.parse_status, "retired", {"status": Status.DNF}),
        (rr.parse_status, "nc", {"status": Status.NOT_CLASSIFIED}),
        (rr.parse_status, "", {"status": Status.CLASSIFIED}),
        (rr.parse_grid, "P3", {"grid_position": 3}),
    ],
)
def test_typed_text_becomes_edit_fields(parse, text: str, fields: dict) -> None:
    assert parse(text) == fields


@pytest.mark.parametrize(
    ("parse", "text", "reason"),
    [
        (rr.parse_best_lap, "1:77.123", "seconds must be below 60"),
        (rr.parse_best_lap, "fast", '"fast" is not a lap time'),
        (rr.parse_gap, "+abc", "is not a gap"),
        (rr.parse_laps, "many", '"many" is not a number of laps'),
        (rr.parse_status, "crashed", '"crashed" is not a result status'),
        (rr.parse_grid, "0", '"0" is not a grid position'),
    ],
)
def test_bad_text_is_refused_with_the_reason(parse, text: str, reason: str) -> None:
    with pytest.raises(FieldError, match=reason):
        parse(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("\u00b2", '"\u00b2" is not a number of laps'),  # a digit to isdigit(), not to int()
        ("1000001", "is more than any race has"),
        ("-3", '"-3" is not a number of laps'),
    ],
)
def test_a_typed_count_and_a_file_count_follow_one_rule(text: str, reason: str) -> None:
    """The grid refuses what an import refuses, with the same sentence."""
    with pytest.raises(FieldError, match=reason):
        rr.parse_laps(text)
    with pytest.raises(ValueError, match=reason.replace("a number of laps", "a whole number")):
        alkamel.parse_count(text)
    assert rr.parse_laps("212.") == {"laps": 212} and alkamel.parse_count("212.") == 212
    assert alkamel.parse_count("\u2013") is None and rr.parse_laps("\u2013") == {"laps": None}


def test_qualifying_driver_is_found_by_last_or_full_name_in_any_case() -> None:
    car = entry("12")
    assert rr.parse_qualifying_driver("thompson", car) == {"qualifying_driver_id": 1}
    assert rr.parse_qualifying_driver("BEN BARNICOAT", car) == {"qualifying_driver_id": 2}
    assert rr.parse_qualifying_driver(" ", car) == {"qualifying_driver_id": None}
    with pytest.raises(FieldError, match="not a driver of car #12 .Parker Thompson, Ben"):
        rr.parse_qualifying_driver("Hamilton", car)


def test_car_key_drops_hash_and_spaces_but_keeps_leading_zero() -> None:
    assert rr.car_key(" #12 ") == "12"
    assert rr.car_key("01") == "01"
    assert rr.car_key(None) == ""


def test_penalty_summary_and_official_change_arrows() -> None:
    penalised = row(
        "12",
        position=3,
        official_position=5,
        class_position=1,
        official_class_position=1,
        penalties=(
            PenaltyLine(PenaltyKind.TIME, amount_ms=5000, reason="Pit lane speeding"),
            PenaltyLine(PenaltyKind.POSITIONS, positions=1),
            PenaltyLine(PenaltyKind.DRIVE_THROUGH, post_session=False),
        ),
    )
    assert penalised.penalty_summary == (
        "+5.000 time: Pit lane speeding; -1 place; Drive-through (in session)"
    )
    assert penalised.official_change is not None
    assert penalised.official_change.arrow == "\u25bc2"
    assert penalised.official_class_change is not None
    assert penalised.official_class_change.arrow == ""
    assert row("7", position=4, official_position=3).official_change.arrow == "\u25b21"
    assert row("7", position=None, official_position=3).official_change is None


def test_warnings_name_duplicates_foreign_cars_and_stated_class_positions() -> None:
    rows = [
        row("12", "GTD", class_position=1),
        row("12", "GTD", class_position=2),
        ResultRow(2, entry("99", "GTD", series_id=2)),
        row("7", "GTP", class_position=2),
        row("8", "GTP", status=Status.DNS),
    ]
    warnings = [tuple(w.text for w in found) for found in rr.row_warnings(rows, series_id=1)]
    assert warnings[0] == ("Car #12 appears more than once.",)
    assert warnings[1] == ("Car #12 appears more than once.",)
    assert warnings[2] == ("Car #99 is not in this series' entry list.",)
    assert warnings[3] == (
        "Class position 2 disagrees with the order (P1 in class by this order).",
    )
    assert warnings[4] == ()
    assert [w.column for w in rr.row_warnings(rows, series_id=1)[3]] == ["pic"]
    assert [w.column for w in rr.row_warnings(rows, series_id=1)[2]] == ["number"]


def test_rows_from_the_demo_database_carry_entry_list_and_penalties(demo_editor: Editor) -> None:
    with demo_editor.database.read() as session:
        event = repo.find_events(session, "Roar Before the 24")[0]
        race = repo.find_sessions(session, event.id, "VPSCC Race 2")[0]
        race_id, series_id = race.id, race.series_id
        lookup = rr.entry_index(repo.event_entries(session, event.id, race.series_id))
    read = read_session(demo_editor.database, race_id, None)  # what the grid shows
    assert read is not None
    rows = read.rows
    assert [r.car_number for r in rows] == ["", "87", "61", "21"]
    assert rows[0].penalty_summary == "Other: Immediate post-race penalty"
    assert rows[2].entry.team == "Ave Motorsports"
    assert [d.name for d in rows[2].entry.drivers] == ["George Staikos"]
    assert sorted(lookup) == ["21", "61", "87"]
    assert lookup["61"].class_code == "LMP3"
    assert (
        rr.row_warnings(rows, series_id)[0][0].text == "This car has no number in the entry list."
    )
