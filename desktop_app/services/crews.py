"""Who drove a car in one session: that session's crew, in seat order.

Files differ from session to session (a third driver only in practice), so a session
may have its own rows in ``session_crews``; a session without them falls back to the
entry's seats. This is the one place that rule lives; summaries and focus read crews
through :func:`crews_for_sessions` / :func:`session_crew`.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.storage.models import CrewSeat, Driver, Entry

Crews = dict[int, dict[int, list[Driver]]]  # session id -> entry id -> drivers


def crews_for_sessions(session: Session, session_ids: Iterable[int]) -> Crews:
    """The stored crews of these sessions, in one query (entries without rows are absent)."""
    wanted = list(session_ids)
    crews: Crews = {session_id: {} for session_id in wanted}
    if not wanted:
        return crews
    query = (
        select(CrewSeat)
        .where(CrewSeat.session_id.in_(wanted))
        .order_by(CrewSeat.session_id, CrewSeat.entry_id, CrewSeat.seat)
        .options(selectinload(CrewSeat.driver).selectinload(Driver.tags))
    )
    for seat in session.scalars(query):
        crews[seat.session_id].setdefault(seat.entry_id, []).append(seat.driver)
    return crews


def session_crew(crews: Crews, session_id: int | None, entry: Entry) -> list[Driver]:
    """The drivers of ``entry`` in that session; the entry's seats when none are stored."""
    stored = crews.get(session_id, {}).get(entry.id) if session_id is not None else None
    return list(stored) if stored else entry.drivers
