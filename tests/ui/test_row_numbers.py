"""The results grid's row numbers: as wide as Qt would make them, measured as rows come."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView
from results_support import NUMBERS, key_cars, make_field, open_grid

from desktop_app.services.editing import Editor
from desktop_app.ui.results.model import ResultsModel

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def _qt_hint(header: QHeaderView):
    """What Qt's own row header measures: every row's number."""
    return QHeaderView.sizeHint(header)


def test_row_numbers_are_as_wide_as_qt_measures_them_as_the_grid_grows_and_shrinks(
    qtbot, editor: Editor
) -> None:
    grid = open_grid(qtbot, editor, make_field(editor)["race"])
    header = grid.view.verticalHeader()
    for count in (8, 9, 10, 12):  # "9" and "*" rows, then "10": the numbers widen
        key_cars(qtbot, grid, NUMBERS[len(grid.model.rows) : count])
        assert header.sizeHint() == _qt_hint(header), count
    grid.show_session(None)  # no rows: Qt's size again
    assert header.sizeHint() == _qt_hint(header)
    assert header.sectionsClickable(), "a click on a number selects the car's row"


def test_a_keyed_car_asks_for_the_numbers_of_the_new_rows_only(
    qtbot, editor: Editor, monkeypatch
) -> None:
    asked: list[int] = []
    headers = ResultsModel.headerData

    def counted(model, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            asked.append(section)
        return headers(model, section, orientation, role)

    monkeypatch.setattr(ResultsModel, "headerData", counted)
    grid = open_grid(qtbot, editor, make_field(editor)["race"], size=(1500, 300))
    key_cars(qtbot, grid, NUMBERS[:16])  # more rows than the grid shows
    asked.clear()
    key_cars(qtbot, grid, NUMBERS[16:17])
    assert asked, "the new rows were numbered"
    assert set(asked) <= {15, 16, 17}, sorted(set(asked))  # Qt measured rows 0-17 again
