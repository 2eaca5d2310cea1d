"""A session's classification as plain rows: what each grid column shows and accepts.

The results grid, the exporters and the summaries all need the same facts about a row
(car, class, drivers, times, penalties, official change) and the same reading of what a
reporter types (``1:47.123``, ``+0.150``, ``2 Laps``, ``DNF``). Keeping both here, without
Qt, means they are tested once and a grid cell can never disagree with the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.domain import classification as cls
from desktop_app.domain import timing
from desktop_app.domain.classification import PositionChange, Status
from desktop_app.services.cells import FieldError, parse_count
from desktop_app.services.views.drivers import DriverView, driver_view
from desktop_app.services.views.penalties import PenaltyLine
from desktop_app.storage.models import Entry, Penalty, Result
from desktop_app.storage.repository import normalise_name


@dataclass(frozen=True)
class RowWarning:
    """Something on a row the reporter should check; ``column`` is the cell it concerns
    ("number" for the car, "pic" for the class position)."""

    column: str
    text: str


@dataclass(frozen=True)
class EntryInfo:
    """A car of the entry list, as the grid fills a row from it."""

    entry_id: int
    car_number: str
    series_id: int
    class_code: str
    team: str
    vehicle: str
    drivers: tuple[DriverView, ...]


@dataclass(frozen=True)
class ResultRow:
    """One line of the classification with everything a grid row shows."""

    result_id: int
    entry: EntryInfo
    status: Status = Status.CLASSIFIED
    position: int | None = None
    class_position: int | None = None
    official_position: int | None = None
    official_class_position: int | None = None
    laps: int | None = None
    total_time_ms: int | None = None
    gap_first_ms: int | None = None
    gap_first_laps: int | None = None
    best_lap_ms: int | None = None
    best_lap_number: int | None = None
    grid_position: int | None = None
    qualifying_driver_id: int | None = None
    penalties: tuple[PenaltyLine, ...] = ()
    # From a qualifying session's lap chart (services.lap_columns), not stored:
    group_position: int | None = None  # place within the classes that ran together
    lap_q_driver: str = ""  # the driver of the car's best lap

    @property
    def car_number(self) -> str:
        return self.entry.car_number

    @property
    def label(self) -> str:
        """How commands and messages name the car: "#12", or the team when unnumbered."""
        return f"#{self.car_number}" if self.car_number else (self.entry.team or "the car")

    @property
    def gap(self) -> timing.Gap | None:
        if self.gap_first_laps is not None:
            return timing.Gap(laps=self.gap_first_laps)
        if self.gap_first_ms is not None:
            return timing.Gap(ms=self.gap_first_ms)
        return None

    @property
    def qualifying_driver(self) -> str:
        for driver in self.entry.drivers:
            if driver.driver_id == self.qualifying_driver_id:
                return driver.name
        return ""

    @property
    def penalty_summary(self) -> str:
        return "; ".join(penalty.short for penalty in self.penalties)

    @property
    def official_change(self) -> PositionChange | None:
        """Overall places gained or lost when the official order replaced the provisional."""
        return _change(self.position, self.official_position)

    @property
    def official_class_change(self) -> PositionChange | None:
        return _change(self.class_position, self.official_class_position)


def _change(before: int | None, after: int | None) -> PositionChange | None:
    if before is None or after is None:
        return None
    return PositionChange(before, after)


def car_key(text: str | None) -> str:
    """What identifies a typed car number: ``#12`` is 12, but ``01`` is not ``1``."""
    return (text or "").strip().lstrip("#").strip()


def entry_info(entry: Entry) -> EntryInfo:
    """Needs the entry's team, class and seats loaded (``repository.entry_options``)."""
    return EntryInfo(
        entry_id=entry.id,
        car_number=entry.car_number or "",
        series_id=entry.series_id,
        class_code=entry.race_class.code if entry.race_class else "",
        team=entry.team.name if entry.team else "",
        vehicle=entry.vehicle,
        drivers=tuple(driver_view(seat.driver) for seat in entry.seats),
    )


def entry_index(entries: Iterable[Entry]) -> dict[str, EntryInfo]:
    """Car number -> entry, for the one-keystroke lookup while keying a classification."""
    return {car_key(e.car_number): entry_info(e) for e in entries if car_key(e.car_number)}


def penalty_line(penalty: Penalty) -> PenaltyLine:
    return PenaltyLine(
        penalty.kind, penalty.amount_ms, penalty.positions, penalty.reason, penalty.post_session
    )


def result_row(result: Result) -> ResultRow:
    """Needs what ``repository.session_results`` loads eagerly."""
    return ResultRow(
        result_id=result.id,
        entry=entry_info(result.entry),
        status=result.status,
        position=result.position,
        class_position=result.class_position,
        official_position=result.official_position,
        official_class_position=result.official_class_position,
        laps=result.laps,
        total_time_ms=result.total_time_ms,
        gap_first_ms=result.gap_first_ms,
        gap_first_laps=result.gap_first_laps,
        best_lap_ms=result.best_lap_ms,
        best_lap_number=result.best_lap_number,
        grid_position=result.grid_position,
        qualifying_driver_id=result.qualifying_driver_id,
        penalties=tuple(penalty_line(penalty) for penalty in result.penalties),
    )


def result_rows(results: Iterable[Result]) -> list[ResultRow]:
    return [result_row(result) for result in results]


# Reading what the reporter types ------------------------------------------------------


def parse_laps(text: str) -> dict[str, Any]:
    body = text.strip()
    lowered = body.lower()
    for suffix in ("laps", "lap", "l"):
        if lowered.endswith(suffix) and lowered[: -len(suffix)].strip().isdigit():
            body = body[: -len(suffix)]
            break
    return {"laps": parse_count(body, "a number of laps")}


def _timed(name: str, text: str) -> dict[str, Any]:
    try:
        return {name: timing.parse_time(text)}
    except timing.TimingError as error:
        raise FieldError(str(error)) from error


def parse_total(text: str) -> dict[str, Any]:
    return _timed("total_time_ms", text)


def parse_best_lap(text: str) -> dict[str, Any]:
    return _timed("best_lap_ms", text)


def parse_gap(text: str) -> dict[str, Any]:
    """A time gap or "N Laps"; the other field is cleared so a row never holds both."""
    try:
        gap = timing.parse_gap(text)
    except timing.TimingError as error:
        raise FieldError(str(error)) from error
    return {
        "gap_first_ms": gap.ms if gap else None,
        "gap_first_laps": gap.laps if gap else None,
    }


def parse_status(text: str) -> dict[str, Any]:
    try:
        return {"status": cls.parse_status(text)}
    except cls.StatusError as error:
        raise FieldError(str(error)) from error


def parse_qualifying_driver(text: str, entry: EntryInfo) -> dict[str, Any]:
    """A driver of this car, by full or last name in any case or accent; blank clears."""
    if not text.strip():
        return {"qualifying_driver_id": None}
    wanted = normalise_name(text)
    for driver in entry.drivers:
        if wanted in (normalise_name(driver.name), normalise_name(driver.last_name)):
            return {"qualifying_driver_id": driver.driver_id}
    names = ", ".join(driver.name for driver in entry.drivers) or "no drivers entered"
    car = f"car #{entry.car_number}" if entry.car_number else "this car"
    raise FieldError(f'"{text.strip()}" is not a driver of {car} ({names})')


def parse_grid(text: str) -> dict[str, Any]:
    return {"grid_position": parse_count(text.lstrip("Pp"), "a grid position", minimum=1)}


# Warnings ----------------------------------------------------------------------------


def row_warnings(rows: Sequence[ResultRow], series_id: int | None) -> list[tuple[RowWarning, ...]]:
    """Per row, what the reporter should check; the data is shown as stored, never fixed."""
    warnings: list[list[RowWarning]] = [[] for _ in rows]
    counts: dict[str, int] = {}
    for row in rows:
        if row.car_number:
            counts[row.car_number] = counts.get(row.car_number, 0) + 1
    for found, row in zip(warnings, rows, strict=True):
        found.extend(RowWarning("number", text) for text in _car_warnings(row, counts, series_id))
    placings = [
        cls.Placing(key=index, class_code=row.entry.class_code, status=row.status)
        for index, row in enumerate(rows)
    ]
    computed = cls.class_positions(placings)
    stated = [row.class_position for row in rows]
    for index in cls.validate_class_positions(placings, stated):
        expected = computed[index]
        should = f"P{expected} in class" if expected else "no class position"
        text = f"Class position {stated[index]} disagrees with the order ({should} by this order)."
        warnings[index].append(RowWarning("pic", text))
    return [tuple(found) for found in warnings]


def _car_warnings(row: ResultRow, counts: dict[str, int], series_id: int | None) -> list[str]:
    found = []
    if row.car_number and counts[row.car_number] > 1:
        found.append(f"Car #{row.car_number} appears more than once.")
    if series_id is not None and row.entry.series_id != series_id:
        car = f"Car #{row.car_number}" if row.car_number else "This car"
        found.append(f"{car} is not in this series' entry list.")
    elif not row.car_number:
        found.append("This car has no number in the entry list.")
    return found
