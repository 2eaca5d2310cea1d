"""The window's keys: Help > Keyboard shortcuts, Ctrl+Shift+O, undo told in the status bar,
and the navigator following keyed results at once (no F5)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QTableWidget

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.results.columns import NUMBER
from desktop_app.storage import repository as repo
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.navigator import Node
from desktop_app.ui.shortcuts_help import GRID_KEYS

pytestmark = pytest.mark.qt_log_ignore(r"propagateSizeHints")


@pytest.fixture
def window(qtbot, demo_editor: Editor) -> MainWindow:
    window = MainWindow(demo_editor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _texts(window: MainWindow) -> list[str]:
    return [item.text(0) for item in window.navigator._items()]


def _new_session(editor: Editor) -> tuple[Node, str]:
    """A new race at the Roar with no results, and a car number of its series."""
    with editor.database.read() as db:
        event_id = repo.find_events(db, "Roar Before the 24")[0].id
        race = repo.find_sessions(db, event_id, "VPSCC Race 1")[0]
        series_id = race.series_id
        car = next(
            e.car_number for e in repo.event_entries(db, event_id) if e.series_id == series_id
        )
    with editor.change("New session") as edit:
        session_id = edit.create_session(event_id, series_id, SessionKind.RACE, "Race 9")
    assert car is not None
    return Node("session", event_id, series_id, session_id), car


def test_help_lists_every_shortcut_with_mark_official(qtbot, window: MainWindow):
    window.actions_by_name["shortcuts"].trigger()
    table = window.shortcuts_dialog.findChild(QTableWidget, "shortcutTable")
    rows = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert rows["Mark official"] == "Ctrl+Shift+O"
    assert rows["Keyboard shortcuts"] == "Ctrl+/"
    assert rows["Charts"] == "Ctrl+Shift+G"
    assert rows["Undo"] == "Ctrl+Z"
    assert rows[GRID_KEYS[0][1]] == "Enter"  # the grids' keys are listed too
    assert rows["Go to navigator"] == "Ctrl+1"
    assert rows["Go to grid"] == "Ctrl+2"
    assert rows["Go to summary"] == "Ctrl+3"
    window.shortcuts_dialog.close()


def test_ctrl_1_2_3_put_the_keyboard_in_the_navigator_grid_and_summary(qtbot, window):
    node, _car = _new_session(window.editor)
    window.reload_navigator()
    window.select(node)
    window.summary_dock.hide()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.navigator
    qtbot.keyClick(window.navigator, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.results_page.view
    qtbot.keyClick(window.results_page.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.summary_dock.isVisible(), "a hidden summary is shown first"
    assert QApplication.focusWidget() is window.summary_panel.preview
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    window.select(Node("event", node.event_id))
    qtbot.keyClick(window.navigator, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.event_page.current_grid()


def test_keyed_car_turns_the_session_provisional_in_the_tree_at_once(qtbot, window: MainWindow):
    node, car = _new_session(window.editor)
    window.reload_navigator()
    assert "Race 9" in _texts(window)  # no results yet: no state in the name
    assert window.select(node)
    view = window.results_page.view
    view.setCurrentIndex(window.results_page.model.index(0, NUMBER))
    view.setFocus()
    qtbot.keyClicks(view, car[0])
    line = next(w for w in view.viewport().findChildren(QLineEdit) if w.isVisible())
    qtbot.keyClicks(line, car[1:])
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    qtbot.waitUntil(lambda: "Race 9  (provisional)" in _texts(window))

    qtbot.keyClick(
        window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: "Race 9  (official)" in _texts(window))
    window.actions_by_name["undo"].trigger()
    QApplication.processEvents()
    assert window.statusBar().currentMessage() == "Undone: Mark session official."
    qtbot.waitUntil(lambda: "Race 9  (provisional)" in _texts(window))
    window.actions_by_name["redo"].trigger()
    assert window.statusBar().currentMessage() == "Redone: Mark session official."
