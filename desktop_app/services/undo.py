"""One undo protocol for every user action: steps that apply and revert, one id remapping.

A user action (a typed cell, a pasted block, a keyed car, a new car, mark official, the
demo weekend) is a list of ``Step`` values. ``perform`` applies them once in one
transaction (``Editor.change``) and returns an ``UndoRecord``; ``UndoRecord.revert`` and
``UndoRecord.apply`` later run them backwards or forwards, each again in one transaction.
Listeners of the editor are told what changed after every commit: that is how the window
learns about an edit, whoever made it (the window, the command line, a test).

Rows deleted by undo and re-created by redo get new ids; ``RowIds`` remembers where a row
went ((table, first id) -> current id, followed as a chain), so older records still find
it. This is the only id-remapping scheme: the grids' rows and the results grid's cars
(table ``entries``) both go through it.

No Qt here: ``ui.commands_grid`` wraps an ``UndoRecord`` in a ``QUndoCommand``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop_app.services.conflicts import current_version
from desktop_app.services.editing import Editor, Edits
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

    def resolver(self, table: str) -> Callable[[int], int]:
        """``current`` for one table, as the one-argument function writers take."""
        return lambda row_id: self.current(table, row_id)


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
    """One part of a user action; ``revert`` puts back what ``apply`` changed."""

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


@dataclass
class UndoRecord:
    """A user action that happened: what undo and redo run, each as one transaction."""

    text: str
    steps: list[Step]
    ids: RowIds
    version: int = 0  # the change history line of its last run: undo checks from there

    def revert(self, editor: Editor) -> None:
        """Undo; raises ``UserFacingError`` when the file no longer allows it, or when
        someone else has since changed the same value (on a server, see conflicts)."""
        self.version = _run(
            editor, f"Undo {self.text}", reversed(self.steps), self.ids, forward=False,
            since=self.version,
        )  # fmt: skip

    def apply(self, editor: Editor) -> None:
        """Redo (the first run is ``perform``)."""
        self.version = _run(
            editor, self.text, self.steps, self.ids, forward=True, since=self.version
        )


def perform(
    editor: Editor,
    text: str,
    steps: Sequence[Step],
    ids: RowIds | None = None,
    *,
    since: int | None = None,
) -> UndoRecord:
    """Do a user action now, in one transaction; raises ``UserFacingError`` when refused
    (nothing is saved then). The record undoes and redoes it. ``since``: the change
    history line the user had seen (``Editor.seen``), for edits of shared data."""
    record = UndoRecord(text, list(steps), ids if ids is not None else RowIds())
    record.version = _run(editor, text, record.steps, record.ids, forward=True, since=since)
    return record


def _run(
    editor: Editor, text: str, steps: Any, ids: RowIds, *, forward: bool, since: int | None
) -> int:
    """Run the steps as one action; the newest history line once they are written."""
    with editor.change(text[:100], since=since) as edit:
        for step in steps:
            if forward:
                step.apply(edit, ids)
            else:
                step.revert(edit, ids)
        if not editor.author:  # a file of one reporter: no conflicts to look for
            return 0
        edit.session.flush()
        return current_version(edit.session)
