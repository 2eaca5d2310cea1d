"""The Drivers page: every driver as one person, edited in a grid, merged when doubled.

Rows and edits come from ``services.drivers`` (no SQL here); each cell edit and each
merge is one undo step through the window's ``CommandRunner``.

Signals:
    message(str): a refusal or note for the status bar.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import drivers as service
from desktop_app.services.editing import Edits
from desktop_app.services.errors import EditError
from desktop_app.services.undo import CallStep, CreateStep, RowRef, Step
from desktop_app.ui.commands_grid import CommandRunner
from desktop_app.ui.grids.view import GridView
from desktop_app.ui.models.base import Column, GridRow, RowTableModel

FIRST, LAST, PRINTED, COUNTRY, HOMETOWN, IDS, TAGS, EVENTS, SESSIONS = range(9)
_FIELDS = {
    FIRST: "first_name",
    LAST: "last_name",
    PRINTED: "display_name",
    COUNTRY: "country",
    HOMETOWN: "hometown",
    IDS: "ids",
    TAGS: "tags",
}


class DriversModel(RowTableModel):
    columns = (
        Column("First name"),
        Column("Last name"),
        Column("Name as printed", "What articles print; blank: first and last name"),
        Column("Country", "ISO 3166 alpha-3 code, like CAN"),
        Column("Hometown", "City, region: Windsor, ON"),
        Column("Official ids", "Provider and id: imsa 1379; several separated by ;"),
        Column("Tags", "Comma separated, like Canadian, Rookie"),
        Column("Events", editable=False),
        Column("Sessions", editable=False),
    )
    watched = frozenset({"drivers", "tags", "entries", "results", "events", "sessions"})
    table = "drivers"
    noun = "driver"
    new_row_hint = "+ new driver"
    new_row_tip = "Type a name here to add a driver"

    def __init__(self, runner: CommandRunner, parent: Any = None) -> None:
        super().__init__(runner, parent)
        self.filter_text = ""

    def load(self, session: Any) -> list[GridRow]:
        wanted = self.filter_text.casefold().split()
        rows = [_row(row) for row in service.driver_rows(session)]
        return [row for row in rows if all(w in row.extra.casefold() for w in wanted)]

    def cell_steps(self, row: GridRow, column: int, text: str) -> list[Step]:
        forward, backward = service.cell_change(_FIELDS[column], text)
        return [CallStep(RowRef(self.table, row.row_id), forward, backward)]

    def create_steps(self, ref: RowRef, texts: Mapping[int, str]) -> list[Step]:
        last = texts.get(LAST, "").strip() or texts.get(FIRST, "").strip()
        if not last:
            raise EditError("A new driver needs a last name.")
        first = texts.get(FIRST, "").strip() if texts.get(LAST, "").strip() else ""

        def create(edit: Edits) -> int:
            return edit.create_driver(last, first_name=first)

        steps: list[Step] = [CreateStep(ref, create, lambda edit, i: edit.delete_driver(i))]
        for column, text in sorted(texts.items()):
            if column not in (FIRST, LAST) and text.strip():
                forward, backward = service.cell_change(_FIELDS[column], text)
                steps.append(CallStep(ref, forward, backward))
        return steps

    def delete_steps(self, row: GridRow) -> list[Step]:
        raise EditError(
            f"{row.label} stays: a driver is never deleted, only merged into another "
            "(select both and press Merge)."
        )

    def merge(self, keep_id: int, gone_id: int) -> str | None:
        """Merge ``gone`` into ``keep`` as one undo step; the refusal, if any."""
        labels = {row.row_id: row.label for row in self.rows}
        step = CallStep(
            RowRef(self.table, keep_id),
            lambda edit, keep: edit.merge_drivers(keep, gone_id),
            lambda edit, _keep, record: edit.unmerge_drivers(record),
        )
        text = f"Merge {labels.get(gone_id, 'driver')} into {labels.get(keep_id, 'driver')}"
        error = self.runner.run(text, [step])
        self.reload()
        return error


def _row(row: service.DriverRow) -> GridRow:
    cells = [
        row.first_name,
        row.last_name,
        row.display_name,
        row.country_label,
        row.hometown,
        row.official_ids,
        row.tags,
        str(row.events),
        str(row.sessions),
    ]
    searchable = " ".join(cells[:7])
    return GridRow(row.id, cells, label=row.printed, extra=searchable)


class DriversPage(QWidget):
    """The grid with a filter box and a Merge button."""

    message = Signal(str)

    def __init__(self, runner: CommandRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DriversModel(runner, self)
        self.grid = GridView(self)
        self.grid.setModel(self.model)
        self.grid.setObjectName("driversGrid")
        self.grid.message.connect(self.message)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter: name, country, hometown, tag")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.merge_button = QPushButton("Merge\u2026")
        self.merge_button.setToolTip("Select two rows of one person and merge them into one")
        self.merge_button.clicked.connect(self.merge_selected)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.merge_button)
        title = QLabel("Drivers")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)

    def show_drivers(self) -> None:
        self.model.reload(full=True)
        self.grid.fit_columns()

    def _filter(self, text: str) -> None:
        self.model.filter_text = text
        self.model.reload(full=True)

    def merge_selected(self) -> bool:
        rows = sorted({index.row() for index in self.grid.selectionModel().selectedIndexes()})
        picked = [self.model.rows[row] for row in rows if row < len(self.model.rows)]
        if len(picked) != 2:
            self.message.emit("Select the two rows of one driver to merge them.")
            return False
        keep = MergeDialog.ask(self, picked[0], picked[1])
        if keep is None:
            return False
        gone = picked[1] if keep == picked[0].row_id else picked[0]
        error = self.model.merge(keep, gone.row_id)
        self.message.emit(error or f"Merged {gone.label} into the driver kept.")
        return error is None


class MergeDialog(QDialog):
    """Which of the two records to keep (its name stays; the other one's data joins it)."""

    def __init__(self, first: GridRow, second: GridRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Merge two drivers")
        self.rows = (first, second)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Keep which name? Results, crews, laps, tags and ids move to it."))
        self.choices = [QRadioButton(_describe(row)) for row in self.rows]
        self.choices[0].setChecked(True)
        for choice in self.choices:
            layout.addWidget(choice)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def kept(self) -> int:
        return self.rows[0 if self.choices[0].isChecked() else 1].row_id

    @classmethod
    def ask(cls, parent: QWidget | None, first: GridRow, second: GridRow) -> int | None:
        """The id of the driver to keep, or None when cancelled (tests monkeypatch this)."""
        dialog = cls(first, second, parent)
        try:
            return dialog.kept() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def _describe(row: GridRow) -> str:
    details = [row.cells[COUNTRY], row.cells[IDS], row.cells[TAGS]]
    extras = "; ".join(part for part in details if part)
    return f"{row.label} ({extras})" if extras else row.label
