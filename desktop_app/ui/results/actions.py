"""What the reporter's keys and buttons do in the results grid, as undo commands.

A mixin of ``ResultsEditor`` (kept apart so the widget module stays about layout and
loading): each method reads the shown rows, refuses what cannot be stored with a message,
and otherwise runs the steps of one user action from ``services.results`` through the
window's one undo adapter (``CommandRunner``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack

from desktop_app.services.editing import Edits
from desktop_app.services.result_rows import EntryInfo, FieldError, ResultRow
from desktop_app.services.results import operations as ops
from desktop_app.services.results import steps
from desktop_app.services.results.columns import COLUMNS, Column
from desktop_app.services.tsv import split_block
from desktop_app.services.undo import Step
from desktop_app.ui.commands_grid import CommandRunner
from desktop_app.ui.results.model import ResultsModel
from desktop_app.ui.results.new_entry_dialog import NewEntryDialog
from desktop_app.ui.results.number_preview import check_number
from desktop_app.ui.results.penalty_dialog import PenaltyDialog
from desktop_app.ui.results.view import ResultsView


class ResultsActions:
    """Needs the attributes below, which ``ResultsEditor`` sets up."""

    model: ResultsModel
    view: ResultsView
    undo_stack: QUndoStack
    runner: CommandRunner
    session_id: int | None
    event_id: int | None
    series_id: int | None
    series_name: str
    session_title: str
    entries: dict[str, EntryInfo]
    classes: list[str]
    session_changed: Any

    def show_message(self, text: str) -> None:
        raise NotImplementedError

    # Running commands -----------------------------------------------------------------

    def _run(self, text: str, action: Callable[[Edits], None]) -> bool:
        if self.session_id is None:
            return False
        return self._push(text, self.session_id, [steps.SessionStep(self.session_id, action)])

    def _push(self, text: str, session_id: int, action: list[Step]) -> bool:
        """Do the action now; it goes on the undo stack only when the file accepted it."""
        error = self.runner.run(text, action)
        if error is not None:  # a value being typed opens again in its cell, kept
            self.show_message(error)
            self.view.keep_typed_text()
            return False
        self.show_message("")
        self.session_changed.emit(session_id)
        return True

    def _refuse(self, text: str) -> None:
        """Say why; a value being typed opens again in its cell to be corrected."""
        self.show_message(text)
        self.view.keep_typed_text()

    def _sid(self) -> int:
        if self.session_id is None:
            raise RuntimeError("no session is shown")
        return self.session_id

    def _row(self, row: int) -> ResultRow | None:
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    # Typing in cells ------------------------------------------------------------------

    def _commit(self, row: int, column: Column, text: str) -> bool:
        """A cell was edited: refuse it with the reason, or run it as one command."""
        if column.key == "number":
            return self._key_number(row, text)
        current = self._row(row)
        if current is None or column.parse is None:
            return False
        try:
            fields = column.parse(text, current)
        except FieldError as error:
            self._refuse(f"{column.title} of {current.label} not changed: {error}")
            return False
        if all(getattr(current, name, object()) == value for name, value in fields.items()):
            return True
        action = ops.set_fields(
            self._sid(), current.entry.entry_id, fields, renumbers=column.renumbers
        )
        return self._run(f"Set {column.title.lower()} of {current.label}", action)

    def _key_number(self, row: int, text: str) -> bool:
        check = check_number(text, row, self.model.rows, self.entries)
        number, current, info = check.number, check.current, check.entry
        if check.unchanged:
            return True
        if not number:
            if current is not None:
                self._refuse("To take a car off the classification, delete its row.")
            return False
        if info is None:
            if current is None:
                QTimer.singleShot(0, lambda: self.offer_new_entry(number))
            else:
                self._refuse(f"Car #{number} is not in the {self.series_name} entry list.")
            return False
        if check.taken_row is not None:
            where = check.taken_row
            self._refuse(f"Car #{number} is already in these results (row {where}).")
            return False
        if current is None:
            session_id = self._sid()
            keyed = steps.key_car(session_id, info.entry_id)
            return self._push(f"Key car #{number}", session_id, keyed)
        change = ops.change_car(self._sid(), row, info)
        return self._run(f"Change {current.label} to #{number}", change)

    def offer_new_entry(self, number: str) -> bool:
        """An unknown number in the new row: offer to add the car to the entry list."""
        if self.session_id is None or self.event_id is None or self.series_id is None:
            return False
        details = NewEntryDialog.ask(self, number, self.classes, self.series_name)
        if details is None:
            self.show_message(f"Car #{number} was not added.")
            return False
        session_id = self.session_id
        action = steps.new_car(session_id, self.event_id, self.series_id, details)
        done = self._push(f"Add car #{number} and key it", session_id, action)
        self.view.setCurrentIndex(self.model.new_row_index())
        return done

    # Row actions ----------------------------------------------------------------------

    def move_current(self, delta: int) -> bool:
        row = self.view.currentIndex().row()
        if self._row(row) is None or not 0 <= row + delta < len(self.model.rows):
            return False
        target = row + delta if delta < 0 else row + delta + 1
        direction = "up" if delta < 0 else "down"
        return self.move_rows([row], target, f"Move {self.model.rows[row].label} {direction}")

    def move_rows(self, rows: list[int], target: int, text: str = "") -> bool:
        """Move rows (in their order) to just before ``target``; positions follow."""
        rows = [r for r in rows if self._row(r) is not None]
        if not rows:
            return False
        entries = [r.entry.entry_id for r in self.model.rows]
        moved = [entries[r] for r in rows]
        rest = [e for i, e in enumerate(entries) if i not in rows]
        at = sum(1 for i in range(min(target, len(entries))) if i not in rows)
        order = rest[:at] + moved + rest[at:]
        if order == entries:
            return False
        column = max(self.view.currentIndex().column(), 0)
        label = self.model.rows[rows[0]].label if len(rows) == 1 else f"{len(rows)} rows"
        done = self._run(text or f"Move {label} to P{at + 1}", ops.set_order(self._sid(), order))
        if done:
            self.view.setCurrentIndex(self.model.index(at, column))
        return done

    def delete_selected(self) -> bool:
        rows = [r for r in self.view.touched_rows() if self._row(r) is not None]
        if not rows:
            return False
        entries = [self.model.rows[r].entry.entry_id for r in rows]
        label = self.model.rows[rows[0]].label if len(rows) == 1 else f"{len(rows)} rows"
        column = max(self.view.currentIndex().column(), 0)
        done = self._run(f"Delete {label}", ops.delete_rows(self._sid(), entries))
        if done:
            self.view.setCurrentIndex(self.model.index(min(rows[0], len(self.model.rows)), column))
        return done

    def clear_selected(self) -> None:
        """Delete on cells: empty the optional values of the current cell."""
        index = self.view.currentIndex()
        column = COLUMNS[index.column()] if index.isValid() else None
        if column is not None and column.editable and self._row(index.row()) is not None:
            self._commit(index.row(), column, "")

    def edit_penalties(self) -> bool:
        current = self._row(self.view.currentIndex().row())
        if current is None:
            return False
        lines = PenaltyDialog.ask(self, current.label, current.penalties)
        if lines is None or lines == current.penalties:
            return False
        action = ops.set_penalties(self._sid(), current.entry.entry_id, lines)
        return self._run(f"Penalties of {current.label}", action)

    def mark_official(self) -> bool:
        if self.session_id is None:
            return False
        session_id = self._sid()
        text = f"Mark {self.session_title} official"
        return self._push(text, session_id, steps.official(session_id))

    # Clipboard ------------------------------------------------------------------------

    def copy(self) -> str:
        return self.view.copy_selection()

    def paste(self, text: str) -> bool:
        """Paste a block from Excel or a PDF at the current cell, as one undo step.

        The block fills the shown columns in a timing sheet's order (No., Team, Vehicle,
        Drivers, Laps, ...), the model's order: not the grid's, which puts the frozen Pos,
        No. and Drivers first."""
        block = split_block(text)
        index = self.view.currentIndex()
        if not block or not index.isValid() or self.session_id is None:
            return False
        columns = [
            COLUMNS[n]
            for n in range(index.column(), len(COLUMNS))
            if not self.view.isColumnHidden(n)
        ]
        by_id = {info.entry_id: info for info in self.entries.values()}
        by_id.update({row.entry.entry_id: row.entry for row in self.model.rows})
        action = ops.paste_block(self._sid(), index.row(), columns, block, self.entries, by_id)
        count = len(block)
        return self._run(f"Paste {count} row{'s' if count != 1 else ''}", action)
