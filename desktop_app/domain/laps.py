"""Facts a reporter quotes from a lap chart: best laps, laps led, cautions, pit stops.

Pure Python over plain :class:`LapRecord` values (no SQL), so the same rules serve the
summaries, the results grid and tests that build laps by hand. A car and a driver are
whatever keys the caller uses (entry and driver ids in RaceDesk).

"When" a lap ended is its line crossing: the session's elapsed time when the file gives
it, else the time of day. Elapsed time keeps a 24-hour race in order past midnight.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

CAUTION = "FCY"
RED = "RF"
FINISH = "FF"


@dataclass(frozen=True)
class LapRecord:
    """One lap of one car, as the lap chart says it."""

    car: Hashable
    lap: int
    time_ms: int | None = None
    driver: Hashable | None = None
    elapsed_ms: int | None = None
    time_of_day_ms: int | None = None
    flag: str = ""
    pit_in: bool = False
    pit_time_ms: int | None = None

    @property
    def crossed_ms(self) -> int | None:
        """When the car crossed the line at the end of this lap (see the module note)."""
        return self.elapsed_ms if self.elapsed_ms is not None else self.time_of_day_ms


@dataclass(frozen=True)
class BestLap:
    """A car's (or a class's) fastest lap and who drove it."""

    car: Hashable
    lap: int
    time_ms: int
    driver: Hashable | None


@dataclass(frozen=True)
class FlagSummary:
    """How long a flag was out: spells (periods), the race's laps under it, time."""

    flag: str
    periods: int
    laps: int
    time_ms: int


@dataclass(frozen=True)
class DriverLaps:
    """A driver's laps in one car: "Thompson 8 laps, best 1:47.413"."""

    car: Hashable
    driver: Hashable | None
    laps: int
    best_ms: int | None
    best_lap: int | None


def best_laps(laps: Iterable[LapRecord]) -> dict[Hashable, BestLap]:
    """Each car's best lap; its driver is the Q driver of a qualifying session.

    A tie keeps the earlier lap, as timing does.
    """
    best: dict[Hashable, BestLap] = {}
    for lap in sorted(laps, key=lambda item: item.lap):
        held = best.get(lap.car)
        if lap.time_ms is not None and (held is None or lap.time_ms < held.time_ms):
            best[lap.car] = BestLap(lap.car, lap.lap, lap.time_ms, lap.driver)
    return best


def fastest_by_class(
    laps: Iterable[LapRecord], class_of: Mapping[Hashable, str]
) -> dict[str, BestLap]:
    """The fastest lap of each class (driver, car, time, lap number)."""
    fastest: dict[str, BestLap] = {}
    for best in best_laps(laps).values():
        code = class_of.get(best.car, "")
        held = fastest.get(code)
        if held is None or best.time_ms < held.time_ms:
            fastest[code] = best
    return fastest


def leaders(laps: Iterable[LapRecord]) -> list[tuple[int, LapRecord]]:
    """The leader of each lap: the car that completed lap N first."""
    first: dict[int, tuple[int, LapRecord]] = {}
    for lap in laps:
        when = lap.elapsed_ms if lap.elapsed_ms is not None else lap.time_of_day_ms
        if when is None:
            continue
        held = first.get(lap.lap)
        if held is None or when < held[0]:
            first[lap.lap] = (when, lap)
    return [(number, first[number][1]) for number in sorted(first)]


def laps_led(laps: Iterable[LapRecord]) -> dict[Hashable, int]:
    """Laps led per car; pass one class's laps for laps led in class."""
    counts: dict[Hashable, int] = defaultdict(int)
    for _, lap in leaders(laps):
        counts[lap.car] += 1
    return dict(counts)


def lead_changes(laps: Iterable[LapRecord]) -> int:
    """How often the leader at the line changed from one lap to the next."""
    order = [lap.car for _, lap in leaders(laps)]
    return sum(1 for before, after in zip(order, order[1:], strict=False) if before != after)


def flag_summary(laps: Sequence[LapRecord], flag: str) -> FlagSummary:
    """Spells of ``flag`` (``FCY`` caution, ``RF`` red) from the line crossings in time order.

    A spell runs from the first crossing under the flag to the first crossing under
    another flag (or the last crossing), so its time is exact to one car's crossing. Its
    laps are the leader's laps that ended under the flag.
    """
    return flag_summaries(laps, (flag,))[flag]


def flag_summaries(laps: Sequence[LapRecord], flags: Sequence[str]) -> dict[str, FlagSummary]:
    """:func:`flag_summary` of several flags, sorting the crossings once."""
    timed = ((lap.crossed_ms, lap.flag) for lap in laps)
    crossings = sorted((when, flag) for when, flag in timed if when is not None)
    led = leaders(laps)
    return {flag: _spells(crossings, led, flag) for flag in flags}


def _spells(
    crossings: Sequence[tuple[int, str]], led: Sequence[tuple[int, LapRecord]], flag: str
) -> FlagSummary:
    periods, total, started = 0, 0, None
    for when, shown in crossings:
        if shown == flag and started is None:
            started, periods = when, periods + 1
        elif shown != flag and started is not None:
            total, started = total + when - started, None
    if started is not None and crossings:
        total += crossings[-1][0] - started
    under = sum(1 for _, lap in led if lap.flag == flag)
    return FlagSummary(flag, periods, under, total)


def _crossed(lap: LapRecord) -> int:
    return lap.crossed_ms or 0


def driver_laps(laps: Iterable[LapRecord]) -> list[DriverLaps]:
    """Each driver's laps and best lap per car, in the order drivers first went out."""
    grouped: dict[tuple[Hashable, Hashable | None], list[LapRecord]] = {}
    for lap in sorted(laps, key=lambda item: (_crossed(item), item.lap)):
        grouped.setdefault((lap.car, lap.driver), []).append(lap)
    found = []
    for (car, driver), own in grouped.items():
        best = best_laps(own).get(car)
        found.append(
            DriverLaps(
                car,
                driver,
                len(own),
                best.time_ms if best else None,
                best.lap if best else None,
            )
        )
    return found


def pit_stops(laps: Iterable[LapRecord]) -> dict[Hashable, int]:
    """Stops per car: laps ending in the pit lane, except a car's last (it stopped there)."""
    by_car: dict[Hashable, list[LapRecord]] = defaultdict(list)
    for lap in laps:
        by_car[lap.car].append(lap)
    stops = {}
    for car, own in by_car.items():
        last = max(lap.lap for lap in own)
        stops[car] = sum(1 for lap in own if lap.pit_in and lap.lap != last)
    return stops


def retired(laps: Iterable[LapRecord]) -> set[Hashable]:
    """Cars that did not take the chequered flag, when the chart shows one at all.

    IMSA lists retired cars as ``Classified``; the lap chart tells them apart: a running
    car's last lap ends under the chequered flag (``FF``).
    """
    last: dict[Hashable, LapRecord] = {}
    for lap in laps:
        held = last.get(lap.car)
        if held is None or lap.lap > held.lap:
            last[lap.car] = lap
    if not any(lap.flag == FINISH for lap in last.values()):
        return set()
    return {car for car, lap in last.items() if lap.flag != FINISH}


def time_span(laps: Iterable[LapRecord]) -> tuple[int, int] | None:
    """First and last line crossing by time of day (ms after midnight), for groups."""
    times = [lap.time_of_day_ms for lap in laps if lap.time_of_day_ms is not None]
    return (min(times), max(times)) if times else None
