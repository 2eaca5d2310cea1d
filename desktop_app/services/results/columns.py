"""The columns of the results grid: title, what a cell shows and what it accepts.

Plain Python so the grid model stays thin: a column turns a ``ResultRow`` into text and,
when editable, turns typed text into ``Edits.update_result`` fields (raising
``FieldError`` with the reason when the text is not a value a sheet would print).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_app.domain import timing
from desktop_app.domain.classification import PositionChange, Status
from desktop_app.services import result_rows as rr
from desktop_app.services.result_rows import ResultRow

Parser = Callable[[str, ResultRow], dict[str, Any]]


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    show: Callable[[ResultRow], str]
    parse: Parser | None = None
    numeric: bool = False
    renumbers: bool = False
    tip: str = ""
    # True when the cell shows a value worked out from the lap chart, not a stored one
    derived: Callable[[ResultRow], bool] | None = None

    @property
    def editable(self) -> bool:
        return self.parse is not None


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _official(value: int | None, change: PositionChange | None) -> str:
    if value is None:
        return ""
    arrow = change.arrow if change else ""
    return f"{value} {arrow}" if arrow else str(value)


def _status(row: ResultRow) -> str:
    return "" if row.status is Status.CLASSIFIED else row.status.label


COLUMNS: tuple[Column, ...] = (
    Column(
        "pos",
        "Pos",
        lambda r: _number(r.position),
        numeric=True,
        tip="Overall position: the row order (move rows with Ctrl+Up / Ctrl+Down)",
    ),
    Column("class", "Class", lambda r: r.entry.class_code),
    Column(
        "pic",
        "PIC",
        lambda r: _number(r.class_position),
        numeric=True,
        tip="Position in class, computed from the order",
    ),
    Column(
        "group_pos",
        "Grp",
        lambda r: _number(r.group_position),
        numeric=True,
        tip="Qualifying: position within the group of classes that ran together (from the "
        "lap chart, or Session > Qualifying groups); summaries call it 'overall'",
    ),
    Column(
        "official_pos",
        "Off. Pos",
        lambda r: _official(r.official_position, r.official_change),
        numeric=True,
        tip="Official position, with the change against the provisional one",
    ),
    Column(
        "official_pic",
        "Off. PIC",
        lambda r: _official(r.official_class_position, r.official_class_change),
        numeric=True,
        tip="Official class position, with the change in class",
    ),
    Column(
        "number",
        "No.",
        lambda r: r.car_number,
        numeric=True,
        tip="Type a car number and Enter: the row fills in from the entry list",
    ),
    Column("team", "Team", lambda r: r.entry.team),
    Column("vehicle", "Vehicle", lambda r: r.entry.vehicle),
    Column("drivers", "Drivers", lambda r: " / ".join(d.name for d in r.entry.drivers)),
    Column(
        "laps",
        "Laps",
        lambda r: _number(r.laps),
        lambda text, _row: rr.parse_laps(text),
        numeric=True,
    ),
    Column(
        "total",
        "Total time",
        lambda r: timing.format_time(r.total_time_ms),
        lambda text, _row: rr.parse_total(text),
        numeric=True,
    ),
    Column(
        "gap",
        "Gap",
        lambda r: timing.format_gap(r.gap),
        lambda text, _row: rr.parse_gap(text),
        numeric=True,
    ),
    Column(
        "best_lap",
        "Best lap",
        lambda r: timing.format_time(r.best_lap_ms),
        lambda text, _row: rr.parse_best_lap(text),
        numeric=True,
    ),
    Column(
        "best_lap_number",
        "Best lap no.",
        lambda r: _number(r.best_lap_number),
        lambda text, _row: {"best_lap_number": rr.parse_count(text, "a lap number")},
        numeric=True,
    ),
    Column("status", "Status", _status, lambda text, _row: rr.parse_status(text), renumbers=True),
    Column(
        "qualifying_driver",
        "Qualifying driver",
        lambda r: r.qualifying_driver_name or r.lap_q_driver,
        lambda text, row: rr.parse_qualifying_driver(text, row.entry),
        tip="Grey: the driver of the car's best lap in the lap chart (summaries mark them Q); "
        "type a name to set another",
        derived=lambda r: not r.qualifying_driver_name and bool(r.lap_q_driver),
    ),
    Column(
        "grid",
        "Grid",
        lambda r: _number(r.grid_position),
        lambda text, _row: rr.parse_grid(text),
        numeric=True,
    ),
    Column(
        "penalty",
        "Penalty",
        lambda r: r.penalty_summary,
        tip="Ctrl+P edits the penalties of the row",
    ),
)
INDEX = {column.key: number for number, column in enumerate(COLUMNS)}
NUMBER = INDEX["number"]
OFFICIAL = (INDEX["official_pos"], INDEX["official_pic"])
