"""Window layout and last selection, remembered across restarts.

Kept in the one settings store (``services.settings``, a JSON file under
``paths.config_dir()``, not the registry), so a portable install carries it and each test
gets its own through ``RACEDESK_HOME``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from desktop_app.services.settings import load_settings, save_settings, settings_path

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.navigator import Node

LAYOUT = ("geometry", "state", "splitter")
NODE_IDS = ("event_id", "series_id", "session_id")


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
    return settings_path()


def save_layout(geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
    settings = load_settings()
    settings.window_layout = {
        name: bytes(value.toBase64().data()).decode("ascii")
        for name, value in (("geometry", geometry), ("state", state), ("splitter", splitter))
    }
    save_settings(settings)


def load_layout() -> tuple[QByteArray | None, QByteArray | None, QByteArray | None]:
    layout = load_settings().window_layout
    geometry, state, splitter = (_bytes(layout.get(name)) for name in LAYOUT)
    return geometry, state, splitter


def _bytes(text: object) -> QByteArray | None:
    if not isinstance(text, str) or not text:
        return None
    value = QByteArray.fromBase64(text.encode("ascii"))
    return None if value.isEmpty() else value


def save_selection(database: Path, node: Node, tab: int) -> None:
    """The last selected node, per database file (ids mean nothing in another file)."""
    settings = load_settings()
    settings.selection = {
        "database": str(database),
        "kind": node.kind,
        **{name: getattr(node, name) for name in NODE_IDS},
        "tab": tab,
    }
    save_settings(settings)


def load_selection(database: Path) -> tuple[Node, int]:
    from desktop_app.ui.navigator import ROOT, Node

    saved = load_settings().selection
    if saved.get("database") != str(database):
        return ROOT, 0
    ids = [_int(saved.get(name)) for name in NODE_IDS]
    return Node(str(saved.get("kind", "root")), *ids), _int(saved.get("tab")) or 0


def _int(value: object) -> int | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return None if value < 0 else value


def remember_database(path: Path) -> list[Path]:
    """Put ``path`` first in the recent databases; return the list."""
    settings = load_settings()
    settings.remember_database(path.resolve())
    save_settings(settings)
    return recent_databases()


def recent_databases() -> list[Path]:
    return [Path(text) for text in load_settings().recent_databases]
