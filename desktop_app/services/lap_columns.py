"""What the results grid can show from a session's lap chart: group position, Q driver.

A read view for the grid (no Qt): per result, its position within its qualifying group
and the driver of its best lap (the Q driver when none is stored), plus one line for the
grid header that says which positions "overall" means. A session without a lap chart
keeps whole-field positions and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain import laps as L
from desktop_app.domain.sessions import SessionKind
from desktop_app.services import qualifying_groups as q
from desktop_app.services.result_rows import ResultRow
from desktop_app.services.summaries.lap_facts import SessionFacts, line_group_positions, load_laps
from desktop_app.services.views.results import ResultLine, entry_info, read_result_lines
from desktop_app.storage import repository as repo
from desktop_app.storage.database import Database
from desktop_app.storage.models import Driver, RaceSession


@dataclass(frozen=True)
class LapColumns:
    header: str = ""  # "Qualifying groups GTP | LMP2 | GTD PRO, GTD (...): group positions."
    group_positions: dict[int, int | None] = field(default_factory=dict)  # result id ->
    lap_q_drivers: dict[int, tuple[int, str]] = field(default_factory=dict)  # id -> driver


def lap_columns(database: Database, session_id: int) -> LapColumns:
    """The lap-chart columns of a session's results (empty for a session that is gone)."""
    with database.read() as session:
        race_session = session.get(RaceSession, session_id)
        if race_session is None:
            return LapColumns()
        return lap_columns_in(session, race_session)


def lap_columns_in(session: Session, race_session: RaceSession) -> LapColumns:
    """:func:`lap_columns` inside an open read (the lines through the shared reader)."""
    cars = {
        entry.id: entry_info(entry) for entry in repo.event_entries(session, race_session.event_id)
    }
    return _columns(session, race_session, read_result_lines(session, race_session.id, cars))


def _columns(
    session: Session, race_session: RaceSession, lines: Sequence[ResultLine]
) -> LapColumns:
    """Group positions from the order and the groups in use (read once, also for the
    header); the Q driver by the one rule of ``SessionFacts.q_driver_id``."""
    header, positions = "", {}
    if race_session.kind is SessionKind.QUALIFYING:
        found = q.read_groups(session, race_session)
        header = found.described
        if found.in_use:
            placed = line_group_positions(lines, found.in_use)
            positions = {line.result_id: placed.get(line.entry.entry_id) for line in lines}
    laps = load_laps(session, [race_session.id]).get(race_session.id, [])
    facts = SessionFacts(
        has_laps=bool(laps),
        best=L.best_laps(laps),
        lap_drivers={(lap.car, lap.lap): lap.driver for lap in laps},
    )
    chosen = {
        line.result_id: facts.q_driver_id(line.entry.entry_id, line.best_lap_number)
        for line in lines
    }
    ids = {driver_id for driver_id in chosen.values() if isinstance(driver_id, int)}
    named = {d.id: d.full_name for d in session.scalars(select(Driver).where(Driver.id.in_(ids)))}
    drivers = {
        result_id: (driver_id, named[driver_id])
        for result_id, driver_id in chosen.items()
        if isinstance(driver_id, int) and driver_id in named
    }
    return LapColumns(header, positions, drivers)


def with_lap_columns(session: Session, session_id: int, rows: list[ResultRow]) -> list[ResultRow]:
    """A qualifying session's grid rows with their group position and best-lap driver."""
    return grid_lap_columns(session, session_id, rows)[0]


def grid_lap_columns(
    session: Session, session_id: int, rows: list[ResultRow]
) -> tuple[list[ResultRow], str]:
    """:func:`with_lap_columns` and the grid header's line about "overall" ("" elsewhere).

    Only qualifying: that is where "overall" means the group and the Q mark comes from
    the lap chart. Read from the grid's own rows (no second load of the results), so it
    stays cheap enough to run after every edit.
    """
    race_session = session.get(RaceSession, session_id)
    if race_session is None or race_session.kind is not SessionKind.QUALIFYING or not rows:
        return rows, ""
    found = _columns(session, race_session, rows)
    filled = [
        replace(
            row,
            group_position=found.group_positions.get(row.result_id),
            lap_q_driver=found.lap_q_drivers.get(row.result_id, (0, ""))[1],
        )
        for row in rows
    ]
    return filled, found.header
