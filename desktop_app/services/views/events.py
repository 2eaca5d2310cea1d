"""An event as every reader shows it: the workbook's sheets and the summaries' headings.

Built from the stored event with its sessions in schedule order; plain values only, so a
template can read it and an export can hold it past the read session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.storage.models import Event


@dataclass(frozen=True)
class EventView:
    id: int
    name: str
    circuit: str
    time_zone: str
    start_date: dt.date | None
    end_date: dt.date | None
    session_ids: tuple[int, ...] = ()  # in schedule order

    @property
    def year(self) -> str:
        """``2024`` for headings ("2024 Rolex 24 at Daytona Broadcast Schedule"), or ""."""
        return str(self.start_date.year) if self.start_date else ""


def event_view(event: Event) -> EventView:
    """Needs the event's sessions (loaded or loadable)."""
    return EventView(
        id=event.id,
        name=event.name,
        circuit=event.circuit,
        time_zone=event.time_zone,
        start_date=event.start_date,
        end_date=event.end_date,
        session_ids=tuple(race_session.id for race_session in event.sessions),
    )
