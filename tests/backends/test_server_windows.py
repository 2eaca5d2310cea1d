"""Two windows on one PostgreSQL database, driven by key presses: different cars and the
same cell. Nothing is lost; the second edit of a cell is refused and says who changed it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from results_support import (  # noqa: E402
    key_cars,
    make_field,
    open_grid,
    start_typing,
    stored_fields,
    type_cell,
)

from desktop_app.services.editing import Editor  # noqa: E402
from desktop_app.services.results.columns import INDEX, NUMBER  # noqa: E402
from desktop_app.storage.database import open_database  # noqa: E402
from desktop_app.ui.live_refresh import LiveRefresh  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen top-level windows


def test_two_windows_key_one_session_and_the_same_cell(qtbot, pg_server, pg_templates) -> None:
    url = pg_server.new_database(pg_templates["empty"])
    anna, bob = Editor(open_database(url)), Editor(open_database(url))
    anna.author, bob.author = "anna", "bob"
    field = make_field(anna)
    race = field["race"]
    first = open_grid(qtbot, anna, race)
    key_cars(qtbot, first, ["7", "8", "3"])
    second = open_grid(qtbot, bob, race)  # bob opens the session: he sees three cars
    assert second.model.rowCount() >= 3
    type_cell(qtbot, first, "1'47.123", row=0, column="best_lap")
    type_cell(qtbot, second, "1'48.5", row=1, column="best_lap")  # another car: saved
    type_cell(qtbot, second, "1'49", row=0, column="best_lap")  # anna's cell: refused
    assert "changed by anna at " in second.message.text()
    assert "to 1:47.123" in second.message.text()
    kept = second.view.indexWidget(second.view.currentIndex())  # the refused text is kept
    assert kept is not None and kept.text() == "1'49"
    qtbot.keyClick(kept, Qt.Key.Key_Escape)  # bob lets it go
    assert stored_fields(anna, race, "best_lap_ms")[:3] == [
        ("7", 107_123),
        ("8", 108_500),
        ("3", None),
    ]
    second.refresh()  # F5: bob sees anna's value, and may now change it on purpose
    assert second.model.index(0, INDEX["best_lap"]).data() == "1:47.123"
    type_cell(qtbot, second, "1'49", row=0, column="best_lap")
    assert stored_fields(bob, race, "best_lap_ms")[0] == ("7", 109_000)
    anna.database.close()
    bob.database.close()


def test_the_other_window_shows_an_edit_within_a_second(qtbot, pg_server, pg_templates) -> None:
    url = pg_server.new_database(pg_templates["empty"])
    anna, bob = Editor(open_database(url)), Editor(open_database(url))
    anna.author, bob.author = "anna", "bob"
    race = make_field(anna)["race"]
    first = open_grid(qtbot, anna, race)
    key_cars(qtbot, first, ["7", "8"])
    second = open_grid(qtbot, bob, race)
    live = LiveRefresh(second, bob, second.show_message)
    qtbot.waitUntil(live.feed.listening.is_set, timeout=5000)
    cursor = second.model.index(1, INDEX["laps"])
    second.view.setCurrentIndex(cursor)
    best = second.model.index(0, INDEX["best_lap"])
    type_cell(qtbot, first, "1'47.123", row=0, column="best_lap")
    qtbot.waitUntil(lambda: best.data() == "1:47.123", timeout=1000)
    assert second.view.currentIndex() == cursor  # bob's cursor stays where it was
    type_cell(qtbot, first, "3", row=first.model.new_row_index().row())  # a new car
    qtbot.waitUntil(lambda: stored_numbers(second) == ["7", "8", "3"], timeout=1000)
    assert second.view.currentIndex().row() == 1  # the cursor still on car 8
    type_cell(qtbot, second, "1'50", row=0, column="best_lap")  # he saw it: accepted
    assert stored_fields(anna, race, "best_lap_ms")[0] == ("7", 110_000)
    live.stop()
    anna.database.close()
    bob.database.close()


def test_typing_survives_another_windows_change_to_the_same_row(
    qtbot, pg_server, pg_templates
) -> None:
    url = pg_server.new_database(pg_templates["empty"])
    anna, bob = Editor(open_database(url)), Editor(open_database(url))
    anna.author, bob.author = "anna", "bob"
    race = make_field(anna)["race"]
    grid = open_grid(qtbot, anna, race)
    key_cars(qtbot, grid, ["7"])
    live = LiveRefresh(grid, anna, grid.show_message)
    qtbot.waitUntil(live.feed.listening.is_set, timeout=5000)
    typing = start_typing(qtbot, grid, "1'47.5", row=0, column="best_lap")
    with bob.change("Laps of #7") as edit:  # bob keys the laps of the same car
        edit.update_result(grid.model.rows[0].result_id, laps=31)
    laps = grid.model.index(0, INDEX["laps"])
    qtbot.waitUntil(lambda: laps.data() == "31", timeout=1000)
    assert typing.text() == "1'47.5"  # anna's half-typed time is still hers
    qtbot.keyClick(typing, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.model.index(0, INDEX["best_lap"]).data() == "1:47.500")
    assert stored_fields(bob, race, "laps", "best_lap_ms") == [("7", 31, 107_500)]
    live.stop()
    anna.database.close()
    bob.database.close()


def stored_numbers(grid) -> list[str]:
    return [
        grid.model.index(row, NUMBER).data()
        for row in range(grid.model.rowCount())
        if grid.model.index(row, NUMBER).data()
    ]


def test_file_connect_to_server_switches_the_window(
    qtbot, monkeypatch, demo_editor, pg_server, pg_templates
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from desktop_app.ui.main_window import MainWindow

    url = pg_server.new_database(pg_templates["demo"])
    window = MainWindow(demo_editor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args, **_kw: (f" {url} ", True))
    window.files.ask_connect_server()
    assert window.editor.database.is_server
    assert window.windowTitle().endswith(" on local socket - RaceDesk")
    assert window.live is not None and window.live.feed.listening.wait(5)
    assert [e.name for e in window.editor.database.read_tree().events][:1] == ["Roar Before the 24"]
    window.close()  # as the reporter does: stops the live feed
    assert window.live is None
    qtbot.wait(50)  # the window's pending reloads run before the database closes
    window.editor.database.close()


def test_value_history_names_who_changed_the_cell(qtbot, monkeypatch, pg_server) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.navigator import Node

    url = pg_server.new_database()
    anna, bob = Editor(open_database(url)), Editor(open_database(url))
    anna.author, bob.author = "anna", "bob"
    field = make_field(anna)
    window = MainWindow(bob)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.select(Node("session", field["event"], field["series"], field["race"]))
    grid = window.results_page
    key_cars(qtbot, grid, ["7"])
    type_cell(qtbot, grid, "1'48", row=0, column="best_lap")
    with anna.change("Fix best lap") as edit:  # anna, in her own window, a minute later
        result_id = grid.model.rows[0].result_id
        edit.update_result(result_id, best_lap_ms=107_123)
    grid.refresh()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: shown.append(text))
    grid.view.setCurrentIndex(grid.model.index(0, INDEX["best_lap"]))
    window.actions_by_name["history"].trigger()
    lines = shown[0].splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(" bob (Set best lap of #7): empty -> 1:48.000")
    assert lines[1].endswith(" anna (Fix best lap): 1:48.000 -> 1:47.123")
    window.close()
    qtbot.wait(50)  # the window's pending reloads run before the database closes
    anna.database.close()
    bob.database.close()
