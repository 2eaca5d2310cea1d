"""The navigator tree: All events -> Event -> Series -> Sessions, with result state.

It reads events, series and sessions only (never results), so it stays instant on a
database of many seasons. After an edit of one session's results only that session's
item is read again (``update_session``): rebuilding ~1,400 items takes tens of
milliseconds, far too long for every car keyed.

Signals:
    node_selected(str): the reporter selected another node (its ``Node.key``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop_app.domain.sessions import ResultState
from desktop_app.storage.tree import EventTree, TreeSeries, TreeSession

if TYPE_CHECKING:  # the tree is built from plain rows: this module loads before SQLAlchemy
    from desktop_app.storage.database import Database

NODE_ROLE = Qt.ItemDataRole.UserRole
STATE_COLOURS = {
    ResultState.NONE: "#b0b0b0",
    ResultState.PROVISIONAL: "#e0a000",
    ResultState.OFFICIAL: "#2e8b3d",
}
STATE_TIPS = {
    ResultState.NONE: "No results keyed yet",
    ResultState.PROVISIONAL: "Provisional results (not yet official)",
    ResultState.OFFICIAL: "Official results",
}


@dataclass(frozen=True)
class Node:
    """What a tree item stands for; ids are None above their level."""

    kind: str  # "root", "event", "series" or "session"
    event_id: int | None = None
    series_id: int | None = None
    session_id: int | None = None

    @property
    def key(self) -> str:
        """Items hold this text, not the Node: PySide miscounts references to Python
        objects kept inside item data, which crashes the interpreter later."""
        return ":".join(
            str(part) for part in (self.kind, self.event_id, self.series_id, self.session_id)
        )

    @classmethod
    def from_key(cls, key: object) -> Node:
        if not isinstance(key, str) or key.count(":") != 3:
            return ROOT
        kind, *ids = key.split(":")
        return cls(kind, *(None if part == "None" else int(part) for part in ids))


ROOT = Node("root")


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class Navigator(QTreeWidget):
    node_selected = Signal(str)  # Node.key; see Node.key for why not the Node itself

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self._seen: set[int | None] = set()
        self._by_key: dict[str, QTreeWidgetItem] = {}
        self._icons = {state: _dot(colour) for state, colour in STATE_COLOURS.items()}
        self.currentItemChanged.connect(self._current_changed)

    def reload(self, database: Database) -> None:
        """Read the tree again, keeping the selected node (or its event) selected."""
        self.show_tree(database.read_tree())

    def show_tree(self, tree: EventTree) -> None:
        """Show ``tree`` (at start-up, read before the database is opened for editing)."""
        keep = self.current_node()
        expanded = self._expanded_nodes()
        with QSignalBlocker(self):
            self.clear()
            self._by_key = {}
            root = self._item(None, "All events", ROOT)
            self._add_events(root, tree)
            for item in self._items():
                node = _node(item)
                if node in expanded or not self._seen or node.event_id not in self._seen:
                    item.setExpanded(True)
            self._seen = {node.event_id for node in self._nodes()}
            self.setCurrentItem(self._nearest(keep))
        if self.current_node() != keep:
            self.node_selected.emit(self.current_node().key)

    def _add_events(self, root: QTreeWidgetItem, tree: EventTree) -> None:
        for event in tree.events:
            item = self._item(root, event.name, Node("event", event.id))
            item.setToolTip(0, f"{event.circuit} ({event.time_zone})")
            self._add_sessions(item, event.id, tree.sessions.get(event.id, []), tree.series)

    def _add_sessions(
        self,
        parent: QTreeWidgetItem,
        event_id: int,
        rows: list[TreeSession],
        series: dict[int, TreeSeries],
    ) -> None:
        series_items: dict[int, QTreeWidgetItem] = {}
        for row in rows:
            if row.series_id not in series_items:
                node = Node("series", event_id, row.series_id)
                found = series[row.series_id]
                series_items[row.series_id] = self._item(parent, found.name, node)
                series_items[row.series_id].setToolTip(0, found.code)
            self._add_session(series_items[row.series_id], row)

    def _add_session(self, parent: QTreeWidgetItem, row: TreeSession) -> None:
        self._show_session(self._item(parent, "", _session_node(row)), row)

    def _show_session(self, item: QTreeWidgetItem, row: TreeSession) -> bool:
        """Name, result-state dot and tip of a session item; False when already shown."""
        state = row.result_state
        suffix = "" if state is ResultState.NONE else f"  ({state.label.lower()})"
        text, tip = f"{row.name}{suffix}", f"{row.kind.label}: {STATE_TIPS[state]}"
        if item.text(0) == text and item.toolTip(0) == tip:
            return False
        item.setText(0, text)
        item.setIcon(0, self._icons[state])
        item.setToolTip(0, tip)
        return True

    def update_session(self, database: Database, session_id: int) -> None:
        """After an edit of one session's results: read that session's row again and
        change its item only if what it shows changed (state, name). A session that
        moved, appeared or vanished needs the whole tree (``reload``)."""
        row = database.read_tree_session(session_id)
        item = None if row is None else self._by_key.get(_session_node(row).key)
        if row is None or item is None:
            self.reload(database)
            return
        self._show_session(item, row)

    def _item(self, parent: QTreeWidgetItem | None, text: str, node: Node) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, NODE_ROLE, node.key)
        self._by_key[node.key] = item
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    # Selection --------------------------------------------------------------------------

    def current_node(self) -> Node:
        item = self.currentItem()
        return _node(item) if item is not None else ROOT

    def select_node(self, node: Node) -> bool:
        """Select ``node`` (emitting ``node_selected``); False when it is not in the tree."""
        item = self._find(node)
        if item is None:
            return False
        self.setCurrentItem(item)
        return True

    def _nearest(self, node: Node) -> QTreeWidgetItem:
        """The node itself, else its event, else the root (after a delete or refresh)."""
        for candidate in (node, Node("event", node.event_id), ROOT):
            item = self._find(candidate)
            if item is not None:
                return item
        raise AssertionError("the root item is always there")

    def _find(self, node: Node) -> QTreeWidgetItem | None:
        return self._by_key.get(node.key)

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is not None:
                found.append(item)
                stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _nodes(self) -> list[Node]:
        return [_node(item) for item in self._items()]

    def _expanded_nodes(self) -> set[Node]:
        return {_node(i) for i in self._items() if i.isExpanded()}

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.node_selected.emit(self.current_node().key)


def _node(item: QTreeWidgetItem) -> Node:
    return Node.from_key(item.data(0, NODE_ROLE))


def _session_node(row: TreeSession) -> Node:
    return Node("session", row.event_id, row.series_id, row.id)
