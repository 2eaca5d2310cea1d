"""Fixtures for window and grid tests: one undo stack and command runner per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QUndoStack

from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.ui.commands_grid import CommandRunner


class Messages(list[str]):
    """What the grids told the reporter (status bar messages)."""


@pytest.fixture
def messages() -> Messages:
    return Messages()


@pytest.fixture
def undo_stack(qapp) -> Iterator[QUndoStack]:
    stack = QUndoStack()
    yield stack
    stack.clear()


@pytest.fixture
def runner(editor: Editor, undo_stack: QUndoStack, messages: Messages) -> CommandRunner:
    return CommandRunner(editor, undo_stack, messages.append)


@pytest.fixture
def roar_id(demo_editor: Editor) -> int:
    """The Roar Before the 24 event of the demo weekend (it holds the entry list)."""
    with demo_editor.database.read() as session:
        return repo.find_events(session, "Roar Before the 24")[0].id
