"""The results header's context menu: which optional columns show, and fitted widths.

A practice needs best lap, gap and laps; a race laps, total time, gap, best lap and
status (``services.grid_layout.DEFAULT_SHOWN``). What the reporter ticks here is
remembered per session kind, so every race opens with the race columns chosen once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from desktop_app.domain.sessions import SessionKind
from desktop_app.services import grid_layout
from desktop_app.services.results.columns import COLUMNS, INDEX
from desktop_app.ui.grids.widths import ColumnWidths


class ColumnChooser(QObject):
    """Shows ``view``'s optional columns as chosen for the kind of session shown."""

    def __init__(self, view: QTableView, widths: ColumnWidths) -> None:
        super().__init__(view)
        self.view, self.widths = view, widths
        self.kind = str(SessionKind.RACE)

    def apply(self, kind: str) -> None:
        """Show the columns chosen (or the defaults) for sessions of ``kind``."""
        self.kind = kind
        shown = grid_layout.shown_columns(kind)
        for key in grid_layout.OPTIONAL:
            self.view.setColumnHidden(INDEX[key], key not in shown)

    def shown(self) -> list[str]:
        return [k for k in grid_layout.OPTIONAL if not self.view.isColumnHidden(INDEX[k])]

    def set_shown(self, key: str, shown: bool) -> None:
        """Show or hide one optional column, and remember it for this kind of session."""
        self.view.setColumnHidden(INDEX[key], not shown)
        if shown:
            self.widths.fit()
        grid_layout.remember_shown_columns(self.kind, self.shown())

    def menu(self) -> QMenu:
        menu = QMenu(self.view)
        known = {kind.value: kind.label.lower() for kind in SessionKind}
        label = known.get(self.kind, self.kind)
        menu.addSection(f"Columns of {label} sessions")
        for key in grid_layout.OPTIONAL:
            action = menu.addAction(COLUMNS[INDEX[key]].title)
            action.setObjectName(f"show_{key}")
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(INDEX[key]))
            action.toggled.connect(lambda on, key=key: self.set_shown(key, on))
        menu.addSeparator()
        menu.addAction("Fit columns to contents", self.widths.forget)
        return menu

    def listen_to(self, header: QHeaderView) -> None:
        """Right click on ``header`` opens the menu."""
        header.setContextMenuPolicy(header.contextMenuPolicy().CustomContextMenu)
        header.customContextMenuRequested.connect(lambda point: self._popup(header, point))

    def _popup(self, header: QHeaderView, point: QPoint) -> None:
        self.menu().exec(header.mapToGlobal(point))
