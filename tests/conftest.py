"""Fixtures shared by every test: user folders in tmp_path, real database files.

Building the schema (Alembic stamp) and the demo weekend costs about 0.1 s and 0.5 s per
test; both are built once per test session into template files, and each test gets its
own copy of the file it needs (a real SQLite file on disk, as before).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The Sebring weekend database, built once per run for every folder (each test copies it).
from sebring_files import sebring, sebring_template  # noqa: E402, F401  (fixtures)

from desktop_app.services.demo import load_demo  # noqa: E402
from desktop_app.services.editing import Editor  # noqa: E402
from desktop_app.storage.database import Database, make_engine, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def racedesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every user path of RaceDesk points into this test's own folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("RACEDESK_HOME", str(home))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "weekend.sqlite3"


@pytest.fixture(scope="session")
def template_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An empty database and one holding the demo weekend, built once per test run."""
    folder = tmp_path_factory.mktemp("templates")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RACEDESK_HOME", str(folder / "home"))
        empty = open_database(folder / "empty.sqlite3")
        empty.close()
        demo = open_database(folder / "demo.sqlite3")
        load_demo(Editor(demo))
        demo.close()  # the last connection closing folds the WAL into the file
    return {"empty": folder / "empty.sqlite3", "demo": folder / "demo.sqlite3"}


@pytest.fixture
def demo_file(db_path: Path, template_files: dict[str, Path]) -> Path:
    """``db_path`` holding the demo weekend, as ``racedesk --db PATH demo`` leaves it."""
    shutil.copyfile(template_files["demo"], db_path)
    return db_path


@pytest.fixture
def database_template(template_files: dict[str, Path], request: pytest.FixtureRequest) -> Path:
    """Which template ``database`` copies: the demo weekend when the test asks for
    ``demo_editor``, else the empty file (tests/ui/conftest.py adds the 20-car field)."""
    return template_files["demo" if "demo_editor" in request.fixturenames else "empty"]


@pytest.fixture
def database(db_path: Path, database_template: Path) -> Iterator[Database]:
    """A real RaceDesk database file on disk, as ``open_database`` makes a new one.

    A copy of a template built once per run (see ``database_template``): the same file
    the setup steps would write, without running them for every test.
    """
    shutil.copyfile(database_template, db_path)
    db = Database(db_path, make_engine(db_path))
    yield db
    db.close()


@pytest.fixture
def editor(database: Database) -> Editor:
    return Editor(database)


@pytest.fixture
def demo_editor(editor: Editor) -> Editor:
    """An editor over a database holding the reference weekend (see ``database``)."""
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
