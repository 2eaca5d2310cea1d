"""Read view of the *Series and classes* page: every series with its classes in order.

The series and classes are the shared views (``views/classes.py``); the page adds only
whether the catalogue can complete a series.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop_app.services import catalogue
from desktop_app.services.views.classes import ClassView, SeriesView, series_view
from desktop_app.storage.database import Database
from desktop_app.storage.models import RaceClass, Series

__all__ = ["ClassView", "SeriesRow", "series_rows"]


@dataclass(frozen=True)
class SeriesRow(SeriesView):
    in_catalogue: bool = False  # "Fill from catalogue" can complete it


def series_rows(database: Database) -> list[SeriesRow]:
    """Series by code, each with its classes in running order."""
    query = (
        select(Series)
        .order_by(Series.code)
        .options(selectinload(Series.classes).selectinload(RaceClass.aliases))
    )
    with database.read() as session:
        return [_row(series) for series in session.scalars(query)]


def _row(series: Series) -> SeriesRow:
    view = series_view(series)
    in_catalogue = catalogue.find_series(series.code) is not None
    return SeriesRow(view.id, view.code, view.name, view.classes, in_catalogue)
