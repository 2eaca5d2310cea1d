"""The sessions grid of one event; times are shown and typed in the event's time zone.

The Qt table over ``services.grids.sessions``, which reads the rows and builds the steps.
"""

from __future__ import annotations

from desktop_app.services.grids.sessions import (
    BROADCAST,
    ENDS,
    KIND,
    NAME,
    NOTES,
    RESULTS,
    SERIES,
    STARTS,
    SessionsRows,
)
from desktop_app.ui.models.base import EventScopedModel

__all__ = [
    "SERIES",
    "KIND",
    "NAME",
    "STARTS",
    "ENDS",
    "BROADCAST",
    "RESULTS",
    "NOTES",
    "SessionsModel",
]


class SessionsModel(SessionsRows, EventScopedModel):
    """The grid as a Qt model: rows, steps and columns come from ``SessionsRows``."""
