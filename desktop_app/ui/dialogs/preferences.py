"""Edit > Preferences: the reporter's name, the focus group and how many backups to keep.

The values live in ``services.settings`` (a JSON file), so the command line and the
exporters read exactly what is set here.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.focus import FocusError, parse_focus
from desktop_app.services.settings import Settings, load_settings, save_settings

MAX_BACKUPS = 100


class PreferencesDialog(QDialog):
    """A form over ``Settings``; ``settings()`` is what the form says now."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._original = settings
        self.author = QLineEdit(settings.author)
        self.author.setPlaceholderText("Your name, shown as the author of exported workbooks")
        self.focus_tag = QLineEdit(settings.focus_tag)
        self.focus_tag.setPlaceholderText("country:CAN, hometown:*, QC, tag:Canadian")
        self.focus_error = QLabel(wordWrap=True)
        self.focus_error.setStyleSheet("color: #b00020;")
        self.focus_error.hide()
        self.backups_keep = QSpinBox()
        self.backups_keep.setRange(1, MAX_BACKUPS)
        self.backups_keep.setValue(min(max(settings.backups_keep, 1), MAX_BACKUPS))
        self.backups_keep.setSuffix(" copies")
        self.position_style = QComboBox()
        self.position_style.addItem("P8 (P4 in LMP3, P1 GTD / P3 overall)", "P")
        self.position_style.addItem("8th (4th in LMP3, 1st GTD / 3rd overall)", "ordinal")
        self.position_style.setCurrentIndex(
            max(self.position_style.findData(settings.position_style), 0)
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Author:", self.author)
        form.addRow("Default &focus:", self.focus_tag)
        form.addRow("", self.focus_error)
        form.addRow("&Backups to keep:", self.backups_keep)
        form.addRow("&Positions in summaries:", self.position_style)
        hint = QLabel(
            "The focus says whom your articles follow: terms joined by commas meaning or "
            "(country:CAN, hometown:*, QC, tag:Canadian). RaceDesk copies the "
            "database before upgrades, before a restore and on the first open of each day, "
            "and keeps this many copies in the backups folder beside it."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        """A focus rule that cannot be read is refused in place, with the reason."""
        try:
            parse_focus(self.focus_tag.text())
        except FocusError as error:
            self.focus_error.setText(str(error))
            self.focus_error.show()
            self.focus_tag.setFocus()
            return
        super().accept()

    def settings(self, base: Settings | None = None) -> Settings:
        """``base`` (the settings shown) with this form's values; other fields are kept."""
        return replace(
            base or self._original,
            author=self.author.text().strip(),
            focus_tag=self.focus_tag.text().strip() or Settings().focus_tag,
            backups_keep=self.backups_keep.value(),
            position_style=str(self.position_style.currentData()),
        )

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> Settings | None:
        """Show the saved preferences; save and return them on OK, None on Cancel."""
        dialog = cls(load_settings(), parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            chosen = dialog.settings(load_settings())  # keeps a recent file added meanwhile
        finally:
            dialog.deleteLater()
        save_settings(chosen)
        return chosen
