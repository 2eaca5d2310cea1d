"""The grids' layout with real keys and mouse: frozen Pos/No./Drivers (Car/Drivers in the
entry list) while Tab scrolls sideways, widths fitted to the text and a dragged width
remembered, the header's column chooser remembered per session kind, and a refused value
opening again with its text."""

from __future__ import annotations

import json

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from results_support import key_cars, make_field, open_grid, stored_fields, type_cell

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.results.columns import INDEX, NUMBER
from desktop_app.services.settings import settings_path
from desktop_app.ui.grids.frozen import EDGE
from desktop_app.ui.grids.pages import EventPage
from desktop_app.ui.grids.view import GridView
from desktop_app.ui.models.entries_model import CAR, DRIVERS, TAGS, TEAM, EntriesModel
from desktop_app.ui.results.widget import ResultsEditor

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
FROZEN_KEYS = ("pos", "number", "drivers")


@pytest.fixture
def field(editor: Editor) -> dict[str, int]:
    return make_field(editor)


@pytest.fixture
def narrow(qtbot, editor: Editor, field) -> ResultsEditor:
    """A 20-car field keyed in a grid too narrow for its columns (it scrolls sideways)."""
    widget = open_grid(qtbot, editor, field["race"])
    widget.resize(520, 480)
    key_cars(qtbot, widget, ["7", "2", "99", "30"])
    QApplication.processEvents()
    return widget


def _reopen(qtbot, editor: Editor, session_id: int) -> ResultsEditor:
    return open_grid(qtbot, editor, session_id, size=(520, 480))


def _frozen_width(widget: ResultsEditor) -> int:
    return sum(widget.view.columnWidth(INDEX[key]) for key in FROZEN_KEYS)


def test_pos_no_and_drivers_stay_on_screen_while_tab_scrolls_right(qtbot, narrow):
    view = narrow.view
    overlay = view.frozen.overlay
    header = view.horizontalHeader()
    assert [header.logicalIndex(v) for v in range(3)] == [INDEX[k] for k in FROZEN_KEYS]
    view.setCurrentIndex(narrow.model.index(0, INDEX["laps"]))
    for _ in range(4):  # Laps -> Total time -> Gap -> Best lap -> Status (the last shown)
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == INDEX["status"]
    bar = view.horizontalScrollBar()
    assert bar.value() > 0, "Tab scrolled the grid to the right"
    # The overlay sits over the left edge of the cells, as wide as the frozen columns,
    # and shows P1's position, number and drivers while the grid is scrolled.
    assert overlay.isVisible()
    assert overlay.geometry().left() == view.verticalHeader().width() + view.frameWidth()
    assert overlay.width() == _frozen_width(narrow) + EDGE
    assert overlay.visualRect(narrow.model.index(0, INDEX["pos"])).left() == 0
    assert overlay.model().index(0, NUMBER).data() == "7"
    current = view.visualRect(view.currentIndex())
    assert current.left() >= overlay.width() and current.right() <= view.viewport().width()
    # Back left with Shift+Tab: Team comes out from under the frozen part.
    for _ in range(20):
        qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        if view.currentIndex().column() == INDEX["team"]:
            break
    assert view.currentIndex().column() == INDEX["team"]
    assert view.visualRect(view.currentIndex()).left() >= overlay.width()
    # A click on a frozen cell moves the grid's cursor there, and the keys go to the grid.
    elsewhere = QLineEdit(narrow)
    elsewhere.show()
    elsewhere.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is elsewhere)
    cell = narrow.model.index(2, NUMBER)
    qtbot.mouseClick(
        overlay.viewport(), Qt.MouseButton.LeftButton, pos=overlay.visualRect(cell).center()
    )
    assert view.currentIndex() == cell
    assert QApplication.focusWidget() is view


def test_the_frozen_part_follows_the_row_numbers_as_they_widen(qtbot, editor, field):
    grid = open_grid(qtbot, editor, field["race"])
    grid.resize(520, 480)
    key_cars(qtbot, grid, ["2", "3", "5", "7", "8", "11", "13", "17"])  # rows 1-8 and *
    narrow_numbers = grid.view.verticalHeader().width()
    key_cars(qtbot, grid, ["21", "24", "30", "33"])  # rows 10-12: two digits
    QApplication.processEvents()
    header = grid.view.verticalHeader()
    assert header.width() > narrow_numbers
    assert grid.view.frozen.overlay.geometry().left() == header.width() + grid.view.frameWidth()


def test_a_car_number_typed_while_scrolled_right_is_keyed_in_view(qtbot, narrow, editor, field):
    view = narrow.view
    view.setCurrentIndex(narrow.model.index(0, INDEX["status"]))
    assert view.horizontalScrollBar().value() > 0
    view.setCurrentIndex(narrow.model.new_row_index(INDEX["pos"]))
    qtbot.keyClick(view, Qt.Key.Key_5)  # digits on Pos key the car number
    line = view.indexWidget(narrow.model.new_row_index())
    assert isinstance(line, QLineEdit) and line.text() == "5"
    assert view.horizontalScrollBar().value() == 0
    overlay = view.frozen.overlay
    where = overlay.mapFromGlobal(line.mapToGlobal(line.rect().center()))
    assert overlay.rect().contains(where) and not overlay.mask().contains(where), (
        "the editor is not under the overlay (a hole where it is)"
    )
    assert overlay.isVisible(), "the other frozen cells stay in place"
    assert line.isVisible() and line.geometry().left() >= 0
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert overlay.isVisible() and overlay.mask().isEmpty()
    assert [r[0] for r in stored_fields(editor, field["race"])] == ["7", "2", "99", "30", "5"]


def test_columns_fit_their_text_and_widen_after_an_edit(qtbot, narrow):
    view = narrow.view
    metrics = view.fontMetrics()
    status = INDEX["status"]
    assert view.columnWidth(INDEX["team"]) >= metrics.horizontalAdvance("Team 99")
    assert view.columnWidth(status) < metrics.horizontalAdvance("Not classified")
    type_cell(qtbot, narrow, "Not classified", row=3, column="status")
    assert view.columnWidth(status) >= metrics.horizontalAdvance("Not classified")


def test_a_keyed_car_widens_the_columns_its_text_outgrows_and_no_other(
    qtbot, narrow, editor, field
):
    """Only the keyed car's cells with text are measured: a long team widens Team, its
    empty times leave their columns as they were."""
    long_team = "Longer Named Racing Team"
    with editor.change("Rename the team") as edit:
        edit.update_entry(field["13"], team_id=edit.ensure_team(long_team))
    view = narrow.view
    before = [view.columnWidth(column) for column in range(narrow.model.columnCount())]
    key_cars(qtbot, narrow, ["13"])
    after = [view.columnWidth(column) for column in range(narrow.model.columnCount())]
    team = INDEX["team"]
    assert after[team] >= view.fontMetrics().horizontalAdvance(long_team) > before[team]
    assert [w for n, w in enumerate(after) if n != team] == [
        w for n, w in enumerate(before) if n != team
    ]


def test_a_dragged_column_width_stays_and_is_remembered(qtbot, narrow, editor, field):
    view = narrow.view
    header = view.horizontalHeader()
    team = INDEX["team"]
    before = view.columnWidth(team)
    edge = header.sectionViewportPosition(team) + header.sectionSize(team) - 1
    y = header.height() // 2
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    QTest.mouseMove(header.viewport(), QPoint(edge + 60, y))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + 60, y))
    assert view.columnWidth(team) == before + 60
    narrow.widths.save()  # what the short timer does after a drag
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["column_widths"]["results"] == {"team": before + 60}
    type_cell(qtbot, narrow, "42", row=0, column="laps")  # an edit does not refit it
    assert view.columnWidth(team) == before + 60
    again = _reopen(qtbot, editor, field["race"])
    assert again.view.columnWidth(team) == before + 60
    again.widths.forget()  # header menu: Fit columns to contents
    assert again.view.fontMetrics().horizontalAdvance("Team 99") <= again.view.columnWidth(team)
    assert again.view.columnWidth(team) < before + 60


def test_the_column_chooser_hides_and_shows_per_session_kind(qtbot, narrow, editor, field):
    view = narrow.view
    shown = [k for k in ("laps", "total", "gap", "best_lap", "status", "grid", "penalty")
             if not view.isColumnHidden(INDEX[k])]  # fmt: skip
    assert shown == ["laps", "total", "gap", "best_lap", "status"], "race defaults"
    menu = narrow.columns.menu()
    assert menu.findChild(type(menu.actions()[0]), "show_total").isChecked()
    menu.findChild(type(menu.actions()[0]), "show_total").trigger()  # untick Total time
    menu.findChild(type(menu.actions()[0]), "show_grid").trigger()  # tick Grid
    assert view.isColumnHidden(INDEX["total"]) and not view.isColumnHidden(INDEX["grid"])
    with editor.change("New session") as edit:
        practice = edit.create_session(
            field["event"], field["series"], SessionKind.PRACTICE, "Practice 1"
        )
    narrow.show_session(practice)
    hidden = {k: view.isColumnHidden(INDEX[k]) for k in ("best_lap", "gap", "laps", "total")}
    assert hidden == {"best_lap": False, "gap": False, "laps": False, "total": True}
    assert view.isColumnHidden(INDEX["status"]) and view.isColumnHidden(INDEX["grid"])
    again = _reopen(qtbot, editor, field["race"])  # the race's choice is remembered
    assert again.view.isColumnHidden(INDEX["total"])
    assert not again.view.isColumnHidden(INDEX["grid"])


@pytest.fixture
def entries(make_grid, runner, roar_id) -> GridView:
    view = make_grid(EntriesModel(runner, roar_id))
    view.freeze_columns([CAR, DRIVERS])  # as the event page does
    view.resize(480, 400)
    view.fit_columns()
    QApplication.processEvents()
    return view


def test_the_entry_list_keeps_car_and_drivers_in_view(qtbot, runner, entries):
    page = EventPage(runner)
    assert page.entries_grid.frozen is not None and page.entries_grid.frozen.columns == [
        CAR, DRIVERS,
    ]  # fmt: skip
    entries.setCurrentIndex(entries.model().index(0, TEAM))
    for _ in range(2):  # Team -> Vehicle -> Tags: the grid scrolls right
        qtbot.keyClick(entries, Qt.Key.Key_Tab)
    assert entries.currentIndex().column() == TAGS
    assert entries.horizontalScrollBar().value() > 0
    overlay = entries.frozen.overlay
    assert overlay.isVisible() and overlay.width() == (
        entries.columnWidth(CAR) + entries.columnWidth(DRIVERS) + EDGE
    )
    assert entries.visualRect(entries.currentIndex()).left() >= overlay.width()


def test_a_refused_entry_value_opens_again_with_the_typed_text(qtbot, entries, messages):
    taken = entries.model().index(1, CAR).data()  # another car's number: refused
    entries.setCurrentIndex(entries.model().index(0, CAR))
    entries.setFocus()
    qtbot.keyClicks(entries, taken[0])
    line = entries.indexWidget(entries.currentIndex())
    qtbot.keyClicks(line, taken[1:])
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(line) or not line.isVisible())
    assert messages, "the reason is told"
    assert (entries.currentIndex().row(), entries.currentIndex().column()) == (0, CAR)
    reopened = entries.indexWidget(entries.currentIndex())
    assert isinstance(reopened, QLineEdit) and reopened.text() == taken
    assert reopened.selectedText() == taken  # typing replaces it; arrows start correcting
