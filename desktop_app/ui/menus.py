"""The window's menus and their standard shortcuts.

Copy, paste and the row keys are shown in the Edit menu but handled by the focused grid
itself (each grid knows its keys), so the window never steals them from a grid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop_app.ui import pane_focus

StandardKey = QKeySequence.StandardKey


def _action(
    window: QMainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], Any],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    *,
    shown_only: bool = False,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if shown_only:
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(window: Any) -> dict[str, QAction]:
    """Create File, Edit, View, Session and Help; return the actions by name."""
    bar = window.menuBar()
    actions: dict[str, QAction] = {}
    file_menu = bar.addMenu("&File")
    add = _adder(window, file_menu, actions)
    add("new", "&New database…", window.files.ask_new_database, StandardKey.New)
    add("open", "&Open database…", window.files.ask_open_database, StandardKey.Open)
    add("connect", "Connect to &server…", window.files.ask_connect_server)
    window.recent_menu = file_menu.addMenu("Open &recent")
    window.recent_menu.aboutToShow.connect(window.files.fill_recent_menu)
    add("demo", "Load &demo weekend", window.load_demo)
    file_menu.addSeparator()
    add("import", "&Import…", window.files.ask_import, "Ctrl+I")
    add("export", "&Export workbook…", window.files.export_workbook, "Ctrl+E")
    add("export_csv", "Export session &CSV…", window.files.export_session_csv)
    file_menu.addSeparator()
    add("restore", "Restore from &backup…", window.files.restore_backup)
    add("preferences", "&Preferences…", window.files.ask_preferences, StandardKey.Preferences)
    actions["preferences"].setShortcuts([QKeySequence("Ctrl+,")])
    file_menu.addSeparator()
    add("quit", "&Quit", window.close, StandardKey.Quit)
    actions["quit"].setShortcuts([QKeySequence("Ctrl+Q")])
    _edit_menu(window, bar.addMenu("&Edit"), actions)
    view_menu = bar.addMenu("&View")
    add = _adder(window, view_menu, actions)
    add("refresh", "&Refresh", window.refresh, StandardKey.Refresh)
    actions["refresh"].setShortcuts([QKeySequence("F5")])
    view_menu.addAction(window.summary_dock.toggleViewAction())
    charts = window.chart_dock.toggleViewAction()
    charts.setShortcut(QKeySequence("Ctrl+Shift+G"))
    view_menu.addAction(charts)
    actions["charts"] = charts
    view_menu.addSeparator()
    for name, text, keys in pane_focus.PANES:
        add(name, text, _on_window(getattr(pane_focus, name), window), keys)
    session_menu = bar.addMenu("&Session")
    add = _adder(window, session_menu, actions)
    add("new_session", "&New session", window.new_session)
    add("official", "Mark &official", window.mark_official, "Ctrl+Shift+O")
    add("groups", "Qualifying &groups…", window.edit_qualifying_groups)
    add = _adder(window, bar.addMenu("&Help"), actions)
    add("shortcuts", "&Keyboard shortcuts", window.show_shortcuts, "Ctrl+/")
    add("about", "&About RaceDesk", window.about)
    return actions


def _edit_menu(window: Any, menu: QMenu, actions: dict[str, QAction]) -> None:
    undo = window.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    menu.addActions([undo, redo])
    undo.triggered.connect(lambda: _tell_replay(window, "Undone", window.undo_stack.redoText()))
    redo.triggered.connect(lambda: _tell_replay(window, "Redone", window.undo_stack.undoText()))
    actions["undo"], actions["redo"] = undo, redo
    menu.addSeparator()
    add = _adder(window, menu, actions, shown_only=True)
    add("copy", "&Copy", window.copy_cells, StandardKey.Copy)
    add("paste", "&Paste", window.paste_cells, StandardKey.Paste)
    menu.addSeparator()
    add("insert_row", "&Insert row", window.insert_row, "Insert")
    add("delete_row", "&Delete row", window.delete_rows, "Ctrl+Delete")
    menu.addSeparator()
    _adder(window, menu, actions)("series", "&Series and classes…", window.edit_series_classes)
    add("history", "Value &history\u2026", window.show_value_history, "Ctrl+Shift+H")


def _on_window(slot: Callable[[Any], None], window: Any) -> Callable[[], None]:
    return lambda: slot(window)


def _tell_replay(window: Any, what: str, text: str) -> None:
    """After undo or redo the status bar names the step (the action ran before this)."""
    if text:
        window.show_message(f"{what}: {text}.")


def _adder(
    window: Any, menu: QMenu, actions: dict[str, QAction], *, shown_only: bool = False
) -> Callable[..., QAction]:
    def add(name: str, text: str, slot: Callable[[], Any], shortcut: Any = None) -> QAction:
        actions[name] = _action(window, menu, text, slot, shortcut, shown_only=shown_only)
        return actions[name]

    return add
