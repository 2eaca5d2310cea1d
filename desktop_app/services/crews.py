"""Who drove a car in one session: the session's crew, else the entry's drivers.

A results file lists the drivers of each car for its own session (session_crews); the
entry list holds every driver the car had over the weekend. Exports and summaries of a
session name the session's crew; sessions keyed by hand (no crew rows) fall back to the
entry's seats. This is the one read of that rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.storage.models import CrewSeat, Driver, Entry

CrewKey = tuple[int, int]  # (session id, entry id)


def session_crews(session: Session, session_ids: Iterable[int]) -> dict[CrewKey, list[Driver]]:
    """The crews of these sessions in seat order, by (session id, entry id), one query."""
    ids = list(session_ids)
    if not ids:
        return {}
    query = (
        select(CrewSeat)
        .where(CrewSeat.session_id.in_(ids))
        .order_by(CrewSeat.session_id, CrewSeat.entry_id, CrewSeat.seat)
        .options(selectinload(CrewSeat.driver).selectinload(Driver.tags))
    )
    crews: dict[CrewKey, list[Driver]] = {}
    for seat in session.scalars(query):
        crews.setdefault((seat.session_id, seat.entry_id), []).append(seat.driver)
    return crews


def crew_of(crews: dict[CrewKey, list[Driver]], session_id: int, entry: Entry) -> list[Driver]:
    """The car's drivers in the session from preloaded ``crews``; else the entry's."""
    return crews.get((session_id, entry.id)) or entry.drivers


def session_crew(session: Session, session_id: int, entry: Entry) -> list[Driver]:
    """The car's drivers in this session, in seat order (the entry's when it has no crew)."""
    return crew_of(session_crews(session, [session_id]), session_id, entry)
