"""Create a car inline when a keyed number is not in the entry list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from desktop_app.services.results.new_entry import NewEntry, split_drivers


class NewEntryDialog(QDialog):
    def __init__(self, car_number: str, classes: list[str], series: str, parent=None) -> None:
        super().__init__(parent)
        self.car_number = car_number
        self.setWindowTitle(f"Add car #{car_number}")
        self.race_class = QComboBox()
        self.race_class.setEditable(True)
        self.race_class.addItems(classes)
        self.team = QLineEdit()
        self.vehicle = QLineEdit()
        self.drivers = QLineEdit()
        self.drivers.setPlaceholderText("First Last / First Last")
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"Car #{car_number} is not in the {series} entry list. Add it?"))
        form.addRow("Class", self.race_class)
        form.addRow("Team", self.team)
        form.addRow("Vehicle", self.vehicle)
        form.addRow("Drivers", self.drivers)
        form.addRow(box)

    def details(self) -> NewEntry:
        return NewEntry(
            self.car_number,
            self.race_class.currentText().strip(),
            self.team.text().strip(),
            self.vehicle.text().strip(),
            split_drivers(self.drivers.text()),
        )

    @classmethod
    def ask(cls, parent, car_number: str, classes: list[str], series: str) -> NewEntry | None:
        """The new car's details, or None when cancelled (tests monkeypatch this)."""
        dialog = cls(car_number, classes, series, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.details()
