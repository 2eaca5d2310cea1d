"""The penalty dialog of a results row: add, change and remove the stewards' decisions."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.domain import timing
from desktop_app.domain.classification import PenaltyKind
from desktop_app.services.result_rows import FieldError, PenaltyLine, parse_count


def read_penalty(kind: PenaltyKind, amount: str, reason: str, post_session: bool) -> PenaltyLine:
    """The dialog's fields as a penalty; the amount is a time or a number of places."""
    amount_ms = positions = None
    if kind is PenaltyKind.TIME:
        try:
            amount_ms = timing.parse_time(amount)
        except timing.TimingError as error:
            raise FieldError(str(error)) from error
        if not amount_ms:
            raise FieldError("A time penalty needs the time added, like 5 or 1:00.000.")
    elif kind is PenaltyKind.POSITIONS:
        positions = parse_count(amount, "a number of places", minimum=1)
        if positions is None:
            raise FieldError("A position penalty needs the number of places, like 2.")
    return PenaltyLine(kind, amount_ms, positions, reason.strip(), post_session)


def amount_text(line: PenaltyLine) -> str:
    if line.amount_ms:
        return timing.format_time(line.amount_ms)
    return str(line.positions) if line.positions else ""


class PenaltyDialog(QDialog):
    """Edits the whole penalty list of one car; OK returns it as one undoable change."""

    def __init__(self, car: str, penalties: tuple[PenaltyLine, ...], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Penalties of {car}")
        self.lines = list(penalties)
        self.list = QListWidget()
        self.kind = QComboBox()
        for kind in PenaltyKind:
            self.kind.addItem(kind.label, kind.value)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("time (5.000) or places (2)")
        self.reason = QLineEdit()
        self.post_session = QCheckBox("Given after the session (changes the official order)")
        self.post_session.setChecked(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00000")
        self.error.setWordWrap(True)
        self._build()
        self._show_lines()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("Kind", self.kind)
        form.addRow("Amount", self.amount)
        form.addRow("Reason", self.reason)
        form.addRow("", self.post_session)
        buttons = QHBoxLayout()
        for text, slot in (
            ("Add", self.add),
            ("Update", self.update_current),
            ("Remove", self.remove),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(box)
        self.list.currentRowChanged.connect(self._load)

    def _show_lines(self) -> None:
        self.list.clear()
        self.list.addItems([line.short for line in self.lines])

    def _load(self, row: int) -> None:
        if not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        self.kind.setCurrentIndex(self.kind.findData(line.kind.value))
        self.amount.setText(amount_text(line))
        self.reason.setText(line.reason)
        self.post_session.setChecked(line.post_session)

    def current_kind(self) -> PenaltyKind:
        return PenaltyKind(self.kind.currentData())

    def _read(self) -> PenaltyLine | None:
        try:
            line = read_penalty(
                self.current_kind(),
                self.amount.text(),
                self.reason.text(),
                self.post_session.isChecked(),
            )
        except FieldError as error:
            self.error.setText(str(error))
            return None
        self.error.clear()
        return line

    def add(self) -> None:
        line = self._read()
        if line is not None:
            self.lines.append(line)
            self._show_lines()

    def update_current(self) -> None:
        row, line = self.list.currentRow(), self._read()
        if line is not None and 0 <= row < len(self.lines):
            self.lines[row] = line
            self._show_lines()

    def remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.lines):
            del self.lines[row]
            self._show_lines()

    def accept(self) -> None:
        """OK with a filled-in form that was never added adds it: nothing typed is lost."""
        typed = self.amount.text().strip() or self.reason.text().strip()
        if typed and self.list.currentRow() < 0:
            line = self._read()
            if line is None:
                return
            self.lines.append(line)
        super().accept()

    @classmethod
    def ask(
        cls, parent, car: str, penalties: tuple[PenaltyLine, ...]
    ) -> tuple[PenaltyLine, ...] | None:
        """The new penalty list, or None when cancelled (tests monkeypatch this)."""
        dialog = cls(car, penalties, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return tuple(dialog.lines)
