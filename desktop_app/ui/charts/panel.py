"""The Charts dock: race chart, gap to leader or lap times of the selected session.

It follows the navigator (``show_session``), reads the laps once per session through
``services.charts`` and draws one class at a time; switching chart or class only redraws.
Export PNG saves exactly what is shown, at the dock's size, for the article.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import lap_charts
from desktop_app.domain.sessions import SessionKind
from desktop_app.services.charts import SessionLaps, session_laps
from desktop_app.services.editing import Editor
from desktop_app.services.settings import load_settings
from desktop_app.storage.errors import UserFacingError
from desktop_app.ui.charts.plot import ChartKind, draw, new_plot

NO_SESSION = "Choose a session in the navigator to chart its laps."
NO_LAPS = "No laps are stored for this session: import its lap chart (the *-laps.csv file)."
COMPUTE = {
    ChartKind.POSITIONS: lap_charts.positions,
    ChartKind.GAPS: lap_charts.gaps_to_leader,
    ChartKind.LAP_TIMES: lap_charts.lap_times,
}


class ChartPanel(QWidget):
    """Signals: ``drawn`` after each redraw (tests wait on it), ``message`` for the bar."""

    drawn = Signal()
    message = Signal(str)

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.data: SessionLaps | None = None
        self.session_id: int | None = None
        self._shown_kind: SessionKind | None = None
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("chartKind")
        self.kind_box.addItems([kind.value for kind in ChartKind])
        self.class_box = QComboBox()
        self.class_box.setObjectName("chartClass")
        self.export_button = QPushButton("Export PNG…")
        self.note = QLabel(NO_SESSION)
        self.note.setWordWrap(True)
        self.plot = new_plot()
        self._lay_out()
        self.kind_box.currentIndexChanged.connect(self.redraw)
        self.class_box.currentIndexChanged.connect(self.redraw)
        self.export_button.clicked.connect(self.ask_export)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.kind_box, 2)
        bar.addWidget(self.class_box, 1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.plot, 1)

    @property
    def kind(self) -> ChartKind:
        return ChartKind(self.kind_box.currentText())

    def show_session(self, session_id: int | None) -> None:
        """Read the session's laps (once) and draw; a race opens on its race chart."""
        self.session_id = session_id
        self.data = None
        if session_id is not None:
            try:
                self.data = session_laps(
                    self.editor.database, session_id, load_settings().focus_tag
                )
            except UserFacingError as error:
                self.message.emit(str(error))
                self.data = session_laps(self.editor.database, session_id)
        self._fill_choices()
        self.redraw()

    def refresh(self) -> None:
        self.show_session(self.session_id)

    def _fill_choices(self) -> None:
        for box in (self.kind_box, self.class_box):
            box.blockSignals(True)
        previous = self.class_box.currentText()
        self.class_box.clear()
        if self.data is not None:
            self.class_box.addItems(self.data.classes)
            self.class_box.setCurrentIndex(max(0, self.class_box.findText(previous)))
            if self.data.kind is not self._shown_kind:  # a race opens on its race chart
                race = self.data.kind is SessionKind.RACE
                kind = ChartKind.POSITIONS if race else ChartKind.LAP_TIMES
                self.kind_box.setCurrentText(kind.value)
                self._shown_kind = self.data.kind
        for box in (self.kind_box, self.class_box):
            box.blockSignals(False)

    def redraw(self) -> None:
        cars = self.data.of_class(self.class_box.currentText()) if self.data else []
        if self.session_id is None or self.data is None:
            self.note.setText(NO_SESSION)
        elif not cars:
            self.note.setText(NO_LAPS)
        self.note.setVisible(not cars)
        self.export_button.setEnabled(bool(cars))
        lines = COMPUTE[self.kind](cars)
        title = f"{self.data.title} - {self.class_box.currentText()}" if cars and self.data else ""
        draw(self.plot, self.kind, lines, title)
        self.drawn.emit()

    def ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export chart", str(Path.home() / "chart.png"), "PNG image (*.png)"
        )
        if path:
            self.export_png(Path(path))

    def export_png(self, path: Path) -> bool:
        """Save the chart as shown; one sentence in the status bar either way."""
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not self.plot.grab().save(str(path), "PNG"):
            self.message.emit(f"The chart could not be saved to {path}: check the folder.")
            return False
        self.message.emit(f"Chart saved to {path}.")
        return True
