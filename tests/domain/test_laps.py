"""Lap facts, checked on hand-made laps and against the Sebring 2024 files themselves."""

from __future__ import annotations

from collections import Counter, defaultdict

from sebring_files import lap_records, ms, rows

from desktop_app.domain import laps as L
from desktop_app.domain.laps import LapRecord


def lap(car: str, n: int, at: int, time: int | None = 100, **more: object) -> LapRecord:
    return LapRecord(car=car, lap=n, time_ms=time, elapsed_ms=at, **more)  # type: ignore[arg-type]


def test_best_lap_keeps_the_earlier_lap_on_a_tie_and_names_its_driver() -> None:
    laps = [
        lap("7", 1, 100, 90, driver="A"),
        lap("7", 2, 190, 85, driver="B"),
        lap("7", 3, 275, 85, driver="C"),
        lap("7", 4, 400, None, driver="D"),
    ]
    assert L.best_laps(laps) == {"7": L.BestLap("7", 2, 85, "B")}


def test_leader_changes_and_laps_led() -> None:
    laps = [
        lap("1", 1, 100),
        lap("2", 1, 101),
        lap("2", 2, 199),
        lap("1", 2, 200),
        lap("2", 3, 300),
        lap("1", 3, 310),
    ]
    assert L.laps_led(laps) == {"1": 1, "2": 2}
    assert L.lead_changes(laps) == 1


def test_flag_spells_count_periods_laps_and_time() -> None:
    laps = [
        lap("1", 1, 100, flag="GF"),
        lap("2", 1, 110, flag="FCY"),
        lap("1", 2, 200, flag="FCY"),
        lap("2", 2, 210, flag="FCY"),
        lap("1", 3, 300, flag="GF"),
        lap("1", 4, 400, flag="FCY"),
    ]
    summary = L.flag_summary(laps, L.CAUTION)
    # spells 110-300 and 400-400; leader laps under it: 2 and 4
    assert summary == L.FlagSummary("FCY", periods=2, laps=2, time_ms=190)
    assert L.flag_summary(laps, L.RED) == L.FlagSummary("RF", 0, 0, 0)


def test_pit_stops_leave_out_a_car_ending_in_the_pits() -> None:
    laps = [
        lap("1", 1, 100, pit_in=True),
        lap("1", 2, 200),
        lap("1", 3, 300, pit_in=True),
    ]
    assert L.pit_stops(laps) == {"1": 1}


def test_no_chequered_flag_means_nobody_is_called_retired() -> None:
    assert L.retired([lap("1", 1, 100), lap("2", 3, 300)]) == set()


# The Sebring files: every figure against a plain-csv computation ----------------------


def _deleted(name: str) -> set[tuple[str, int]]:
    """Laps faster than the car's best so far yet not marked as an improvement: the
    stewards deleted them (track limits), so the results file's best lap skips them."""
    deleted, best = set(), {}
    for row in rows(name, "laps"):
        car, time = row["NUMBER"], ms(row["LAP_TIME"]) or 10**9
        if time < best.get(car, 10**9):
            if row["LAP_IMPROVEMENT"] == "0":
                deleted.add((car, int(row["LAP_NUMBER"])))
            else:
                best[car] = time
    return deleted


def test_qualifying_best_laps_match_the_results_file_but_for_deleted_laps() -> None:
    best = L.best_laps(lap_records("Qualifying"))
    deleted = _deleted("Qualifying")
    matched = 0
    for row in rows("Qualifying", "results"):
        if not row["TIME"]:
            continue
        found = best[row["NUMBER"]]
        if (row["NUMBER"], found.lap) in deleted:
            assert found.time_ms < (ms(row["TIME"]) or 0)
            continue
        assert (found.time_ms, found.lap) == (ms(row["TIME"]), int(row["LAP"])), row["NUMBER"]
        matched += 1
    assert matched > 50 and ("20", 4) in deleted


def test_race_fastest_laps_match_the_results_file_and_the_class_fastest() -> None:
    records = lap_records("Race")
    best = L.best_laps(records)
    results = rows("Race", "results")
    class_of = {row["NUMBER"]: row["CLASS"] for row in results}
    deleted = _deleted("Race")
    for row in results:
        found = best[row["NUMBER"]]
        if not row["FL_TIME"] or (row["NUMBER"], found.lap) in deleted:
            continue  # #17 (2 laps) has no fastest lap in the results file
        assert (found.time_ms, found.lap) == (ms(row["FL_TIME"]), int(row["FL_LAPNUM"]))
    fastest = L.fastest_by_class(records, class_of)
    for code in set(class_of.values()):
        times = [ms(r["FL_TIME"]) or 10**9 for r in results if r["CLASS"] == code]
        assert fastest[code].time_ms == min(times)
        assert class_of[str(fastest[code].car)] == code


def _plain_leaders() -> list[tuple[int, str, str]]:
    """Lap N's leader, found by walking every crossing in time order."""
    seen: dict[int, tuple[str, str]] = {}
    for row in sorted(rows("Race", "laps"), key=lambda r: ms(r["ELAPSED"]) or 0):
        seen.setdefault(int(row["LAP_NUMBER"]), (row["NUMBER"], row["FLAG_AT_FL"]))
    return [(n, car, flag) for n, (car, flag) in sorted(seen.items())]


def test_race_laps_led_lead_changes_and_caution_laps() -> None:
    records = lap_records("Race")
    plain = _plain_leaders()
    assert L.laps_led(records) == dict(Counter(car for _, car, _ in plain))
    changes = sum(1 for a, b in zip(plain, plain[1:], strict=False) if a[1] != b[1])
    assert L.lead_changes(records) == changes == 31
    assert len(plain) == 333  # the winner's laps in the results file
    caution = L.flag_summary(records, L.CAUTION)
    assert caution.laps == sum(1 for _, _, flag in plain if flag == "FCY") == 51
    assert caution.periods >= 1 and 0 < caution.time_ms < 12 * 3600 * 1000


def test_race_retirements_are_the_cars_that_missed_the_flag() -> None:
    laps_rows = rows("Race", "laps")
    last: dict[str, int] = {}
    for row in laps_rows:
        last[row["NUMBER"]] = max(last.get(row["NUMBER"], 0), ms(row["HOUR"]) or 0)
    chequered = min(ms(r["HOUR"]) or 0 for r in laps_rows if r["FLAG_AT_FL"] == "FF")
    plain = {car for car, when in last.items() if when < chequered}
    assert L.retired(lap_records("Race")) == plain
    assert {"45", "8", "17", "32"} <= plain and "12" not in plain


def test_race_pit_stops_per_car() -> None:
    pits: dict[str, list[int]] = defaultdict(list)
    final: dict[str, int] = {}
    for row in rows("Race", "laps"):
        final[row["NUMBER"]] = max(final.get(row["NUMBER"], 0), int(row["LAP_NUMBER"]))
        if row["CROSSING_FINISH_LINE_IN_PIT"] == "B":
            pits[row["NUMBER"]].append(int(row["LAP_NUMBER"]))
    plain = {car: sum(1 for n in pits[car] if n != final[car]) for car in final}
    assert L.pit_stops(lap_records("Race")) == plain


def test_practice_driver_laps_add_up_to_the_results_file_laps() -> None:
    found = L.driver_laps(lap_records("Practice 1"))
    per_car: Counter[str] = Counter()
    for item in found:
        per_car[str(item.car)] += item.laps
    for row in rows("Practice 1", "results"):
        assert per_car[row["NUMBER"]] == int(row["LAPS"]), row["NUMBER"]
    thompson = [d for d in found if d.driver == "Parker Thompson"]
    own = [r for r in rows("Practice 1", "laps") if r["DRIVER_NAME"] == "Parker Thompson"]
    assert thompson[0].laps == len(own)
    assert thompson[0].best_ms == min(ms(r["LAP_TIME"]) or 10**9 for r in own)


def test_qualifying_classes_ran_at_separate_times() -> None:
    records = lap_records("Qualifying")
    class_of = {row["NUMBER"]: row["CLASS"] for row in rows("Qualifying", "results")}
    spans = {
        code: L.time_span(r for r in records if class_of[str(r.car)] == code)
        for code in ("GTP", "LMP2", "GTDPRO", "GTD")
    }
    assert spans["GTD"] is not None and spans["GTP"] is not None
    assert spans["GTD"][1] < 13 * 3_600_000 + 10 * 60_000  # GTD done by 13:10
    assert spans["GTP"][0] > 13 * 3_600_000 + 40 * 60_000  # GTP out after 13:40
