"""The lap axis of the charts: whole laps only, also on a short session."""

from __future__ import annotations

import pytest

pg = pytest.importorskip("pyqtgraph")

from desktop_app.ui.charts.plot import LapAxis  # noqa: E402


@pytest.mark.parametrize(("last", "width"), [(3, 600), (6, 900), (12, 300), (800, 900)])
def test_lap_ticks_are_whole_numbers(qapp, last: int, width: int):
    axis = LapAxis(orientation="bottom")
    levels = axis.tickValues(0.0, float(last), float(width))
    values = [value for _, level in levels for value in level]
    assert values, "some laps are marked"
    assert all(float(value).is_integer() for value in values)
    assert all(0 <= value <= last for value in values)
    assert axis.tickStrings(values[:2], 1.0, 1.0) == [str(int(v)) for v in values[:2]]
    plain = pg.AxisItem(orientation="bottom").tickValues(0.0, float(last), float(width))
    if last <= 6:  # what the plain axis does on a short session: half laps
        assert any(not float(v).is_integer() for _, level in plain for v in level)
