"""Window layout and last selection, remembered across restarts.

Kept in an INI file under ``paths.config_dir()`` (not the registry or ~/.config), so a
portable install carries it and each test gets its own through ``RACEDESK_HOME``.
The reporter's real preferences (and recent databases) live in ``services.settings``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from desktop_app import paths
from desktop_app.services.settings import load_settings, save_settings

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.navigator import Node

STATE_FILE = "window.ini"


def save_window(window: MainWindow) -> None:
    """Remember the window's layout and what it shows (on close)."""
    save_layout(window.saveGeometry(), window.saveState(), window.splitter.saveState())
    tab = window.event_page.tabs.currentIndex()
    save_selection(window.editor.database.path, window.current_node(), tab)


def restore_window(window: MainWindow) -> None:
    geometry, state, splitter = load_layout()
    if geometry is not None:
        window.restoreGeometry(geometry)
    if state is not None:
        window.restoreState(state)
    if splitter is not None:
        window.splitter.restoreState(splitter)
    restore_selection(window)


def restore_selection(window: MainWindow, *, select_node: bool = True) -> None:
    """Select what was selected last time in this database file (or its event), and the
    event page's tab; ``select_node`` False when the previewed tree already selected it
    (``select_saved_node``, before the editors existed)."""
    node, tab = load_selection(window.editor.database.path)
    if select_node:
        _select_saved(window, node)
    window.event_page.tabs.setCurrentIndex(tab)


def select_saved_node(window: MainWindow, path: Path) -> None:
    """The navigator part of ``restore_selection`` (also done before the editors exist)."""
    node, _tab = load_selection(path)
    _select_saved(window, node)


def _select_saved(window: MainWindow, node: Node) -> None:
    from desktop_app.ui.navigator import ROOT, Node

    if node != ROOT and not window.select(node) and node.event_id is not None:
        window.select(Node("event", node.event_id))


def state_file() -> Path:
    return paths.config_dir() / STATE_FILE


def _settings() -> QSettings:
    state_file().parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(state_file()), QSettings.Format.IniFormat)


def save_layout(geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
    settings = _settings()
    settings.setValue("window/geometry", geometry)
    settings.setValue("window/state", state)
    settings.setValue("window/splitter", splitter)
    settings.sync()


def load_layout() -> tuple[QByteArray | None, QByteArray | None, QByteArray | None]:
    settings = _settings()
    return tuple(  # type: ignore[return-value]
        _bytes(settings.value(f"window/{name}")) for name in ("geometry", "state", "splitter")
    )


def _bytes(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_selection(database: Path, node: Node, tab: int) -> None:
    """The last selected node, per database file (ids mean nothing in another file)."""
    settings = _settings()
    settings.beginGroup("selection")
    settings.setValue("database", str(database))
    settings.setValue("kind", node.kind)
    for name in ("event_id", "series_id", "session_id"):
        value = getattr(node, name)
        settings.setValue(name, -1 if value is None else value)
    settings.setValue("tab", tab)
    settings.endGroup()
    settings.sync()


def load_selection(database: Path) -> tuple[Node, int]:
    from desktop_app.ui.navigator import ROOT, Node

    settings = _settings()
    settings.beginGroup("selection")
    try:
        if settings.value("database") != str(database):
            return ROOT, 0
        ids = [_int(settings.value(name)) for name in ("event_id", "series_id", "session_id")]
        kind = str(settings.value("kind", "root"))
        tab = _int(settings.value("tab")) or 0
        return Node(kind, *ids), tab
    finally:
        settings.endGroup()


def _int(value: object) -> int | None:
    try:
        number = int(str(value))
    except ValueError:
        return None
    return None if number < 0 else number


def remember_database(path: Path) -> list[Path]:
    """Put ``path`` first in the recent databases; return the list."""
    settings = load_settings()
    settings.remember_database(path.resolve())
    save_settings(settings)
    return recent_databases()


def recent_databases() -> list[Path]:
    return [Path(text) for text in load_settings().recent_databases]
