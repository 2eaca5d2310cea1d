"""One result line as every reader shows it: the grid's row, the workbook's, the summaries'.

A :class:`ResultLine` holds the stored values of one car in one session (car, class,
crew, positions, laps, times, gap, best lap and its number, status, penalties) and the
lap-chart extras the grid adds. The grid edits a list of them; the exporters read them
with :func:`read_result_lines` (one query a session) and only choose which positions a
sheet shows. A new stored field is added here, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from itertools import groupby
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain import timing
from desktop_app.domain.classification import PositionChange, Status
from desktop_app.services.views.drivers import DriverView, driver_view
from desktop_app.services.views.penalties import PenaltyLine
from desktop_app.storage.models import Driver, Entry, Penalty, Result


@dataclass(frozen=True)
class EntryInfo:
    """The car of a result line: number, class, team, vehicle and crew in seat order."""

    entry_id: int
    car_number: str
    series_id: int
    class_code: str
    team: str
    vehicle: str
    drivers: tuple[DriverView, ...]


@dataclass(frozen=True)
class ResultLine:
    """One line of a classification, as stored (the grid's row is one of these)."""

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
    note: str = ""  # the reporter's note on the row, as typed (a summary quotes it)
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
    def qualifying_driver_name(self) -> str:
        """The stored Q driver's name, "" when none (a summary's line holds the driver)."""
        for driver in self.entry.drivers:
            if driver.driver_id == self.qualifying_driver_id:
                return driver.name
        return ""

    @property
    def crew(self) -> str:
        """The drivers as a sheet prints them: "Ware, Chaves"."""
        return ", ".join(driver.full_name for driver in self.entry.drivers)

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


#: Worked out from a qualifying session's lap chart when read, never stored.
LAP_CHART_NAMES = frozenset({"group_position", "lap_q_driver"})
#: The line's fields that are ``results`` columns of the same name (the reader selects
#: them in this order): a field added to ``ResultLine`` is read everywhere.
STORED_NAMES = tuple(
    f.name
    for f in fields(ResultLine)
    if f.name not in {"result_id", "entry", "penalties", *LAP_CHART_NAMES}
)
_RESULT_FIELDS = (Result.id, Result.entry_id, *(getattr(Result, name) for name in STORED_NAMES))
_PENALTY_FIELDS = (
    Penalty.kind,
    Penalty.amount_ms,
    Penalty.positions,
    Penalty.reason,
    Penalty.post_session,
)


def read_result_lines(
    session: Session,
    session_id: int,
    entries: Mapping[int, EntryInfo],
    crews: Mapping[int, list[Driver]] | None = None,
) -> list[ResultLine]:
    """A session's classification in grid order, in one query (penalties joined).

    ``entries`` is the event's cars by entry id; ``crews`` (entry id -> drivers) the
    session's own crews, which replace an entry's seats where its file named them.
    """
    query = (
        select(*_RESULT_FIELDS, *_PENALTY_FIELDS)
        .outerjoin(Penalty, Penalty.result_id == Result.id)
        .where(Result.session_id == session_id)
        .order_by(Result.sort_order, Result.id, Penalty.id)
    )
    crews = crews or {}
    lines = []
    for result_id, joined in groupby(session.execute(query), key=lambda line: line[0]):
        rows = list(joined)
        entry_id: int = rows[0][1]
        entry = _with_crew(entries[entry_id], crews.get(entry_id))
        lines.append(_line(result_id, entry, rows[0], _penalties(rows)))
    return lines


def _line(
    result_id: int, entry: EntryInfo, row: Any, penalties: Iterable[PenaltyLine]
) -> ResultLine:
    stored = dict(zip(STORED_NAMES, row[2 : len(_RESULT_FIELDS)], strict=True))
    return ResultLine(result_id=result_id, entry=entry, penalties=tuple(penalties), **stored)


def _penalties(rows: list[Any]) -> list[PenaltyLine]:
    start = len(_RESULT_FIELDS)
    return [PenaltyLine(*row[start:]) for row in rows if row[start] is not None]


def _with_crew(entry: EntryInfo, crew: list[Driver] | None) -> EntryInfo:
    """The session's own crew when its file named one (see ``services.crews``)."""
    if not crew:
        return entry
    return replace(entry, drivers=tuple(driver_view(driver) for driver in crew))
