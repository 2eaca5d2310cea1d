"""Paint first, then load: the window frame is on screen before the database is opened.

``racedesk`` shows ``MainWindow.opening(path)`` (menus, docks, "Opening <file>…") as soon
as Qt exists, and opens the file on the event-loop turn after that first paint.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QTreeWidget

from desktop_app.services.editing import Editor
from desktop_app.ui import app as ui_app
from desktop_app.ui import open_failures
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.navigator import Node

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_the_frame_says_which_file_it_opens_with_its_menus_waiting(qtbot, db_path: Path) -> None:
    window = MainWindow.opening(db_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.stack.currentWidget()
    assert isinstance(page, QLabel) and page.text() == f"Opening {db_path.name}\u2026"
    assert not window.menuBar().isEnabled()  # no editor yet for a menu to act on
    navigator_pane = window.splitter.widget(0)  # the tree is read once the file is open
    assert isinstance(navigator_pane, QTreeWidget) and navigator_pane.topLevelItemCount() == 0
    window.close()  # closing while still opening saves no layout and does not fail


def test_the_opened_file_fills_the_frame_with_last_times_selection(
    qtbot, demo_editor: Editor
) -> None:
    first = MainWindow(demo_editor)
    qtbot.addWidget(first)
    event_id = first.navigator.topLevelItem(0).child(1)
    first.navigator.setCurrentItem(event_id)
    remembered = first.current_node()
    assert remembered.kind == "event"
    first.close()

    window = MainWindow.opening(demo_editor.database.path)
    qtbot.addWidget(window)
    window.show()
    window.attach_first(demo_editor)
    assert window.menuBar().isEnabled()
    assert window.current_node() == Node("event", remembered.event_id, remembered.series_id)
    assert window.stack.currentWidget() is window.event_page


def test_a_file_that_cannot_be_opened_gets_one_message_in_the_window(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_text("half a database")
    shown: list[tuple[object, str]] = []
    monkeypatch.setattr(  # the reporter reads the sentence and quits
        open_failures, "ask_another_file", lambda parent, error: shown.append((parent, str(error)))
    )
    assert ui_app.run_app(broken, create_folder=False) == 1
    assert len(shown) == 1
    parent, text = shown[0]
    assert isinstance(parent, MainWindow)  # the message sits on the painted window
    assert text == f"{broken} is not a RaceDesk database (it is not an SQLite file)."
    assert broken.read_text() == "half a database"


def test_the_previewed_tree_shows_the_file_and_keeps_the_reporters_pick(
    qtbot, demo_editor: Editor
) -> None:
    """Step 2 of the start: the tree is read before the editors exist; a node picked then
    is the one whose editor opens when the file is attached (not last time's)."""
    from desktop_app.storage.tree import read_tree_file

    path = demo_editor.database.path
    window = MainWindow.opening(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tree = read_tree_file(path)
    assert tree is not None
    window.preview_tree(tree, path)
    events = [window.navigator.topLevelItem(0).child(i).text(0) for i in range(2)]
    assert events == ["Roar Before the 24", "Rolex 24 at Daytona"]
    assert not window.menuBar().isEnabled()
    rolex = window.navigator.topLevelItem(0).child(1)
    window.navigator.setCurrentItem(rolex)  # picked while the editors load
    assert isinstance(window.stack.currentWidget(), QLabel)  # still "Opening…"
    window.attach_first(demo_editor)
    assert window.current_node().kind == "event"
    assert window.current_node().event_id == tree.events[1].id
    assert window.stack.currentWidget() is window.event_page
    assert window.event_page.event_id == tree.events[1].id


def test_files_dropped_while_the_database_opens_are_not_taken(qtbot, db_path: Path) -> None:
    """Nothing to import into yet: the drop is refused (the reporter sees the no-drop
    cursor) instead of failing; once the file is open, drops work (test_main_window)."""
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    window = MainWindow.opening(db_path)
    qtbot.addWidget(window)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile("/tmp/race1.csv")])
    args = (QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton)
    enter = QDragEnterEvent(*args, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()
    drop = QDropEvent(*args, Qt.KeyboardModifier.NoModifier)
    drop.ignore()
    window.dropEvent(drop)  # no editor yet: must not raise
    assert not drop.isAccepted()


def test_the_summary_dock_fills_on_the_turn_after_the_opened_file(
    qtbot, demo_editor: Editor
) -> None:
    """Step 4 of the start: the selected node's editor is filled first; the summary (its
    templates and Jinja2) comes on the next turn, already following the selection. The
    results grid is built only when a session is first shown."""
    from desktop_app.ui.summary_panel import SummaryPanel

    first = MainWindow(demo_editor)
    qtbot.addWidget(first)
    first.navigator.setCurrentItem(first.navigator.topLevelItem(0).child(0))  # the Roar
    first.close()
    window = MainWindow.opening(demo_editor.database.path)
    qtbot.addWidget(window)
    window.show()
    window.attach_first(demo_editor)
    assert window.stack.currentWidget() is window.event_page
    assert not isinstance(window.summary_dock.widget(), SummaryPanel)  # not yet
    assert window._results_page is None  # no session shown yet: no results grid built
    qtbot.waitUntil(lambda: isinstance(window.summary_dock.widget(), SummaryPanel))
    panel = window.summary_dock.widget()
    qtbot.waitUntil(lambda: "Roar Before the 24" in panel.preview.toPlainText())


def test_a_readable_file_is_in_the_first_paint(qtbot, demo_editor: Editor) -> None:
    """One paint with the data, not the frame and then the data: when the window is
    first painted, the navigator and the events grid already show the file's events."""
    from desktop_app.ui.events_preview import EventsPreview

    startup = ui_app.Startup(demo_editor.database.path, create_folder=False)
    window = startup.first_window()
    qtbot.addWidget(window)
    seen: list[tuple[object, int]] = []
    ui_app.FirstPaint(window, lambda: seen.append(painted_page(window)))
    window.show()
    qtbot.waitUntil(lambda: len(seen) == 1)
    page, rows = seen[0]
    assert isinstance(page, EventsPreview) and rows == 3  # two events and the new line
    events = window.navigator.topLevelItem(0)
    assert [events.child(i).text(0) for i in range(2)] == [
        "Roar Before the 24",
        "Rolex 24 at Daytona",
    ]
    assert startup.data_shown_at is None  # timed by first_painted, after that paint
    startup.first_painted(window)
    assert startup.data_shown_at is not None and startup.tree_shown_at is not None


def painted_page(window: MainWindow) -> tuple[object, int]:
    page = window.stack.currentWidget()
    grid = getattr(page, "grid", None)
    return page, grid.model().rowCount() if grid is not None else 0


def test_the_menu_keys_work_from_the_moment_the_window_can_edit(qtbot, demo_editor: Editor) -> None:
    """The frame's menus are disabled and carry no keys (typed keys go to the read-only
    events grid, which keeps them); the keys come with the editors."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    window = MainWindow.opening(demo_editor.database.path)
    qtbot.addWidget(window)
    actions = window.actions_by_name
    assert actions["quit"].shortcut().isEmpty() and actions["copy"].shortcut().isEmpty()
    window.attach_first(demo_editor)
    assert actions["quit"].shortcut() == QKeySequence("Ctrl+Q")
    assert [key.toString() for key in actions["redo"].shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert actions["copy"].shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    assert actions["copy"].shortcutContext() == Qt.ShortcutContext.WidgetShortcut  # the grid's
    assert actions["quit"].shortcutContext() == Qt.ShortcutContext.WindowShortcut


def test_the_frame_puts_the_docks_where_the_last_window_left_them(
    qtbot, demo_editor: Editor
) -> None:
    from PySide6.QtCore import Qt

    fresh = MainWindow.opening(demo_editor.database.path)  # no layout saved yet
    qtbot.addWidget(fresh)
    assert fresh.dockWidgetArea(fresh.summary_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert fresh.dockWidgetArea(fresh.chart_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert fresh.chart_dock.isHidden()
    first = MainWindow(demo_editor)
    qtbot.addWidget(first)
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.summary_dock)
    first.close()  # saves the layout
    window = MainWindow.opening(demo_editor.database.path)
    qtbot.addWidget(window)
    assert window.dockWidgetArea(window.summary_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.dockWidgetArea(window.chart_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.chart_dock.isHidden()


def test_the_plain_numbers_the_first_paint_uses_are_qts() -> None:
    from PySide6.QtCore import Qt

    from desktop_app.ui.events_preview import FOREGROUND_ROLE, moves
    from desktop_app.ui.navigator import NODE_ROLE

    assert Qt.ItemDataRole.UserRole == NODE_ROLE
    assert Qt.ItemDataRole.ForegroundRole == FOREGROUND_ROLE
    assert Qt.Key.Key_PageDown in moves() and Qt.Key.Key_A not in moves()


def test_a_result_state_dot_is_a_disc_of_its_colour(qapp) -> None:
    from desktop_app.ui.navigator import _dot

    image = _dot("#2e8b3d").pixmap(12, 12).toImage()
    assert image.pixelColor(6, 6).name() == "#2e8b3d" and image.pixelColor(6, 6).alpha() == 255
    assert image.pixelColor(0, 0).alpha() == 0 and image.pixelColor(11, 6).alpha() == 0
    assert 0 < image.pixelColor(1, 3).alpha() < 255  # the edge antialiased
