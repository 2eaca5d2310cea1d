"""Fixtures for window and grid tests: one undo stack and command runner per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from results_support import make_field

from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.storage.database import open_database
from desktop_app.ui.commands_grid import CommandRunner
from desktop_app.ui.grids.view import GridView
from desktop_app.ui.models.base import RowTableModel


@pytest.fixture(scope="session")
def field_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The results grid tests' 20-car field (``make_field``), built once per run."""
    path = tmp_path_factory.mktemp("field-template") / "field.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RACEDESK_HOME", str(path.parent / "home"))
        database = open_database(path)
        ids = make_field(Editor(database))
        database.close()
    return path, ids


@pytest.fixture
def database_template(
    template_files: dict[str, Path], field_template, request: pytest.FixtureRequest
) -> Path:
    """A test that asks for ``field`` gets a copy of the field's template."""
    if "field" in request.fixturenames:
        return field_template[0]
    return template_files["demo" if "demo_editor" in request.fixturenames else "empty"]


@pytest.fixture
def field_ids(field_template, editor: Editor) -> dict[str, int]:
    """The ids of the field in ``editor``'s file (see ``make_field``)."""
    return dict(field_template[1])


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


@pytest.fixture
def key_cell(qtbot):
    """Type ``text`` into a cell of a grid as a reporter does, then press Enter."""

    def key(view: GridView, row: int, column: int, text: str) -> None:
        view.setCurrentIndex(view.model().index(row, column))
        view.setFocus()
        qtbot.keyClicks(view, text[0])
        editors = [w for w in view.viewport().findChildren(QLineEdit) if w.isVisible()]
        assert len(editors) == 1, "typing did not open one cell editor"
        qtbot.keyClicks(editors[0], text[1:])
        typed = editors[0]
        qtbot.keyClick(typed, Qt.Key.Key_Return)
        # Qt commits on Enter through a queued call: wait until the editor has closed.
        qtbot.waitUntil(lambda: not shiboken6.isValid(typed) or not typed.isVisible())
        if view.state() == QAbstractItemView.State.EditingState:  # refused: it opened again
            reopened = view.indexWidget(view.currentIndex())
            assert reopened is not None and reopened.text() == text, "typed text kept"
            qtbot.keyClick(reopened, Qt.Key.Key_Escape)  # the reporter gives up on it

    return key


@pytest.fixture
def make_grid(qtbot, qtmodeltester, messages):
    """A shown grid over ``model`` (checked by the Qt model tester first)."""

    def make(model: RowTableModel) -> GridView:
        model.reload(full=True)
        qtmodeltester.check(model)
        view = GridView()
        view.setModel(model)
        view.message.connect(messages.append)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
        return view

    return make
