"""What a keystroke repaints, and grids that are hidden while the file changes.

Typing in a grid opens a cell editor and Enter closes it; Qt would repaint the whole
grid at each of those focus changes. Only the edited cell may be repainted (the rest
looks the same before and after), which is what keeps keying a car within a frame.
A grid that is not on screen does not read the file again on every edit; it reads
when it is shown, and then shows what was saved meanwhile.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from results_support import key_cars, make_field, open_grid

from desktop_app.services.editing import Editor
from desktop_app.services.results.columns import NUMBER
from desktop_app.storage import repository as repo
from desktop_app.ui.grids.pages import EventPage
from desktop_app.ui.grids.view import GridView
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.entries_model import CAR, TEAM, EntriesModel
from desktop_app.ui.navigator import Node

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


class PaintedAreas(QObject):
    """The rectangles of every paint event a widget gets while ``recording``."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        self.recording = False
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if self.recording and event.type() == QEvent.Type.Paint:
            self.rects.extend(event.region())  # type: ignore[attr-defined]
        return False

    def area(self) -> int:
        return sum(rect.width() * rect.height() for rect in self.rects)


@pytest.fixture
def entries_grid(qtbot, make_grid, runner, roar_id) -> GridView:
    view = make_grid(EntriesModel(runner, roar_id))
    view.resize(900, 500)
    view.activateWindow()  # on a real X server without a window manager: take the focus
    qtbot.waitUntil(view.isActiveWindow)
    QApplication.processEvents()
    return view


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_opening_and_closing_a_cell_editor_repaints_only_that_cell(qtbot, entries_grid):
    view = entries_grid
    view.setCurrentIndex(view.model().index(0, TEAM))
    view.setFocus()
    _settle()
    painted = PaintedAreas(view.viewport())
    painted.recording = True
    qtbot.keyClick(view, "X")
    _settle()
    editor = next(w for w in view.viewport().findChildren(QLineEdit) if w.isVisible())
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    _settle()
    cell = view.visualRect(view.currentIndex())
    viewport = view.viewport().rect()
    row_band = QRect(0, cell.top(), viewport.width(), cell.height())
    assert painted.rects, "the cell was never repainted"
    assert all(row_band.contains(rect) for rect in painted.rects), painted.rects  # the editor
    assert painted.area() < viewport.width() * viewport.height() / 4
    assert view.hasFocus(), "the grid has the keyboard again after the editor closed"


def test_focus_from_elsewhere_still_repaints_the_grid(qtbot, entries_grid):
    """Leaving the grid for another widget keeps Qt's behaviour (whole grid repainted)."""
    view = entries_grid
    other = QLineEdit(view.parentWidget() or view.window())
    other.show()
    view.setFocus()
    _settle()
    painted = PaintedAreas(view.viewport())
    painted.recording = True
    other.setFocus()
    qtbot.waitUntil(lambda: not view.hasFocus())
    _settle()
    viewport = view.viewport().rect()
    assert painted.area() >= viewport.width() * viewport.height() * 0.9


def _team_shown(view: GridView, number: str) -> str:
    model = view.grid_model()
    row = next(i for i, row in enumerate(model.rows) if row.cells[CAR] == number)
    return str(model.index(row, TEAM).data())


def _set_team(editor: Editor, event_id: int, number: str, team: str) -> None:
    with editor.database.read() as session:
        entry = next(e for e in repo.event_entries(session, event_id) if e.car_number == number)
        entry_id = entry.id
    with editor.change("Rename team") as edit:
        edit.update_entry(entry_id, team_id=edit.ensure_team(team))


def test_a_hidden_entry_list_shows_edits_when_its_tab_is_opened(
    qtbot, demo_editor, roar_id
) -> None:
    window = MainWindow(demo_editor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.select(Node("event", roar_id))
    page = window.event_page
    page.tabs.setCurrentIndex(EventPage.SESSIONS_TAB)
    _settle()
    entries = page.entries_grid.grid_model()
    _set_team(demo_editor, roar_id, "12", "Renamed Racing")
    assert entries.stale, "the hidden entry list was read again on an edit"
    page.tabs.setCurrentIndex(EventPage.ENTRIES_TAB)
    _settle()
    assert _team_shown(page.entries_grid, "12") == "Renamed Racing"
    assert not entries.stale


def _on_screen(widget) -> QImage:
    """What the window's backing store holds for ``widget`` (what the reporter sees)."""
    screen = widget.window().windowHandle().screen()
    return screen.grabWindow(widget.winId()).toImage()


def test_a_keyed_car_repaints_its_row_down_and_the_grid_looks_fully_repainted(
    qtbot, editor: Editor
) -> None:
    """Keying a car inserts one row: the rows above it keep their pixels (grid and frozen
    Pos/No./Drivers), and what is on screen is what a full repaint would draw."""
    grid = open_grid(qtbot, editor, make_field(editor)["race"])
    grid.resize(520, 700)  # narrow: the frozen columns lie over the grid
    key_cars(qtbot, grid, ["7", "2", "99", "30"])
    _settle()
    view, overlay = grid.view, grid.view.frozen.overlay
    areas = [PaintedAreas(view.viewport()), PaintedAreas(overlay.viewport())]
    for painted in areas:
        painted.recording = True
    key_cars(qtbot, grid, ["5"])
    _settle()
    assert [grid.model.index(row, NUMBER).data() for row in range(5)] == ["7", "2", "99", "30", "5"]
    new_car_top = view.rowViewportPosition(4)
    for painted in areas:
        assert painted.rects, "the new row was painted"
        assert all(rect.top() >= new_car_top for rect in painted.rects), painted.rects
    shown = _on_screen(grid)
    assert shown == grid.grab().toImage(), "nothing stale left on screen"


def test_a_car_keyed_on_a_full_grid_scrolls_it_and_leaves_nothing_stale(
    qtbot, editor: Editor
) -> None:
    """The grid scrolls a row to keep the new row in view: the part beside the frozen
    columns moves its pixels (with the editor in it); the screen is what a full repaint
    would draw, the frozen Pos/No./Drivers included, and the new car's number is shown."""
    grid = open_grid(qtbot, editor, make_field(editor)["race"])
    grid.resize(520, 330)  # about eight rows: the grid scrolls from the eighth car on
    numbers = ["7", "2", "99", "30", "5", "11", "13", "17", "21", "24"]
    key_cars(qtbot, grid, numbers)
    _settle()
    view = grid.view
    scrolled = view.verticalScrollBar().value()
    assert scrolled > 0, "the grid is full and follows the new row"
    key_cars(qtbot, grid, ["33"])
    _settle()
    assert view.verticalScrollBar().value() == scrolled + 1
    new_car = grid.model.index(len(numbers), NUMBER)
    assert new_car.data() == "33"
    assert view.frozen.overlay.viewport().rect().contains(view.visualRect(new_car).center())
    viewport = view.viewport()
    cells = QRect(viewport.mapTo(grid, QPoint(0, 0)), viewport.size())  # the frozen ones too
    assert _on_screen(grid).copy(cells) == grid.grab(cells).toImage(), "nothing stale on screen"


def test_a_car_keyed_on_a_full_grid_repaints_only_the_new_car_and_the_new_row(
    qtbot, editor: Editor
) -> None:
    """On a full grid each keyed car scrolls it a row: the frozen Pos/No./Drivers and the
    row numbers move their pixels too, and only the new car's row and the new row below
    it are painted there (Qt repainted the whole of both: about 4 ms of a 16 ms frame)."""
    grid = open_grid(qtbot, editor, make_field(editor)["race"])
    grid.resize(520, 330)
    key_cars(qtbot, grid, ["7", "2", "99", "30", "5", "11", "13", "17", "21", "24"])
    _settle()
    view = grid.view
    widgets = (view.viewport(), view.frozen.overlay.viewport(), view.verticalHeader().viewport())
    areas = [PaintedAreas(widget) for widget in widgets]
    for painted in areas:
        painted.recording = True
    key_cars(qtbot, grid, ["33"])
    _settle()
    new_car_top = view.rowViewportPosition(10)
    assert grid.model.index(10, NUMBER).data() == "33"
    for widget, painted in zip(widgets, areas, strict=True):
        assert painted.rects, f"{widget.parent()} painted the new car"
        assert all(rect.top() >= new_car_top for rect in painted.rects), painted.rects
    numbers = view.verticalHeader()
    shown = QRect(numbers.mapTo(grid, QPoint(0, 0)), numbers.size())  # "1" to "11", "*"
    assert _on_screen(grid).copy(shown) == grid.grab(shown).toImage(), "no stale number"
