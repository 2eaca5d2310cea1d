"""Positions from finishing order, penalties and grid, using the article's own cases."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.classification import (
    GridSlot,
    Penalty,
    PenaltyKind,
    Placing,
    PositionChange,
    Status,
    StatusError,
    class_positions,
    gap_to_best,
    grid_slot,
    official_order,
    overall_positions,
    parse_status,
    position_changes,
    validate_class_positions,
)
from desktop_app.domain.timing import format_gap_plain, parse_time

C = Status.CLASSIFIED
NC = Status.NOT_CLASSIFIED

WARE, KACIC, STAIKOS, LAZARE = 2, 87, 61, 21
# VP Racing SportsCar Challenge race 2, Daytona 2024: LMP3 ahead of GSX on the road.
# Ware is second in LMP3, Kacic third, Staikos eighth; Lazare fourth in GSX.
LMP3_KEYS = [30, WARE, KACIC, 4, 5, 6, 7, STAIKOS, 9, 10]
GSX_KEYS = [40, 41, 42, LAZARE, 44]


def _race_two() -> list[Placing]:
    lmp3 = [Placing(k, "LMP3", C, 40, 6_000_000 + i * 5_000) for i, k in enumerate(LMP3_KEYS)]
    gsx = [Placing(k, "GSX", C, 37, 6_010_000 + i * 4_000) for i, k in enumerate(GSX_KEYS)]
    return lmp3 + gsx


def _keys(placings: Sequence[Placing]) -> list[int]:
    return [placing.key for placing in placings]


def _class_position(placings: Sequence[Placing], key: int) -> int | None:
    return class_positions(placings)[_keys(placings).index(key)]


def _field(*cars: tuple[int, int | None, int | None], status: Status = C) -> list[Placing]:
    return [Placing(key, "GTD", status, laps, total) for key, laps, total in cars]


# --- Status -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Classified", Status.CLASSIFIED),
        ("CLASSIFIED", Status.CLASSIFIED),
        ("", Status.CLASSIFIED),
        ("   ", Status.CLASSIFIED),
        (None, Status.CLASSIFIED),
        ("Not classified", Status.NOT_CLASSIFIED),
        ("Not Classified", Status.NOT_CLASSIFIED),
        ("not_classified", Status.NOT_CLASSIFIED),
        ("  not   classified ", Status.NOT_CLASSIFIED),
        ("NC", Status.NOT_CLASSIFIED),
        ("nc", Status.NOT_CLASSIFIED),
        ("Not started", Status.NOT_STARTED),
        ("not-started", Status.NOT_STARTED),
        ("DNS", Status.DNS),
        ("dns", Status.DNS),
        ("DNF", Status.DNF),
        ("Retired", Status.DNF),
        ("RET", Status.DNF),
        ("ret", Status.DNF),
        ("DSQ", Status.DSQ),
        ("Disqualified", Status.DSQ),
        ("EXC", Status.DSQ),
        ("exc", Status.DSQ),
    ],
)
def test_parse_status_accepts_sheet_forms(text: str | None, status: Status) -> None:
    assert parse_status(text) is status
    assert Status.parse(text) is status


@pytest.mark.parametrize("status", list(Status))
def test_parse_status_reads_stored_values_and_labels(status: Status) -> None:
    assert parse_status(status.value) is status
    assert parse_status(status.label) is status


@pytest.mark.parametrize("text", ["Crashed", "Running?", "D N F", "classifiedx", "P1"])
def test_parse_status_rejects_unknown_text_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(StatusError) as caught:
        parse_status(text)
    message = str(caught.value)
    assert message.startswith(f'"{text}" is not a result status')
    for form in ("Classified", "Not classified", "NC", "DNF", "Retired", "RET", "DSQ", "EXC"):
        assert form in message


def test_status_error_is_value_error() -> None:
    assert issubclass(StatusError, ValueError)


@pytest.mark.parametrize(
    ("status", "label", "takes_position"),
    [
        (Status.CLASSIFIED, "Classified", True),
        (Status.NOT_CLASSIFIED, "Not classified", False),
        (Status.DNF, "DNF", True),
        (Status.DNS, "DNS", False),
        (Status.DSQ, "DSQ", False),
        (Status.NOT_STARTED, "Not started", False),
    ],
)
def test_status_label_and_position_rule(status: Status, label: str, takes_position: bool) -> None:
    assert status.label == label
    assert status.takes_position is takes_position


@pytest.mark.parametrize(
    ("status", "value"),
    [
        (Status.CLASSIFIED, "classified"),
        (Status.NOT_CLASSIFIED, "not_classified"),
        (Status.DNF, "dnf"),
        (Status.DNS, "dns"),
        (Status.DSQ, "dsq"),
        (Status.NOT_STARTED, "not_started"),
    ],
)
def test_status_values_are_stable_for_storage(status: Status, value: str) -> None:
    assert status == value
    assert Status(value) is status


@pytest.mark.parametrize(
    ("kind", "value", "label"),
    [
        (PenaltyKind.TIME, "time", "Time penalty"),
        (PenaltyKind.POSITIONS, "positions", "Position penalty"),
        (PenaltyKind.DRIVE_THROUGH, "drive_through", "Drive-through"),
        (PenaltyKind.STOP_AND_GO, "stop_and_go", "Stop and go"),
        (PenaltyKind.GRID, "grid", "Grid penalty"),
        (PenaltyKind.DSQ, "dsq", "Disqualification"),
        (PenaltyKind.WARNING, "warning", "Warning"),
        (PenaltyKind.OTHER, "other", "Other"),
    ],
)
def test_penalty_kind_values_and_labels(kind: PenaltyKind, value: str, label: str) -> None:
    assert kind == value
    assert kind.label == label


# --- Positions --------------------------------------------------------------------------


def test_overall_positions_skip_cars_that_earn_no_place() -> None:
    # IMSA Long Beach 2023: a 0-lap "Classified" car still gets P26, "Not started" get none.
    placings = [
        *(Placing(k, "GTP", C, 78) for k in range(1, 26)),
        Placing(1001, "GTP", C, 0),
        Placing(80, "GTD", Status.NOT_STARTED, 0),
        Placing(93, "GTD", Status.NOT_STARTED, 0),
    ]
    positions = overall_positions(placings)
    assert positions[:26] == list(range(1, 27))
    assert positions[26:] == [None, None]


def test_overall_positions_number_past_unplaced_cars_in_between() -> None:
    statuses = [C, NC, Status.DNF, Status.DSQ, C, Status.DNS, C]
    placings = [Placing(i, "LMP2", s) for i, s in enumerate(statuses)]
    assert overall_positions(placings) == [1, None, 2, None, 3, None, 4]


def test_overall_positions_empty() -> None:
    assert overall_positions([]) == []
    assert class_positions([]) == []


def test_article_qualifying_class_and_overall_positions() -> None:
    # "P1 GTD / P3 overall - Parker Thompson", "P9 Pro / P26 overall" style lines.
    codes = ["GTD PRO", "gtd pro", "GTD", "GTD PRO", "GTD", "Gtd"]
    placings = [Placing(i, code, C) for i, code in enumerate(codes)]
    assert overall_positions(placings) == [1, 2, 3, 4, 5, 6]
    assert class_positions(placings) == [1, 2, 1, 3, 2, 3]


def test_class_positions_skip_unplaced_cars() -> None:
    placings = [
        Placing(1, "LMP2", C),
        Placing(2, "LMGTE", C),
        Placing(3, "LMP2", NC),
        Placing(4, "LMP2", Status.DNF),
        Placing(5, "LMGTE", Status.DNS),
        Placing(6, "LMGTE", C),
    ]
    assert class_positions(placings) == [1, 1, None, 2, None, 2]


def test_article_race_two_class_positions() -> None:
    race = _race_two()
    assert _class_position(race, WARE) == 2
    assert _class_position(race, KACIC) == 3
    assert _class_position(race, STAIKOS) == 8
    assert _class_position(race, LAZARE) == 4
    assert overall_positions(race)[_keys(race).index(LAZARE)] == 14


# --- Penalties --------------------------------------------------------------------------


def test_article_staikos_elevated_after_ware_disqualified() -> None:
    race = _race_two()
    official = official_order(race, [Penalty(WARE, PenaltyKind.DSQ)])
    assert official[-1].key == WARE
    assert official[-1].status is Status.DSQ
    assert _class_position(official, WARE) is None
    changes = position_changes(race, official)
    assert changes[STAIKOS].describe() == "elevated from P8 to P7"
    assert changes[KACIC].describe() == "elevated from P3 to P2"
    assert changes[LAZARE].describe() == "unchanged at P4"
    assert WARE not in changes


def test_article_staikos_elevated_after_ware_time_penalty() -> None:
    race = _race_two()
    # Ware finished 5 s behind the leader; 32 s puts him 2 s behind Staikos (35 s back).
    official = official_order(race, [Penalty(WARE, PenaltyKind.TIME, amount_ms=32_000)])
    changes = position_changes(race, official)
    assert changes[STAIKOS].describe() == "elevated from P8 to P7"
    assert changes[WARE].describe() == "dropped from P2 to P8"
    assert changes[WARE].arrow == "\u25bc6"
    assert changes[STAIKOS].arrow == "\u25b21"
    ware = official[_keys(official).index(WARE)]
    assert ware.total_ms == 6_005_000 + 32_000
    assert ware.status is C


def test_article_staikos_elevated_after_ware_position_penalty() -> None:
    race = _race_two()
    official = official_order(race, [Penalty(WARE, PenaltyKind.POSITIONS, positions=6)])
    assert _class_position(official, STAIKOS) == 7
    assert _class_position(official, WARE) == 8


def test_overall_position_changes() -> None:
    race = _race_two()
    official = official_order(race, [Penalty(WARE, PenaltyKind.DSQ)])
    changes = position_changes(race, official, in_class=False)
    assert changes[LAZARE].describe() == "elevated from P14 to P13"


def test_time_penalty_only_reorders_cars_on_the_same_lap() -> None:
    race = _field((1, 50, 1000), (2, 50, 2000), (3, 50, 3000), (4, 49, 1500))
    official = official_order(race, [Penalty(1, PenaltyKind.TIME, amount_ms=10_000)])
    assert _keys(official) == [2, 3, 1, 4]


def test_time_penalty_loses_a_tie() -> None:
    race = _field((1, 50, 1000), (2, 50, 2000), (3, 50, 3000))
    official = official_order(race, [Penalty(1, PenaltyKind.TIME, amount_ms=1000)])
    assert _keys(official) == [2, 1, 3]


def test_time_penalty_too_small_to_cost_a_place() -> None:
    race = _field((1, 50, 1000), (2, 50, 2000))
    official = official_order(race, [Penalty(1, PenaltyKind.TIME, amount_ms=999)])
    assert _keys(official) == [1, 2]
    assert official[0].total_ms == 1999


def test_two_time_penalties_end_up_sorted_against_each_other() -> None:
    race = _field((1, 50, 100), (2, 50, 105), (3, 50, 108), (4, 50, 200))
    penalties = [Penalty(1, PenaltyKind.TIME, amount_ms=10), Penalty(2, PenaltyKind.TIME, 10)]
    assert _keys(official_order(race, penalties)) == [3, 1, 2, 4]


def test_time_penalties_against_one_car_add_up() -> None:
    race = _field((1, 50, 1000), (2, 50, 2000), (3, 50, 3000))
    penalties = [Penalty(1, PenaltyKind.TIME, 1000), Penalty(1, PenaltyKind.TIME, 500)]
    official = official_order(race, penalties)
    assert _keys(official) == [2, 1, 3]
    assert official[1].total_ms == 2500


def test_time_penalty_on_a_car_without_total_changes_nothing() -> None:
    race = _field((1, 50, None), (2, 50, 2000))
    assert official_order(race, [Penalty(1, PenaltyKind.TIME, 5000)]) == race


def test_position_penalty_stops_before_unplaced_cars() -> None:
    race = [
        Placing(1, "LMP2", C, 10, 100),
        Placing(2, "LMP2", C, 10, 200),
        Placing(3, "LMP2", NC, 12, 300),
        Placing(4, "LMP2", C, 10, 400),
        Placing(5, "LMP2", NC, 8, 500),
    ]
    official = official_order(race, [Penalty(1, PenaltyKind.POSITIONS, positions=10)])
    assert _keys(official) == [2, 3, 4, 1, 5]
    assert overall_positions(official) == [1, None, 2, 3, None]


def test_position_penalty_skips_unplaced_cars_when_counting() -> None:
    race = [Placing(1, "X", C), Placing(2, "X", NC), Placing(3, "X", C), Placing(4, "X", C)]
    official = official_order(race, [Penalty(1, PenaltyKind.POSITIONS, positions=1)])
    assert _keys(official) == [2, 3, 1, 4]


def test_two_position_penalties_each_lose_places_to_the_others() -> None:
    race = [Placing(k, "X", C) for k in (1, 2, 3, 4, 5)]
    penalties = [
        Penalty(2, PenaltyKind.POSITIONS, positions=1),
        Penalty(3, PenaltyKind.POSITIONS, positions=1),
    ]
    assert _keys(official_order(race, penalties)) == [1, 4, 2, 3, 5]


def test_position_penalty_on_unplaced_car_changes_nothing() -> None:
    race = [Placing(1, "X", NC), Placing(2, "X", C)]
    assert official_order(race, [Penalty(1, PenaltyKind.POSITIONS, positions=1)]) == race


def test_disqualified_cars_go_last_in_their_order() -> None:
    race = [Placing(k, "X", C) for k in (1, 2, 3)] + [Placing(4, "X", Status.NOT_STARTED)]
    penalties = [Penalty(2, PenaltyKind.DSQ), Penalty(1, PenaltyKind.DSQ)]
    official = official_order(race, penalties)
    assert _keys(official) == [3, 4, 1, 2]
    assert [p.status for p in official] == [C, Status.NOT_STARTED, Status.DSQ, Status.DSQ]
    assert overall_positions(official) == [1, None, None, None]


def test_disqualification_beats_other_penalties() -> None:
    race = _field((1, 50, 1000), (2, 50, 2000), (3, 50, 3000))
    penalties = [
        Penalty(1, PenaltyKind.TIME, amount_ms=5000),
        Penalty(1, PenaltyKind.POSITIONS, positions=1),
        Penalty(1, PenaltyKind.DSQ),
    ]
    assert _keys(official_order(race, penalties)) == [2, 3, 1]


@pytest.mark.parametrize(
    "penalty",
    [
        Penalty(1, PenaltyKind.TIME, amount_ms=60_000, post_session=False),
        Penalty(1, PenaltyKind.POSITIONS, positions=2, post_session=False),
        Penalty(1, PenaltyKind.DSQ, post_session=False),
        Penalty(1, PenaltyKind.TIME),
        Penalty(1, PenaltyKind.TIME, amount_ms=0),
        Penalty(1, PenaltyKind.TIME, positions=2),
        Penalty(1, PenaltyKind.POSITIONS),
        Penalty(1, PenaltyKind.POSITIONS, positions=0),
        Penalty(1, PenaltyKind.POSITIONS, amount_ms=60_000),
        Penalty(1, PenaltyKind.WARNING, amount_ms=60_000, positions=2),
        Penalty(1, PenaltyKind.DRIVE_THROUGH, amount_ms=60_000, positions=2),
        Penalty(1, PenaltyKind.STOP_AND_GO, amount_ms=60_000, positions=2),
        Penalty(1, PenaltyKind.GRID, amount_ms=60_000, positions=2),
        Penalty(1, PenaltyKind.OTHER, amount_ms=60_000, positions=2),
        Penalty(999, PenaltyKind.DSQ),  # a car that is not in this session
    ],
)
def test_penalties_that_change_nothing(penalty: Penalty) -> None:
    race = _field((1, 50, 1000), (2, 50, 2000), (3, 50, 3000))
    assert official_order(race, [penalty]) == race


def test_official_order_rejects_duplicate_keys() -> None:
    with pytest.raises(ValueError, match="own key"):
        official_order([Placing(1, "X", C), Placing(1, "X", C)], [])


def test_official_order_does_not_touch_its_input() -> None:
    race = _race_two()
    before = list(race)
    official_order(race, [Penalty(WARE, PenaltyKind.TIME, amount_ms=60_000)])
    assert race == before


@pytest.mark.parametrize(("laps", "total_ms"), [(-1, None), (None, -1), (3, -1)])
def test_placing_rejects_negative_values(laps: int | None, total_ms: int | None) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        Placing(1, "X", C, laps, total_ms)


@pytest.mark.parametrize(("amount_ms", "positions"), [(-1, None), (None, -2)])
def test_penalty_rejects_negative_amounts(amount_ms: int | None, positions: int | None) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        Penalty(1, PenaltyKind.TIME, amount_ms, positions)


# --- Penalty properties -----------------------------------------------------------------


@st.composite
def sorted_races(draw: st.DrawFn) -> list[Placing]:
    """A provisional order as timing prints it: more laps first, then lower total."""
    cars = draw(
        st.lists(
            st.tuples(st.integers(0, 3), st.integers(0, 10_000), st.sampled_from(["A", "B"])),
            max_size=12,
        )
    )
    cars.sort(key=lambda car: (-car[0], car[1]))
    return [Placing(i, code, C, laps, total) for i, (laps, total, code) in enumerate(cars)]


def penalties_for(size: int) -> st.SearchStrategy[list[Penalty]]:
    penalty = st.builds(
        Penalty,
        key=st.integers(0, max(size - 1, 0)),
        kind=st.sampled_from(list(PenaltyKind)),
        amount_ms=st.none() | st.integers(0, 5_000),
        positions=st.none() | st.integers(0, 4),
        post_session=st.booleans(),
    )
    return st.lists(penalty, max_size=6)


@given(st.data())
def test_official_order_is_a_permutation_and_ignores_penalty_order(data: st.DataObject) -> None:
    race = data.draw(sorted_races())
    penalties = data.draw(penalties_for(len(race)))
    official = official_order(race, penalties)
    assert sorted(_keys(official)) == _keys(race)
    shuffled = list(penalties)
    random.Random(data.draw(st.integers())).shuffle(shuffled)
    assert official_order(race, shuffled) == official


@given(sorted_races())
def test_no_penalties_no_change(race: list[Placing]) -> None:
    assert official_order(race, []) == race


@given(st.data())
def test_time_penalties_keep_the_order_sorted(data: st.DataObject) -> None:
    race = data.draw(sorted_races())
    amounts = data.draw(st.lists(st.integers(1, 5_000), min_size=len(race), max_size=len(race)))
    chosen = data.draw(st.lists(st.booleans(), min_size=len(race), max_size=len(race)))
    penalties = [
        Penalty(p.key, PenaltyKind.TIME, amount_ms=a)
        for p, a, pick in zip(race, amounts, chosen, strict=True)
        if pick
    ]
    official = official_order(race, penalties)
    order = [(-p.laps, p.total_ms) for p in official if p.laps is not None]
    assert order == sorted(order)


@given(st.data())
def test_disqualified_cars_are_last_and_unplaced(data: st.DataObject) -> None:
    race = data.draw(sorted_races())
    penalties = data.draw(penalties_for(len(race)))
    official = official_order(race, penalties)
    dsq = {p.key for p in penalties if p.kind is PenaltyKind.DSQ and p.post_session}
    out = dsq & set(_keys(race))
    tail = official[len(official) - len(out) :] if out else []
    assert {p.key for p in tail} == out
    assert all(p.status is Status.DSQ for p in tail)


# --- Position changes, grid, gaps -------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "delta", "arrow", "text"),
    [
        (8, 7, 1, "\u25b21", "elevated from P8 to P7"),
        (2, 9, -7, "\u25bc7", "dropped from P2 to P9"),
        (3, 3, 0, "", "unchanged at P3"),
        (10, 1, 9, "\u25b29", "elevated from P10 to P1"),
        (1, 2, -1, "\u25bc1", "dropped from P1 to P2"),
    ],
)
def test_position_change(before: int, after: int, delta: int, arrow: str, text: str) -> None:
    change = PositionChange(before, after)
    assert change.delta == delta
    assert change.arrow == arrow
    assert change.describe() == text


@pytest.mark.parametrize(("before", "after"), [(0, 1), (1, 0), (-1, 3)])
def test_position_change_rejects_non_positions(before: int, after: int) -> None:
    with pytest.raises(ValueError, match="start at 1"):
        PositionChange(before, after)


@pytest.mark.parametrize(
    ("position", "row", "side", "text"),
    [
        (1, 1, "inside", "inside row one"),
        (2, 1, "outside", "outside row one"),
        (3, 2, "inside", "inside row two"),
        (9, 5, "inside", "inside row five"),  # Staikos, race 1 qualifying
        (10, 5, "outside", "outside row five"),
        (11, 6, "inside", "inside row six"),  # Lazare, race 1 qualifying
        (42, 21, "outside", "outside row twenty-one"),
        (199, 100, "inside", "inside row 100"),
    ],
)
def test_grid_slot(position: int, row: int, side: str, text: str) -> None:
    slot = grid_slot(position)
    assert slot == GridSlot(row=row, side="inside" if side == "inside" else "outside")
    assert slot.describe() == text


@pytest.mark.parametrize("position", [0, -1])
def test_grid_slot_rejects_non_positions(position: int) -> None:
    with pytest.raises(ValueError, match="not a grid position"):
        grid_slot(position)


@given(st.integers(1, 10_000))
def test_grid_slot_two_cars_per_row(position: int) -> None:
    slot = grid_slot(position)
    assert position == slot.row * 2 - (1 if slot.side == "inside" else 0)


def test_article_practice_gap_to_top_spot() -> None:
    best, own = parse_time("1:57.000"), parse_time("1:57.150")
    assert best is not None
    assert own is not None
    assert format_gap_plain(gap_to_best(best, own)) == "0.150"


@pytest.mark.parametrize(("best", "own", "gap"), [(100, 250, 150), (500, 500, 0)])
def test_gap_to_best(best: int, own: int, gap: int) -> None:
    assert gap_to_best(best, own) == gap


@pytest.mark.parametrize(("best", "own", "match"), [(200, 100, "quicker"), (-1, 5, "negative")])
def test_gap_to_best_rejects_impossible_times(best: int, own: int, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        gap_to_best(best, own)


def test_validate_class_positions_agrees_with_computed() -> None:
    race = _race_two()
    assert validate_class_positions(race, class_positions(race)) == []


def test_validate_class_positions_reports_disagreements() -> None:
    race = [Placing(1, "A", C), Placing(2, "B", C), Placing(3, "A", NC), Placing(4, "A", C)]
    stated: list[int | None] = [1, 2, 2, None]
    assert validate_class_positions(race, stated) == [1, 2]


def test_validate_class_positions_needs_one_per_placing() -> None:
    with pytest.raises(ValueError, match="1 stated positions for 2 placings"):
        validate_class_positions([Placing(1, "A", C), Placing(2, "A", C)], [1])
