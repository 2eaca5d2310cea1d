"""Shared plumbing of ``Edits``: fetch, add, update and delete rows with history."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from desktop_app.services.changes import Changes, record
from desktop_app.services.conflicts import check_unchanged
from desktop_app.services.errors import EditError

Row = TypeVar("Row")

_NAMES = {
    "RaceSession": "session",
    "RaceClass": "class",
    "BroadcastSlot": "broadcast",
    "EntryDriver": "seat",
}


class EditsBase:
    """Holds the open session and the action's ``Changes``."""

    def __init__(self, session: Session, changes: Changes) -> None:
        self.session = session
        self.changes = changes

    def _get(self, model: type[Row], row_id: int | None) -> Row:
        row = self.session.get(model, row_id) if row_id is not None else None
        if row is None:
            name = _NAMES.get(model.__name__, model.__name__.lower())
            raise EditError(f"That {name} no longer exists (id {row_id}).")
        return row

    def _add(self, row: Any, table: str, summary: dict[str, Any]) -> int:
        self.session.add(row)
        self.session.flush()
        record(self.session, self.changes, table, row.id, new=summary)
        return int(row.id)

    def _update(
        self,
        row: Any,
        allowed: set[str],
        fields: dict[str, Any],
        table: str,
        *,
        event_ids: set[int] | None = None,
        announce: str | None = None,
    ) -> dict[str, Any]:
        """Set ``fields`` on ``row``; return the old values (what undo puts back).
        ``announce``: the name listeners are told instead of ``table`` (see ``record``)."""
        unknown = set(fields) - allowed
        if unknown:
            raise TypeError(f"cannot edit {sorted(unknown)} on {type(row).__name__}")
        if self.changes.since is not None:
            self.session.refresh(row, with_for_update=True)  # the next writer waits here
            since, author = self.changes.since, self.changes.author
            check_unchanged(self.session, table, row.id, fields, since, author)
        old = {name: getattr(row, name) for name in fields}
        for name, value in fields.items():
            setattr(row, name, value)
        self.session.flush()
        self.changes.event_ids.update(event_ids or ())
        record(self.session, self.changes, table, row.id, old=old, new=fields, announce=announce)
        return old

    def _delete(self, row: Any, table: str) -> None:
        record(self.session, self.changes, table, getattr(row, "id", None), old={"deleted": True})
        self.session.delete(row)
        self.session.flush()

    def _touch(
        self, table: str, row_id: int | None, old: dict[str, Any], new: dict[str, Any]
    ) -> None:
        """History for a change made through relationships rather than ``_update``."""
        self.session.flush()
        record(self.session, self.changes, table, row_id, old=old, new=new)


def required(text: str, message: str) -> str:
    """The text without surrounding spaces; refused with ``message`` when empty."""
    value = (text or "").strip()
    if not value:
        raise EditError(message)
    return value
