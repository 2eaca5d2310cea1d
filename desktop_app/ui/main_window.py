"""The main window: navigator on the left, the selected editor on the right, summary dock.

Every edit is saved when it is made (services.editing), so closing never asks to save.
Feature dialogs (import, export, preferences, restore, results, summary) are imported
lazily inside their slots: the window opens fast and works while a feature is missing.
The frame (``opening``) imports no database code (SQLAlchemy, the models, the editors):
those load in ``attach_first``, after the first paint; tests/test_import_budget.py guards it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QWidget,
)

from desktop_app import __version__
from desktop_app.ui import window_state
from desktop_app.ui.menus import bind_keys, build_menus
from desktop_app.ui.window_files import WindowFiles, feature

if TYPE_CHECKING:  # the database side, imported when a file is attached (see attach)
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from desktop_app.services.changes import Changes
    from desktop_app.services.editing import Editor
    from desktop_app.storage.tree import EventTree
    from desktop_app.ui.events_preview import EventsPreview, HandOver
    from desktop_app.ui.grids.view import GridView
    from desktop_app.ui.live_refresh import LiveRefresh
    from desktop_app.ui.navigator import Navigator, Node

IMPORTABLE = {".csv", ".xlsx"}
NAVIGATOR_TABLES = ("events", "sessions", "series")


class MainWindow(QMainWindow):
    """Attributes: ``editor``, ``undo_stack`` (one for the window), ``navigator``."""

    recent_menu: QMenu
    navigator: Navigator  # from the first ``attach``; the frame shows an empty tree

    def __init__(self, editor: Editor | None = None) -> None:
        """Without ``editor``, only the frame: see ``opening`` and ``attach_first``."""
        super().__init__()
        self.opened = editor is not None
        self.undo_stack = QUndoStack(self)
        self.files = WindowFiles(self)
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._set_icon()
        self._reload_pending = False
        self.previewed = False  # the navigator shows the file before its editors exist
        self.events_preview: EventsPreview | None = None  # the events, read-only, meanwhile
        self._listening: Editor | None = None
        self.live: LiveRefresh | None = None  # on a server: others' changes, live
        self._build()
        self.actions_by_name = build_menus(self)
        if editor is None:
            self._restore_frame()
            return
        self._place_docks(None)
        self.attach(editor)
        self._show_node(self.current_node())
        self._restore_layout()

    # Paint first, then load (start-up) ------------------------------------------------

    @classmethod
    def opening(cls, path: Path) -> MainWindow:
        """The window frame, painted before the database is even opened.

        Menus, docks and an empty navigator pane are there at once; the menus stay disabled
        (there is no editor to act on) until ``attach_first`` brings in the opened file.
        """
        window = cls(None)
        window.menuBar().setEnabled(False)
        window.stack.addWidget(_missing(f"Opening {path.name}\u2026"))
        window.setWindowTitle(f"{path.name} - RaceDesk")
        window.statusBar().showMessage(f"Opening {path}\u2026")
        return window

    def preview_tree(self, tree: EventTree, path: Path) -> None:
        """Between the frame and ``attach_first``: the file's events, series and sessions
        in the navigator (read with plain SQL, see storage.tree) and last time's node
        selected, while the editors load; on the events node, the events grid too,
        read-only (ui/events_preview.py). The reporter may already pick another node;
        it is the one shown once the file is attached."""
        from desktop_app.ui.events_preview import EventsPreview

        self._build_navigator()
        self.navigator.show_tree(tree)
        self.events_preview = EventsPreview(tree)
        self.stack.addWidget(self.events_preview)
        window_state.select_saved_node(self, path)
        self.previewed = True
        self._show_preview_node(self.current_node())

    def _show_preview_node(self, node: Node) -> None:
        """While opening: the read-only events grid on the events node, else "Opening…"."""
        if self.events_preview is None:
            return
        on_events = node.kind == "root"
        self.stack.setCurrentIndex(self.stack.indexOf(self.events_preview) if on_events else 0)

    def drop_preview(self) -> None:
        """The full open refused the file the quick look could read (damaged, say): no
        view of it stays behind the message; a file picked instead starts afresh."""
        from desktop_app.storage.tree import EventTree

        preview, self.events_preview = self.events_preview, None
        if preview is not None:
            self.stack.removeWidget(preview)
            preview.deleteLater()
        if self.previewed:
            self.previewed = False
            self.navigator.show_tree(EventTree())
        self.stack.setCurrentIndex(0)

    def shows_data(self) -> bool:
        """The selected node's contents are on screen (the preview's events count)."""
        page = self.stack.currentWidget()
        return self.opened or (page is not None and page is self.events_preview)

    def attach_first(self, editor: Editor) -> None:
        """Fill a window made by ``opening`` with the opened file and what was selected
        (or what the reporter selected in the previewed tree meanwhile)."""
        from desktop_app.ui.events_preview import HandOver

        preview, self.events_preview = self.events_preview, None
        hand_over = HandOver.of(preview) if preview is not None else None
        self.attach(editor, read_tree=not self.previewed)
        window_state.restore_selection(self, select_node=not self.previewed)
        self.opened = True  # from here a selected node shows its editor
        node = self.current_node()
        if hand_over is not None and (hand_over.kept or node.kind == "root"):
            self._take_over_preview(hand_over, node)
        else:
            self._show_node(node)
        self.menuBar().setEnabled(True)
        self.statusBar().showMessage("Every change is saved as you make it.", 5000)

    def _take_over_preview(self, hand_over: HandOver, node: Node) -> None:
        """The editable events grid in place of the preview: same cell, kept keys typed
        into it (then the node picked meanwhile, if another, is shown: its edit is saved)."""
        self.events_page.show_events()
        self.stack.setCurrentWidget(self.events_page)
        hand_over.apply(self.events_page.grid)
        if node.kind == "root":
            self._tell_summary(node)
        else:
            self._show_node(node)

    def _restore_frame(self) -> None:
        """Last session's size and dock layout, before the first paint (no jump later)."""
        geometry, state, splitter = window_state.load_layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._place_docks(state)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def _place_docks(self, state: QByteArray | None) -> None:
        """The docks where the reporter left them (``state``), else the summary on the
        right and the (hidden) charts at the bottom.

        A saved state places the docks without naming an area or an orientation: the
        first time one is named, PySide6 builds its whole ``Qt`` namespace (93 enum
        classes, ~12 ms of a cold start), which the first paint then does without."""
        if state is not None:
            self.restoreState(state)
        layout = self.layout()
        assert layout is not None  # a QMainWindow always has its own
        unplaced = [
            dock for dock in (self.summary_dock, self.chart_dock) if layout.indexOf(dock) < 0
        ]
        if not unplaced:
            return
        from PySide6.QtCore import Qt

        areas = {
            self.summary_dock: Qt.DockWidgetArea.RightDockWidgetArea,
            self.chart_dock: Qt.DockWidgetArea.BottomDockWidgetArea,
        }
        for dock in unplaced:
            self.addDockWidget(areas[dock], dock)
        if self.summary_dock in unplaced:
            self.resizeDocks([self.summary_dock], [340], Qt.Orientation.Horizontal)

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        """The frame only: the navigator pane is an empty tree until a file is attached."""
        empty_tree = QTreeWidget()
        empty_tree.setHeaderHidden(True)
        self.stack = QStackedWidget()
        self.splitter = QSplitter()  # horizontal
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(empty_tree)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 1000])
        self.setCentralWidget(self.splitter)
        self.summary_dock = QDockWidget("Summary", self)  # placed by _place_docks
        self.summary_dock.setObjectName("summaryDock")
        self._build_chart_dock()
        self.statusBar().showMessage("Every change is saved as you make it.", 5000)

    def _build_chart_dock(self) -> None:
        """Hidden until View > Charts; pyqtgraph (and numpy) load when it is first shown."""
        self.chart_dock = QDockWidget("Charts", self)
        self.chart_dock.setObjectName("chartDock")
        self.chart_panel: QWidget | None = None
        self.chart_dock.hide()
        self.chart_dock.visibilityChanged.connect(self._chart_dock_shown)

    def _chart_dock_shown(self, visible: bool) -> None:
        if not visible or not self.opened or not hasattr(self, "editor"):
            return
        if self.chart_panel is None:
            from PySide6.QtCore import Qt

            module = feature("charts.panel")
            if module is None:
                self.chart_dock.setWidget(_missing("Charts are not installed in this build."))
                return
            panel = module.ChartPanel(self.editor)
            panel.message.connect(self.show_message)
            self.chart_panel = panel
            self.chart_dock.setWidget(panel)
            # a readable chart: a third of the window, not the dock's bare minimum
            self.resizeDocks(
                [self.chart_dock], [max(300, self.height() // 3)], Qt.Orientation.Vertical
            )
        self._tell_charts(self.current_node())

    def _tell_charts(self, node: Node) -> None:
        """The charts follow the selection while they are shown (reading laps costs)."""
        show = getattr(self.chart_panel, "show_session", None)
        if show is not None and self.chart_dock.isVisible():
            show(node.session_id)

    def _refresh_charts(self) -> None:
        self._tell_charts(self.current_node())

    def _build_navigator(self) -> None:
        """The real navigator, in place of the frame's empty tree (keeps the pane's size)."""
        from desktop_app.ui.navigator import Navigator, Node

        self.navigator = Navigator()
        self.navigator.setObjectName("navigator")
        self.navigator.node_selected.connect(lambda key: self._show_node(Node.from_key(key)))
        empty_tree = self.splitter.replaceWidget(0, self.navigator)
        if empty_tree is not None:
            empty_tree.deleteLater()

    def attach(self, editor: Editor, *, read_tree: bool = True) -> None:
        """Build the editors over ``editor`` (at start and after opening another file);
        ``read_tree`` False when the navigator already shows this file (``preview_tree``)."""
        from desktop_app.ui.commands_grid import CommandRunner
        from desktop_app.ui.grids.pages import EventPage, EventsPage

        if not hasattr(self, "navigator"):
            self._build_navigator()
        self.editor = editor
        self.runner = CommandRunner(editor, self.undo_stack, self.show_message)
        while (old := self.stack.widget(0)) is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.events_page = EventsPage(self.runner)
        self.events_page.message.connect(self.show_message)
        self.events_page.demo_requested.connect(self.load_demo)
        self.event_page = EventPage(self.runner)
        self.event_page.message.connect(self.show_message)
        for page in (self.events_page, self.event_page):
            self.stack.addWidget(page)
        self._results_page: QWidget | None = None  # built when first shown (see below)
        self._drivers_page: QWidget | None = None
        self._summary_panel: QWidget | None = None
        self.summary_dock.setWidget(QWidget())
        QTimer.singleShot(0, self._build_summary_soon)  # after the filled window's paint
        if self.chart_panel is not None:  # another file: a new panel over the new editor
            self.chart_panel.deleteLater()
            self.chart_panel = None
            self.chart_dock.setWidget(QWidget())
        editor.subscribe(self._on_changes)
        self._listening = editor
        bind_keys(self.actions_by_name)
        self.setWindowTitle(f"{editor.database.path.name} - RaceDesk")
        if not editor.database.is_server:  # a server address is typed, never remembered
            window_state.remember_database(editor.database.path)
        else:  # others' edits on the server show here within a second
            from desktop_app.ui.live_refresh import LiveRefresh

            self.live = LiveRefresh(self, editor, self.show_message)
        if read_tree:
            self.navigator.reload(editor.database)

    def detach(self) -> None:
        """Stop following the editor's changes (on close, or before opening another file)."""
        editor, self._listening = self._listening, None
        live, self.live = self.live, None
        if live is not None:
            live.stop()
        if editor is not None:
            editor.unsubscribe(self._on_changes)

    # Pages built when first needed: the first editor is filled sooner (start-up) ---------

    @property
    def results_page(self) -> QWidget:
        """The results grid, built (and its modules imported) when a session is first
        shown: a window opened on the events or an event never pays for it."""
        if self._results_page is None:
            self._results_page = self._make_results_editor()
            self.stack.addWidget(self._results_page)
        return self._results_page

    @property
    def drivers_page(self) -> QWidget:
        if self._drivers_page is None:
            self._drivers_page = self._make_drivers_page()
            self.stack.addWidget(self._drivers_page)
        return self._drivers_page

    @property
    def summary_panel(self) -> QWidget:
        """The summary dock's panel; built on the event-loop turn after the window is
        filled (its templates and Jinja2 load then), or at once when asked for."""
        if self._summary_panel is None:
            panel = self._summary_panel = self._make_summary_panel()
            self.summary_dock.setWidget(panel)
            show = getattr(panel, "show_selection", None)
            if show is not None and self.opened:
                node = self.current_node()
                show(node.event_id, node.session_id)
        return self._summary_panel

    def _build_summary_soon(self) -> None:
        """The summary panel after the first editor is painted (a window still opening
        builds it when ``attach_first`` has filled it)."""
        if self.opened and hasattr(self, "editor"):
            self.summary_panel  # noqa: B018 - the property builds it

    def _make_results_editor(self) -> QWidget:
        module = feature("results.widget")
        if module is None:
            return _missing("The results grid is not installed in this build.")
        editor: QWidget = module.ResultsEditor(self.editor, self.undo_stack)
        results_runner = getattr(editor, "runner", None)
        if results_runner is not None:  # one id remapping: a car re-made by the entry
            results_runner.ids = self.runner.ids  # grid's redo is found by the results' undo
        if hasattr(editor, "session_changed"):
            editor.session_changed.connect(
                lambda session_id: self.navigator.update_session(self.editor.database, session_id)
            )
        return editor

    def _make_drivers_page(self) -> QWidget:
        module = feature("drivers_page")
        if module is None:
            return _missing("The Drivers page is not installed in this build.")
        page: QWidget = module.DriversPage(self.runner)
        page.message.connect(self.show_message)  # type: ignore[attr-defined]
        return page

    def _make_summary_panel(self) -> QWidget:
        module = feature("summary_panel")
        if module is None:
            return _missing("Summaries are not installed in this build.")
        panel: QWidget = module.SummaryPanel(self.editor)
        return panel

    def _set_icon(self) -> None:
        from desktop_app.ui.icon import racedesk_icon

        icon = racedesk_icon()
        if icon is not None:
            self.setWindowIcon(icon)

    # File menu (see window_files.py) --------------------------------------------------

    def open_database(self, path: Path) -> bool:
        """Switch this window to another database file; False when it cannot be opened."""
        return self.files.open_database(path)

    def load_demo(self) -> bool:
        return self.files.load_demo()

    def import_files(self, files: list[Path]) -> bool:
        return self.files.import_files(files)

    # Selection --------------------------------------------------------------------------

    def current_node(self) -> Node:
        return self.navigator.current_node()

    def current_event_id(self) -> int | None:
        return self.current_node().event_id

    def current_session_id(self) -> int | None:
        return self.current_node().session_id

    def select(self, node: Node) -> bool:
        return self.navigator.select_node(node)

    def _show_node(self, node: Node) -> None:
        if not self.opened:  # a node picked in the previewed tree: shown by attach_first
            self._show_preview_node(node)
            return
        from desktop_app.ui.grids.view import commit_open_editors

        commit_open_editors(self.stack)
        if node.kind == "session":
            self._show_results(node.session_id)
        elif node.kind == "drivers":
            show = getattr(self.drivers_page, "show_drivers", None)
            if show is not None:
                show()
            self.stack.setCurrentWidget(self.drivers_page)
        elif node.event_id is not None:
            self.event_page.show_event(node.event_id, node.series_id)
            self.stack.setCurrentWidget(self.event_page)
        else:
            self.events_page.show_events()
            self.stack.setCurrentWidget(self.events_page)
        self._tell_summary(node)

    def _show_results(self, session_id: int | None) -> None:
        show = getattr(self.results_page, "show_session", None)
        if show is not None:
            show(session_id)
        self.stack.setCurrentWidget(self.results_page)

    def _tell_summary(self, node: Node) -> None:
        """Tell the summary panel the selection (one not built yet is told when built)."""
        show = getattr(self._summary_panel, "show_selection", None)
        if show is not None:
            show(node.event_id, node.session_id)
        self._tell_charts(node)

    # Refreshing -------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(*NAVIGATOR_TABLES):
            self._schedule_navigator_reload()
        if changes.touches("laps", "entries", "sessions"):
            QTimer.singleShot(0, self._refresh_charts)

    def _schedule_navigator_reload(self) -> None:
        """Coalesce: a pasted block or an undo reloads the tree once, after the edit."""
        if not self._reload_pending:
            self._reload_pending = True
            QTimer.singleShot(0, self.reload_navigator)

    def reload_navigator(self) -> None:
        self._reload_pending = False
        self.navigator.reload(self.editor.database)

    def refresh(self) -> None:
        """View > Refresh: read everything again from the file (another window's edits)."""
        from desktop_app.ui.grids.view import commit_open_editors

        commit_open_editors(self)
        self.editor.mark_read()  # on a server: others' edits until now are seen
        self.navigator.reload(self.editor.database)
        page = self.stack.currentWidget()
        if page is self.events_page:
            self.events_page.show_events()
        elif page is self.event_page and self.event_page.event_id is not None:
            self.event_page.show_event(self.event_page.event_id, self.event_page.series_id)
        elif page is not None and hasattr(page, "refresh"):
            page.refresh()
        self._tell_summary(self.current_node())
        self.show_message("Reloaded from the file.")

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    # Edit menu --------------------------------------------------------------------------

    def _results_shown(self) -> bool:
        return self._results_page is not None and self.stack.currentWidget() is self._results_page

    def active_grid(self) -> GridView | None:
        page = self.stack.currentWidget()
        if page is self.events_page:
            return self.events_page.grid
        if page is self.event_page:
            return self.event_page.current_grid()
        return None

    def copy_cells(self) -> None:
        grid = self.active_grid()
        if grid is not None:
            grid.copy_selection()
        elif self._results_shown() and hasattr(self.results_page, "copy"):
            self.results_page.copy()

    def paste_cells(self) -> None:
        grid = self.active_grid()
        if grid is not None:
            grid.paste()
        elif self._results_shown() and hasattr(self.results_page, "paste"):
            self.results_page.paste(QGuiApplication.clipboard().text())

    def insert_row(self) -> None:
        grid = self.active_grid()
        if grid is not None:
            grid.insert_row()

    def delete_rows(self) -> None:
        grid = self.active_grid()
        if grid is not None:
            grid.delete_rows()
        elif self._results_shown() and hasattr(self.results_page, "delete_selected"):
            self.results_page.delete_selected()

    # Session menu -----------------------------------------------------------------------

    def new_session(self) -> None:
        from desktop_app.ui.grids.pages import EventPage
        from desktop_app.ui.navigator import Node

        event_id = self.current_event_id()
        if event_id is None:
            self.show_message("Select an event first; its sessions grid opens.")
            return
        self.select(Node("event", event_id))
        self.event_page.tabs.setCurrentIndex(EventPage.SESSIONS_TAB)
        grid = self.event_page.sessions_grid
        if grid.grid_model().insert_row(len(grid.grid_model().rows)):
            grid.setCurrentIndex(grid.model().index(len(grid.grid_model().rows) - 1, 2))
            grid.setFocus()

    def mark_official(self) -> None:
        from desktop_app.services.results import steps

        session_id = self.current_session_id()
        if session_id is None:
            self.show_message("Select a session in the navigator to mark it official.")
            return
        error = self.runner.run("Mark session official", steps.official(session_id))
        self.show_message(error or "Marked official: official positions follow the penalties.")

    def edit_qualifying_groups(self) -> None:
        from desktop_app.ui.groups_dialog import edit_groups

        session_id = self.current_session_id()
        if session_id is None:
            self.show_message("Select a qualifying session to set its groups.")
            return
        self.show_message(edit_groups(self.runner, session_id, self))

    def edit_series_classes(self) -> None:
        from desktop_app.ui.series_page import SeriesPage

        page = SeriesPage(self.runner, self)
        try:
            page.exec()
        finally:
            page.deleteLater()
        self.refresh()

    def show_value_history(self) -> None:
        """Edit > Value history: who changed the results cell under the cursor, when, and
        from what to what (the change history; on a server it names each author)."""
        from PySide6.QtWidgets import QMessageBox

        from desktop_app.services.history import cell_history
        from desktop_app.services.results.columns import COLUMNS
        from desktop_app.ui.results.widget import ResultsEditor

        grid = self.results_page
        if self.stack.currentWidget() is not grid or not isinstance(grid, ResultsEditor):
            self.show_message("Put the cursor on a results cell to see its history.")
            return
        index = grid.view.currentIndex()
        if not index.isValid():
            self.show_message("Put the cursor on a results cell to see its history.")
            return
        if index.row() >= len(grid.model.rows):
            self.show_message("This row is not saved yet, so it has no history.")
            return
        lines = cell_history(
            self.editor.database, grid.model.rows[index.row()], COLUMNS[index.column()].key
        )
        text = "\n".join(line.text() for line in lines) or "No change of this value is recorded."
        QMessageBox.information(self, "Value history", text)

    def show_shortcuts(self) -> None:
        from desktop_app.ui.shortcuts_help import show_shortcuts

        self.shortcuts_dialog = show_shortcuts(self, self.actions_by_name)

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # not at start-up: ~5 ms of Qt types

        QMessageBox.about(
            self,
            "About RaceDesk",
            f"RaceDesk {__version__}\nTiming sheets in, article-ready text out.\n"
            f"Database: {self.editor.database.label}",
        )

    # Window events ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Timing files dropped on the window are imported; not while it is still opening
        the database (there is nothing to import into yet)."""
        if self.opened and _importable(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Files and folders dropped on a navigator item go there (the item is selected
        first); dropped anywhere else, they go where the navigator points."""
        files = _importable(event.mimeData().urls()) if self.opened else []
        if files:
            event.acceptProposedAction()
            target = self.navigator.node_at(self.mapToGlobal(event.position().toPoint()))
            if target is not None:
                self.select(target)
            self.files.import_files(files)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Nothing to save (every edit already is); remember the layout and selection."""
        if self.opened:  # a window closed while still opening has nothing to remember
            from desktop_app.ui.grids.view import commit_open_editors

            commit_open_editors(self)
            self._save_layout()
            self.detach()
        super().closeEvent(event)

    def _save_layout(self) -> None:
        window_state.save_window(self)

    def _restore_layout(self) -> None:
        window_state.restore_window(self)

    def restore_selection(self) -> None:
        window_state.restore_selection(self)


def _missing(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("qproperty-alignment: AlignCenter;")  # as _place_docks: no Qt enum
    label.setWordWrap(True)
    return label


def _importable(urls: Any) -> list[Path]:
    files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return [path for path in files if path.is_dir() or path.suffix.lower() in IMPORTABLE]
