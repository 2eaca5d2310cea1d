"""The one undo adapter of the window: a ``services.undo.UndoRecord`` on a ``QUndoStack``.

Every grid (events, sessions, entries, results) and every window action (mark official,
load demo) builds its steps in services and runs them through a ``CommandRunner``: the
action is performed first (``services.undo.perform``, one transaction), so a refused edit
never reaches the undo stack; undo and redo each run in one transaction too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop_app.services.editing import Editor
from desktop_app.services.undo import (
    CallStep,
    CreateStep,
    DeleteStep,
    FieldsStep,
    RowIds,
    RowRef,
    Step,
    UndoRecord,
    perform,
)
from desktop_app.storage.errors import ServerAway, UserFacingError

# The step kinds live in services.undo; named here too for grids written against this
# module before they moved (new code imports them from services.undo).
__all__ = [
    "CallStep",
    "CommandRunner",
    "CreateStep",
    "DeleteStep",
    "FieldsStep",
    "RowIds",
    "RowRef",
    "Step",
    "StepsCommand",
]

Replayed = Callable[[Sequence[Step]], None]


class StepsCommand(QUndoCommand):
    """One user action on the undo stack; its first run already happened before push."""

    def __init__(self, runner: CommandRunner, record: UndoRecord) -> None:
        super().__init__(record.text)
        self.runner = runner
        self.record = record
        self.already_done = True

    def redo(self) -> None:
        if self.already_done:
            self.already_done = False
            return
        self._replay("Redo", self.record.apply)

    def undo(self) -> None:
        self._replay("Undo", self.record.revert)

    def _replay(self, verb: str, replay: Callable[[Editor], None]) -> None:
        """A step that cannot be replayed any more (the file changed) leaves the stack."""
        try:
            replay(self.runner.editor)
        except UserFacingError as error:
            self.setObsolete(True)
            self.runner.report(f"{verb} of {self.text()} failed: {error}")
            return
        self.runner.replayed(self.record.steps)


class CommandRunner:
    """Performs steps through the editor and pushes them; refusals go to ``report``.

    ``replayed`` is called after a successful undo or redo (the results grid selects the
    session it changed again).
    """

    def __init__(
        self,
        editor: Editor,
        undo_stack: QUndoStack,
        report: Callable[[str], None],
        replayed: Replayed | None = None,
    ) -> None:
        self.editor = editor
        self.undo_stack = undo_stack
        self.report = report
        self.replayed: Replayed = replayed or _nothing
        self.ids = RowIds()
        self.refusal: UserFacingError | None = None  # why the last action was refused
        self.read_at: int | None = None  # an older read to check edits from (kept typing)

    def server_away(self) -> bool:
        """Was the last action refused only because the server could not be reached?"""
        return isinstance(self.refusal, ServerAway)

    def run(self, text: str, steps: Sequence[Step]) -> str | None:
        """Do ``steps`` as one action and put it on the undo stack; the refusal, if any."""
        record = self.perform(text, steps)
        if isinstance(record, str):
            return record
        if record is not None:
            self.push(record)
        return None

    def perform(self, text: str, steps: Sequence[Step]) -> UndoRecord | str | None:
        """Do ``steps`` now without pushing: the record, the refusal, or None (no steps)."""
        self.refusal = None
        if not steps:
            return None
        try:
            since = self.editor.seen if self.read_at is None else self.read_at
            return perform(self.editor, text, steps, self.ids, since=since)
        except UserFacingError as error:
            self.refusal = error
            return str(error)

    def push(self, record: UndoRecord) -> None:
        """Put an action already performed on the undo stack (its redo is then skipped)."""
        self.undo_stack.push(StepsCommand(self, record))


def _nothing(_steps: Sequence[Step]) -> None:
    """No follow-up after undo or redo."""
