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
from desktop_app.services.cells import FieldError, parse_count
from desktop_app.services.views.penalties import PenaltyLine
from desktop_app.services.views.results import EntryInfo, ResultLine, entry_info
from desktop_app.storage.models import Entry
from desktop_app.storage.repository import normalise_name


@dataclass(frozen=True)
class RowWarning:
    """Something on a row the reporter should check; ``column`` is the cell it concerns
    ("number" for the car, "pic" for the class position)."""

    column: str
    text: str


#: The grid's name for a result line: the grid edits the one shared line model.
ResultRow = ResultLine

__all__ = [
    "EntryInfo",
    "FieldError",
    "PenaltyLine",
    "ResultRow",
    "RowWarning",
    "car_key",
    "entry_index",
    "parse_best_lap",
    "parse_count",
    "parse_gap",
    "parse_grid",
    "parse_laps",
    "parse_qualifying_driver",
    "parse_status",
    "parse_total",
    "row_warnings",
]


def car_key(text: str | None) -> str:
    """What identifies a typed car number: ``#12`` is 12, but ``01`` is not ``1``."""
    return (text or "").strip().lstrip("#").strip()


def entry_index(entries: Iterable[Entry]) -> dict[str, EntryInfo]:
    """Car number -> entry, for the one-keystroke lookup while keying a classification."""
    return {car_key(e.car_number): entry_info(e) for e in entries if car_key(e.car_number)}


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
