"""The main window: navigator -> editor, menus, demo button, drops, state across restarts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLineEdit, QMessageBox

from desktop_app.domain.sessions import ResultState
from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.storage.database import open_database
from desktop_app.storage.models import RaceSession
from desktop_app.ui import window_state
from desktop_app.ui.grids.pages import EventPage, EventsPage
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.navigator import ROOT, Node

# The offscreen platform cannot resize a native window to fit its docks; not a fault here.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def make_window(qtbot):
    def make(editor: Editor) -> MainWindow:
        window = MainWindow(editor)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def _session_node(editor: Editor, event: str, session: str) -> Node:
    with editor.database.read() as db:
        event_id = repo.find_events(db, event)[0].id
        found = repo.find_sessions(db, event_id, session)[0]
        return Node("session", event_id, found.series_id, found.id)


def _tree_texts(window: MainWindow) -> list[str]:
    return [item.text(0) for item in window.navigator._items()]


def test_empty_database_offers_the_demo_and_one_click_loads_both_events(qtbot, make_window, editor):
    window = make_window(editor)
    page = window.stack.currentWidget()
    assert isinstance(page, EventsPage)
    assert page.banner.isVisible()
    qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Rolex 24 at Daytona" in _tree_texts(window))
    assert "Roar Before the 24" in _tree_texts(window)
    assert not page.banner.isVisible()
    assert [row.cells[0] for row in page.model.rows] == [
        "Roar Before the 24",
        "Rolex 24 at Daytona",
    ]
    assert window.undo_stack.undoText() == "Load demo weekend"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: "Rolex 24 at Daytona" not in _tree_texts(window))


def test_file_menu_loads_the_demo(qtbot, make_window, editor):
    window = make_window(editor)
    window.actions_by_name["demo"].trigger()
    qtbot.waitUntil(lambda: "Roar Before the 24" in _tree_texts(window))
    with editor.database.read() as db:
        assert len(repo.list_events(db)) == 2


def test_selecting_nodes_shows_the_matching_editor(qtbot, make_window, demo_editor, monkeypatch):
    shown: list[tuple[int | None, int | None]] = []
    window = make_window(demo_editor)
    summary = window.summary_panel
    monkeypatch.setattr(summary, "show_selection", lambda e, s: shown.append((e, s)))
    node = _session_node(demo_editor, "Roar Before the 24", "VPSCC Race 2")
    assert window.select(node)
    from desktop_app.ui.results.widget import ResultsEditor

    results = window.stack.currentWidget()
    assert isinstance(results, ResultsEditor)
    assert window.current_session_id() == node.session_id
    assert shown[-1] == (node.event_id, node.session_id)
    assert window.select(Node("event", node.event_id))
    assert window.stack.currentWidget() is window.event_page
    assert window.event_page.tabs.tabText(1) == "Entry list"
    assert window.event_page.sessions_model.rows[0].cells[2] == "Practice 1"
    assert shown[-1] == (node.event_id, None)
    assert window.select(ROOT)
    assert isinstance(window.stack.currentWidget(), EventsPage)
    assert shown[-1] == (None, None)


def test_session_nodes_show_their_result_state(make_window, demo_editor):
    window = make_window(demo_editor)
    node = _session_node(demo_editor, "Roar Before the 24", "VPSCC Race 2")
    item = window.navigator._find(node)
    assert item is not None
    assert item.text(0) == "Race 2  (official)"
    assert item.toolTip(0) == "Race: Official results"


def test_mark_official_is_one_undo_step_and_updates_the_tree(qtbot, make_window, demo_editor):
    window = make_window(demo_editor)
    node = _session_node(demo_editor, "Roar Before the 24", "VPSCC Race 1")
    window.select(node)
    window.actions_by_name["official"].trigger()

    def state() -> ResultState:
        with demo_editor.database.read() as db:
            found = db.get(RaceSession, node.session_id)
            assert found is not None
            return found.result_state

    assert state() is ResultState.OFFICIAL
    qtbot.waitUntil(lambda: "Race 1  (official)" in _tree_texts(window))
    assert window.actions_by_name["undo"].text() == "&Undo Mark session official"
    window.undo_stack.undo()
    assert state() is ResultState.PROVISIONAL
    qtbot.waitUntil(lambda: "Race 1  (provisional)" in _tree_texts(window))


def test_dropped_timing_files_go_to_the_importer(qtbot, make_window, demo_editor, monkeypatch):
    from desktop_app.ui import import_dialog

    calls = []

    def import_files(parent, editor, undo_stack, files, event_id, session_id, series_id):
        calls.append((parent, editor, undo_stack, files, event_id, session_id, series_id))
        return True

    monkeypatch.setattr(import_dialog, "import_files", import_files)
    window = make_window(demo_editor)
    node = _session_node(demo_editor, "Roar Before the 24", "VPSCC Race 1")
    window.select(node)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile("/tmp/race1.CSV"), QUrl.fromLocalFile("/tmp/notes.txt")])
    drop = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert calls == [
        (
            window,
            demo_editor,
            window.undo_stack,
            [Path("/tmp/race1.CSV")],
            node.event_id,
            node.session_id,
            node.series_id,
        )
    ]


def test_a_folder_dropped_on_an_event_item_goes_to_that_event(
    qtbot, make_window, demo_editor, monkeypatch, tmp_path
):
    from desktop_app.ui import import_dialog

    calls = []

    def import_files(parent, editor, undo_stack, files, event_id, session_id, series_id):
        calls.append((files, event_id, session_id, series_id))
        return True

    monkeypatch.setattr(import_dialog, "import_files", import_files)
    window = make_window(demo_editor)
    window.select(_session_node(demo_editor, "Roar Before the 24", "VPSCC Race 1"))
    with demo_editor.database.read() as db:
        event_id = repo.find_events(db, "Rolex 24 at Daytona")[0].id
    navigator = window.navigator
    item = navigator._get(Node("event", event_id).key)
    assert item is not None
    point = navigator.viewport().mapTo(window, navigator.visualItemRect(item).center())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path))])
    drop = QDropEvent(
        point.toPointF(),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert calls == [([tmp_path], event_id, None, None)]
    assert window.current_node() == Node("event", event_id)


def test_layout_and_selection_come_back_in_a_new_window(qtbot, make_window, demo_editor):
    first = make_window(demo_editor)
    node = _session_node(demo_editor, "Roar Before the 24", "VPSCC Qualifying")
    first.select(node)
    first.splitter.setSizes([400, 900])
    first.summary_dock.hide()
    navigator_width = first.splitter.sizes()[0]
    first.close()
    assert window_state.state_file().is_file()
    second = make_window(demo_editor)
    assert second.current_node() == node
    assert second.splitter.sizes()[0] == navigator_width == 400
    assert not second.summary_dock.isVisible()


def test_refresh_shows_what_another_window_saved(qtbot, make_window, demo_editor, db_path):
    window = make_window(demo_editor)
    with demo_editor.database.read() as db:
        event_id = repo.find_events(db, "Rolex 24 at Daytona")[0].id
    window.select(Node("event", event_id))
    other = Editor(open_database(db_path))
    with other.change("Rename") as edit:
        edit.update_event(event_id, name="Rolex 24 (renamed elsewhere)")
    other.database.close()
    refresh = window.actions_by_name["refresh"]
    assert refresh.shortcut().toString() == "F5"
    refresh.trigger()
    assert "Rolex 24 (renamed elsewhere)" in _tree_texts(window)
    assert window.event_page.title.text() == "Rolex 24 (renamed elsewhere)"


def test_open_database_switches_file_title_and_recent_list(
    qtbot, make_window, demo_editor, tmp_path
):
    window = make_window(demo_editor)
    other = tmp_path / "second.sqlite3"
    assert window.open_database(other)
    assert window.windowTitle() == "second.sqlite3 - RaceDesk"
    assert window.current_node() == ROOT
    assert "Roar Before the 24" not in _tree_texts(window)
    assert window_state.recent_databases()[0] == other.resolve()
    window.files.fill_recent_menu()
    texts = [action.text() for action in window.recent_menu.actions()]
    assert texts[:2] == [str(other.resolve()), str(demo_editor.database.path.resolve())]


def test_a_file_that_is_not_a_database_is_refused(make_window, demo_editor, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    window = make_window(demo_editor)
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("not a database")
    assert not window.open_database(bad)
    assert warnings and "notes.sqlite3" in warnings[0]
    assert window.windowTitle() == f"{demo_editor.database.path.name} - RaceDesk"


def test_new_session_from_the_menu_adds_a_row(qtbot, make_window, demo_editor):
    window = make_window(demo_editor)
    with demo_editor.database.read() as db:
        event_id = repo.find_events(db, "Rolex 24 at Daytona")[0].id
    window.select(Node("event", event_id))
    count = len(window.event_page.sessions_model.rows)
    window.actions_by_name["new_session"].trigger()
    assert isinstance(window.stack.currentWidget(), EventPage)
    assert len(window.event_page.sessions_model.rows) == count + 1
    assert window.event_page.tabs.currentIndex() == EventPage.SESSIONS_TAB


def test_window_has_no_save_prompt_and_edits_survive_close(qtbot, make_window, editor, db_path):
    window = make_window(editor)
    page = window.stack.currentWidget()
    assert isinstance(page, EventsPage)
    assert page.model.set_texts({(0, 0): "Canadian Tire Motorsport Park"})
    window.close()
    editor.database.close()
    reopened = open_database(db_path)
    with reopened.read() as db:
        assert [e.name for e in repo.list_events(db)] == ["Canadian Tire Motorsport Park"]
    reopened.close()


def test_text_typed_in_a_cell_is_saved_when_the_window_closes(qtbot, make_window, demo_editor):
    window = make_window(demo_editor)
    with demo_editor.database.read() as db:
        event_id = repo.find_events(db, "Roar Before the 24")[0].id
    window.select(Node("event", event_id))
    window.event_page.tabs.setCurrentIndex(EventPage.ENTRIES_TAB)
    grid = window.event_page.entries_grid
    row = next(i for i, r in enumerate(grid.grid_model().rows) if r.cells[0] == "12")
    grid.setCurrentIndex(grid.model().index(row, 4))
    grid.setFocus()
    qtbot.keyClicks(grid, "L")
    editor = grid.viewport().findChildren(QLineEdit)[-1]
    qtbot.keyClicks(editor, "exus RC F GT3")
    window.close()
    with demo_editor.database.read() as db:
        entry = repo.entry_by_number(db, event_id, grid_series(db), "12")
        assert entry is not None and entry.vehicle == "Lexus RC F GT3"


def grid_series(db) -> int:
    series = repo.series_by_code(db, "IWSC")
    assert series is not None
    return series.id


def test_export_menu_exports_the_selected_event(make_window, demo_editor, monkeypatch, tmp_path):
    from desktop_app.ui import export_actions

    asked = []
    monkeypatch.setattr(
        export_actions,
        "export_event",
        lambda parent, editor, event_id: asked.append((parent, editor, event_id)) or tmp_path,
    )
    window = make_window(demo_editor)
    node = _session_node(demo_editor, "Roar Before the 24", "VPSCC Race 1")
    window.actions_by_name["export"].trigger()
    assert asked == []  # nothing selected yet: the status bar asks for an event
    assert window.statusBar().currentMessage() == "Select an event to export its workbook."
    window.select(node)
    window.actions_by_name["export"].trigger()
    assert asked == [(window, demo_editor, node.event_id)]


def test_restoring_a_backup_reopens_the_database(make_window, demo_editor, monkeypatch):
    from desktop_app.ui.dialogs import restore_dialog

    monkeypatch.setattr(restore_dialog, "choose_backup", lambda _parent, path: path)
    window = make_window(demo_editor)
    old_database = window.editor.database
    window.actions_by_name["restore"].trigger()
    assert window.editor.database is not old_database
    assert window.editor.database.path == old_database.path
    assert "Roar Before the 24" in _tree_texts(window)


def test_a_series_node_shows_only_that_series(qtbot, make_window, demo_editor):
    window = make_window(demo_editor)
    node = _session_node(demo_editor, "Roar Before the 24", "IMPC Practice 2")
    assert window.select(Node("series", node.event_id, node.series_id))
    page = window.event_page
    assert page.title.text() == "Roar Before the 24 · Michelin Pilot Challenge"
    assert [row.label for row in page.sessions_model.rows] == ["IMPC Practice 2"]
    assert {row.cells[1] for row in page.entries_model.rows} == {"IMPC"}
    assert page.sessions_model.set_texts({(1, 2): "Qualifying"})
    assert [row.label for row in page.sessions_model.rows] == ["IMPC Practice 2", "IMPC Qualifying"]
    assert page.entries_model.set_texts({(len(page.entries_model.rows), 0): "55"})
    assert page.entries_model.rows[-1].cells[:2] == ["55", "IMPC"]


def test_closing_twice_is_harmless(make_window, demo_editor):
    window = make_window(demo_editor)
    window.close()
    window.show()
    window.close()
    assert window_state.load_selection(demo_editor.database.path) == (ROOT, 0)


def test_the_drivers_node_shows_the_drivers_page(make_window, demo_editor):
    from desktop_app.ui.drivers_page import DriversPage
    from desktop_app.ui.navigator import DRIVERS

    window = make_window(demo_editor)
    assert window.select(DRIVERS)
    page = window.stack.currentWidget()
    assert isinstance(page, DriversPage)
    assert "George Staikos" in [row.label for row in page.model.rows]


def test_a_weekend_dropped_on_all_events_shows_its_sessions_at_once(
    qtbot, make_window, editor, monkeypatch, tmp_path
):
    import shutil

    from PySide6.QtWidgets import QMessageBox

    from desktop_app.ui import import_dialog
    from desktop_app.ui.import_questions import PlanDialog

    sebring = Path(__file__).resolve().parents[1] / "fixtures" / "timing"
    folder = tmp_path / "sebring"
    folder.mkdir()
    for path in (sebring / "imsa_wtsc_2024_sebring_weekend").glob("*-results.csv"):
        shutil.copy(path, folder)
    monkeypatch.setattr(
        import_dialog, "ask_event", lambda _p, _s: ("Sebring 2024", "America/New_York", "IWSC")
    )
    monkeypatch.setattr(PlanDialog, "ask", lambda _p, _plan: False)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    window = make_window(editor)
    assert window.current_node() == Node("root")
    assert window.import_files([folder])
    texts = _tree_texts(window)  # no waiting: the navigator was reloaded with the import
    assert "Sebring 2024" in texts
    assert (
        window.undo_stack.count() == 1
        and window.undo_stack.undoText() == "Import 5 files into Sebring 2024"
    )
    window.select(Node("event", 1))
    qtbot.waitUntil(lambda: "Practice 1  (provisional)" in _tree_texts(window))
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: "Sebring 2024" not in _tree_texts(window))
