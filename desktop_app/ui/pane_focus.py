"""View > Go to navigator / grid / summary: the keyboard reaches each pane of the window.

Ctrl+1, Ctrl+2 and Ctrl+3 (as the panes read left to right); a hidden summary dock is
shown first. The grid is whichever the right-hand side shows (results, events,
sessions or entries, drivers).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QWidget

PANES = (
    ("focus_navigator", "Go to &navigator", "Ctrl+1"),
    ("focus_grid", "Go to &grid", "Ctrl+2"),
    ("focus_summary", "Go to s&ummary", "Ctrl+3"),
)


def focus_navigator(window: Any) -> None:
    navigator = getattr(window, "navigator", None)
    if navigator is not None:
        navigator.setFocus()


def focus_grid(window: Any) -> None:
    """The grid on the right: the results grid, or the events/sessions/entries one."""
    grid = window.active_grid() if hasattr(window, "active_grid") else None
    page: QWidget = window.stack.currentWidget()
    if grid is None:
        grid = getattr(page, "view", None) or getattr(page, "grid", None)
    if grid is None:
        grids = page.findChildren(QAbstractItemView)
        grid = next((g for g in grids if g.isVisible()), None)
    if grid is not None:
        grid.setFocus()


def focus_summary(window: Any) -> None:
    dock = window.summary_dock
    dock.show()
    dock.raise_()
    panel = dock.widget()
    target = getattr(panel, "preview", None) or panel
    if target is not None:
        target.setFocus()
