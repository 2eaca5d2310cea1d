"""The shipped catalogue of the usual series and their classes (series_catalogue.json).

It holds what reporters would otherwise type for every new file: a series' full name
(``IWSC`` is the IMSA WeatherTech SportsCar Championship), its classes in running order
with display names and the spellings timing files use (``GTDPRO`` = ``GTD PRO``).
Summaries write a series by its name; the *Series and classes* page fills a series from
here and lets the reporter edit names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from desktop_app import paths
from desktop_app.storage.repository import normalise_code

CATALOGUE = "series_catalogue.json"


@dataclass(frozen=True)
class CatalogueClass:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CatalogueSeries:
    code: str
    name: str
    aliases: tuple[str, ...]
    classes: tuple[CatalogueClass, ...]

    def spellings(self) -> set[str]:
        return {normalise_code(text) for text in (self.code, self.name, *self.aliases)}


@cache
def load_catalogue() -> tuple[CatalogueSeries, ...]:
    raw = json.loads((paths.resources_dir() / CATALOGUE).read_text(encoding="utf-8"))
    return tuple(
        CatalogueSeries(
            item["code"],
            item["name"],
            tuple(item.get("aliases", ())),
            tuple(
                CatalogueClass(c["code"], c["name"], tuple(c.get("aliases", ())))
                for c in item["classes"]
            ),
        )
        for item in raw
    )


def find_series(code_or_name: str) -> CatalogueSeries | None:
    """The catalogue series spelled ``code_or_name`` (code, name or alias, any case)."""
    wanted = normalise_code(code_or_name)
    if not wanted:
        return None
    return next((s for s in load_catalogue() if wanted in s.spellings()), None)


def catalogue_class(
    series_code: str, series_stored_name: str, class_code: str
) -> tuple[CatalogueClass, int] | None:
    """The catalogue's class (and its running order) for a code a file prints (``GTDPRO``)
    in a series known by its code or name; None when the catalogue does not know it."""
    found = find_series(series_code) or find_series(series_stored_name)
    wanted = normalise_code(class_code)
    if found is None or not wanted:
        return None
    for order, item in enumerate(found.classes):
        if wanted in {normalise_code(text) for text in (item.code, *item.aliases)}:
            return item, order
    return None


def series_name(code: str, stored_name: str) -> str:
    """How prose names a series: the stored name, unless it is only the code (or empty)
    and the catalogue knows the series."""
    if stored_name.strip() and normalise_code(stored_name) != normalise_code(code):
        return stored_name
    found = find_series(code)
    return found.name if found else (stored_name.strip() or code)
