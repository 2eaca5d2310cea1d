"""Plain rows for the exporters, read from the database one event or session at a time.

The writers never touch ORM objects: everything a sheet shows is copied into these small
frozen rows first, so a season can be streamed session by session with bounded memory and
the sheet code stays independent of SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.sessions import ResultState
from desktop_app.services.crews import crews_for_sessions
from desktop_app.services.focus import read_rule
from desktop_app.services.views.entries import EntryView, read_entries
from desktop_app.services.views.events import EventView, event_view
from desktop_app.services.views.results import ResultLine, read_result_lines
from desktop_app.services.views.sessions import SessionHead, read_session_head
from desktop_app.services.views.weather import WeatherView, session_weather
from desktop_app.storage.models import Driver, Event, RaceSession


@dataclass(frozen=True)
class EntryRow:
    """A car of the entry list as a sheet prints it: the shared entry view (read with
    the focus applied as the workbook does: no rule, nobody highlighted)."""

    car: EntryView

    @property
    def series(self) -> str:
        return self.car.series_code

    @property
    def class_code(self) -> str:
        return self.car.class_code

    @property
    def number(self) -> str:
        return self.car.car_number

    @property
    def team(self) -> str:
        return self.car.team

    @property
    def vehicle(self) -> str:
        return self.car.vehicle

    @property
    def tags(self) -> str:
        return ", ".join(self.car.tags)

    @property
    def focus(self) -> bool:
        return self.car.in_focus

    @property
    def focus_drivers(self) -> tuple[str, ...]:
        """Who the Focus sheet lists: the drivers in focus, or the whole crew of a car in
        focus by its own tag ("" for a car without drivers)."""
        names = tuple(driver.full_name for driver in self.car.focus_drivers)
        if names or not self.focus:
            return names
        return tuple(driver.full_name for driver in self.car.drivers) or ("",)

    @property
    def drivers(self) -> str:
        return ", ".join(driver.full_name for driver in self.car.drivers)

    @property
    def countries(self) -> str:
        """``CAN, GBR``: the drivers' countries in seat order."""
        return ", ".join(driver.country for driver in self.car.drivers)

    @property
    def hometowns(self) -> str:
        """``Red Deer, AB; ...``: their hometowns, ";" between drivers."""
        return "; ".join(driver.hometown for driver in self.car.drivers)


@dataclass(frozen=True)
class SheetRow:
    """A result line as a sheet prints it: the positions chosen for the sheet (official
    ones in an official session) and who of its crew is in focus."""

    line: ResultLine
    position: int | None
    class_position: int | None
    provisional_position: int | None  # only where it differs from the official one
    provisional_class_position: int | None
    focus: bool
    focus_drivers: tuple[str, ...]

    @property
    def gap(self) -> int | str | None:
        """ms, or "2 Laps"."""
        return _gap(self.line.gap_first_ms, self.line.gap_first_laps)

    @property
    def status(self) -> str:
        return self.line.status.label

    @property
    def penalty(self) -> str:
        return "; ".join(penalty.bulletin for penalty in self.line.penalties)


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


def load_events(session: Session, event_ids: Iterable[int]) -> list[EventView]:
    """The events to export, in the order asked, with their sessions in schedule order."""
    infos = []
    for event_id in event_ids:
        event = session.get(Event, event_id, options=[selectinload(Event.sessions)])
        if event is None:
            continue
        infos.append(event_view(event))
    return infos


def load_session(session: Session, session_id: int) -> SessionHead | None:
    """The session's names and state in one query (None once it has been deleted)."""
    return read_session_head(session, session_id)


def entry_rows(session: Session, event_id: int, focus: str) -> dict[int, EntryRow]:
    """Every car of the event by entry id, in entry-list order (series, then car number).

    ``focus`` is the reporter's focus rule (``country:CAN, tag:Canadian``)."""
    cars = read_entries(session, event_id, read_rule(focus), everyone_without_rule=False)
    return {entry_id: EntryRow(car) for entry_id, car in cars.items()}


def result_rows(
    session: Session,
    info: SessionHead,
    entries: dict[int, EntryRow],
    crews: dict[int, list[Driver]] | None = None,
) -> list[SheetRow]:
    """A session's classification in grid order: the shared result lines, read in one
    query, with the positions this sheet shows and the focus of their crews.

    ``crews`` (entry id -> drivers) is the session's own crews when the caller read a
    whole event's at once; without it they are read here.
    """
    if crews is None:
        crews = crews_for_sessions(session, [info.id])[info.id]
    cars = {entry_id: row.car for entry_id, row in entries.items()}
    lines = read_result_lines(session, info.id, cars, crews)
    return [_result_row(line, entries[line.entry.entry_id], info.official) for line in lines]


def _result_row(line: ResultLine, entry: EntryRow, official: bool) -> SheetRow:
    position, provisional = _chosen(line.position, line.official_position, official)
    class_position, provisional_class = _chosen(
        line.class_position, line.official_class_position, official
    )
    return SheetRow(
        line=line,
        position=position,
        class_position=class_position,
        provisional_position=provisional,
        provisional_class_position=provisional_class,
        focus=entry.focus,
        focus_drivers=_crew_focus(line, entry),
    )


def _crew_focus(line: ResultLine, entry: EntryRow) -> tuple[str, ...]:
    """Who of the session's crew is in focus (the entry's when its crew names none)."""
    if line.entry is entry.car:
        return entry.focus_drivers
    names = [driver.full_name for driver in line.entry.drivers]
    return tuple(name for name in names if name in entry.focus_drivers) or entry.focus_drivers


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


def _gap(gap_ms: int | None, gap_laps: int | None) -> int | str | None:
    if gap_laps is not None:
        return f"{gap_laps} Lap" if abs(gap_laps) == 1 else f"{gap_laps} Laps"
    return gap_ms


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
