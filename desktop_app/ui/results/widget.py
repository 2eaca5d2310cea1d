"""The results grid of one session: key a classification by car number, fix it, make it official.

Contract with the window (see the briefing): ``ResultsEditor(editor, undo_stack)``,
``show_session(session_id)``, ``refresh()`` and the ``session_changed`` signal. Every edit
is one command on the window's undo stack and is in the database file when it returns.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar, QVBoxLayout, QWidget

from desktop_app.domain.sessions import ResultState
from desktop_app.services import result_rows as rr
from desktop_app.services.changes import Changes
from desktop_app.services.editing import Editor, Edits
from desktop_app.services.result_rows import EntryInfo, FieldError, ResultRow
from desktop_app.services.tsv import split_block
from desktop_app.storage import repository as repo
from desktop_app.storage.models import RaceSession
from desktop_app.ui.results import operations as ops
from desktop_app.ui.results.columns import COLUMNS, INDEX, OFFICIAL, Column
from desktop_app.ui.results.commands import CommandContext, NewEntryCommand, StateCommand
from desktop_app.ui.results.delegates import StatusDelegate
from desktop_app.ui.results.model import ResultsModel
from desktop_app.ui.results.new_entry_dialog import NewEntryDialog
from desktop_app.ui.results.penalty_dialog import PenaltyDialog
from desktop_app.ui.results.view import ResultsView

_REFRESH_TABLES = ("entries", "teams", "drivers", "classes", "sessions", "series")


class ResultsEditor(QWidget):
    """Signals:
    session_changed(int): emitted with the session id after each of its edits.
    """

    session_changed = Signal(int)

    def __init__(self, editor: Editor, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.undo_stack = undo_stack
        self.session_id: int | None = None
        self.event_id: int | None = None
        self.series_id: int | None = None
        self.session_title = ""
        self.result_state = ResultState.NONE
        self.entries: dict[str, EntryInfo] = {}
        self.classes: list[str] = []
        self.series_name = ""
        self.context = CommandContext(editor, self.show_message, self.session_changed.emit)
        self.model = ResultsModel(self)
        self.model.commit = self._commit
        self.view = ResultsView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(INDEX["status"], StatusDelegate(self.view))
        self.title = QLabel()
        self.message = QLabel()
        self._build()
        self._connect()
        self._listen()
        self.show_session(None)

    # Layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00000; padding: 2px 4px")
        self.message.hide()
        self.toolbar = QToolBar()
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, keys, slot in (
            ("penalty", "Penalties\u2026", "Ctrl+P", self.edit_penalties),
            ("up", "Move up", "Ctrl+Up", lambda: self.move_current(-1)),
            ("down", "Move down", "Ctrl+Down", lambda: self.move_current(1)),
            ("delete", "Delete row", "Ctrl+Del", self.delete_selected),
            ("official", "Mark official", "", self.mark_official),
        ):
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.toolbar.addAction(action)
            self.actions_by_name[name] = action
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message)
        layout.addWidget(self.view)
        header = self.view.horizontalHeader()
        for number, column in enumerate(COLUMNS):
            header.resizeSection(number, column.width)
        header.setStretchLastSection(False)

    def _connect(self) -> None:
        self.view.move_requested.connect(self.move_current)
        self.view.delete_requested.connect(self.delete_selected)
        self.view.clear_requested.connect(self.clear_selected)
        self.view.paste_requested.connect(self.paste)
        self.view.penalty_requested.connect(self.edit_penalties)
        self.view.rows_dropped.connect(self.move_rows)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

    def _listen(self) -> None:
        """Refresh on every committed change; stop listening when the widget goes away."""
        editor, listener = self.editor, self._on_changes
        editor.subscribe(listener)
        self.destroyed.connect(lambda *_: _forget(editor, listener))

    def _context_menu(self, point) -> None:
        menu = QMenu(self)
        for action in self.actions_by_name.values():
            menu.addAction(action)
        menu.exec(self.view.viewport().mapToGlobal(point))

    # Contract -------------------------------------------------------------------------

    def show_session(self, session_id: int | None) -> None:
        """Show one session's classification (None: nothing) and put the cursor on it."""
        self.session_id = session_id
        self.show_message("")
        self.refresh()
        self.view.setFocus()
        self.view.setCurrentIndex(self.model.new_row_index())

    def refresh(self) -> None:
        """Read the session again from the file (also after edits made elsewhere)."""
        rows: list[ResultRow] = []
        if self.session_id is not None:
            rows = self._load()
        warnings = rr.row_warnings(rows, self.series_id)
        self.model.set_rows(rows, warnings, self.session_id is not None)
        official = self.result_state is ResultState.OFFICIAL
        for column in OFFICIAL:
            self.view.setColumnHidden(column, not official)
        for action in self.actions_by_name.values():
            action.setEnabled(self.session_id is not None)
        self._show_title(len(rows))

    def _load(self) -> list[ResultRow]:
        with self.editor.database.read() as session:
            race_session = session.get(RaceSession, self.session_id)
            if race_session is None:
                self.session_id = None
                return []
            if (race_session.event_id, race_session.series_id) != (
                self.event_id,
                self.series_id,
            ) or not self.entries:
                self._load_entries(session, race_session)
            self.result_state = race_session.result_state
            self.session_title = f"{race_session.series.code} {race_session.name}"
            return rr.result_rows(repo.session_results(session, race_session.id))

    def _load_entries(self, session, race_session: RaceSession) -> None:
        """The car-number lookup of this session's series at this event (one dict)."""
        self.event_id, self.series_id = race_session.event_id, race_session.series_id
        entries = repo.event_entries(session, race_session.event_id, race_session.series_id)
        self.entries = rr.entry_index(entries)
        self.classes = [c.code for c in race_session.series.classes]
        self.series_name = race_session.series.name

    def _show_title(self, count: int) -> None:
        if self.session_id is None:
            self.title.setText("No session selected")
            return
        cars = f"{count} car{'s' if count != 1 else ''}"
        self.title.setText(f"{self.session_title} \u2014 {self.result_state.label}, {cars}")

    def _on_changes(self, changes: Changes) -> None:
        if self.session_id is None:
            return
        if changes.touches(*_REFRESH_TABLES):
            self.entries = {}
        if self.session_id in changes.session_ids or changes.touches(*_REFRESH_TABLES):
            self.refresh()

    # Messages -------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        """Why an edit was refused, shown above the grid and in the window's status bar."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        window = self.window()
        if text and isinstance(window, QMainWindow) and window.statusBar() is not None:
            window.statusBar().showMessage(text, 10000)

    # Running commands -----------------------------------------------------------------

    def _run(self, text: str, action: Callable[[Edits], None]) -> bool:
        if self.session_id is None:
            return False
        command = StateCommand(text, self.context, self.session_id, action)
        return self._push(command)

    def _push(self, command: StateCommand) -> bool:
        session_id = command.session_id
        if not command.run(self.undo_stack):
            return False
        self.show_message("")
        self.session_changed.emit(session_id)
        return True

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
            self.show_message(f"{column.title} of {current.label} not changed: {error}")
            return False
        if all(getattr(current, name, object()) == value for name, value in fields.items()):
            return True
        action = ops.set_fields(
            self._sid(), current.entry.entry_id, fields, renumbers=column.renumbers
        )
        return self._run(f"Set {column.title.lower()} of {current.label}", action)

    def _key_number(self, row: int, text: str) -> bool:
        number = rr.car_key(text)
        current = self._row(row)
        if current is not None and number == current.car_number:
            return True
        if not number:
            if current is not None:
                self.show_message("To take a car off the classification, delete its row.")
            return False
        info = self.entries.get(number)
        if info is None:
            if current is None:
                QTimer.singleShot(0, lambda: self.offer_new_entry(number))
            else:
                self.show_message(f"Car #{number} is not in the {self.series_name} entry list.")
            return False
        taken = [r for r in self.model.rows if r.entry.entry_id == info.entry_id]
        if taken:
            where = self.model.rows.index(taken[0]) + 1
            self.show_message(f"Car #{number} is already in these results (row {where}).")
            return False
        if current is None:
            return self._run(f"Key car #{number}", ops.key_car(self._sid(), info.entry_id))
        action = ops.change_car(self._sid(), row, info)
        return self._run(f"Change {current.label} to #{number}", action)

    def offer_new_entry(self, number: str) -> bool:
        """An unknown number in the new row: offer to add the car to the entry list."""
        if self.session_id is None or self.event_id is None or self.series_id is None:
            return False
        details = NewEntryDialog.ask(self, number, self.classes, self.series_name)
        if details is None:
            self.show_message(f"Car #{number} was not added.")
            return False
        session_id = self.session_id
        command = NewEntryCommand(
            f"Add car #{number} and key it",
            self.context,
            session_id,
            ops.create_entry(self.event_id, self.series_id, details),
            lambda edit, entry_id: ops.key_car(session_id, entry_id)(edit),
        )
        done = self._push(command)
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
        return self._run(f"Mark {self.session_title} official", ops.mark_official(self._sid()))

    # Clipboard ------------------------------------------------------------------------

    def copy(self) -> str:
        return self.view.copy_selection()

    def paste(self, text: str) -> bool:
        """Paste a block from Excel or a PDF at the current cell, as one undo step."""
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


def _forget(editor: Editor, listener) -> None:
    with contextlib.suppress(ValueError):
        editor.unsubscribe(listener)
