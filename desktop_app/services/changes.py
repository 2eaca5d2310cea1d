"""What a committed user action changed, so views refresh only what they show."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from desktop_app.storage.models import ChangeRecord


@dataclass
class Changes:
    """Tables and row ids touched by one action; handed to listeners after commit."""

    action: str
    tables: set[str] = field(default_factory=set)
    session_ids: set[int] = field(default_factory=set)
    event_ids: set[int] = field(default_factory=set)
    author: str = ""  # who acts (on a server), written into the history
    since: int | None = None  # the history line the editor had read (see services.conflicts)
    #: Session id -> its stored classification once the action's last change to it was
    #: made (``results.state.SessionState``, read by the action itself for undo): the
    #: results grid shows it instead of reading the session again after each keyed car.
    session_states: dict[int, Any] = field(default_factory=dict)
    #: The action's history lines, written together when it ends (:func:`write_history`).
    history: list[dict[str, Any]] = field(default_factory=list)

    def touches(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))


Listener = Callable[[Changes], None]
RESULT_STATES = "result_states"  # announced for sessions.result_state set by keying
_CLASSIFICATION_TABLES = frozenset({"results", "penalties", "sessions"})


def _plain(value: Any) -> Any:
    """JSON-friendly form of a stored value for the change history."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


def _with_author(new: dict[str, Any] | None, author: str) -> dict[str, Any]:
    values = {k: _plain(v) for k, v in (new or {}).items()}
    if author:
        values["_by"] = author
    return values


def record(
    changes: Changes,
    table: str,
    row_id: int | None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    *,
    announce: str | None = None,
) -> None:
    """Note a change in the action's ``Changes``: its history line is written as the
    action ends (:func:`write_history`).

    ``announce`` is the name listeners are told instead of ``table`` when the change is
    narrower than an edit of its rows: a session's result state set by its first keyed
    car is ``RESULT_STATES``, so the views keep their fast path for a keyed car.
    """
    changes.tables.add(announce or table)
    if changes.session_states and table in _CLASSIFICATION_TABLES:
        changes.session_states.clear()  # changed after its snapshot: listeners read again
    changes.history.append(
        {
            "at": dt.datetime.now(dt.UTC),
            "action": changes.action,
            "table_name": table,
            "row_id": row_id,
            "old": json.dumps({k: _plain(v) for k, v in (old or {}).items()}, ensure_ascii=False),
            "new": json.dumps(_with_author(new, changes.author), ensure_ascii=False),
        }
    )


def write_history(session: Session, changes: Changes) -> None:
    """The action's history lines in one insert, in the order they were noted, as it
    ends: an import notes about fifty and each used to be an ORM insert of its own at the
    next flush (~10 ms of a weekend). Nothing reads an action's own lines before it ends
    (the conflict checks skip one's own changes)."""
    if changes.history:
        session.execute(insert(ChangeRecord), changes.history)
        changes.history.clear()
