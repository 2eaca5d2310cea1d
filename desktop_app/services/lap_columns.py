"""What the results grid can show from a session's lap chart: group position, Q driver.

A read view for the grid (no Qt): per result, its position within its qualifying group
and the driver of its best lap (the Q driver when none is stored), plus one line for the
grid header that says which positions "overall" means. A session without a lap chart
keeps whole-field positions and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from desktop_app.domain.sessions import SessionKind
from desktop_app.services import qualifying_groups as q
from desktop_app.services.result_rows import ResultRow
from desktop_app.services.summaries.lap_facts import load_laps, session_facts
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
    """:func:`lap_columns` inside an open read (the results grid's own read)."""
    rows = repo.session_results(session, race_session.id)
    laps = load_laps(session, [race_session.id]).get(race_session.id, [])
    facts = session_facts(session, race_session, rows, laps)
    header = ""
    if race_session.kind is SessionKind.QUALIFYING:
        header = q.read_groups(session, race_session).described
    drivers: dict[int, tuple[int, str]] = {}
    for row in rows:
        driver_id = facts.q_driver_id(row.entry_id, row.best_lap_number)
        driver = session.get(Driver, driver_id) if isinstance(driver_id, int) else None
        if driver is not None:
            drivers[row.id] = (driver.id, driver.full_name)
    positions = {row.id: facts.group_positions.get(row.entry_id) for row in rows}
    return LapColumns(header, positions if facts.groups else {}, drivers)


def with_lap_columns(session: Session, session_id: int, rows: list[ResultRow]) -> list[ResultRow]:
    """A qualifying session's grid rows with their group position and best-lap driver."""
    return grid_lap_columns(session, session_id, rows)[0]


def grid_lap_columns(
    session: Session, session_id: int, rows: list[ResultRow]
) -> tuple[list[ResultRow], str]:
    """:func:`with_lap_columns` and the grid header's line about "overall" ("" elsewhere).

    Only qualifying: that is where "overall" means the group and the Q mark comes from
    the lap chart (and where a lap chart is small enough to read on every edit).
    """
    race_session = session.get(RaceSession, session_id)
    if race_session is None or race_session.kind is not SessionKind.QUALIFYING or not rows:
        return rows, ""
    found = lap_columns_in(session, race_session)
    filled = [
        replace(
            row,
            group_position=found.group_positions.get(row.result_id),
            lap_q_driver=found.lap_q_drivers.get(row.result_id, (0, ""))[1],
        )
        for row in rows
    ]
    return filled, found.header
