"""The navigator tree: All events -> Event -> Series -> Sessions, with result state.

It reads events, series and sessions only (never results), so it stays instant on a
database of many seasons. After an edit of one session's results only that session's
item is read again (``update_session``): rebuilding ~1,400 items takes tens of
milliseconds, far too long for every car keyed.

Signals:
    node_selected(str): the reporter selected another node (its ``Node.key``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPersistentModelIndex, QPoint, QSignalBlocker, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop_app.domain.sessions import ResultState
from desktop_app.storage.tree import EventTree, TreeSeries, TreeSession

if TYPE_CHECKING:  # the tree is built from plain rows: this module loads before SQLAlchemy
    from desktop_app.storage.database import Database

# Qt.ItemDataRole.UserRole, as its number: the tree is built before the first paint, and
# naming any Qt.* enum builds PySide6's whole Qt namespace (~12 ms, see main_window)
NODE_ROLE = 0x0100
UNFOLDED_AT_FIRST = 24  # up to two seasons of weekends open with every event unfolded
NEWEST_UNFOLDED = 3  # in a bigger file, the newest events (older ones fold, built later)
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

    kind: str  # "root", "drivers", "event", "series" or "session"
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
DRIVERS = Node("drivers")


DOT = 12  # pixels: the result-state dot beside a session, a disc of radius 5 in its middle


@cache
def _dot_cover() -> list[float]:
    """How much of each pixel of the icon the disc covers, row by row (0 to 1): by the
    distance of the pixel's centre to the edge, so the edge is antialiased."""
    centre, radius = DOT / 2, DOT / 2 - 1
    return [
        min(1.0, max(0.0, radius + 0.5 - math.hypot(x + 0.5 - centre, y + 0.5 - centre)))
        for y in range(DOT)
        for x in range(DOT)
    ]


def _dot(colour: str) -> QIcon:
    """A coloured disc, its pixels computed here rather than painted with QPainter: the
    icons are made before the first paint, and a QPainter brush or pen builds PySide6's
    whole ``Qt`` namespace (~12 ms of a cold start, see main_window)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    pixels = bytearray()
    for cover in _dot_cover():
        alpha = round(255 * cover)
        pixels += bytes([*(round(value * cover) for value in rgb), alpha])  # premultiplied
    image = QImage(bytes(pixels), DOT, DOT, QImage.Format.Format_RGBA8888_Premultiplied)
    return QIcon(QPixmap.fromImage(image))  # a copy: ``pixels`` may go


class Navigator(QTreeWidget):
    node_selected = Signal(str)  # Node.key; see Node.key for why not the Node itself

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self._tree = EventTree()
        self._shown_once = False
        self._collapsed: set[Node] = set()  # what the reporter (or the first load) folded
        # Items by Node.key, as persistent indexes: a Python reference to a tree item kept
        # from one reload to the next was found dead at times (shiboken reporting the
        # item deleted); an index is resolved to a live item each time (``_get``).
        self._by_key: dict[str, QPersistentModelIndex] = {}
        self._icons = {state: _dot(colour) for state, colour in STATE_COLOURS.items()}
        self.currentItemChanged.connect(self._current_changed)
        self.itemExpanded.connect(self._expanded)
        self.itemCollapsed.connect(lambda item: self._collapsed.add(_node(item)))

    def reload(self, database: Database) -> None:
        """Read the tree again, keeping the selected node (or its event) selected."""
        self.show_tree(database.read_tree())

    def show_tree(self, tree: EventTree) -> None:
        """Show ``tree`` (at start-up, read before the database is opened for editing).

        A folded event gets its series and sessions only when it is unfolded (or one of
        them is selected): ten seasons are 120 items instead of 1,400, so the tree shows
        at once and an edit of the sessions grid reloads it without a pause.
        """
        keep = self.current_node()
        if not self._shown_once:
            self._shown_once = True
            self._collapsed |= _folded_at_first(tree)
        self._tree = tree
        with QSignalBlocker(self):
            self.clear()
            self._by_key = {}
            root = self._item(None, "All events", ROOT)
            self._add_events(root, tree)
            root.setExpanded(ROOT not in self._collapsed)
            self._item(None, "Drivers", DRIVERS).setToolTip(0, "Every driver, as one person")
            self.setCurrentItem(self._nearest(keep))
        if self.current_node() != keep:
            self.node_selected.emit(self.current_node().key)

    def _add_events(self, root: QTreeWidgetItem, tree: EventTree) -> None:
        for event in tree.events:
            node = Node("event", event.id)
            item = self._item(root, event.name, node)
            item.setToolTip(0, f"{event.circuit} ({event.time_zone})")
            if not tree.sessions.get(event.id):
                continue
            if node in self._collapsed:
                item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            else:
                self._fill(item)
                item.setExpanded(True)

    def _fill(self, event_item: QTreeWidgetItem) -> None:
        """The series and sessions of one event, under its item (once)."""
        if event_item.childCount():
            return
        event_id = _node(event_item).event_id
        assert event_id is not None
        series_items: dict[int, QTreeWidgetItem] = {}
        for row in self._tree.sessions.get(event_id, []):
            if row.series_id not in series_items:
                series_items[row.series_id] = self._series_item(event_item, event_id, row)
            self._add_session(series_items[row.series_id], row)

    def _series_item(
        self, event_item: QTreeWidgetItem, event_id: int, row: TreeSession
    ) -> QTreeWidgetItem:
        node = Node("series", event_id, row.series_id)
        found: TreeSeries = self._tree.series[row.series_id]
        item = self._item(event_item, found.name, node)
        item.setToolTip(0, found.code)
        item.setExpanded(node not in self._collapsed)
        return item

    def _expanded(self, item: QTreeWidgetItem) -> None:
        node = _node(item)
        self._collapsed.discard(node)
        if node.kind == "event":
            self._fill(item)

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
        if row is None or not self._remember_session(row):
            self.reload(database)
            return
        item = self._get(_session_node(row).key)
        if item is not None:  # else its event is folded: shown when unfolded
            self._show_session(item, row)

    def _remember_session(self, row: TreeSession) -> bool:
        """Put ``row`` in the shown tree in place of its old self; False if it moved."""
        rows = self._tree.sessions.get(row.event_id, [])
        for index, old in enumerate(rows):
            if old.id == row.id:
                rows[index] = row
                return old.series_id == row.series_id
        return False

    def _item(self, parent: QTreeWidgetItem | None, text: str, node: Node) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, NODE_ROLE, node.key)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        self._by_key[node.key] = QPersistentModelIndex(self.indexFromItem(item))
        return item

    def _get(self, key: str) -> QTreeWidgetItem | None:
        """The live item of a node key, or None (not built, or gone)."""
        index = self._by_key.get(key)
        if index is None or not index.isValid():
            return None
        return self.itemFromIndex(self.model().index(index.row(), 0, index.parent()))

    # Selection --------------------------------------------------------------------------

    def current_node(self) -> Node:
        item = self.currentItem()
        return _node(item) if item is not None else ROOT

    def node_at(self, global_point: QPoint) -> Node | None:
        """The node under a point on screen (files dropped on a tree item), or None."""
        local = self.viewport().mapFromGlobal(global_point)
        if not self.viewport().rect().contains(local):
            return None
        item = self.itemAt(local)
        return _node(item) if item is not None else None

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
        """The item of ``node``; a folded event's series and sessions are built for it."""
        item = self._get(node.key)
        if item is None and node.kind in ("series", "session"):
            event_item = self._get(Node("event", node.event_id).key)
            if event_item is not None:
                self._fill(event_item)
                item = self._get(node.key)
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is not None:
                found.append(item)
                stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.node_selected.emit(self.current_node().key)


def _folded_at_first(tree: EventTree) -> set[Node]:
    """A file of many weekends opens with the newest ones unfolded, the others folded."""
    if len(tree.events) <= UNFOLDED_AT_FIRST:
        return set()
    by_date = tree.events  # in date order (storage.tree)
    return {Node("event", event.id) for event in by_date[:-NEWEST_UNFOLDED]}


def _node(item: QTreeWidgetItem) -> Node:
    return Node.from_key(item.data(0, NODE_ROLE))


def _session_node(row: TreeSession) -> Node:
    return Node("session", row.event_id, row.series_id, row.id)
