"""The events grid is on screen before the file is open for editing (issue 17).

At start-up the window shows the file's events, read with plain sqlite3, while SQLAlchemy
and the editors still load; keys typed into that grid are kept and replayed into the
editable grid, so an edit made in that moment is saved like any other. A file the quick
look cannot read (older, damaged) still gets the full open and its message.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from damage import swap_result_indexes
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop_app.services.editing import Editor
from desktop_app.storage import backups, migrate
from desktop_app.storage.database import make_engine, open_database
from desktop_app.storage.tree import read_tree_file
from desktop_app.ui import app as app_module
from desktop_app.ui import open_failures
from desktop_app.ui.events_preview import EventsPreview
from desktop_app.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen top-level windows


def stored_events(path: Path) -> list[tuple[str, str, str, str, str]]:
    """The events as the file holds them, read independently of RaceDesk's code."""
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT name, circuit, COALESCE(start_date, ''), COALESCE(end_date, ''), "
            "time_zone FROM events ORDER BY start_date, id"
        ).fetchall()


def previewed_window(qtbot, path: Path) -> MainWindow:
    """What ``racedesk`` shows after the first paint: the frame, the tree, the events."""
    window = MainWindow.opening(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tree = read_tree_file(path)
    assert tree is not None
    window.preview_tree(tree, path)
    return window


def grid_texts(window: MainWindow) -> list[tuple[str, ...]]:
    page = window.stack.currentWidget()
    assert isinstance(page, EventsPreview)
    model = page.grid.model()
    return [
        tuple(model.index(row, column).data() for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def test_the_events_and_tree_are_shown_before_the_editor_exists(qtbot, demo_file: Path) -> None:
    window = previewed_window(qtbot, demo_file)
    assert not hasattr(window, "editor") and not window.menuBar().isEnabled()
    assert window.shows_data()
    events = stored_events(demo_file)
    assert len(events) == 2
    assert grid_texts(window) == [*events, ("+ new event", "", "", "", "")]
    roots = window.navigator.topLevelItem(0)
    assert [roots.child(i).text(0) for i in range(2)] == [name for name, *_ in events]


def test_an_edit_typed_while_the_file_opens_is_saved_once_it_is_open(
    qtbot, demo_file: Path
) -> None:
    before = stored_events(demo_file)
    window = previewed_window(qtbot, demo_file)
    grid = window.events_preview.grid  # type: ignore[union-attr]
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(0, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Down)  # moves at once: the second event
    qtbot.keyClicks(grid, "Rolex 2025")
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert "kept" in window.events_preview.hint.text()  # type: ignore[union-attr]
    assert stored_events(demo_file) == before  # nothing can be saved yet

    database = open_database(demo_file)
    window.attach_first(Editor(database))
    after = stored_events(demo_file)
    assert after[0] == before[0]
    assert after[1] == ("Rolex 2025", *before[1][1:])
    assert window.stack.currentWidget() is window.events_page
    assert window.events_page.model.rows[1].cells[0] == "Rolex 2025"
    assert window.undo_stack.count() == 1  # one edit, undoable like any other
    window.undo_stack.undo()
    assert stored_events(demo_file) == before
    database.close()


def test_an_event_typed_on_the_new_line_while_opening_is_made(qtbot, demo_file: Path) -> None:
    window = previewed_window(qtbot, demo_file)
    grid = window.events_preview.grid  # type: ignore[union-attr]
    grid.setCurrentIndex(grid.model().index(2, 0))  # the "+ new event" line
    qtbot.keyClicks(grid, "Sebring 2025")
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    qtbot.keyClicks(grid, "Sebring")
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    database = open_database(demo_file)
    window.attach_first(Editor(database))
    names = {(name, circuit) for name, circuit, *_ in stored_events(demo_file)}
    assert ("Sebring 2025", "Sebring") in names and len(names) == 3
    database.close()


def test_keys_kept_then_another_node_picked_still_reach_the_events(qtbot, demo_file: Path) -> None:
    """Typed into the events, then an event picked while opening: the edit is saved and
    the picked event's page is what shows once the file is open."""
    window = previewed_window(qtbot, demo_file)
    grid = window.events_preview.grid  # type: ignore[union-attr]
    grid.setCurrentIndex(grid.model().index(0, 1))
    qtbot.keyClicks(grid, "Daytona")
    window.navigator.setCurrentItem(window.navigator.topLevelItem(0).child(1))
    assert isinstance(window.stack.currentWidget(), QLabel)  # "Opening…" for an event
    database = open_database(demo_file)
    window.attach_first(Editor(database))
    assert stored_events(demo_file)[0][1] == "Daytona"
    assert window.stack.currentWidget() is window.event_page
    database.close()


def test_an_older_file_is_not_previewed_and_is_upgraded_when_opened(qtbot, db_path: Path) -> None:
    engine = make_engine(db_path)
    migrate.upgrade_to(engine, "0001_initial")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO events (name, circuit, time_zone) VALUES ('Old weekend', 'Sebring', 'UTC')"
        )
    engine.dispose()
    window = MainWindow.opening(db_path)
    qtbot.addWidget(window)
    startup = app_module.Startup(db_path, create_folder=False)
    startup.show_tree(window)
    assert window.events_preview is None and isinstance(window.stack.currentWidget(), QLabel)
    assert startup.data_shown_at is None  # the full open shows it
    startup.open_into(window)
    assert startup.error is None and startup.database is not None
    assert [row.cells[0] for row in window.events_page.model.rows] == ["Old weekend"]
    assert "before-upgrade" in backups.list_backups(db_path)[0].name
    startup.database.close()


def test_a_damaged_file_the_quick_look_can_read_still_gets_its_message(
    qtbot, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    swap_result_indexes(demo_file)  # readable; the open's integrity check refuses it
    said: list[str] = []
    monkeypatch.setattr(open_failures, "ask_another_file", lambda _w, e: said.append(str(e)))
    window = MainWindow.opening(demo_file)
    qtbot.addWidget(window)
    window.show()  # shown: the preview is painted at once, and timed
    startup = app_module.Startup(demo_file, create_folder=False)
    startup.show_tree(window)
    assert window.events_preview is not None and startup.data_shown_at is not None
    open_failures.open_or_ask(startup, window)
    assert len(said) == 1 and str(demo_file) in said[0] and "damaged" in said[0]
    assert window.events_preview is None and not window.previewed  # nothing of it stays
    assert isinstance(window.stack.currentWidget(), QLabel)


def test_the_preview_looks_like_the_editable_grid(qtbot, demo_file: Path) -> None:
    """Same header titles, row numbers and new-row line (grey italics) as the editable
    events grid that takes its place (no jump at hand-over)."""
    window = previewed_window(qtbot, demo_file)
    preview = window.events_preview.grid.model()  # type: ignore[union-attr]
    shown = looks(preview)
    hint = preview.index(2, 0)
    assert hint.data() == "+ new event" and hint.data(Qt.ItemDataRole.FontRole).italic()
    assert hint.data(Qt.ItemDataRole.ForegroundRole).name() == "#888888"
    database = open_database(demo_file)
    window.attach_first(Editor(database))
    assert looks(window.events_page.grid.model()) == shown
    assert shown[1] == ["1", "2", "*"]
    database.close()


def looks(model) -> tuple[list[object], list[object], object]:  # type: ignore[no-untyped-def]
    columns, rows = range(model.columnCount()), range(model.rowCount())
    return (
        [model.headerData(c, Qt.Orientation.Horizontal) for c in columns],
        [model.headerData(r, Qt.Orientation.Vertical) for r in rows],
        model.index(len(rows) - 1, 0).data(),
    )
