"""Help > Keyboard shortcuts: every key the window and its grids answer, in one list.

The menu part is read from the window's own actions (so it cannot drift from the
menus); the grid keys are handled by the grids themselves (grids/keys.py, results/view.py)
and are listed here by hand.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

GRID_KEYS = (
    ("Enter", "Save the cell and go down a row (back to where a run of Tabs began)"),
    ("Shift+Enter", "Save the cell and go up a row"),
    ("Tab / Shift+Tab", "Save the cell and go right / left"),
    ("Esc", "Drop what is typed in the cell"),
    ("Digits on Pos or PIC", "Start keying in the row's first editable cell (the car number)"),
    ("Ctrl+C / Ctrl+V", "Copy / paste a block of cells (tab separated, as Excel)"),
    ("Delete", "Empty the selected cells; delete the selected rows in results"),
    ("Ctrl+Up / Ctrl+Down", "Results: move the row up / down the classification"),
    ("Shift+Space", "Results: select the whole row"),
    ("Ctrl+P", "Results: penalties of the current row"),
    ("Insert / Ctrl+Delete", "Insert a row / delete the row (entries, sessions, events)"),
    ("Right-click a column header", "Results: show or hide columns; any grid: fit the widths"),
)


def shortcut_lines(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(keys, what they do): the menus' shortcuts first, then the grids' keys."""
    lines = []
    for action in actions.values():
        keys = ", ".join(
            key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
        )
        if keys:
            lines.append((keys, action.text().replace("&", "").rstrip("…")))
    return lines + list(GRID_KEYS)


def show_shortcuts(parent: QWidget, actions: dict[str, QAction]) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    lines = shortcut_lines(actions)
    table = QTableWidget(len(lines), 2, dialog)
    table.setObjectName("shortcutTable")
    table.setHorizontalHeaderLabels(["Keys", "Does"])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for row, (keys, text) in enumerate(lines):
        table.setItem(row, 0, QTableWidgetItem(keys))
        table.setItem(row, 1, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(640, 520)
    dialog.show()
    return dialog
