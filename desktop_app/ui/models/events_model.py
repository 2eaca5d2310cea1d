"""The events grid: name, circuit, first and last day, time zone.

The Qt table over ``services.grids.events``, which reads the rows and builds the steps.
"""

from __future__ import annotations

from desktop_app.services.grids.events import CIRCUIT, END, NAME, START, ZONE, EventsRows
from desktop_app.ui.models.base import RowTableModel

__all__ = ["NAME", "CIRCUIT", "START", "END", "ZONE", "EventsModel"]


class EventsModel(EventsRows, RowTableModel):
    """The grid as a Qt model: rows, steps and columns come from ``EventsRows``."""
