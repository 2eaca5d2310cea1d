"""A session's qualifying groups: stored, found from its laps, set by the reporter.

Reading is plain functions over an open ORM session (the summaries, the grid and the CLI
share them); setting goes through ``Edits.set_qualifying_groups`` (``editing_groups``),
which is one undoable step like any other edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain import groups as g
from desktop_app.domain.sessions import SessionKind
from desktop_app.storage.database import Database
from desktop_app.storage.models import Entry, Lap, RaceClass, RaceSession, Result

if TYPE_CHECKING:  # editing imports this module through editing_groups
    from desktop_app.services.editing import Editor

SOURCE_LAPS = "laps"
SOURCE_REPORTER = "reporter"


@dataclass(frozen=True)
class SessionGroups:
    """What the grid header and the summaries need to know about a session's groups."""

    text: str  # what is stored: "GTP | LMP2 | GTD PRO, GTD", or ""
    source: str  # "", "laps" or "reporter"
    detected: str  # what the laps say, "" without a lap chart or when all ran together
    has_laps: bool

    @property
    def in_use(self) -> g.Groups:
        """Stored groups win; else what the laps show; else none (one field)."""
        return g.parse_groups(self.text or self.detected)

    @property
    def described(self) -> str:
        """One line for the grid header: which positions the "overall" column shows."""
        if self.text:
            origin = "set by you" if self.source == SOURCE_REPORTER else "from the lap chart"
            return f"Qualifying groups {self.text} ({origin}): group positions."
        if self.detected:
            return f"Qualifying groups {self.detected} (from the lap chart): group positions."
        if not self.has_laps:
            return "No lap chart: positions are for the whole field."
        return "The lap chart shows one field: positions are for the whole field."


def session_classes(session: Session, session_id: int) -> list[str]:
    """Class codes of the cars in the session (results or laps), in the series' order."""
    with_results = select(Result.entry_id).where(Result.session_id == session_id)
    with_laps = select(Lap.entry_id).where(Lap.session_id == session_id)
    query = (
        select(RaceClass.code)
        .join(Entry, Entry.class_id == RaceClass.id)
        .where(Entry.id.in_(with_results.union(with_laps)))
        .group_by(RaceClass.id)
        .order_by(RaceClass.sort_order, RaceClass.code)
    )
    return list(session.scalars(query))


def class_spans(session: Session, session_id: int) -> dict[str, tuple[int, int]]:
    """Each class's first and last line crossing (time of day) in the session."""
    query = (
        select(RaceClass.code, func.min(Lap.time_of_day_ms), func.max(Lap.time_of_day_ms))
        .join(Entry, Entry.id == Lap.entry_id)
        .join(RaceClass, RaceClass.id == Entry.class_id)
        .where(Lap.session_id == session_id, Lap.time_of_day_ms.is_not(None))
        .group_by(RaceClass.id)
    )
    return {
        code: (start, end)
        for code, start, end in session.execute(query)
        if start is not None and end is not None
    }


def has_laps(session: Session, session_id: int) -> bool:
    found = session.scalar(select(Lap.id).where(Lap.session_id == session_id).limit(1))
    return found is not None


def read_groups(session: Session, race_session: RaceSession) -> SessionGroups:
    """The stored groups and what the laps say, for a qualifying session."""
    laps = has_laps(session, race_session.id)
    detected = ""
    if laps and race_session.kind is SessionKind.QUALIFYING:
        order = session_classes(session, race_session.id)
        detected = g.format_groups(g.detect_groups(class_spans(session, race_session.id), order))
    return SessionGroups(race_session.qualifying_groups, race_session.groups_source, detected, laps)


def store_detected_groups(editor: Editor, session_id: int) -> str:
    """Store the groups the laps show, unless the session already has groups set.

    Returns the stored text ("" when nothing was stored). One undoable action; the
    importer calls it after loading a qualifying lap chart.
    """
    with editor.database.read() as session:
        race_session = session.get(RaceSession, session_id)
        if race_session is None or race_session.qualifying_groups:
            return ""
        detected = read_groups(session, race_session).detected
    if not detected:
        return ""
    with editor.change("Find qualifying groups from the laps") as edit:
        edit.set_qualifying_groups(session_id, detected, SOURCE_LAPS)
    return detected


def groups_of(database: Database, session_id: int) -> SessionGroups | None:
    """The session's groups as the window shows them; None for a session that is gone."""
    with database.read() as session:
        race_session = session.get(RaceSession, session_id)
        return read_groups(session, race_session) if race_session is not None else None
