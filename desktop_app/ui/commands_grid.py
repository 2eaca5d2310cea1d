"""Undo commands for the event, session and entry grids.

One user action (a cell edit, a pasted block, an inserted row) is one ``StepsCommand``
holding small steps. The first run happens before the command is pushed, so a refused
edit never reaches the undo stack; undo and redo each run in one transaction too.

Rows deleted by undo and re-created by redo get new ids; ``RowIds`` remembers where a
row went so older commands still find it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop_app.services.editing import Editor, Edits
from desktop_app.storage import repository as repo
from desktop_app.storage.errors import UserFacingError


class RowIds:
    """Where re-created rows live now: (table, old id) -> new id, followed as a chain."""

    def __init__(self) -> None:
        self._moved: dict[tuple[str, int], int] = {}

    def current(self, table: str, row_id: int) -> int:
        seen = {row_id}
        while (table, row_id) in self._moved:
            row_id = self._moved[table, row_id]
            if row_id in seen:
                break
            seen.add(row_id)
        return row_id

    def moved(self, table: str, old: int, new: int) -> None:
        self._moved.pop((table, new), None)
        if old != new:
            self._moved[table, old] = new


@dataclass
class RowRef:
    """A row a step works on; ``row_id`` is None until a create step has made it."""

    table: str
    row_id: int | None = None

    def resolve(self, ids: RowIds) -> int:
        if self.row_id is None:
            raise UserFacingError("That row does not exist any more.")
        return ids.current(self.table, self.row_id)


class Step(Protocol):
    def apply(self, edit: Edits, ids: RowIds) -> None: ...

    def revert(self, edit: Edits, ids: RowIds) -> None: ...


@dataclass
class FieldsStep:
    """Set fields through an ``Edits.update_*`` method, which returns what undo restores."""

    ref: RowRef
    method: str
    fields: dict[str, Any]
    old: dict[str, Any] = field(default_factory=dict)

    def apply(self, edit: Edits, ids: RowIds) -> None:
        self.old = getattr(edit, self.method)(self.ref.resolve(ids), **self.fields)

    def revert(self, edit: Edits, ids: RowIds) -> None:
        getattr(edit, self.method)(self.ref.resolve(ids), **self.old)


@dataclass
class CallStep:
    """Any change of one row: ``forward`` returns the state ``backward`` needs."""

    ref: RowRef
    forward: Callable[[Edits, int], Any]
    backward: Callable[[Edits, int, Any], object]
    state: Any = None

    def apply(self, edit: Edits, ids: RowIds) -> None:
        self.state = self.forward(edit, self.ref.resolve(ids))

    def revert(self, edit: Edits, ids: RowIds) -> None:
        self.backward(edit, self.ref.resolve(ids), self.state)


@dataclass
class CreateStep:
    """Make a new row (and on redo make it again, telling ``RowIds`` its new id)."""

    ref: RowRef
    create: Callable[[Edits], int]
    delete: Callable[[Edits, int], None]

    def apply(self, edit: Edits, ids: RowIds) -> None:
        new_id = self.create(edit)
        if self.ref.row_id is not None:
            ids.moved(self.ref.table, ids.current(self.ref.table, self.ref.row_id), new_id)
        self.ref.row_id = new_id

    def revert(self, edit: Edits, ids: RowIds) -> None:
        self.delete(edit, self.ref.resolve(ids))


@dataclass
class DeleteStep:
    """Remove a row, keeping a snapshot so undo can build it again."""

    ref: RowRef
    snapshot: Callable[[Edits, int], Any]
    delete: Callable[[Edits, int], None]
    recreate: Callable[[Edits, Any], int]
    saved: Any = None

    def apply(self, edit: Edits, ids: RowIds) -> None:
        row_id = self.ref.resolve(ids)
        self.saved = self.snapshot(edit, row_id)
        self.delete(edit, row_id)

    def revert(self, edit: Edits, ids: RowIds) -> None:
        old_id = self.ref.resolve(ids)
        new_id = self.recreate(edit, self.saved)
        ids.moved(self.ref.table, old_id, new_id)
        self.ref.row_id = new_id


class StepsCommand(QUndoCommand):
    """One user action on the undo stack; its first run already happened before push."""

    def __init__(self, runner: CommandRunner, text: str, steps: Sequence[Step]) -> None:
        super().__init__(text)
        self.runner = runner
        self.steps = list(steps)
        self.already_done = True

    def redo(self) -> None:
        if self.already_done:
            self.already_done = False
            return
        self._report(self.runner.execute(self.text(), self.steps, forward=True))

    def undo(self) -> None:
        self._report(self.runner.execute(f"Undo {self.text()}", self.steps, forward=False))

    def _report(self, error: str | None) -> None:
        """A step that cannot be undone any more (the file changed) leaves the stack."""
        if error is not None:
            self.setObsolete(True)
            self.runner.report(error)


class CommandRunner:
    """Runs steps through the editor and pushes them; undo/redo refusals go to ``report``."""

    def __init__(
        self, editor: Editor, undo_stack: QUndoStack, report: Callable[[str], None]
    ) -> None:
        self.editor = editor
        self.undo_stack = undo_stack
        self.report = report
        self.ids = RowIds()

    def run(self, text: str, steps: Sequence[Step]) -> str | None:
        """Do ``steps`` as one action and put it on the undo stack; the refusal, if any."""
        if not steps:
            return None
        error = self.execute(text, steps, forward=True)
        if error is None:
            self.undo_stack.push(StepsCommand(self, text, steps))
        return error

    def execute(self, text: str, steps: Sequence[Step], *, forward: bool) -> str | None:
        try:
            with self.editor.change(text[:100]) as edit:
                for step in steps if forward else reversed(steps):
                    if forward:
                        step.apply(edit, self.ids)
                    else:
                        step.revert(edit, self.ids)
        except UserFacingError as error:
            return str(error)
        return None


def official_step(session_id: int) -> CallStep:
    """Mark a session official; undo puts back its state and official positions."""

    def forward(edit: Edits, row_id: int) -> tuple[Any, dict[int, tuple[Any, Any]]]:
        rows = repo.session_results(edit.session, row_id)
        positions = {r.id: (r.official_position, r.official_class_position) for r in rows}
        return edit.make_official(row_id)["result_state"], positions

    def backward(edit: Edits, row_id: int, state: tuple[Any, dict[int, tuple[Any, Any]]]) -> None:
        old_state, positions = state
        edit.update_session(row_id, result_state=old_state)
        for result_id, (overall, in_class) in positions.items():
            edit.update_result(
                result_id, official_position=overall, official_class_position=in_class
            )

    return CallStep(RowRef("sessions", session_id), forward, backward)


class LoadDemoCommand(QUndoCommand):
    """Load the demo weekend; undo deletes the events it created."""

    def __init__(self, runner: CommandRunner) -> None:
        super().__init__("Load demo weekend")
        self.runner = runner
        self.created: list[str] = []

    def load(self) -> str | None:
        """Load now (before the push); the refusal, if any."""
        from desktop_app.services.demo import load_demo

        try:
            self.created = load_demo(self.runner.editor).created
        except UserFacingError as error:
            return str(error)
        return None

    def redo(self) -> None:
        if not self.created:
            error = self.load()
            if error:
                self.runner.report(error)

    def undo(self) -> None:
        names, self.created = self.created, []
        try:
            with self.runner.editor.change("Undo load demo weekend") as edit:
                for name in names:
                    for event in repo.find_events(edit.session, name):
                        edit.delete_event(event.id)
        except UserFacingError as error:
            self.runner.report(str(error))
