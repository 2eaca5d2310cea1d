"""The entry list of one event: car, series, class, team, vehicle, drivers, tags.

The Qt table over ``services.grids.entries``, which reads the rows and builds the steps.
"""

from __future__ import annotations

from desktop_app.services.grids.entries import (
    CAR,
    CLASS,
    DRIVERS,
    SERIES,
    TAGS,
    TEAM,
    VEHICLE,
    EntriesRows,
)
from desktop_app.ui.models.base import EventScopedModel

__all__ = ["CAR", "SERIES", "CLASS", "TEAM", "VEHICLE", "DRIVERS", "TAGS", "EntriesModel"]


class EntriesModel(EntriesRows, EventScopedModel):
    """The grid as a Qt model: rows, steps and columns come from ``EntriesRows``."""
