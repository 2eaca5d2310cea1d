"""A session's names and state, as the workbook's sheets and the summaries' headings use.

The summaries' session view extends it with the classification and the lap-chart facts;
the workbook reads just this before writing a session's sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.sessions import ResultState
from desktop_app.services.catalogue import series_name as catalogue_name
from desktop_app.storage.models import Event, RaceSession, Series


@dataclass(frozen=True)
class SessionHead:
    id: int
    name: str
    kind: str  # "practice", "qualifying", "race", "warm_up"
    series_code: str
    series_name: str  # as the catalogue spells it ("IMSA WeatherTech SportsCar Championship")
    event_name: str
    state: str  # "none", "provisional", "official"...

    @property
    def official(self) -> bool:
        """Official results show the official order (and the provisional where it moved)."""
        return self.state == ResultState.OFFICIAL.value


def read_session_head(session: Session, session_id: int) -> SessionHead | None:
    """The session's names and state in one query (None once it has been deleted)."""
    query = (
        select(
            RaceSession.id,
            RaceSession.name,
            RaceSession.kind,
            Series.code,
            Series.name,
            Event.name,
            RaceSession.result_state,
        )
        .join(Event, RaceSession.event_id == Event.id)
        .join(Series, RaceSession.series_id == Series.id)
        .where(RaceSession.id == session_id)
    )
    found = session.execute(query).first()
    if found is None:
        return None
    id_, name, kind, code, series, event_name, state = found
    return SessionHead(
        id_, name, kind.value, code, catalogue_name(code, series), event_name, state.value
    )
