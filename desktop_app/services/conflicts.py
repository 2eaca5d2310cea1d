"""Several writers on one server: an edit of a value someone else changed since it was
read is refused, never silently written over (issue 19).

No row-version column exists (the schema is shared, see DESIGN.md); the change history
is the version instead. A reader notes ``Editor.version()`` (the newest history line);
an edit made with ``since=`` that version locks its row (``SELECT ... FOR UPDATE`` on
PostgreSQL, so two writers queue instead of racing) and then looks for history lines
after it, by someone else, that set one of the same fields of the same row.

It applies where the editor has an author (on a server: the settings' name, else the
login); a single reporter on a file has none and pays nothing for it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.timing import format_time
from desktop_app.services.errors import EditError
from desktop_app.storage.models import ChangeRecord

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


def conflict_message(change: ChangeRecord, name: str, new: dict[str, Any]) -> str:
    who = new.get(AUTHOR_KEY) or "someone else"
    at = change.at.replace(tzinfo=change.at.tzinfo or dt.UTC).astimezone().strftime("%H:%M")
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
