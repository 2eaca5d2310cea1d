"""Drawing the chart lines with pyqtgraph: the numbers come ready from domain.lap_charts.

pyqtgraph draws each car as one QPainterPath from numpy arrays, so 60 cars x 800 laps
draw in a few tens of milliseconds; antialiasing stays off for the same reason. Cars
in focus get a thick coloured line and a label at the end; the others a thin muted one,
so the reporter's cars stand out in a field of sixty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import StrEnum

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from desktop_app.domain.lap_charts import Line, lap_time_window

pg.setConfigOptions(antialias=False, background="w", foreground="k")

PALETTE = (
    "#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f",
)  # fmt: skip
MUTED = 90  # alpha of the lines of cars not in focus, when some are


class ChartKind(StrEnum):
    POSITIONS = "Race chart (position per lap)"
    GAPS = "Gap to leader (s)"
    LAP_TIMES = "Lap times (s)"


class LapAxis(pg.AxisItem):
    """The lap axis: laps are whole, so a short session gets no "2.5" ticks."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N803
        """Override pg.AxisItem.tickValues: whole laps only (every lap when zoomed in)."""
        levels = [
            (spacing, [v for v in values if float(v).is_integer()])
            for spacing, values in super().tickValues(minVal, maxVal, size)
            if spacing >= 1
        ]
        if any(values for _, values in levels):
            return levels
        return [(1.0, [float(lap) for lap in range(math.ceil(minVal), math.floor(maxVal) + 1)])]

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:  # noqa: ARG002
        """Override pg.AxisItem.tickStrings: "12", never "12.0"."""
        return [str(round(value * scale)) for value in values]


def new_plot() -> pg.PlotWidget:
    plot = pg.PlotWidget(axisItems={"bottom": LapAxis(orientation="bottom")})
    plot.setObjectName("lapChart")
    plot.setMinimumHeight(180)
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.setLabel("bottom", "Lap")
    plot.getPlotItem().setClipToView(True)
    return plot


def draw(plot: pg.PlotWidget, kind: ChartKind, lines: Sequence[Line], title: str) -> None:
    """Replace what the plot shows with these lines."""
    item = plot.getPlotItem()
    item.clear()
    item.setTitle(title)
    item.setLabel("left", {ChartKind.POSITIONS: "Position in class"}.get(kind, str(kind)))
    item.invertY(kind is ChartKind.POSITIONS)
    some_in_focus = any(line.focus for line in lines)
    window = lap_time_window(lines) if kind is ChartKind.LAP_TIMES else None
    for index, line in enumerate(lines):
        _draw_line(plot, line, PALETTE[index % len(PALETTE)], some_in_focus, window)
    if kind is ChartKind.LAP_TIMES:
        _mark_best_laps(plot, lines)
        if window is not None:
            item.enableAutoRange(x=True, y=False)
            item.setYRange(*window, padding=0)
            return
    item.enableAutoRange()


def _draw_line(
    plot: pg.PlotWidget,
    line: Line,
    colour: str,
    some_in_focus: bool,
    window: tuple[float, float] | None,
) -> None:
    if not line.xs:
        return
    pen_colour = QColor(colour)
    width = 3 if line.focus else 1
    if some_in_focus and not line.focus:
        pen_colour = QColor(128, 128, 128, MUTED)
    plot.plot(
        np.asarray(line.xs, dtype=float),
        np.asarray(line.ys, dtype=float),
        pen=pg.mkPen(pen_colour, width=width),
        name=line.label,
    )
    if line.focus or not some_in_focus:
        label = pg.TextItem(line.label, color=colour)
        label.setObjectName(f"label {line.car}")
        label.setPos(*_label_at(line, window))
        plot.addItem(label)


def _label_at(line: Line, window: tuple[float, float] | None) -> tuple[float, float]:
    """Where a car's name goes: the end of its line; on lap times its best lap (the star),
    kept inside the shown times (a slow last lap, an in-lap, is off the scale)."""
    if window is None:
        return line.xs[-1], line.ys[-1]
    lap, time = line.best if line.best is not None else (line.xs[-1], line.ys[-1])
    return lap, min(max(time, window[0]), window[1])


def _mark_best_laps(plot: pg.PlotWidget, lines: Sequence[Line]) -> None:
    """One scatter item for all best laps (a star each): cheaper than one item per car."""
    best = [line.best for line in lines if line.best is not None]
    if not best:
        return
    spots = pg.ScatterPlotItem(
        [lap for lap, _ in best], [time for _, time in best], symbol="star", size=12,
        brush=pg.mkBrush("#ffbf00"), pen=pg.mkPen("k"),
    )  # fmt: skip
    plot.addItem(spots)
