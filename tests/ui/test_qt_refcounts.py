"""Guard for the PySide6 pin in pyproject.toml (``PySide6-Essentials<6.12``).

PySide6 6.12.0 on CPython 3.11 returns ``None`` from void Qt calls (``addChild``,
``setExpanded``...) and from empty ``data()`` reads without taking a reference. Each call
lowers None's reference count by one until Python aborts with "none_dealloc": on a
ten-season database the navigator alone loses ~5,500 per reload, so the window died after
a few View > Refresh. Python 3.12 made None immortal, so there the bug is harmless.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

CALLS = 2000

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on"
)


def none_refs_lost(action) -> int:
    """References to None lost over CALLS calls (the garbage collector paused, as it
    frees objects that held None and would blur the count)."""
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            action()
        return before - sys.getrefcount(None)
    finally:
        gc.enable()


def test_void_qt_calls_keep_none_alive(qapp) -> None:
    tree = QTreeWidget()
    root = QTreeWidgetItem(["All events"])
    tree.addTopLevelItem(root)

    def add_expanded_child() -> None:
        child = QTreeWidgetItem(["Race"])
        root.addChild(child)
        child.setExpanded(True)

    assert none_refs_lost(add_expanded_child) < CALLS // 10


def test_empty_item_data_keeps_none_alive(qapp) -> None:
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem("#12"))
    index = model.index(0, 0)
    assert none_refs_lost(lambda: index.data(Qt.ItemDataRole.UserRole)) < CALLS // 10
