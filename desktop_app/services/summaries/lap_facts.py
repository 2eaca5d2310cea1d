"""What a session's stored laps say, worked out once per summary (see ``domain.laps``).

Cars are entry ids and drivers are driver ids, so the facts join the results directly.
A session without laps gets empty facts and every sentence falls back to the results.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain import groups as g
from desktop_app.domain import laps as L
from desktop_app.domain.sessions import SessionKind
from desktop_app.services import qualifying_groups as q
from desktop_app.services.views.results import ResultLine
from desktop_app.storage.models import Lap, RaceSession


@dataclass
class SessionFacts:
    """Lap-chart facts of one session, keyed by entry id."""

    has_laps: bool = False
    groups: g.Groups = ()
    groups_source: str = ""
    group_positions: dict[Hashable, int | None] = field(default_factory=dict)
    best: dict[Hashable, L.BestLap] = field(default_factory=dict)
    lap_drivers: dict[tuple[Hashable, int], Hashable | None] = field(default_factory=dict)
    laps_led: dict[Hashable, int] = field(default_factory=dict)
    class_laps_led: dict[Hashable, int] = field(default_factory=dict)
    fastest_in_class: dict[str, L.BestLap] = field(default_factory=dict)
    retired: set[Hashable] = field(default_factory=set)
    pit_stops: dict[Hashable, int] = field(default_factory=dict)
    driver_laps: dict[Hashable, list[L.DriverLaps]] = field(default_factory=dict)
    caution: L.FlagSummary | None = None
    red: L.FlagSummary | None = None
    lead_changes: int = 0

    def q_driver_id(self, entry_id: int, best_lap_number: int | None) -> Hashable | None:
        """The driver of the car's best lap: the results file's best lap number when
        stored (deleted laps do not count), else the lap chart's fastest lap."""
        if best_lap_number is not None and (entry_id, best_lap_number) in self.lap_drivers:
            return self.lap_drivers[entry_id, best_lap_number]
        best = self.best.get(entry_id)
        return best.driver if best else None


def load_laps(session: Session, session_ids: Sequence[int]) -> dict[int, list[L.LapRecord]]:
    """Every stored lap of the sessions, as plain records (one query)."""
    query = select(
        Lap.session_id,
        Lap.entry_id,
        Lap.lap_number,
        Lap.time_ms,
        Lap.driver_id,
        Lap.elapsed_ms,
        Lap.time_of_day_ms,
        Lap.flag,
        Lap.pit_in,
        Lap.pit_time_ms,
    ).where(Lap.session_id.in_(session_ids))
    found: dict[int, list[L.LapRecord]] = {}
    rows = session.connection().execute(query)  # Core rows: no ORM bookkeeping for 17k laps
    for session_id, car, lap, time_ms, driver, elapsed, day, flag, pit, pit_ms in rows:
        record = L.LapRecord(car, lap, time_ms, driver, elapsed, day, flag, pit, pit_ms)
        found.setdefault(session_id, []).append(record)
    return found


def session_facts(
    session: Session,
    race_session: RaceSession,
    lines: Sequence[ResultLine],
    laps: list[L.LapRecord],
) -> SessionFacts:
    """The facts a summary of this session can quote (``lines``: its classification)."""
    class_of: dict[Hashable, str] = {line.entry.entry_id: line.entry.class_code for line in lines}
    facts = SessionFacts(has_laps=bool(laps))
    if race_session.kind is SessionKind.QUALIFYING:
        _groups(session, race_session, lines, facts)
    if not laps:
        return facts
    facts.best = L.best_laps(laps)
    facts.lap_drivers = {(lap.car, lap.lap): lap.driver for lap in laps}
    facts.fastest_in_class = L.fastest_by_class(laps, class_of)
    facts.pit_stops = L.pit_stops(laps)
    facts.driver_laps = _by_car(L.driver_laps(laps))
    flags = L.flag_summaries(laps, (L.CAUTION, L.RED))
    facts.caution, facts.red = flags[L.CAUTION], flags[L.RED]
    if race_session.kind is SessionKind.RACE:
        facts.laps_led = L.laps_led(laps)
        facts.lead_changes = L.lead_changes(laps)
        facts.class_laps_led = _class_laps_led(laps, class_of)
        facts.retired = L.retired(laps)
    return facts


def _groups(
    session: Session, race_session: RaceSession, lines: Sequence[ResultLine], facts: SessionFacts
) -> None:
    found = q.read_groups(session, race_session)
    facts.groups = found.in_use
    facts.groups_source = found.source if found.text else (q.SOURCE_LAPS if found.detected else "")
    if facts.groups:
        facts.group_positions = line_group_positions(lines, facts.groups)


def line_group_positions(
    lines: Sequence[ResultLine], groups: g.Groups
) -> dict[Hashable, int | None]:
    """Entry id -> place within its qualifying group, from the classification's order."""
    order = [
        (line.entry.entry_id, line.entry.class_code) for line in lines if line.position is not None
    ]
    return g.group_positions(order, groups)


def _class_laps_led(
    laps: Iterable[L.LapRecord], class_of: dict[Hashable, str]
) -> dict[Hashable, int]:
    """Laps led in class: the class's own leader at the end of each of its laps."""
    by_class: dict[str, list[L.LapRecord]] = {}
    for lap in laps:
        by_class.setdefault(class_of.get(lap.car, ""), []).append(lap)
    led: dict[Hashable, int] = {}
    for own in by_class.values():
        led.update(L.laps_led(own))
    return led


def _by_car(items: Iterable[L.DriverLaps]) -> dict[Hashable, list[L.DriverLaps]]:
    grouped: dict[Hashable, list[L.DriverLaps]] = {}
    for item in items:
        grouped.setdefault(item.car, []).append(item)
    return grouped
