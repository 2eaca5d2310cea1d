"""Read view of the *Series and classes* page: every series with its classes in order."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop_app.services import catalogue
from desktop_app.storage.database import Database
from desktop_app.storage.models import RaceClass, Series


@dataclass(frozen=True)
class ClassRow:
    id: int
    code: str
    name: str
    sort_order: int
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class SeriesRow:
    id: int
    code: str
    name: str
    in_catalogue: bool  # "Fill from catalogue" can complete it
    classes: tuple[ClassRow, ...]


def series_rows(database: Database) -> list[SeriesRow]:
    """Series by code, each with its classes in running order."""
    query = (
        select(Series)
        .order_by(Series.code)
        .options(selectinload(Series.classes).selectinload(RaceClass.aliases))
    )
    with database.read() as session:
        return [
            SeriesRow(
                series.id,
                series.code,
                series.name,
                catalogue.find_series(series.code) is not None,
                tuple(
                    ClassRow(c.id, c.code, c.name, c.sort_order, tuple(a.alias for a in c.aliases))
                    for c in series.classes
                ),
            )
            for series in session.scalars(query)
        ]
