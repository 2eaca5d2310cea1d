"""A series and its classes as every reader shows them: the Series page, entry headings.

One frozen view per class (code, name, running order, the other spellings files use) and
per series (its classes in running order), read from loaded rows; the Series and classes
page adds only whether the catalogue can complete a series.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.storage.models import RaceClass, Series


@dataclass(frozen=True)
class ClassView:
    id: int
    code: str
    name: str
    sort_order: int
    aliases: tuple[str, ...] = ()  # "GTDPRO" for GTD PRO: how other files spell it


@dataclass(frozen=True)
class SeriesView:
    id: int
    code: str
    name: str
    classes: tuple[ClassView, ...] = ()  # in running order


def class_view(race_class: RaceClass) -> ClassView:
    """Needs the class's aliases loaded (or loadable)."""
    aliases = tuple(alias.alias for alias in race_class.aliases)
    order = race_class.sort_order
    return ClassView(race_class.id, race_class.code, race_class.name, order, aliases)


def series_view(series: Series) -> SeriesView:
    """Needs the series' classes and their aliases loaded (or loadable)."""
    classes = tuple(class_view(race_class) for race_class in series.classes)
    return SeriesView(series.id, series.code, series.name, classes)
