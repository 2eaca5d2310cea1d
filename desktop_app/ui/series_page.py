"""Edit > Series and classes: series names and codes, classes, their order and aliases.

Reads through ``services.series_classes``; every change is one undo step of the window
(``CommandRunner``), and a refused value is explained under the tables.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.series_classes import SeriesRow, series_rows
from desktop_app.services.undo import CallStep, FieldsStep, RowRef
from desktop_app.ui.commands_grid import CommandRunner

SERIES_COLUMNS = ("Code", "Name")
CLASS_COLUMNS = ("Code", "Name", "Order", "Aliases")


class SeriesPage(QDialog):
    def __init__(self, runner: CommandRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Series and classes")
        self.runner = runner
        self.rows: list[SeriesRow] = []
        self.series_table = _table(SERIES_COLUMNS)
        self.class_table = _table(CLASS_COLUMNS)
        self.fill_button = QPushButton("Fill from &catalogue")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.fill_button.clicked.connect(self.fill_from_catalogue)
        self.series_table.currentCellChanged.connect(lambda *_: self._show_classes())
        self.series_table.itemChanged.connect(self._series_edited)
        self.class_table.itemChanged.connect(self._class_edited)
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        tables = QHBoxLayout()
        tables.addWidget(self.series_table, 2)
        tables.addWidget(self.class_table, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(tables)
        layout.addWidget(self.fill_button)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(860, 420)

    def reload(self) -> None:
        """Show what the file holds now (after an edit, a refusal or an undo)."""
        current = max(self.series_table.currentRow(), 0)
        self.rows = series_rows(self.runner.editor.database)
        _fill(self.series_table, [(r.code, r.name) for r in self.rows])
        if self.rows:
            self.series_table.setCurrentCell(min(current, len(self.rows) - 1), 1)
        self._show_classes()

    def current_series(self) -> SeriesRow | None:
        row = self.series_table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show_classes(self) -> None:
        series = self.current_series()
        classes = series.classes if series else ()
        _fill(
            self.class_table,
            [(c.code, c.name, str(c.sort_order), ", ".join(c.aliases)) for c in classes],
        )
        self.fill_button.setEnabled(bool(series and series.in_catalogue))

    def _series_edited(self, item: QTableWidgetItem) -> None:
        series = self.rows[item.row()]
        field = ("code", "name")[item.column()]
        step = FieldsStep(RowRef("series", series.id), "update_series", {field: item.text()})
        self._run(f"Rename series {series.code}", step)

    def _class_edited(self, item: QTableWidgetItem) -> None:
        series = self.current_series()
        if series is None:
            return
        race_class = series.classes[item.row()]
        ref = RowRef("classes", race_class.id)
        text = item.text().strip()
        if item.column() == 3:
            aliases = [a.strip() for a in text.split(",") if a.strip()]
            step = FieldsStep(ref, "set_class_aliases", {"aliases": aliases})
        elif item.column() == 2:
            if not text.isdigit():
                self.message.setText("The order is a whole number (0 runs first).")
                self.reload()
                return
            step = FieldsStep(ref, "update_class", {"sort_order": int(text)})
        else:
            field = ("code", "name")[item.column()]
            step = FieldsStep(ref, "update_class", {field: text})
        self._run(f"Edit class {race_class.code}", step)

    def fill_from_catalogue(self) -> None:
        series = self.current_series()
        if series is None:
            return
        step = CallStep(
            RowRef("series", series.id),
            lambda edit, row_id: edit.fill_from_catalogue(row_id),
            lambda edit, row_id, state: edit.unfill_from_catalogue(row_id, state),
        )
        self._run(f"Fill {series.code} from the catalogue", step)

    def _run(self, text: str, step: FieldsStep | CallStep) -> None:
        error = self.runner.run(text, [step])
        self.message.setText(error or "")
        self.reload()


def _table(headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.blockSignals(True)
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, c, item)
    table.blockSignals(False)
