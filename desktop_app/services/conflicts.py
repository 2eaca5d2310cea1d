"""Several writers on one server: an edit of a value someone else changed since it was
read is refused, never silently written over (issue 19).

No row-version column exists (the schema is shared, see DESIGN.md); the change history
is the version instead. A reader notes ``Editor.version()`` (the newest history line);
an edit made with ``since=`` that version locks its row (``SELECT ... FOR UPDATE`` on
PostgreSQL, so two writers queue instead of racing) and then looks for history lines
after it, by someone else, that set one of the same fields of the same row.

Imports work the same way on a whole plan: the plan notes the version when it is read,
and ``refuse_changed_sessions`` at the start of the apply refuses when someone else
changed the target sessions' results, penalties or the sessions since.

It applies where the editor has an author (on a server: the settings' name, else the
login); a single reporter on a file has none and pays nothing for it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.timing import format_time
from desktop_app.services.errors import EditError
from desktop_app.storage.models import ChangeRecord, Penalty, RaceSession, Result

WATCHED = ("results", "penalties", "sessions")  # what an import into a session rewrites

AUTHOR_KEY = "_by"  # who made a change, kept in the history line's "new" values


def current_version(session: Session) -> int:
    """The newest change history line: what a reader has seen."""
    return int(session.scalar(select(func.max(ChangeRecord.id))) or 0)


def check_unchanged(
    session: Session, table: str, row_id: int, fields: dict[str, Any], since: int, author: str
) -> None:
    """Refuse when someone else's action after ``since`` set one of ``fields`` of this
    row (one's own later changes never block one's own edit or undo)."""
    query = (
        select(ChangeRecord)
        .where(ChangeRecord.id > since, ChangeRecord.table_name == table)
        .where(ChangeRecord.row_id == row_id)
        .order_by(ChangeRecord.id.desc())
    )
    for change in session.scalars(query):
        new = json.loads(change.new or "{}")
        if new.get(AUTHOR_KEY, "") == author:
            continue
        for name in fields:
            if name in new:
                raise EditError(conflict_message(change, name, new))


def refuse_changed_sessions(
    session: Session,
    since: int | None,
    author: str,
    session_ids: Collection[int],
    event_id: int | None = None,
) -> None:
    """At the start of an import's apply: refuse when someone else changed a target
    session (its results, penalties or itself), or added a session to ``event_id``,
    after ``since`` (the plan's ``current_version``). The sessions and their results are
    locked first (``FOR UPDATE`` on a server): a keyed edit of one of them waits for the
    import, and its own check then sees the import."""
    if since is None or not author:
        return
    owners = _lock_targets(session, sorted(session_ids))
    query = (
        select(ChangeRecord)
        .where(ChangeRecord.id > since, ChangeRecord.table_name.in_(WATCHED))
        .order_by(ChangeRecord.id.desc())
    )
    for change in session.scalars(query):
        new = json.loads(change.new or "{}")
        if new.get(AUTHOR_KEY, "") == author:
            continue
        target = owners.get((change.table_name, change.row_id))
        if target is not None:
            raise EditError(_import_message(session, change, new, target))
        if change.table_name == "sessions" and event_id and new.get("event_id") == event_id:
            raise EditError(_import_message(session, change, new, None))


def _lock_targets(session: Session, session_ids: list[int]) -> dict[tuple[str, int | None], int]:
    """(table, row id) -> session id of every target row, the rows locked meanwhile."""
    if not session_ids:
        return {}
    owners: dict[tuple[str, int | None], int] = {("sessions", i): i for i in session_ids}
    session.scalars(
        select(RaceSession.id).where(RaceSession.id.in_(session_ids)).with_for_update()
    ).all()
    results = select(Result.id, Result.session_id).where(Result.session_id.in_(session_ids))
    for result_id, session_id in session.execute(results.with_for_update()):
        owners["results", result_id] = session_id
    penalties = select(Penalty.id, Result.session_id).join(Result, Penalty.result_id == Result.id)
    for penalty_id, session_id in session.execute(
        penalties.where(Result.session_id.in_(session_ids))
    ):
        owners["penalties", penalty_id] = session_id
    return owners


def _import_message(
    session: Session, change: ChangeRecord, new: dict[str, Any], session_id: int | None
) -> str:
    who, at = new.get(AUTHOR_KEY) or "someone else", _local_time(change)
    if session_id is None:
        what = f"a session ({new.get('name', '')}) was added to the event"
    else:
        race_session = session.get(RaceSession, session_id)
        name = f"{race_session.series.code} {race_session.name}" if race_session else "it"
        what = f"the results of {name} were changed"
    return f"{what} by {who} at {at} since the plan was read; plan again."


def _local_time(change: ChangeRecord) -> str:
    return change.at.replace(tzinfo=change.at.tzinfo or dt.UTC).astimezone().strftime("%H:%M")


def conflict_message(change: ChangeRecord, name: str, new: dict[str, Any]) -> str:
    who, at = new.get(AUTHOR_KEY) or "someone else", _local_time(change)
    return (
        f"Not saved: this value was changed by {who} at {at} to {shown(name, new[name])} "
        "since you read it; look at the new value and edit again if needed."
    )


def shown(name: str, value: Any) -> str:
    if value is None or value == "":
        return "empty"
    if name.endswith("_ms") and isinstance(value, int):
        return format_time(value)
    return str(value)
