"""The editor pages the navigator shows: all events, and one event's sessions and entries.

Signals (both pages):
    message(str): a refusal or note for the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import titles
from desktop_app.ui.commands_grid import CommandRunner
from desktop_app.ui.grids.view import GridView
from desktop_app.ui.models.entries_model import CAR, DRIVERS, EntriesModel
from desktop_app.ui.models.events_model import EventsModel
from desktop_app.ui.models.sessions_model import SessionsModel

KEYS_HINT = (
    "Type to edit, Enter for the next row · Ctrl+C / Ctrl+V copy and paste blocks "
    "(from Excel too) · Insert adds a row · Ctrl+Delete deletes rows · Ctrl+Z undoes"
)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


def _hint() -> QLabel:
    label = QLabel(KEYS_HINT)
    label.setStyleSheet("color: palette(mid);")
    label.setWordWrap(True)
    return label


def _grid(model: EventsModel | SessionsModel | EntriesModel, page: QWidget) -> GridView:
    view = GridView(page)
    view.setModel(model)
    view.setObjectName(f"{model.table}Grid")
    return view


class EventsPage(QWidget):
    """Every event in the file; an empty file offers the demo weekend."""

    message = Signal(str)
    demo_requested = Signal()

    def __init__(self, runner: CommandRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EventsModel(runner, self)
        self.grid = _grid(self.model, self)
        self.grid.message.connect(self.message)
        self.demo_button = QPushButton("Load the demo weekend")
        self.demo_button.setObjectName("demoButton")
        self.demo_button.clicked.connect(self.demo_requested)
        self.banner = self._banner()
        layout = QVBoxLayout(self)
        layout.addWidget(_heading("Events"))
        layout.addWidget(self.banner)
        layout.addWidget(self.grid, 1)
        layout.addWidget(_hint())
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._show_banner)

    def _banner(self) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(frame)
        text = QLabel(
            "This database is empty. Type an event below, import timing files "
            "(File > Import or drop CSV files here), or try RaceDesk with the "
            "Roar Before the 24 / Rolex 24 weekend:"
        )
        text.setWordWrap(True)
        row.addWidget(text, 1)
        row.addWidget(self.demo_button)
        return frame

    def show_events(self) -> None:
        self.model.reload(full=True)
        self.grid.fit_columns()
        self._show_banner()

    def _show_banner(self) -> None:
        self.banner.setVisible(not self.model.rows)


class EventPage(QWidget):
    """One event: its sessions and its entry list, each an editable grid."""

    message = Signal(str)
    SESSIONS_TAB, ENTRIES_TAB = 0, 1

    def __init__(self, runner: CommandRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.event_id: int | None = None
        self.series_id: int | None = None
        self.sessions_model = SessionsModel(runner, 0, self)
        self.entries_model = EntriesModel(runner, 0, self)
        self.sessions_grid = _grid(self.sessions_model, self)
        self.entries_grid = _grid(self.entries_model, self)
        self.entries_grid.freeze_columns([CAR, DRIVERS])  # the car stays while scrolling
        self.tabs = QTabWidget()
        self.tabs.addTab(self.sessions_grid, "Sessions")
        self.tabs.addTab(self.entries_grid, "Entry list")
        self.title = _heading("")
        self.subtitle = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(_hint())
        for grid in (self.sessions_grid, self.entries_grid):
            grid.message.connect(self.message)

    def show_event(self, event_id: int, series_id: int | None = None) -> None:
        """Show an event's grids; with ``series_id`` only that series' sessions and cars."""
        self.event_id, self.series_id = event_id, series_id
        for model in (self.sessions_model, self.entries_model):
            model.event_id, model.series_id = event_id, series_id
        name, details = titles.event_heading(self.runner.editor.database, event_id, series_id)
        self.title.setText(name)
        self.subtitle.setText(details)
        self.sessions_model.reload(full=True)
        self.entries_model.reload(full=True)
        for grid in (self.sessions_grid, self.entries_grid):
            grid.fit_columns()

    def current_grid(self) -> GridView:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, GridView)
        return widget
