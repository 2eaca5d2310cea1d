"""What a reporter types in a cell is never lost to the server (issue 19).

Three things can take typing away on a server, and ``TypingGuard`` stops each:

- The server went away: Qt closes a cell editor as soon as its value is handed to the
  model, whether the model took it or not. Like every refused value, the typed text
  opens again in its cell (``ui.grids.keys``: ``keep_typed_text``); here the message
  says why, and the reporter presses Enter again once the status bar says the server
  is back. Nothing is saved
  meanwhile: the service refuses every edit until it is.
- Another window's change to the same row arrives (live refresh, or everything read
  again when the server is back): Qt writes the stored value into every open editor of
  a changed row. The open editor gets its typed text back after the rows are shown.
- That refresh also marks others' changes as read, which would let the typed value
  overwrite a value someone set while the reporter was typing, unseen under the editor.
  So a cell's edit is checked from what the window had read when its editor opened
  (or first refused), and such a change refuses it as any conflicting edit is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QWidget

from desktop_app.services.results.columns import INDEX, Column
from desktop_app.ui.commands_grid import CommandRunner

KEPT = (
    "Not saved: the server {label} cannot be reached. What you typed is kept in the cell: "
    "press Enter again once the server is back."
)

Commit = Callable[[int, Column, str], bool]
Cell = tuple[int, int]


class TypingGuard(QObject):
    """Wraps the grid's commit and watches the view's cell editors open."""

    def __init__(
        self, view: QAbstractItemView, runner: CommandRunner, tell: Callable[[str], None]
    ) -> None:
        super().__init__(view)
        self.view, self.runner, self.tell = view, runner, tell
        self.read_at: dict[Cell, int] = {}  # cell -> what the window had read, for edits
        self.kept: Cell | None = None  # the cell reopened with typing the server refused
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override QObject::eventFilter: a cell editor opens (a child of the viewport)."""
        if event.type() == QEvent.Type.ChildAdded and self.runner.editor.author:
            current = self.view.currentIndex()
            if current.isValid():
                cell = (current.row(), current.column())
                if cell != self.kept:  # one editor at a time: a cell left with Esc is done
                    self.read_at = {cell: self.runner.editor.seen}
        return super().eventFilter(watched, event)

    def wrap(self, commit: Commit) -> Commit:
        """``commit`` checked from the cell's read, keeping the typing if the server
        was away."""

        def guarded(row: int, column: Column, text: str) -> bool:
            cell = (row, INDEX[column.key])
            self.runner.read_at, self.runner.refusal = self.read_at.pop(cell, None), None
            try:
                done = commit(row, column, text)
            finally:
                read_at, self.runner.read_at = self.runner.read_at, None
            self.read_at, self.kept = {}, None  # the editor has closed
            if not done and self.runner.server_away():
                self.read_at[cell] = self.runner.editor.seen if read_at is None else read_at
                self.kept = cell
                self.tell(KEPT.format(label=self.runner.editor.database.label))
            return done

        return guarded

    @contextmanager
    def typing_kept(self) -> Iterator[None]:
        """Around showing new rows: the open editor keeps what was typed in it."""
        current = self.view.currentIndex()
        editor = self.view.indexWidget(current) if current.isValid() else None
        typed = text_of(editor) if editor is not None else None
        yield
        if editor is None or typed is None or not shiboken6.isValid(editor):
            return
        if text_of(editor) != typed:
            put_text(editor, typed)


def text_of(editor: QWidget) -> str | None:
    if isinstance(editor, QComboBox) and editor.isEditable():
        return editor.currentText()
    if isinstance(editor, QLineEdit):
        return editor.text()
    return None


def put_text(editor: QWidget, text: str) -> bool:
    """Show ``text`` in a cell editor, the cursor after it, as if just typed."""
    if isinstance(editor, QComboBox) and editor.isEditable():
        editor.setEditText(text)
        return True
    if isinstance(editor, QLineEdit):
        editor.setText(text)
        editor.textEdited.emit(text)  # the car-number preview follows, as for typing
        return True
    return False
