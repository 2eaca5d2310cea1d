"""Typing survives a server outage (issue 19): a cell edit refused only because the
server could not be reached reopens the same cell's editor with what was typed.

Qt closes a cell editor as soon as its value is handed to the model, whether the model
took it or not. On a file a refusal means the value itself is wrong; on a server that
went away the value is fine and only the moment is wrong, so the reporter gets the text
back in the same cell and presses Enter again once the status bar says the server is
back. Nothing is saved meanwhile: the service refuses every edit until it is.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QWidget

from desktop_app.services.results.columns import INDEX, Column
from desktop_app.ui.commands_grid import CommandRunner

KEPT = "What you typed is kept in the cell: press Enter again once the server is back."

Commit = Callable[[int, Column, str], bool]


def keeping_typing(
    commit: Commit,
    runner: CommandRunner,
    view: QAbstractItemView,
    tell: Callable[[str], None],
) -> Commit:
    """``commit`` that, when the server was away, reopens the cell with the typed text."""

    def commit_or_keep(row: int, column: Column, text: str) -> bool:
        done = commit(row, column, text)
        if not done and runner.server_away():
            tell(f"{runner.refusal} {KEPT}")
            QTimer.singleShot(0, lambda: reopen_with(view, row, INDEX[column.key], text))
        return done

    return commit_or_keep


def reopen_with(view: QAbstractItemView, row: int, column: int, text: str) -> bool:
    """Open the editor of cell (``row``, ``column``) holding ``text``; False if gone."""
    if not shiboken6.isValid(view) or not view.isVisible():
        return False
    index = view.model().index(row, column)
    if not index.isValid():
        return False
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    return editor is not None and put_text(editor, text)


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
