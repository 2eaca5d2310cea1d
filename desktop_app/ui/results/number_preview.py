"""Autofill as the car number is typed: the row shows the car before Enter is pressed.

With each keystroke in a car-number cell the row's class, team, vehicle and drivers show
(greyed) the car that number is in the entry list, or a note when Enter would not key
it: a number not in the series' entry list (Enter offers to add it), or a car already in
these results. The reporter sees a mistyped number before it is saved. Each keystroke is
one dictionary lookup and a repaint of one row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop_app.services import result_rows as rr
from desktop_app.services.result_rows import EntryInfo, ResultRow
from desktop_app.ui.grids.keys import KeyNotingDelegate

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CarPreview:
    """What a row shows while its car number is typed: a car, or a short note (in the
    team column) with what Enter will do (in the vehicle column); ``tip`` says it whole."""

    entry: EntryInfo | None = None
    note: str = ""
    then: str = ""
    tip: str = ""

    def as_row(self) -> ResultRow | None:
        return None if self.entry is None else ResultRow(result_id=0, entry=self.entry)


@dataclass(frozen=True)
class NumberCheck:
    """What a car number typed in a row stands for: the one set of rules Enter keys by
    (``ResultsActions._key_number``) and the preview shows as it is typed.

    ``unchanged``: the row's own car; ``entry``: the car in the entry list (None: not
    there, or no number); ``taken_row``: the row (from 1) already holding that car.
    """

    number: str
    current: ResultRow | None
    unchanged: bool = False
    entry: EntryInfo | None = None
    taken_row: int | None = None


def check_number(
    text: str, row: int, rows: Sequence[ResultRow], entries: Mapping[str, EntryInfo]
) -> NumberCheck:
    """Check ``text`` typed in row ``row`` (``len(rows)``: the new row)."""
    number = rr.car_key(text)
    current = rows[row] if row < len(rows) else None
    if current is not None and number == current.car_number:
        return NumberCheck(number, current, unchanged=True)
    info = entries.get(number) if number else None
    for where, shown in enumerate(rows, start=1):
        if info is not None and shown.entry.entry_id == info.entry_id:
            return NumberCheck(number, current, entry=info, taken_row=where)
    return NumberCheck(number, current, entry=info)


def car_preview(
    text: str,
    row: int,
    rows: Sequence[ResultRow],
    entries: Mapping[str, EntryInfo],
    series_name: str,
) -> CarPreview | None:
    """The preview of ``text`` typed in row ``row`` (``len(rows)``: the new row); None
    when there is nothing to show (an empty cell, or the row's own car)."""
    check = check_number(text, row, rows, entries)
    number = check.number
    if check.unchanged or not number:
        return None
    if check.entry is None:
        tip = f"#{number} is not in the {series_name} entry list"
        note = f"#{number} not in the entry list"
        if check.current is None:
            return CarPreview(note=note, then="Enter adds it", tip=f"{tip}: Enter offers to add it")
        return CarPreview(note=note, tip=tip)
    if check.taken_row is not None:
        return CarPreview(
            note=f"#{number} is already in row {check.taken_row}",
            tip=f"#{number} is already in these results (row {check.taken_row})",
        )
    return CarPreview(entry=check.entry)


class CarNumberDelegate(KeyNotingDelegate):
    """The car-number cell's editor, telling what is typed as it is typed.

    Signals:
        typed(int, str): the row being edited and the text in its cell so far; (-1, "")
            when the editor closes.
    """

    typed = Signal(int, str)

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:
        """Override QAbstractItemDelegate::createEditor."""
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            row = index.row()
            editor.textEdited.connect(lambda text: self.typed.emit(row, text))
        return editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        """Override QAbstractItemDelegate::destroyEditor: the preview goes with the editor."""
        self.typed.emit(-1, "")
        super().destroyEditor(editor, index)
