"""Fixtures shared by every test: user folders in tmp_path, real database files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.services.demo import load_demo  # noqa: E402
from desktop_app.services.editing import Editor  # noqa: E402
from desktop_app.storage.database import Database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def racedesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every user path of RaceDesk points into this test's own folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("RACEDESK_HOME", str(home))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "weekend.sqlite3"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    """A real, empty RaceDesk database file on disk."""
    db = open_database(db_path)
    yield db
    db.close()


@pytest.fixture
def editor(database: Database) -> Editor:
    return Editor(database)


@pytest.fixture
def demo_editor(editor: Editor) -> Editor:
    """An editor over a database holding the reference weekend."""
    load_demo(editor)
    return editor


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need a QApplication get the ``gui`` marker: ``-m "not gui"`` skips them."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if {"qtbot", "qapp", "qtmodeltester"} & set(fixtures):
            item.add_marker(pytest.mark.gui)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Empty the clipboard before Python tears Qt down.

    On Qt's offscreen platform (PySide6 6.11), a clipboard still holding QMimeData when the
    interpreter exits crashes the process with a segfault after every test has passed; the
    real X11/Wayland clipboards do not. Clearing it here keeps the exit code honest.
    """
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.clipboard().clear()
