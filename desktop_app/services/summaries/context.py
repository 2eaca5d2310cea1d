"""Build the plain view objects of a summary from the database.

Everything a template sees is copied into frozen views here, inside one read session, so
templates can neither lazy-load nor change anything. The classification comes from the
shared reader (``views.results.read_result_lines``) and the cars from the one entry
reader (``views.entries.entry_view``), as the grid and the workbook read them; the lap
chart is read beside them (``lap_facts``) and joined by entry id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from desktop_app.domain.classification import PenaltyKind
from desktop_app.domain.groups import format_groups
from desktop_app.domain.sessions import SessionKind
from desktop_app.services.catalogue import series_name
from desktop_app.services.crews import crews_for_sessions
from desktop_app.services.errors import EditError
from desktop_app.services.summaries import views as v
from desktop_app.services.summaries.lap_facts import SessionFacts, load_laps, session_facts
from desktop_app.services.summaries.lap_views import lap_fields, q_driver
from desktop_app.services.summaries.selection import Focus, Selection
from desktop_app.services.summaries.stories import class_stories, flag_view
from desktop_app.services.views.drivers import driver_view
from desktop_app.services.views.entries import entry_view
from desktop_app.services.views.events import event_view
from desktop_app.services.views.results import ResultLine, entry_info, read_result_lines
from desktop_app.services.views.weather import WeatherView, session_weather
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver, Entry, Event, RaceSession


def build_context(session: Session, selection: Selection) -> v.SummaryContext:
    event = session.get(Event, selection.event_id)
    if event is None:
        raise EditError("That event is no longer in the database.")
    zone = ZoneInfo(event.time_zone)
    keep = Focus(selection)
    race_sessions = [s for s in event.sessions if keep.series(s.series.code, s.series.name)]
    if selection.session_id is not None:
        race_sessions = [s for s in event.sessions if s.id == selection.session_id]
        if not race_sessions:
            raise EditError("That session is not part of this event.")
    session_ids = [s.id for s in race_sessions]
    keep.crews = crews_for_sessions(session, session_ids)
    cars = _Cars(session, event.id, keep)
    laps = load_laps(session, session_ids)
    weather = session_weather(session, session_ids)
    sessions = tuple(
        _session(s, cars, laps.get(s.id, []), zone, weather.get(s.id)) for s in race_sessions
    )
    entries = _entries(cars, race_sessions, keep, selection.session_id)
    return v.SummaryContext(
        event=event_view(event),
        session=sessions[0] if selection.session_id is not None else None,
        sessions=sessions,
        entries=entries,
        entry_groups=_groups(entries),
        broadcasts=_broadcasts(event, race_sessions, keep, zone, selection.session_id),
        tag=selection.tag.strip(),
    )


class _Cars:
    """The event's cars, read once: the summary's entry views, the result lines' cars
    (the shared reader's), and the drivers a lap chart or a Q driver names."""

    def __init__(self, session: Session, event_id: int, keep: Focus) -> None:
        self.session = session
        self.keep = keep
        self.in_order = repo.event_entries(session, event_id)
        self.by_id = {entry.id: entry for entry in self.in_order}
        self._infos = {entry.id: entry_info(entry) for entry in self.in_order}

    def lines(self, session_id: int) -> list[ResultLine]:
        """The session's classification in grid order (one query, penalties joined)."""
        return read_result_lines(self.session, session_id, self._infos)

    def entry(self, line: ResultLine) -> Entry:
        return self.by_id[line.entry.entry_id]

    def view(self, entry: Entry, session_id: int | None = None) -> v.EntryView:
        """The car as a view; a session with its own crew for it gets its own view."""
        keep = self.keep
        own_crew = session_id is not None and entry.id in keep.crews.get(session_id, {})
        key = (entry.id, session_id if own_crew else None)
        view = keep.entry_views.get(key)
        if view is None:
            view = keep.entry_views[key] = _new_entry(entry, keep, key[1])
        return view

    def driver(self, driver_id: Any) -> v.DriverView | None:
        """A stored driver by id (the cars' drivers are loaded already), None for none."""
        found = self.session.get(Driver, driver_id) if driver_id is not None else None
        return _driver(found, self.keep) if found is not None else None


def _driver(driver: Driver, keep: Focus) -> v.DriverView:
    return driver_view(driver, keep.driver_in_focus(driver))


def _new_entry(entry: Entry, keep: Focus, session_id: int | None) -> v.EntryView:
    crew = keep.crews.get(session_id, {}).get(entry.id) if session_id is not None else None
    return entry_view(entry, keep.rule, crew=crew)


def _entries(
    cars: _Cars, race_sessions: Sequence[RaceSession], keep: Focus, session_id: int | None
) -> tuple[v.EntryView, ...]:
    """Entries in focus; for one session, only those of its series."""
    series_ids = {s.series_id for s in race_sessions} if session_id is not None else None
    rows = [
        entry
        for entry in cars.in_order
        if keep.filters(entry) and (series_ids is None or entry.series_id in series_ids)
    ]
    return tuple(view for entry in rows if (view := cars.view(entry)).in_focus)


def _groups(entries: Iterable[v.EntryView]) -> tuple[v.EntryGroup, ...]:
    """Entries under class headings, series and classes in their stored order."""
    grouped: dict[tuple[str, str], list[v.EntryView]] = {}
    ordered = sorted(entries, key=lambda e: (e.series_name, e.class_order, e.class_code))
    for entry in ordered:
        grouped.setdefault((entry.series_name, entry.class_code), []).append(entry)
    return tuple(
        v.EntryGroup(series, code, items[0].class_name, tuple(items))
        for (series, code), items in grouped.items()
    )


def _session(
    race_session: RaceSession,
    cars: _Cars,
    laps: list[Any],
    zone: ZoneInfo,
    weather: WeatherView | None = None,
) -> v.SessionView:
    lines = cars.lines(race_session.id)
    facts = session_facts(cars.session, race_session, lines, laps)
    best = _best_laps(lines)
    all_results = tuple(_result(line, lines, race_session, cars, best, facts) for line in lines)
    focus = tuple(
        view
        for line, view in zip(lines, all_results, strict=True)
        if view.entry.in_focus and cars.keep.filters(cars.entry(line))
    )
    named = series_name(race_session.series.code, race_session.series.name)
    return v.SessionView(
        id=race_session.id,
        name=race_session.name,
        kind=race_session.kind.value,
        series_code=race_session.series.code,
        series_name=named,
        event_name=race_session.event.name,
        title=f"{named} {race_session.name}",
        state=race_session.result_state.value,
        starts_at=_local(race_session.starts_at, zone),
        ends_at=_local(race_session.ends_at, zone),
        notes=race_session.notes.strip(),
        results=focus,
        all_results=all_results,
        circuit=race_session.event.circuit,
        has_laps=facts.has_laps,
        groups=format_groups(facts.groups),
        groups_source=facts.groups_source,
        classes=_stories(race_session, lines, all_results, focus, cars),
        caution=flag_view(facts.caution),
        red_flag=flag_view(facts.red),
        lead_changes=facts.lead_changes,
        weather=weather,
    )


def _stories(
    race_session: RaceSession,
    lines: Sequence[ResultLine],
    views: Sequence[v.ResultView],
    focus: Sequence[v.ResultView],
    cars: _Cars,
) -> tuple[v.ClassStory, ...]:
    """A race's classes within the class and series filters (whatever the focus)."""
    if race_session.kind is not SessionKind.RACE:
        return ()
    wanted = {
        view.entry.class_code
        for line, view in zip(lines, views, strict=True)
        if cars.keep.filters(cars.entry(line))
    }
    return class_stories(views, focus, wanted)


def _best_laps(lines: Sequence[ResultLine]) -> int | None:
    laps = [line.best_lap_ms for line in lines if line.best_lap_ms is not None]
    return min(laps) if laps else None


def _result(
    line: ResultLine,
    lines: Sequence[ResultLine],
    race_session: RaceSession,
    cars: _Cars,
    best_ms: int | None,
    facts: SessionFacts,
) -> v.ResultView:
    """The shared line with the car as prose names it and what the story adds."""
    gap = line.gap_first_ms
    if gap is None and best_ms is not None and line.best_lap_ms is not None:
        gap = line.best_lap_ms - best_ms
    shared = vars(line) | lap_fields(line, facts, cars.driver)
    shared |= {"entry": cars.view(cars.entry(line), race_session.id), "note": line.note.strip()}
    return v.ResultView(
        **shared,
        status_label=line.status.label,
        gap_to_top_ms=gap,
        start=_start(line, race_session.kind),
        qualifying_driver=q_driver(line, race_session.kind, facts, cars.driver),
        move=_move(line, lines, cars),
    )


def _start(line: ResultLine, kind: SessionKind) -> int | None:
    """A race's grid position; a qualifying session's overall position sets the grid."""
    if line.grid_position is not None:
        return line.grid_position
    return line.position if kind is SessionKind.QUALIFYING else None


def _move(line: ResultLine, lines: Sequence[ResultLine], cars: _Cars) -> v.PositionMove | None:
    """A changed class position after penalties, and the penalised cars ahead in class."""
    before, after = line.class_position, line.official_class_position
    if before is None or after is None or before == after:
        return None
    class_id = cars.entry(line).class_id
    ahead = [
        other
        for other in lines
        if cars.entry(other).class_id == class_id
        and other.result_id != line.result_id
        and other.class_position is not None
        and other.class_position < before
        and any(p.post_session and p.kind is not PenaltyKind.WARNING for p in other.penalties)
    ]
    penalised = tuple(
        v.PenalisedCar(other.class_position, _car_names(cars.entry(other))) for other in ahead
    )
    return v.PositionMove(before, after, penalised if after < before else ())


def _car_names(entry: Entry) -> str:
    names = " / ".join(d.last_name for d in entry.drivers)
    return names or (f"#{entry.car_number}" if entry.car_number else "")


def _local(moment: dt.datetime | None, zone: ZoneInfo) -> dt.datetime | None:
    return moment.astimezone(zone) if moment else None


def _broadcasts(
    event: Event,
    race_sessions: Sequence[RaceSession],
    keep: Focus,
    zone: ZoneInfo,
    session_id: int | None,
) -> tuple[v.BroadcastView, ...]:
    """Slots of the event (or of the one session), in the circuit's time zone."""
    wanted = {s.id for s in race_sessions}
    slots = []
    for slot in event.broadcasts:
        series = slot.session.series if slot.session else None
        if session_id is not None and slot.session_id not in wanted:
            continue
        if series is not None and not keep.series(series.code, series.name):
            continue
        slots.append(
            v.BroadcastView(
                title=slot.title,
                outlet=slot.outlet,
                starts_at=slot.starts_at.astimezone(zone),
                ends_at=_local(slot.ends_at, zone),
                coverage=slot.coverage.value,
                series_code=series.code if series else "",
            )
        )
    return tuple(slots)
