"""Cell editors of the results grid: a status combo that also takes what sheets print."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop_app.domain.classification import Status
from desktop_app.ui.grids.keys import KeyNotingDelegate

STATUS_CHOICES = [""] + [status.label for status in Status if status is not Status.CLASSIFIED]


class StatusDelegate(KeyNotingDelegate):
    """An editable combo: pick DNF/DNS/DSQ/Not classified, or type "RET", "NC", "EXC"."""

    def createEditor(self, parent, option, index):  # noqa: ARG002
        """Override QAbstractItemDelegate::createEditor."""
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(STATUS_CHOICES)
        combo.setToolTip("Blank means classified; DNF keeps a position, DNS/DSQ/NC do not")
        return combo

    def setEditorData(self, editor, index):
        """Override QAbstractItemDelegate::setEditorData."""
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(0, editor.findText(text)))
        editor.setEditText(text)
        editor.lineEdit().selectAll()

    def save(self, editor, model, index):
        """Store the combo's text (KeyNotingDelegate.setModelData calls this)."""
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):  # noqa: ARG002
        """Override QAbstractItemDelegate::updateEditorGeometry."""
        editor.setGeometry(option.rect)
