"""Say which column of an unknown sheet holds which field; remembered per source by the caller."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.importers.alkamel import ColumnMap
from desktop_app.services.importers.generic import (
    FIELD_LABELS,
    mapping_fields,
    mapping_from_fields,
)
from desktop_app.services.importers.table import Table

NOT_IN_FILE = "(not in this file)"
PREVIEW_ROWS = 5


class ColumnMappingDialog(QDialog):
    """One drop-down per field, prefilled with a guess, above a preview of the first rows."""

    def __init__(self, table: Table, suggestion: ColumnMap, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Columns of {table.name}")
        self.setMinimumWidth(640)
        self.table = table
        self.choosers: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            "RaceDesk does not know this layout. Say which column holds what; the "
            "choice is remembered for files with the same columns."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        guessed = mapping_fields(suggestion)
        for field_name, label in FIELD_LABELS.items():
            chooser = QComboBox()
            chooser.addItems([NOT_IN_FILE, *table.headers])
            chooser.setCurrentText(guessed.get(field_name, NOT_IN_FILE))
            chooser.setObjectName(f"map_{field_name}")
            form.addRow(label, chooser)
            self.choosers[field_name] = chooser
        layout.addLayout(form)
        layout.addWidget(self._preview())
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_complete)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _preview(self) -> QTableWidget:
        rows = self.table.rows[:PREVIEW_ROWS]
        preview = QTableWidget(len(rows), len(self.table.headers))
        preview.setHorizontalHeaderLabels(self.table.headers)
        for row_index, row in enumerate(rows):
            for column, cell in enumerate(row.cells):
                preview.setItem(row_index, column, QTableWidgetItem(cell))
        preview.setMinimumHeight(150)
        preview.setMaximumHeight(190)
        return preview

    def mapping(self) -> ColumnMap:
        fields = {
            name: chooser.currentText()
            for name, chooser in self.choosers.items()
            if chooser.currentText() != NOT_IN_FILE
        }
        return mapping_from_fields(fields)

    def _accept_if_complete(self) -> None:
        if "number" not in self.mapping().columns:
            self.problem.setText("Choose the column that holds the car number.")
            self.choosers["number"].setFocus()
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, table: Table, suggestion: ColumnMap) -> ColumnMap | None:
        """The mapping the reporter chose, or None when they cancelled."""
        dialog = cls(table, suggestion, parent)
        try:
            return dialog.mapping() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
