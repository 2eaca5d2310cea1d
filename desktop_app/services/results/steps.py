"""Undo steps of the results grid: a session's classification before and after an action.

A ``SessionStep`` runs its action once between two snapshots of the session (``state``);
undo and redo write those snapshots back, which puts every field, penalty and row index
back exactly. Cars are named by entry id and resolved through ``RowIds`` (table
``entries``), so a car re-created by a redo is still found by older steps.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain.sessions import ResultState
from desktop_app.services.editing import Edits
from desktop_app.services.results import operations as ops
from desktop_app.services.results.new_entry import NewEntry
from desktop_app.services.results.state import (
    SessionState,
    announce_state,
    read_state,
    without_car,
    write_state,
)
from desktop_app.services.undo import CreateStep, RowIds, RowRef, Step
from desktop_app.storage.models import RaceSession

Action = Callable[[Edits], None]
ENTRIES = "entries"


class SessionStep:
    """An edit of one session's classification that undo and redo replay exactly."""

    def __init__(self, session_id: int, action: Action) -> None:
        self.session_id = session_id
        self.action = action
        self.before: SessionState | None = None
        self.after: SessionState | None = None

    def apply(self, edit: Edits, ids: RowIds) -> None:
        if self.after is None:
            self.record(edit)
        else:
            write_state(edit, self.session_id, self.after, ids.resolver(ENTRIES))

    def revert(self, edit: Edits, ids: RowIds) -> None:
        if self.before is not None:
            write_state(edit, self.session_id, self.before, ids.resolver(ENTRIES))

    def record(self, edit: Edits) -> None:
        """The first run: the action between two snapshots of the session."""
        self.before = read_state(edit, self.session_id)
        self.action(edit)
        self.after = read_state(edit, self.session_id)
        announce_state(edit, self.session_id, self.after)


class KeyCarStep(SessionStep):
    """Key one car below the others (Enter after its number, the reporter's most common
    action, so it must fit in a frame).

    Its "before" is the "after" without that car, with the old positions of any row the
    renumbering moved: one snapshot of the session instead of two, same undo.
    """

    def __init__(self, session_id: int, entry_id: int) -> None:
        super().__init__(session_id, self._key)
        self.entry_id = entry_id
        self._moved: dict[int, dict[str, int | None]] = {}
        self._state_before = ResultState.NONE

    def _key(self, edit: Edits) -> None:
        # Held for the action: the session's row is then read once, not by each of
        # result_state, add_result and renumber (the ORM only keeps rows others hold).
        race = edit.session.get(RaceSession, self.session_id)
        self._state_before = edit.result_state(self.session_id)  # the first car changes it
        edit.add_result(self.session_id, self.entry_id)
        self._moved = edit.renumber(self.session_id)
        del race

    def record(self, edit: Edits) -> None:
        self.action(edit)
        self.after = read_state(edit, self.session_id)
        announce_state(edit, self.session_id, self.after)
        self.before = without_car(edit, self.after, self.entry_id, self._moved, self._state_before)


def key_car(session_id: int, entry_id: int) -> list[Step]:
    return [KeyCarStep(session_id, entry_id)]


def new_car(session_id: int, event_id: int, series_id: int, details: NewEntry) -> list[Step]:
    """Create a car in the entry list and key it; undo removes both again.

    Drivers and a team created for it stay in the database (unused), so a redo finds
    and reuses them by name instead of creating them twice.
    """
    ref = RowRef(ENTRIES)

    def key(edit: Edits) -> None:
        assert ref.row_id is not None  # the create step ran just before
        ops.key_car(session_id, ref.row_id)(edit)

    create = CreateStep(ref, ops.create_entry(event_id, series_id, details), _delete_entry)
    return [create, SessionStep(session_id, key)]


def official(session_id: int) -> list[Step]:
    """Mark a session official (the window's menu and the grid's button alike); undo puts
    back its state and official positions."""
    return [SessionStep(session_id, ops.mark_official(session_id))]


def _delete_entry(edit: Edits, entry_id: int) -> None:
    edit.delete_entry(entry_id)
