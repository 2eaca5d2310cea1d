"""View > Charts: the dock follows the navigator, draws the real Sebring laps, saves a PNG."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.importers.weekend import Choices, plan_weekend
from desktop_app.services.importers.weekend_apply import apply_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.services.settings import load_settings, save_settings
from desktop_app.storage import repository as repo
from desktop_app.ui.charts.panel import NO_LAPS, ChartPanel
from desktop_app.ui.charts.plot import ChartKind
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.navigator import Node

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

SEBRING = (
    Path(__file__).resolve().parents[1] / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
)


@pytest.fixture
def sebring_editor(editor: Editor, tmp_path: Path) -> Editor:
    """Qualifying and the race of Sebring 2024 (results and lap charts) imported."""
    folder = tmp_path / "download"
    folder.mkdir()
    for pattern in ("202403151250-qualifying-*.csv", "202403160940-race-*.csv"):
        for path in SEBRING.glob(pattern):
            shutil.copy(path, folder)
    choices = Choices("Sebring 2024", series="IWSC", time_zone="America/New_York")
    apply_weekend(editor, plan_weekend(editor.database, read_batch([folder]), choices))
    return editor


def _node(editor: Editor, session: str) -> Node:
    with editor.database.read() as db:
        event_id = repo.find_events(db, "Sebring 2024")[0].id
        found = repo.find_sessions(db, event_id, session)[0]
        return Node("session", event_id, found.series_id, found.id)


def _curves(panel: ChartPanel) -> list[pg.PlotDataItem]:
    return [i for i in panel.plot.getPlotItem().listDataItems() if isinstance(i, pg.PlotDataItem)]


@pytest.fixture
def window(qtbot, sebring_editor: Editor) -> MainWindow:
    settings = load_settings()
    settings.focus_tag = "country:CAN"
    save_settings(settings)
    window = MainWindow(sebring_editor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_race_chart_follows_the_selection_and_highlights_focus_cars(qtbot, window: MainWindow):
    assert window.select(_node(window.editor, "Race"))
    assert not window.chart_dock.isVisible()  # nothing read until the reporter asks
    window.actions_by_name["charts"].trigger()
    qtbot.waitUntil(lambda: isinstance(window.chart_panel, ChartPanel))
    panel = window.chart_panel
    assert isinstance(panel, ChartPanel)
    assert panel.kind is ChartKind.POSITIONS
    assert panel.class_box.currentText() == "GTP"
    assert [panel.class_box.itemText(i) for i in range(panel.class_box.count())] == [
        "GTP", "LMP2", "GTD PRO", "GTD",
    ]  # fmt: skip
    curves = _curves(panel)
    assert len(curves) == 11  # the GTP cars of the race
    winner = next(c for c in curves if c.name() == "#40")
    assert winner.yData[-1] == 1 and winner.xData[-1] == 333
    assert not [c for c in curves if c.opts["pen"].width() == 3]  # no Canadian in GTP

    with qtbot.waitSignal(panel.drawn):
        panel.class_box.setCurrentText("GTD")
    thick = {c.name() for c in _curves(panel) if c.opts["pen"].width() == 3}
    # the GTD cars with a Canadian driver in the results file (country:CAN)
    assert thick == {"#12", "#13", "#17", "#27", "#32", "#43", "#45", "#78"}

    with qtbot.waitSignal(panel.drawn):
        window.select(_node(window.editor, "Qualifying"))
    assert panel.kind is ChartKind.LAP_TIMES
    # the class chosen stays: the reporter follows GTD from session to session
    assert panel.plot.getPlotItem().titleLabel.text == "Sebring 2024 - Qualifying - GTD"
    stars = [i for i in panel.plot.getPlotItem().items if isinstance(i, pg.ScatterPlotItem)]
    assert len(stars) == 1 and len(stars[0].data) == len(_curves(panel)) > 10
    # The Canadians' names sit inside the shown lap times (by their best lap), even for a
    # car whose last lap (the in-lap) is far off the scale.
    labels = [i for i in panel.plot.getPlotItem().items if isinstance(i, pg.TextItem)]
    (left, right), (low, high) = panel.plot.getPlotItem().viewRange()
    assert len(labels) == 8
    assert all(
        low <= label.pos().y() <= high and left <= label.pos().x() <= right for label in labels
    )


def test_export_png_saves_the_chart_as_shown(qtbot, window: MainWindow, tmp_path: Path):
    window.select(_node(window.editor, "Race"))
    window.actions_by_name["charts"].trigger()
    qtbot.waitUntil(lambda: window.chart_panel is not None)
    panel = window.chart_panel
    assert isinstance(panel, ChartPanel)
    panel.kind_box.setCurrentText(ChartKind.GAPS.value)
    target = tmp_path / "race gaps"
    assert panel.export_png(target)
    image = QImage(str(target.with_suffix(".png")))
    assert image.width() == panel.plot.width() and image.height() == panel.plot.height()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 3  # lines and text, not a blank picture


def test_a_session_without_laps_says_how_to_get_them(qtbot, window: MainWindow):
    with window.editor.change("New session") as edit:
        event_id = _node(window.editor, "Race").event_id
        assert event_id is not None
        series_id = edit.ensure_series("IWSC", "IMSA WeatherTech")
        edit.create_session(event_id, series_id, SessionKind.RACE, "Warm-up race")
    window.reload_navigator()
    window.actions_by_name["charts"].trigger()
    qtbot.waitUntil(lambda: window.chart_panel is not None)
    panel = window.chart_panel
    assert isinstance(panel, ChartPanel)
    with qtbot.waitSignal(panel.drawn):
        assert window.select(_node(window.editor, "Warm-up race"))
    assert panel.note.text() == NO_LAPS
    assert not panel.export_button.isEnabled()
    assert _curves(panel) == []
