"""The events grid, read-only, while the file is still being opened for editing.

At start-up the window shows the file's events from the same plain sqlite3 read as the
navigator (``storage.tree``) before SQLAlchemy, the models and the editors have loaded
(most of a cold start). The reporter can read and move around at once. Whatever is typed
into the grid meanwhile is kept, not dropped: ``hand_over`` puts the cursor on the same
cell of the editable grid once it exists and replays the kept keys there, so the edit is
made and saved exactly as if the grid had been editable from the first key.

No database code here: this module is on the path to the first paint of the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtGui import QColor, QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.grids.columns import EVENT_COLUMNS
from desktop_app.storage.tree import EventTree
from desktop_app.ui.grids.widths import ColumnWidths

FOREGROUND_ROLE = 9  # Qt.ItemDataRole.ForegroundRole: setForeground() names Qt.* (see moves)
NEW_ROW_HINT = "+ new event"  # the editable grid's last line (services.grids.events)
OPENING_HINT = "Opening the file for editing\u2026 you can read and move around already."
KEPT_HINT = "Opening the file for editing\u2026 what you type is kept and goes in when it is open."

if TYPE_CHECKING:
    from PySide6.QtCore import Qt


@cache
def moves() -> frozenset[int]:
    """The keys that move the cursor; named at the first key, not at import: naming a
    ``Qt.*`` enum builds PySide6's whole ``Qt`` namespace (~12 ms, see main_window),
    which the first paint does without."""
    from PySide6.QtCore import Qt

    keys = ("Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End")
    return frozenset(int(getattr(Qt.Key, f"Key_{key}")) for key in keys)


@dataclass(frozen=True)
class KeptKey:
    """A key press typed before the grid could edit, as it must be pressed again."""

    key: int
    modifiers: Qt.KeyboardModifier
    text: str

    def event(self) -> QKeyEvent:
        return QKeyEvent(QEvent.Type.KeyPress, self.key, self.modifiers, self.text)


def events_preview_model(tree: EventTree, parent: QObject | None = None) -> QStandardItemModel:
    """The events as the editable grid shows them (same columns, order and new-row line).

    A Qt item model filled once, not a Python model: painting and fitting the columns
    then call no Python (a Python ``data()`` is called some 2,000 times for the first
    paint of this grid, ~8 ms of a cold start before the data is shown)."""
    model = QStandardItemModel(len(tree.events) + 1, len(EVENT_COLUMNS), parent)
    model.setHorizontalHeaderLabels([column.title for column in EVENT_COLUMNS])
    model.setVerticalHeaderLabels([str(row + 1) for row in range(len(tree.events))] + ["*"])
    for row, event in enumerate(tree.events):
        texts = (event.name, event.circuit, event.start_date, event.end_date, event.time_zone)
        for column, text in enumerate(texts):
            model.setItem(row, column, QStandardItem(text or ""))
    hint_font = QFont()
    hint_font.setItalic(True)
    for column in range(len(EVENT_COLUMNS)):
        hint = QStandardItem(NEW_ROW_HINT if column == 0 else "")
        hint.setData(QColor("#888888"), FOREGROUND_ROLE)
        hint.setFont(hint_font)
        model.setItem(len(tree.events), column, hint)
    return model


class PreviewGrid(QTableView):
    """Read-only; moves the cursor, keeps every other key (and every key after one)."""

    def __init__(self, hint: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kept: list[KeptKey] = []
        self._hint = hint
        self.setObjectName("eventsPreviewGrid")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setDefaultSectionSize(24)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Override QAbstractItemView::keyPressEvent: arrows move while nothing is kept;
        from the first other key on, every key is kept in order for the editable grid."""
        if not self.kept and event.key() in moves():
            super().keyPressEvent(event)
            return
        self.kept.append(KeptKey(event.key(), event.modifiers(), event.text()))
        self._hint.setText(KEPT_HINT)
        event.accept()


class EventsPreview(QWidget):
    """The events page as it looks before the file is open for editing."""

    def __init__(self, tree: EventTree, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventsPreview")
        heading = QLabel("Events")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.hint = QLabel(OPENING_HINT)
        self.hint.setWordWrap(True)
        self.grid = PreviewGrid(self.hint, self)
        self.grid.setModel(events_preview_model(tree, self.grid))
        # fitted (or the reporter's widths) as the editable grid's: no jump at hand-over
        self.widths = ColumnWidths(self.grid, "events", lambda column: EVENT_COLUMNS[column].title)
        self.widths.fit()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.hint)

    def current_cell(self) -> tuple[int, int] | None:
        index = self.grid.currentIndex()
        return (index.row(), index.column()) if index.isValid() else None


@dataclass
class HandOver:
    """What the preview passes to the editable grid: the cursor, focus and kept keys."""

    cursor: tuple[int, int] | None
    focused: bool
    kept: list[KeptKey]

    @classmethod
    def of(cls, preview: EventsPreview) -> HandOver:
        return cls(preview.current_cell(), preview.grid.hasFocus(), list(preview.grid.kept))

    def apply(self, grid: QTableView) -> None:
        """The same cell current in ``grid``, focus there if the preview had it, then the
        kept keys pressed again: each goes where the grid sends keys (its cell editor
        once the first key opened one), as if typed now."""
        model = grid.model()
        if self.cursor is not None and model is not None:
            row, column = self.cursor
            index = model.index(min(row, model.rowCount() - 1), column)
            grid.setCurrentIndex(index)
            grid.scrollTo(index)
        if self.focused or self.kept:
            grid.setFocus()
        for key in self.kept:
            target = grid.window().focusWidget()
            if target is None or not (target is grid or grid.isAncestorOf(target)):
                target = grid
            QApplication.sendEvent(target, key.event())
            # what the key queued (Enter commits its cell on the next turn) runs before
            # the next kept key, as between real key presses; new typing waits its turn
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
