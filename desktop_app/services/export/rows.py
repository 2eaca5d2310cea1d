"""Plain rows for the exporters, read from the database one event or session at a time.

The writers never touch ORM objects: everything a sheet shows is copied into these small
frozen rows first, so a season can be streamed session by session with bounded memory and
the sheet code stays independent of SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.classification import PenaltyKind
from desktop_app.domain.focus import FocusRule
from desktop_app.domain.sessions import ResultState
from desktop_app.domain.timing import format_time
from desktop_app.services.crews import crews_for_sessions
from desktop_app.services.focus import person, read_rule
from desktop_app.services.views.weather import WeatherView, session_weather
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver, Entry, Event, Penalty, RaceSession, Result


@dataclass(frozen=True)
class EventInfo:
    id: int
    name: str
    time_zone: str
    session_ids: tuple[int, ...]


@dataclass(frozen=True)
class SessionInfo:
    id: int
    event_name: str
    series_code: str
    series_name: str
    name: str
    official: bool


@dataclass(frozen=True)
class EntryRow:
    """A car of the entry list, with what its result rows repeat."""

    series: str
    class_code: str
    number: str
    team: str
    vehicle: str
    drivers: str
    tags: str
    focus: bool
    focus_drivers: tuple[str, ...]
    countries: str = ""  # "CAN, GBR": the drivers' countries in seat order
    hometowns: str = ""  # "Red Deer, AB; ": their hometowns, ";" between drivers


@dataclass(frozen=True)
class ResultRow:
    """One line of a session's classification, positions already chosen for the sheet."""

    position: int | None
    class_code: str
    class_position: int | None
    number: str
    team: str
    vehicle: str
    drivers: str
    laps: int | None
    total_ms: int | None
    gap: int | str | None  # ms, or "2 Laps"
    best_lap_ms: int | None
    best_lap_number: int | None
    status: str
    penalty: str
    provisional_position: int | None  # only where it differs from the official one
    provisional_class_position: int | None
    focus: bool
    focus_drivers: tuple[str, ...]


@dataclass(frozen=True)
class ScheduleRow:
    starts: dt.datetime | None  # wall-clock time in the event's zone, no tzinfo
    ends: dt.datetime | None
    kind: str  # "Session" or "Broadcast"
    series: str
    title: str
    outlet: str
    coverage: str
    results: str
    notes: str
    weather: WeatherView | None = None  # a session's readings, when a weather file was imported


def load_events(session: Session, event_ids: Iterable[int]) -> list[EventInfo]:
    """The events to export, in the order asked, with their sessions in schedule order."""
    infos = []
    for event_id in event_ids:
        event = session.get(Event, event_id, options=[selectinload(Event.sessions)])
        if event is None:
            continue
        ids = tuple(race_session.id for race_session in event.sessions)
        infos.append(EventInfo(event.id, event.name, event.time_zone, ids))
    return infos


def load_session(session: Session, session_id: int) -> SessionInfo | None:
    query = select(RaceSession).where(RaceSession.id == session_id)
    race_session = session.scalar(
        query.options(selectinload(RaceSession.series), selectinload(RaceSession.event))
    )
    if race_session is None:
        return None
    return SessionInfo(
        id=race_session.id,
        event_name=race_session.event.name,
        series_code=race_session.series.code,
        series_name=race_session.series.name,
        name=race_session.name,
        official=race_session.result_state is ResultState.OFFICIAL,
    )


def entry_rows(session: Session, event_id: int, focus: str) -> dict[int, EntryRow]:
    """Every car of the event by entry id, in entry-list order (series, then car number).

    ``focus`` is the reporter's focus rule (``country:CAN, tag:Canadian``)."""
    rule = read_rule(focus)
    return {entry.id: _entry_row(entry, rule) for entry in repo.event_entries(session, event_id)}


def _entry_row(entry: Entry, rule: FocusRule) -> EntryRow:
    """A car, its drivers' countries and hometowns, and who of them is in focus."""
    chosen = not rule.everyone
    focus = [d.full_name for d in entry.drivers if chosen and rule.driver(person(d))]
    if chosen and not focus and rule.car_tags(tag.name for tag in entry.tags):
        focus = [d.full_name for d in entry.drivers] or [""]
    tags = sorted(
        {tag.name for tag in entry.tags} | {t.name for d in entry.drivers for t in d.tags}
    )
    return EntryRow(
        series=entry.series.code,
        class_code=entry.race_class.code if entry.race_class else "",
        number=entry.car_number or "",
        team=entry.team.name if entry.team else "",
        vehicle=entry.vehicle,
        drivers=", ".join(driver.full_name for driver in entry.drivers),
        tags=", ".join(tags),
        focus=bool(focus),
        focus_drivers=tuple(focus),
        countries=", ".join(driver.country for driver in entry.drivers),
        hometowns="; ".join(driver.hometown for driver in entry.drivers),
    )


def result_rows(
    session: Session, info: SessionInfo, entries: dict[int, EntryRow]
) -> list[ResultRow]:
    """A session's classification in grid order, read with one query (plus penalties)."""
    query = (
        select(Result)
        .where(Result.session_id == info.id)
        .order_by(Result.sort_order, Result.id)
        .options(selectinload(Result.penalties))
    )
    crews = crews_for_sessions(session, [info.id])[info.id]
    return [
        _result_row(
            result,
            _with_crew(entries[result.entry_id], crews.get(result.entry_id)),
            info.official,
        )
        for result in session.scalars(query)
    ]


def _with_crew(entry: EntryRow, crew: list[Driver] | None) -> EntryRow:
    """The session's own crew when its file named one (see ``services.crews``)."""
    if not crew:
        return entry
    names = [driver.full_name for driver in crew]
    focus = tuple(name for name in names if name in entry.focus_drivers)
    return replace(entry, drivers=", ".join(names), focus_drivers=focus or entry.focus_drivers)


def _result_row(result: Result, entry: EntryRow, official: bool) -> ResultRow:
    position, provisional = _chosen(result.position, result.official_position, official)
    class_position, provisional_class = _chosen(
        result.class_position, result.official_class_position, official
    )
    return ResultRow(
        position=position,
        class_code=entry.class_code,
        class_position=class_position,
        number=entry.number,
        team=entry.team,
        vehicle=entry.vehicle,
        drivers=entry.drivers,
        laps=result.laps,
        total_ms=result.total_time_ms,
        gap=_gap(result),
        best_lap_ms=result.best_lap_ms,
        best_lap_number=result.best_lap_number,
        status=result.status.label,
        penalty="; ".join(_penalty_text(penalty) for penalty in result.penalties),
        provisional_position=provisional,
        provisional_class_position=provisional_class,
        focus=entry.focus,
        focus_drivers=entry.focus_drivers,
    )


def _chosen(
    provisional: int | None, official: int | None, is_official: bool
) -> tuple[int | None, int | None]:
    """(position to show, provisional position when it differs).

    An official session shows official positions; where none was stored (partial data) the
    provisional one stands, as it was never changed.
    """
    if not is_official or official is None:
        return provisional, None
    return official, provisional if provisional != official else None


def _gap(result: Result) -> int | str | None:
    if result.gap_first_laps is not None:
        laps = result.gap_first_laps
        return f"{laps} Lap" if abs(laps) == 1 else f"{laps} Laps"
    return result.gap_first_ms


def _penalty_text(penalty: Penalty) -> str:
    """``Time penalty 30.000: Pit lane speeding``, as a stewards' bulletin lists it."""
    text = penalty.kind.label
    if penalty.kind is PenaltyKind.TIME and penalty.amount_ms:
        text += f" {format_time(penalty.amount_ms)}"
    if penalty.positions:
        text += f" {penalty.positions} {'place' if penalty.positions == 1 else 'places'}"
    if not penalty.post_session:
        text += " (in session)"
    return f"{text}: {penalty.reason}" if penalty.reason else text


def schedule_rows(session: Session, event_id: int) -> list[ScheduleRow]:
    """Sessions and broadcast slots in the event's wall-clock time, earliest first."""
    event = session.get(
        Event,
        event_id,
        options=[
            selectinload(Event.sessions).selectinload(RaceSession.series),
            selectinload(Event.broadcasts),
        ],
    )
    if event is None:
        return []
    zone = ZoneInfo(event.time_zone)
    weather = session_weather(session, [race_session.id for race_session in event.sessions])
    rows = [
        _session_schedule(race_session, zone, weather.get(race_session.id))
        for race_session in event.sessions
    ]
    series = {race_session.id: race_session.series.code for race_session in event.sessions}
    for slot in event.broadcasts:
        rows.append(
            ScheduleRow(
                starts=_local(slot.starts_at, zone),
                ends=_local(slot.ends_at, zone),
                kind="Broadcast",
                series=series.get(slot.session_id or 0, ""),
                title=slot.title,
                outlet=slot.outlet,
                coverage=slot.coverage.value.capitalize(),
                results="",
                notes="",
            )
        )
    order = {id(row): index for index, row in enumerate(rows)}
    return sorted(
        rows, key=lambda row: (row.starts is None, row.starts or dt.datetime.min, order[id(row)])
    )


def _session_schedule(
    race_session: RaceSession, zone: ZoneInfo, weather: WeatherView | None
) -> ScheduleRow:
    state = race_session.result_state
    return ScheduleRow(
        starts=_local(race_session.starts_at, zone),
        ends=_local(race_session.ends_at, zone),
        kind="Session",
        series=race_session.series.code,
        title=race_session.name,
        outlet="",
        coverage="",
        results="" if state is ResultState.NONE else state.label,
        notes=race_session.notes,
        weather=weather,
    )


def _local(moment: dt.datetime | None, zone: ZoneInfo) -> dt.datetime | None:
    """Excel has no time zones: the circuit's wall-clock time, named in the header."""
    if moment is None:
        return None
    return moment.astimezone(zone).replace(tzinfo=None)
