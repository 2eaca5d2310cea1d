"""What the charts draw, computed from a session's laps: positions, gaps and lap times.

Plain Python so the numbers are tested without a display; the chart widget only draws
the lines it is given. A car's position on lap ``n`` is its place among the cars of its
class that completed lap ``n``, ordered by when they crossed the line (elapsed time): a
lapped car is behind everyone who reached that lap earlier, and for the cars that take
the flag the position on their last lap is their finishing position in class. The gap to
the leader on lap ``n`` is how long after the class leader the car crossed the line on
that same lap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LapPoint:
    lap: int
    time_ms: int | None
    elapsed_ms: int | None = None


@dataclass(frozen=True)
class CarLaps:
    """One car's laps in one session, in lap order, and whether the reporter follows it."""

    car: str
    class_code: str
    laps: tuple[LapPoint, ...]
    focus: bool = False
    label: str = ""


@dataclass(frozen=True)
class Line:
    """One car's line: x is the lap number, y the value; ``best`` marks the best lap."""

    car: str
    focus: bool
    label: str
    xs: list[int] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)
    best: tuple[int, float] | None = None


def crossings(car: CarLaps) -> dict[int, int]:
    """When the car crossed the line at the end of each lap (ms since the start).

    The file's elapsed time when it has one; otherwise the running sum of lap times (a lap
    without a time leaves a hole, and the laps after it keep the sum from before).
    """
    crossed: dict[int, int] = {}
    running = 0
    for point in sorted(car.laps, key=lambda p: p.lap):
        if point.elapsed_ms is not None:
            running = point.elapsed_ms
        elif point.time_ms is not None:
            running += point.time_ms
        else:
            continue
        crossed[point.lap] = running
    return crossed


def _by_lap(cars: Sequence[CarLaps]) -> dict[int, list[tuple[int, str]]]:
    """Per lap number, (crossing time, car) in crossing order."""
    per_lap: dict[int, list[tuple[int, str]]] = {}
    for car in cars:
        for lap, moment in crossings(car).items():
            per_lap.setdefault(lap, []).append((moment, car.car))
    for crossed in per_lap.values():
        crossed.sort()
    return per_lap


def positions(cars: Sequence[CarLaps]) -> list[Line]:
    """Each car's position lap by lap (1 = leading), among the cars given (one class)."""
    lines = {car.car: Line(car.car, car.focus, car.label or car.car) for car in cars}
    for lap, crossed in sorted(_by_lap(cars).items()):
        for place, (_moment, key) in enumerate(crossed, start=1):
            lines[key].xs.append(lap)
            lines[key].ys.append(float(place))
    return list(lines.values())


def gaps_to_leader(cars: Sequence[CarLaps]) -> list[Line]:
    """Each car's gap to the leader of the lap, in seconds (the leader's line is 0)."""
    lines = {car.car: Line(car.car, car.focus, car.label or car.car) for car in cars}
    for lap, crossed in sorted(_by_lap(cars).items()):
        leader = crossed[0][0]
        for moment, key in crossed:
            lines[key].xs.append(lap)
            lines[key].ys.append((moment - leader) / 1000)
    return list(lines.values())


def lap_times(cars: Iterable[CarLaps]) -> list[Line]:
    """Each car's lap times in seconds, with its best lap marked."""
    lines = []
    for car in cars:
        timed = sorted((p.lap, p.time_ms) for p in car.laps if p.time_ms)
        line = Line(car.car, car.focus, car.label or car.car)
        line.xs.extend(lap for lap, _ in timed)
        line.ys.extend(ms / 1000 for _, ms in timed)
        if timed:
            best_lap, best_ms = min(timed, key=lambda item: (item[1], item[0]))
            line = Line(
                line.car, line.focus, line.label, line.xs, line.ys, (best_lap, best_ms / 1000)
            )
        lines.append(line)
    return lines


def lap_time_window(lines: Sequence[Line], slack: float = 1.12) -> tuple[float, float] | None:
    """The y range worth showing for lap times: from the fastest lap to ``slack`` times it.

    Pit stops and full-course yellows are minutes long; scaled to them, the racing laps
    would be a flat line at the bottom.
    """
    bests = [line.best[1] for line in lines if line.best is not None]
    if not bests:
        return None
    fastest = min(bests)
    return fastest * 0.99, fastest * slack
