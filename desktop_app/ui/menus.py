"""The window's menus and their standard shortcuts.

Copy, paste and the row keys are shown in the Edit menu but handled by the focused grid
itself (each grid knows its keys), so the window never steals them from a grid.

The menus are built with the window frame, their keys (``bind_keys``) when the window can
edit, as the menus are enabled: naming a key or a shortcut context builds PySide6's whole
``Qt`` namespace (93 enum classes, ~12 ms of a cold start), which the first paint does
without. Keys typed before go to the read-only events grid, which keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop_app.ui import pane_focus

StandardKey = QKeySequence.StandardKey
Keys = tuple[QKeySequence.StandardKey | str, ...]
KEYS: dict[str, Keys] = {
    "new": (StandardKey.New,),
    "open": (StandardKey.Open,),
    "import": ("Ctrl+I",),
    "export": ("Ctrl+E",),
    "preferences": ("Ctrl+,",),
    "quit": ("Ctrl+Q",),
    "undo": ("Ctrl+Z",),
    "redo": ("Ctrl+Shift+Z", "Ctrl+Y"),
    "refresh": ("F5",),
    "charts": ("Ctrl+Shift+G",),
    **{name: (keys,) for name, _text, keys in pane_focus.PANES},
    "official": ("Ctrl+Shift+O",),
    "shortcuts": ("Ctrl+/",),
}
GRID_KEYS: dict[str, Keys] = {  # shown in the Edit menu, handled by the focused grid
    "copy": (StandardKey.Copy,),
    "paste": (StandardKey.Paste,),
    "insert_row": ("Insert",),
    "delete_row": ("Ctrl+Delete",),
    "history": ("Ctrl+Shift+H",),
}


def _action(window: QMainWindow, menu: QMenu, text: str, slot: Callable[[], Any]) -> QAction:
    action = QAction(text, window)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(window: Any) -> dict[str, QAction]:
    """Create File, Edit, View, Session and Help; return the actions by name."""
    bar = window.menuBar()
    actions: dict[str, QAction] = {}
    file_menu = bar.addMenu("&File")
    add = _adder(window, file_menu, actions)
    add("new", "&New database…", window.files.ask_new_database)
    add("open", "&Open database…", window.files.ask_open_database)
    add("connect", "Connect to &server…", window.files.ask_connect_server)
    window.recent_menu = file_menu.addMenu("Open &recent")
    window.recent_menu.aboutToShow.connect(window.files.fill_recent_menu)
    add("demo", "Load &demo weekend", window.load_demo)
    file_menu.addSeparator()
    add("import", "&Import…", window.files.ask_import)
    add("export", "&Export workbook…", window.files.export_workbook)
    add("export_csv", "Export session &CSV…", window.files.export_session_csv)
    file_menu.addSeparator()
    add("restore", "Restore from &backup…", window.files.restore_backup)
    add("preferences", "&Preferences…", window.files.ask_preferences)
    file_menu.addSeparator()
    add("quit", "&Quit", window.close)
    _edit_menu(window, bar.addMenu("&Edit"), actions)
    view_menu = bar.addMenu("&View")
    add = _adder(window, view_menu, actions)
    add("refresh", "&Refresh", window.refresh)
    view_menu.addAction(window.summary_dock.toggleViewAction())
    charts = window.chart_dock.toggleViewAction()
    view_menu.addAction(charts)
    actions["charts"] = charts
    view_menu.addSeparator()
    for name, text, _keys in pane_focus.PANES:
        add(name, text, _on_window(getattr(pane_focus, name), window))
    session_menu = bar.addMenu("&Session")
    add = _adder(window, session_menu, actions)
    add("new_session", "&New session", window.new_session)
    add("official", "Mark &official", window.mark_official)
    add("groups", "Qualifying &groups…", window.edit_qualifying_groups)
    add = _adder(window, bar.addMenu("&Help"), actions)
    add("shortcuts", "&Keyboard shortcuts", window.show_shortcuts)
    add("about", "&About RaceDesk", window.about)
    return actions


def _edit_menu(window: Any, menu: QMenu, actions: dict[str, QAction]) -> None:
    undo = window.undo_stack.createUndoAction(window, "&Undo")
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    menu.addActions([undo, redo])
    undo.triggered.connect(lambda: _tell_replay(window, "Undone", window.undo_stack.redoText()))
    redo.triggered.connect(lambda: _tell_replay(window, "Redone", window.undo_stack.undoText()))
    actions["undo"], actions["redo"] = undo, redo
    menu.addSeparator()
    add = _adder(window, menu, actions)  # keys: GRID_KEYS
    add("copy", "&Copy", window.copy_cells)
    add("paste", "&Paste", window.paste_cells)
    menu.addSeparator()
    add("insert_row", "&Insert row", window.insert_row)
    add("delete_row", "&Delete row", window.delete_rows)
    menu.addSeparator()
    add("series", "&Series and classes…", window.edit_series_classes)
    add("history", "Value &history\u2026", window.show_value_history)


def bind_keys(actions: dict[str, QAction]) -> None:
    """Give the actions their keys (``KEYS``), and the grids' actions theirs (``GRID_KEYS``)
    as widget shortcuts of the menu: shown there, never taken from a grid. Called when
    the window can edit (see the module's docstring); calling it again changes nothing."""
    from PySide6.QtCore import Qt

    for name, keys in KEYS.items():
        actions[name].setShortcuts([QKeySequence(key) for key in keys])
    for name, keys in GRID_KEYS.items():
        actions[name].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        actions[name].setShortcuts([QKeySequence(key) for key in keys])


def _on_window(slot: Callable[[Any], None], window: Any) -> Callable[[], None]:
    return lambda: slot(window)


def _tell_replay(window: Any, what: str, text: str) -> None:
    """After undo or redo the status bar names the step (the action ran before this)."""
    if text:
        window.show_message(f"{what}: {text}.")


def _adder(window: Any, menu: QMenu, actions: dict[str, QAction]) -> Callable[..., QAction]:
    def add(name: str, text: str, slot: Callable[[], Any]) -> QAction:
        actions[name] = _action(window, menu, text, slot)
        return actions[name]

    return add
