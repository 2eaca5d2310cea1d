"""Undo commands of the results grid: one per user action, each a database transaction.

Every command runs its action once through ``Editor.change`` (so a refused edit is never
pushed), remembering the session's classification before and after. Undo and redo then
write those states back, which puts every field, penalty and row index back exactly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop_app.domain.sessions import ResultState
from desktop_app.services.editing import Editor, Edits
from desktop_app.storage.errors import UserFacingError
from desktop_app.ui.results.state import SessionState, read_state, without_car, write_state

Action = Callable[[Edits], None]


@dataclass
class CommandContext:
    """What commands of one grid share: where to write and how to tell the reporter."""

    editor: Editor
    report: Callable[[str], None]
    changed: Callable[[int], None] = lambda _session_id: None
    entry_aliases: dict[int, int] = field(default_factory=dict)

    def tell(self, text: str) -> None:
        """Report to the grid; a grid already closed cannot show it, and need not."""
        with contextlib.suppress(RuntimeError):
            self.report(text)

    def resolve(self, entry_id: int) -> int:
        """Entries recreated by redo get new ids; commands keep the id first given."""
        return self.entry_aliases.get(entry_id, entry_id)


class StateCommand(QUndoCommand):
    """An edit of one session's classification that undo and redo replay exactly."""

    def __init__(self, text: str, context: CommandContext, session_id: int, action: Action):
        super().__init__(text)
        self.context = context
        self.session_id = session_id
        self.action = action
        self.before: SessionState | None = None
        self.after: SessionState | None = None
        self._first_redo_done = False

    def run(self, stack: QUndoStack) -> bool:
        """Do the edit now; push it only when the file accepted it."""
        try:
            with self.context.editor.change(self.text()) as edit:
                self.record(edit)
        except UserFacingError as error:
            self.context.tell(str(error))
            return False
        self._first_redo_done = True
        stack.push(self)
        return True

    def record(self, edit: Edits) -> None:
        """Run the action between two snapshots of the session."""
        self.before = read_state(edit, self.session_id)
        self.action(edit)
        self.after = read_state(edit, self.session_id)

    def redo(self) -> None:
        if self._first_redo_done:
            self._first_redo_done = False
            return
        self._replay(self.after, "Redo")

    def undo(self) -> None:
        self._replay(self.before, "Undo")

    def _replay(self, state: SessionState | None, verb: str) -> None:
        if state is None:
            return
        try:
            with self.context.editor.change(f"{verb} {self.text()}") as edit:
                self.before_replay(edit, verb)
                write_state(edit, self.session_id, state, self.context.resolve)
                self.after_replay(edit, verb)
        except (UserFacingError, LookupError) as error:
            self.context.tell(f"{verb} of {self.text()} failed: {error}")
            return
        with contextlib.suppress(RuntimeError):
            self.context.changed(self.session_id)

    def before_replay(self, edit: Edits, verb: str) -> None:
        """Hook for commands that also change the entry list (run before the rows)."""

    def after_replay(self, edit: Edits, verb: str) -> None:
        """Hook for commands that also change the entry list (run after the rows)."""


class KeyCarCommand(StateCommand):
    """Key one car below the others (Enter after its number, the reporter's most common
    action, so it must fit in a frame).

    Its "before" is the "after" without that car, with the old positions of any row the
    renumbering moved: one snapshot of the session instead of two, same undo.
    """

    def __init__(self, text: str, context: CommandContext, session_id: int, entry_id: int):
        super().__init__(text, context, session_id, self._key)
        self.entry_id = entry_id
        self._moved: dict[int, dict[str, int | None]] = {}
        self._state_before = ResultState.NONE

    def _key(self, edit: Edits) -> None:
        self._state_before = edit.result_state(self.session_id)  # the first car changes it
        edit.add_result(self.session_id, self.entry_id)
        self._moved = edit.renumber(self.session_id)

    def record(self, edit: Edits) -> None:
        self.action(edit)
        self.after = read_state(edit, self.session_id)
        self.before = without_car(edit, self.after, self.entry_id, self._moved, self._state_before)


class NewEntryCommand(StateCommand):
    """Create a car in the entry list and key it; undo removes both again.

    Drivers and a team created for it stay in the database (unused), so a redo finds
    and reuses them by name instead of creating them twice.
    """

    def __init__(
        self,
        text: str,
        context: CommandContext,
        session_id: int,
        create_entry: Callable[[Edits], int],
        key_car: Callable[[Edits, int], None],
    ):
        super().__init__(text, context, session_id, self._create_and_key)
        self.create_entry = create_entry
        self.key_car = key_car
        self.first_entry_id: int | None = None
        self.entry_id: int | None = None

    def _create_and_key(self, edit: Edits) -> None:
        self.entry_id = self.first_entry_id = self.create_entry(edit)
        self.key_car(edit, self.entry_id)

    def before_replay(self, edit: Edits, verb: str) -> None:
        if verb == "Redo" and self.first_entry_id is not None:
            self.entry_id = self.create_entry(edit)
            if self.entry_id == self.first_entry_id:
                self.context.entry_aliases.pop(self.first_entry_id, None)
            else:
                self.context.entry_aliases[self.first_entry_id] = self.entry_id

    def after_replay(self, edit: Edits, verb: str) -> None:
        if verb == "Undo" and self.entry_id is not None:
            edit.delete_entry(self.entry_id)
