"""Build the plain view objects of a summary from the database.

Everything a template sees is copied out of the ORM rows here, inside one read session,
so templates can neither lazy-load nor change anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.classification import PenaltyKind
from desktop_app.domain.groups import format_groups
from desktop_app.domain.sessions import SessionKind
from desktop_app.services.catalogue import series_name
from desktop_app.services.crews import crews_for_sessions, session_crew
from desktop_app.services.errors import EditError
from desktop_app.services.summaries import views as v
from desktop_app.services.summaries.lap_facts import SessionFacts, load_laps, session_facts
from desktop_app.services.summaries.lap_views import lap_fields, orm_session, q_driver
from desktop_app.services.summaries.selection import Focus, Selection
from desktop_app.services.summaries.stories import class_stories, flag_view
from desktop_app.services.views.drivers import driver_view
from desktop_app.services.views.events import event_view
from desktop_app.services.views.results import penalty_line, stored_values
from desktop_app.services.views.weather import WeatherView, session_weather
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver, Entry, Event, RaceClass, RaceSession, Result


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
    results = _results_by_session(session, [s.id for s in race_sessions])
    keep.crews = crews_for_sessions(session, [s.id for s in race_sessions])
    laps = load_laps(session, [s.id for s in race_sessions])
    weather = session_weather(session, [s.id for s in race_sessions])
    sessions = tuple(
        _session(s, results.get(s.id, []), keep, zone, laps.get(s.id, []), weather.get(s.id))
        for s in race_sessions
    )
    entries = _entries(session, event.id, race_sessions, keep, selection.session_id)
    return v.SummaryContext(
        event=event_view(event),
        session=sessions[0] if selection.session_id is not None else None,
        sessions=sessions,
        entries=entries,
        entry_groups=_groups(entries),
        broadcasts=_broadcasts(event, race_sessions, keep, zone, selection.session_id),
        tag=selection.tag.strip(),
    )


def _driver(driver: Driver, keep: Focus) -> v.DriverView:
    return driver_view(driver, keep.driver_in_focus(driver))


def _entry(entry: Entry, keep: Focus, session_id: int | None = None) -> v.EntryView:
    """The car as a view; a session with its own crew for it gets its own view."""
    own_crew = session_id is not None and entry.id in keep.crews.get(session_id, {})
    key = (entry.id, session_id if own_crew else None)
    view = keep.entry_views.get(key)
    if view is None:
        view = keep.entry_views[key] = _new_entry(entry, keep, key[1])
    return view


def _new_entry(entry: Entry, keep: Focus, session_id: int | None) -> v.EntryView:
    race_class = entry.race_class
    crew = session_crew(keep.crews, session_id, entry)
    return v.EntryView(
        entry_id=entry.id,
        car_number=entry.car_number or "",
        series_id=entry.series_id,
        team=entry.team.name if entry.team else "",
        vehicle=entry.vehicle,
        series_code=entry.series.code,
        series_name=series_name(entry.series.code, entry.series.name),
        class_code=race_class.code if race_class else "",
        class_name=race_class.name if race_class else "",
        class_order=race_class.sort_order if race_class else 0,
        drivers=tuple(_driver(d, keep) for d in crew),
        in_focus=keep.in_focus(entry, session_id),
    )


def _entries(
    session: Session,
    event_id: int,
    race_sessions: Sequence[RaceSession],
    keep: Focus,
    session_id: int | None,
) -> tuple[v.EntryView, ...]:
    """Entries in focus; for one session, only those of its series."""
    series_ids = {s.series_id for s in race_sessions} if session_id is not None else None
    rows = [
        entry
        for entry in repo.event_entries(session, event_id)
        if keep.entry(entry) and (series_ids is None or entry.series_id in series_ids)
    ]
    return tuple(_entry(entry, keep) for entry in rows)


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


def _results_by_session(session: Session, session_ids: Sequence[int]) -> dict[int, list[Result]]:
    """All results of the sessions in one round of queries (loads as session_results does)."""
    query = (
        select(Result)
        .where(Result.session_id.in_(session_ids))
        .order_by(Result.session_id, Result.sort_order, Result.id)
        .options(
            selectinload(Result.entry).options(*repo.entry_options()),
            selectinload(Result.entry)
            .selectinload(Entry.race_class)
            .selectinload(RaceClass.aliases),
            selectinload(Result.penalties),
            selectinload(Result.qualifying_driver),
        )
    )
    grouped: dict[int, list[Result]] = {}
    for row in session.scalars(query):
        grouped.setdefault(row.session_id, []).append(row)
    return grouped


def _session(
    race_session: RaceSession,
    rows: Sequence[Result],
    keep: Focus,
    zone: ZoneInfo,
    laps: list[Any],
    weather: WeatherView | None = None,
) -> v.SessionView:
    best = _best_laps(rows)
    facts = session_facts(orm_session(race_session), race_session, rows, laps)
    all_results = tuple(_result(row, rows, keep, best, facts) for row in rows)
    focus = tuple(
        view
        for row, view in zip(rows, all_results, strict=True)
        if keep.entry(row.entry, race_session.id)
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
        classes=_stories(race_session, rows, all_results, focus, keep),
        caution=flag_view(facts.caution),
        red_flag=flag_view(facts.red),
        lead_changes=facts.lead_changes,
        weather=weather,
    )


def _stories(
    race_session: RaceSession,
    rows: Sequence[Result],
    views: Sequence[v.ResultView],
    focus: Sequence[v.ResultView],
    keep: Focus,
) -> tuple[v.ClassStory, ...]:
    """A race's classes within the class and series filters (whatever the focus)."""
    if race_session.kind is not SessionKind.RACE:
        return ()
    wanted = {
        view.entry.class_code
        for row, view in zip(rows, views, strict=True)
        if keep.race_class(row.entry) and keep.series(row.entry.series.code, row.entry.series.name)
    }
    return class_stories(views, focus, wanted)


def _best_laps(rows: Sequence[Result]) -> int | None:
    laps = [row.best_lap_ms for row in rows if row.best_lap_ms is not None]
    return min(laps) if laps else None


def _result(
    row: Result, rows: Sequence[Result], keep: Focus, best_ms: int | None, facts: SessionFacts
) -> v.ResultView:
    gap = row.gap_first_ms
    if gap is None and best_ms is not None and row.best_lap_ms is not None:
        gap = row.best_lap_ms - best_ms
    return v.ResultView(
        result_id=row.id,
        entry=_entry(row.entry, keep, row.session_id),
        **stored_values(row),
        status_label=row.status.label,
        gap_to_top_ms=gap,
        start=_start(row),
        qualifying_driver=q_driver(row, facts, lambda d: _driver(d, keep)),
        note=row.note.strip(),
        penalties=tuple(penalty_line(p) for p in row.penalties),
        move=_move(row, rows),
        **lap_fields(row, facts, lambda d: _driver(d, keep)),
    )


def _start(row: Result) -> int | None:
    """A race's grid position; a qualifying session's overall position sets the grid."""
    if row.grid_position is not None:
        return row.grid_position
    return row.position if row.session.kind is SessionKind.QUALIFYING else None


def _move(row: Result, rows: Sequence[Result]) -> v.PositionMove | None:
    """A changed class position after penalties, and the penalised cars ahead in class."""
    before, after = row.class_position, row.official_class_position
    if before is None or after is None or before == after:
        return None
    ahead = [
        other
        for other in rows
        if other.entry.class_id == row.entry.class_id
        and other.id != row.id
        and other.class_position is not None
        and other.class_position < before
        and any(p.post_session and p.kind is not PenaltyKind.WARNING for p in other.penalties)
    ]
    penalised = tuple(v.PenalisedCar(o.class_position, _car_names(o.entry)) for o in ahead)
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
