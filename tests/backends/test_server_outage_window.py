"""The window while the server is away, driven by key presses on a real cluster that is
stopped and started again: the open cell editor keeps its text, an Enter refused because
the server is gone reopens the cell with what was typed, the status bar says so until
the server is back, and Enter then saves the kept value. Nothing accepted is lost."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_cluster import PgServer, running_cluster
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from results_support import key_cars, make_field, start_typing, stored_fields  # noqa: E402

from desktop_app.services.editing import Editor  # noqa: E402
from desktop_app.services.results.columns import INDEX, NUMBER  # noqa: E402
from desktop_app.storage.database import open_database  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen top-level windows

AWAY = "Server unreachable: retrying"


@pytest.fixture
def own_server() -> Iterator[PgServer]:
    """A cluster of this test's own: stopping it must not disturb the others."""
    yield from running_cluster()


@pytest.fixture
def window_on_server(qtbot, own_server):
    """(window, editor, ids): a main window on a server database showing Race 1."""
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.navigator import Node

    editor = Editor(open_database(own_server.new_database()))
    editor.author = "anna"
    field = make_field(editor)
    window = MainWindow(editor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.select(Node("session", field["event"], field["series"], field["race"]))
    assert window.live is not None
    qtbot.waitUntil(window.live.feed.listening.is_set, timeout=5000)
    yield window, editor, field
    if not own_server.running:  # the test failed while the server was away
        own_server.start()
    window.close()  # stops the live feed
    qtbot.wait(50)  # the window's pending reloads run before the database closes
    editor.database.close()


def away_note_shown(window) -> bool:
    note = window.live.away_note if window.live else None
    return note is not None and note.isVisible()


def open_text(grid) -> str | None:
    """The text in the open cell editor at the cursor, or None when no editor is open."""
    editor = grid.view.indexWidget(grid.view.currentIndex())
    if editor is None:
        return None
    return editor.currentText() if hasattr(editor, "currentText") else editor.text()


def wait_away(qtbot, own_server, window) -> None:
    own_server.stop()
    qtbot.waitUntil(lambda: away_note_shown(window), timeout=5000)
    assert "cannot be reached" in window.statusBar().currentMessage()


def wait_back(qtbot, own_server, window) -> None:
    own_server.start()
    qtbot.waitUntil(lambda: not away_note_shown(window), timeout=10000)
    assert window.statusBar().currentMessage() == "The server is back; edits are saved again."
    qtbot.wait(200)  # the views and the navigator have read everything again


def press_enter(qtbot, grid) -> None:
    editor = grid.view.indexWidget(grid.view.currentIndex())
    target = editor.lineEdit() if hasattr(editor, "lineEdit") else editor
    qtbot.keyClick(target, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_a_time_typed_while_the_server_is_away_is_kept_and_saved_later(
    qtbot, own_server, window_on_server
) -> None:
    window, editor, field = window_on_server
    grid = window.results_page
    key_cars(qtbot, grid, ["7", "8"])
    start_typing(qtbot, grid, "1'47.5", row=0, column="best_lap")
    wait_away(qtbot, own_server, window)
    assert window.live.away_note.text() == AWAY
    assert open_text(grid) == "1'47.5"  # the open editor is left alone
    press_enter(qtbot, grid)
    assert grid.message.text() == (
        f"Not saved: the server {editor.database.label} cannot be reached. What you typed "
        "is kept in the cell: press Enter again once the server is back."
    )
    assert grid.message.text() == window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: open_text(grid) == "1'47.5", timeout=1000)
    assert grid.view.currentIndex() == grid.model.index(0, INDEX["best_lap"])
    press_enter(qtbot, grid)  # still away: refused again, still kept
    qtbot.waitUntil(lambda: open_text(grid) == "1'47.5", timeout=1000)
    wait_back(qtbot, own_server, window)
    assert open_text(grid) == "1'47.5"  # reading everything again kept the editor
    press_enter(qtbot, grid)
    assert open_text(grid) is None
    assert stored_fields(editor, field["race"], "best_lap_ms") == [("7", 107_500), ("8", None)]
    assert grid.model.index(0, INDEX["best_lap"]).data() == "1:47.500"


def test_a_car_keyed_while_the_server_is_away_is_keyed_once_it_is_back(
    qtbot, own_server, window_on_server
) -> None:
    window, editor, field = window_on_server
    grid = window.results_page
    key_cars(qtbot, grid, ["7"])
    wait_away(qtbot, own_server, window)
    start_typing(qtbot, grid, "3", row=grid.model.new_row_index().row())
    press_enter(qtbot, grid)
    qtbot.waitUntil(lambda: open_text(grid) == "3", timeout=1000)
    assert grid.view.currentIndex() == grid.model.new_row_index()
    assert grid.model.index(0, NUMBER).data() == "7"  # what was accepted is still shown
    wait_back(qtbot, own_server, window)
    press_enter(qtbot, grid)
    assert [row[0] for row in stored_fields(editor, field["race"], "position")] == ["7", "3"]
    assert grid.model.index(1, NUMBER).data() == "3"


def test_a_kept_time_is_refused_when_someone_changed_the_cell_while_it_waited(
    qtbot, own_server, window_on_server
) -> None:
    window, anna, field = window_on_server
    grid = window.results_page
    key_cars(qtbot, grid, ["7"])
    wait_away(qtbot, own_server, window)
    start_typing(qtbot, grid, "1'47.5", row=0, column="best_lap")
    press_enter(qtbot, grid)
    qtbot.waitUntil(lambda: open_text(grid) == "1'47.5", timeout=1000)
    wait_back(qtbot, own_server, window)
    bob = Editor(open_database(anna.database.url))
    bob.author = "bob"
    with bob.change("Fix best lap") as edit:  # bob, at the track, while anna waited
        edit.update_result(grid.model.rows[0].result_id, best_lap_ms=106_000)
    best = grid.model.index(0, INDEX["best_lap"])
    qtbot.waitUntil(lambda: best.data() == "1:46.000", timeout=1000)  # under her editor
    assert open_text(grid) == "1'47.5"  # what she typed stays in the editor
    press_enter(qtbot, grid)
    assert "changed by bob at " in grid.message.text()
    assert "to 1:46.000" in grid.message.text()
    assert stored_fields(anna, field["race"], "best_lap_ms") == [("7", 106_000)]
    bob.database.close()
