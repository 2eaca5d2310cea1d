"""The results grid of one session: key a classification by car number, fix it, make it official.

Contract with the window (see the briefing): ``ResultsEditor(editor, undo_stack)``,
``show_session(session_id)``, ``refresh()`` and the ``session_changed`` signal. Every edit
is one command on the window's undo stack and is in the database file when it returns.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.sessions import ResultState, SessionKind
from desktop_app.services import grid_layout
from desktop_app.services import result_rows as rr
from desktop_app.services.changes import RESULT_STATES, Changes
from desktop_app.services.editing import Editor
from desktop_app.services.result_rows import EntryInfo, ResultRow
from desktop_app.services.results import fresh_rows as fresh
from desktop_app.services.results import reading
from desktop_app.services.results import state as saved_state
from desktop_app.services.results.columns import COLUMNS, INDEX, NUMBER, OFFICIAL
from desktop_app.services.results.steps import SessionStep
from desktop_app.services.undo import Step
from desktop_app.ui.commands_grid import CommandRunner
from desktop_app.ui.grids.widths import ColumnWidths
from desktop_app.ui.results.actions import ResultsActions
from desktop_app.ui.results.columns_menu import ColumnChooser
from desktop_app.ui.results.delegates import StatusDelegate
from desktop_app.ui.results.kept_typing import TypingGuard
from desktop_app.ui.results.model import ResultsModel
from desktop_app.ui.results.number_preview import CarNumberDelegate, car_preview
from desktop_app.ui.results.refusal_line import RefusalLine
from desktop_app.ui.results.view import ResultsView

FROZEN = (INDEX["pos"], NUMBER, INDEX["drivers"])  # stay in place while scrolling sideways
NARROW = {"drivers": 250, "team": 220, "vehicle": 200}  # fitted, but not wider (tooltips)
_REFRESH_TABLES = ("entries", "teams", "drivers", "classes", "sessions", "series")


class ResultsEditor(ResultsActions, QWidget):
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
        self.session_note = ""  # qualifying: which positions "overall" means
        self.result_state = ResultState.NONE
        self.entries: dict[str, EntryInfo] = {}
        self.classes: list[str] = []
        self.series_name = ""
        self.runner = CommandRunner(editor, undo_stack, self._tell, self._replayed)
        self.model = ResultsModel(self)
        self.view = ResultsView(self)
        self.typing = TypingGuard(self.view, self.runner, self.show_message)  # on a server
        self.model.commit = self.typing.wrap(self._commit)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(INDEX["status"], StatusDelegate(self.view))
        self.number_delegate = CarNumberDelegate(self.view)
        self.view.setItemDelegateForColumn(NUMBER, self.number_delegate)
        self.widths = ColumnWidths(
            self.view, "results", lambda column: COLUMNS[column].key, caps=NARROW
        )
        self.columns = ColumnChooser(self.view, self.widths)
        self.view.freeze_columns(FROZEN)
        self.kind = ""
        self._at_top = False
        self.title = QLabel()
        self.note = QLabel()  # qualifying: which positions "overall" (the Grp column) means
        self.message = RefusalLine(self.view)  # why an edit was refused
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
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555555")
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
        layout.addWidget(self.note)
        actions_row = QHBoxLayout()  # the toolbar, then the refusal in the rest of the row
        actions_row.addWidget(self.toolbar)
        actions_row.addWidget(self.message, 1)
        layout.addLayout(actions_row)
        layout.addWidget(self.view)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        self.columns.listen_to(header)
        assert self.view.frozen is not None
        self.columns.listen_to(self.view.frozen.overlay.horizontalHeader())

    def _connect(self) -> None:
        self.number_delegate.typed.connect(self._preview_typed)
        self.view.move_requested.connect(self.move_current)
        self.view.message.connect(self.show_message)
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

    def _preview_typed(self, row: int, text: str) -> None:
        """Autofill as the number is typed (see number_preview); -1 when the editor closed."""
        preview = None
        if row >= 0:
            preview = car_preview(text, row, self.model.rows, self.entries, self.series_name)
        self.model.set_preview(row, preview)

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
        self._reload()
        self._show_columns()
        self.view.setFocus()
        self.view.setCurrentIndex(self.model.new_row_index())
        # A session opens at P1 and the first column, as a sheet is read; the cursor stays
        # on the new row (type a number to key a car) and the grid scrolls to it on typing.
        self._at_top = not self.isVisible()  # Qt scrolls to the cursor when it shows
        self._scroll_to_top()

    def _scroll_to_top(self) -> None:
        self.view.scrollToTop()
        self.view.horizontalScrollBar().setValue(0)

    def showEvent(self, event: QShowEvent) -> None:
        """Override QWidget::showEvent: a session chosen while the grid was hidden opens
        at P1 too (the grid, shown first, has just scrolled to its cursor)."""
        super().showEvent(event)
        if self._at_top:
            self._at_top = False
            self._scroll_to_top()

    def refresh(self) -> None:
        """Read the session and its entry list again from the file (View > Refresh, F5:
        another window may have changed either)."""
        self.entries = {}
        self._reload()
        self.widths.fit()

    def _show_columns(self) -> None:
        """The optional columns chosen for this kind of session, fitted to the text."""
        if self.session_id is not None:
            kind = grid_layout.session_kind(self.editor.database, self.session_id)
            if kind != self.kind:
                self.kind = kind
                self.columns.apply(kind)
        self.widths.fit()

    def _reload(self) -> None:
        """Rows from the file; the car-number lookup only when the event or series changed."""
        rows: list[ResultRow] = []
        if self.session_id is not None:
            self.editor.mark_read()  # on a server: what is read now is what edits check
            rows = self._load()
        self._show_rows(rows)

    def _show_rows(self, rows: list[ResultRow]) -> None:
        warnings = rr.row_warnings(rows, self.series_id)
        with self.view.editors_held():  # placed once the grid has scrolled to the new row
            with self.typing.typing_kept():  # another window's change to the typed row
                self.model.set_rows(rows, warnings, self.session_id is not None)
            self._keep_new_row_in_view()
        official = self.result_state is ResultState.OFFICIAL
        for column in OFFICIAL:
            self.view.setColumnHidden(column, not official)
        grouped = any(row.group_position is not None for row in rows)  # qualifying groups
        self.view.setColumnHidden(INDEX["group_pos"], not grouped)
        for action in self.actions_by_name.values():
            action.setEnabled(self.session_id is not None)
        self._show_title(len(rows))

    def _keep_new_row_in_view(self) -> None:
        """A keyed car pushes the new row (where the reporter types the next number) one
        line down: scroll with it, or on a full grid the next number is typed unseen."""
        current = self.view.currentIndex()
        if current.isValid() and self.model.is_new_row(current.row()):
            self.view.executeDelayedItemsLayout()  # scroll bars now: painted once, not twice
            self.view.scrollTo(current)

    def _reload_values(self, *, state: bool = False) -> bool:
        """After an edit of results or penalties only (a car keyed, a time typed, a row
        moved): re-read them by column query and keep the cars from the entry list, and
        the session's result state when ``state`` (the first car makes it provisional).
        False when that cannot stand in for ``_reload`` (a car not in the lookup)."""
        if self.session_id is None:
            return False
        rows, result_state = reading.read_values(
            self.editor.database,
            self.session_id,
            self.model.rows,
            self._by_entry(),
            with_state=state,
        )
        if state:
            self.result_state = result_state or ResultState.NONE
        if rows is None:
            return False
        self._show_rows(rows)
        return True

    def _by_entry(self) -> dict[int, EntryInfo]:
        return {info.entry_id: info for info in self.entries.values()}

    def _load(self) -> list[ResultRow]:
        """Rows from the file; the car-number lookup only when the event or series changed."""
        if self.session_id is None:
            return []
        known = None
        if self.entries and self.event_id is not None and self.series_id is not None:
            known = reading.EntryLookup(
                self.event_id, self.series_id, self.entries, self.classes, self.series_name
            )
        found = reading.read_session(self.editor.database, self.session_id, known)
        if found is None:
            self.session_id = None
            return []
        lookup = found.lookup
        self.event_id, self.series_id = lookup.event_id, lookup.series_id
        self.entries, self.classes = lookup.entries, lookup.classes
        self.series_name = lookup.series_name
        self.result_state = found.result_state
        self.session_title = found.title
        self.session_note = found.note
        return found.rows

    def _show_title(self, count: int) -> None:
        if self.session_id is None:
            self.title.setText("No session selected")
            self.note.hide()
            return
        cars = f"{count} car{'s' if count != 1 else ''}"
        self.title.setText(f"{self.session_title} \u2014 {self.result_state.label}, {cars}")
        self.note.setText(self.session_note)
        self.note.setVisible(bool(self.session_note))

    def _on_changes(self, changes: Changes) -> None:
        """After every commit: nothing, the stored values only, or the whole session."""
        if self.session_id is None:
            return
        if changes.touches(*_REFRESH_TABLES):
            self.entries = {}
            self._reload()
            return
        if self.session_id not in changes.session_ids:
            return
        fast = changes.tables <= fresh.RESULTS_ONLY  # the stored values of results only
        if not fast or not (
            self._show_saved(changes) or self._reload_values(state=changes.touches(RESULT_STATES))
        ):
            self._reload()

    def _show_saved(self, changes: Changes) -> bool:
        """The session as the action left it (``Changes.session_states``, read inside its
        transaction for undo), instead of reading it again; False when it is not there
        (undo, redo, another window) or cannot stand in for a read (qualifying's lap-chart
        columns, a car not in the lookup)."""
        found = changes.session_states.get(self.session_id) if self.session_id else None
        if not isinstance(found, saved_state.SessionState) or self.kind == SessionKind.QUALIFYING:
            return False
        saved = saved_state.stored_rows(found)
        if saved is None:
            return False
        stored, penalties = saved
        rows = fresh.merged_rows(self.model.rows, stored, self._by_entry(), penalties)
        if rows is None:
            return False
        self.result_state = found.result_state
        self._show_rows(rows)
        return True

    # Messages -------------------------------------------------------------------------

    def _tell(self, text: str) -> None:
        """Report an undo or redo that failed; a grid already closed need not show it."""
        with contextlib.suppress(RuntimeError):
            self.show_message(text)

    def _replayed(self, done: Sequence[Step]) -> None:
        """After undo or redo: the session it changed is announced as after the edit."""
        for step in done:
            if isinstance(step, SessionStep):
                with contextlib.suppress(RuntimeError):
                    self.session_changed.emit(step.session_id)

    def show_message(self, text: str) -> None:
        """Why an edit was refused: beside the toolbar (the grid stays where it is) and in
        the window's status bar, until the cursor leaves the row (refusal_line.py)."""
        self.message.say(text)


def _forget(editor: Editor, listener) -> None:
    with contextlib.suppress(ValueError):
        editor.unsubscribe(listener)
