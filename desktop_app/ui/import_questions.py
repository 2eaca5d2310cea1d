"""The import's questions to the reporter: which event, the plan, which driver.

Small dialogs of their own so the import flow (``import_dialog``) reads top to bottom;
each has an ``ask`` classmethod (or function) that tests replace, the only edges mocked.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.importers.report import DriverQuestion
from desktop_app.services.importers.weekend import Target, WeekendPlan

TITLE = "Import timing files"
ZONES = (
    "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "America/Toronto", "Europe/London", "Europe/Paris", "Europe/Berlin", "Asia/Tokyo",
    "Australia/Melbourne",
)  # fmt: skip


def ask_event(parent: QWidget, suggestion: str) -> tuple[str, str, str] | None:
    """All events was the target: the event (created when new), its time zone and the
    series code ("" = found from the files' classes)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(TITLE)
    form = QFormLayout(dialog)
    name = QLineEdit(suggestion)
    zone = QComboBox()
    zone.setEditable(True)
    zone.addItems(ZONES)
    form.addRow(QLabel("Import into which event? An event not saved yet is created."))
    form.addRow("Event", name)
    form.addRow("Time zone of a new event", zone)
    series = QLineEdit()
    series.setPlaceholderText("like IWSC; empty: the series whose classes the files list")
    form.addRow("Series", series)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not name.text().strip():
            return None
        return name.text().strip(), zone.currentText().strip() or "UTC", series.text().strip()
    finally:
        dialog.deleteLater()


class PlanDialog(QDialog):
    """The plan before anything is written: each file, what it is, where it goes."""

    def __init__(self, plan: WeekendPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{TITLE} into {plan.event_name}")
        self.setMinimumWidth(720)
        self.keep_going = False
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{plan.file_count} files into {len(plan.targets)} sessions of {plan.event_name}. "
            "Nothing is saved until you press Import; it is one step to undo."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.plan = plan
        self.lines = QListWidget()
        self.lines.addItems(plan.lines())
        layout.addWidget(self.lines)
        self.targets: list[QComboBox] = []
        if plan.sessions:
            form = QFormLayout()
            for target in plan.targets:
                form.addRow(f"Files for {target.name} go to", self._target_box(target))
            layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("Import")
        self.import_button.setEnabled(not plan.failed)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.rest_button: QPushButton | None = None
        if plan.failed and plan.targets:
            self.rest_button = QPushButton(f"Import the rest ({plan.file_count} files)")
            buttons.addButton(self.rest_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.rest_button.clicked.connect(self._keep_going)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.rest_button or self.import_button).setDefault(True)

    def _keep_going(self) -> None:
        self.keep_going = True

    def _target_box(self, target: Target) -> QComboBox:
        """As planned (first), or any saved session of the event instead."""
        box = QComboBox()
        box.addItem(f"{target.label}, as planned", None)
        for choice in self.plan.sessions:
            if choice.session_id != target.session_id:
                box.addItem(f"{choice.label} (existing session)", choice)
        box.currentIndexChanged.connect(lambda _index: self._send(target, box))
        self.targets.append(box)
        return box

    def _send(self, target: Target, box: QComboBox) -> None:
        target.send_to(box.currentData())
        self.lines.clear()
        self.lines.addItems(self.plan.lines())

    @classmethod
    def ask(cls, parent: QWidget | None, plan: WeekendPlan) -> bool | None:
        """None when cancelled; else whether to import the rest past bad files."""
        dialog = cls(plan, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.keep_going
        finally:
            dialog.deleteLater()


class DriverMatchDialog(QDialog):
    """Which saved driver is this name? One of the matches, or a new driver."""

    CANCELLED = object()

    def __init__(self, question: DriverQuestion, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.setWindowTitle("Which driver is this?")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{question.name} (car #{question.car_number}) {question.reason}. Which one is it?"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choices = QListWidget()
        self.choices.addItems([choice.label for choice in question.candidates])
        self.choices.addItem("A new driver (none of these)")
        self.choices.setCurrentRow(0)
        self.choices.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.choices)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choices.setFocus()

    def chosen(self) -> int | None:
        row = self.choices.currentRow()
        candidates = self.question.candidates
        return candidates[row].driver_id if 0 <= row < len(candidates) else None

    @classmethod
    def ask(cls, parent: QWidget | None, question: DriverQuestion) -> object:
        """A driver id, None for a new driver, or ``CANCELLED``."""
        dialog = cls(question, parent)
        try:
            return (
                dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else cls.CANCELLED
            )
        finally:
            dialog.deleteLater()
