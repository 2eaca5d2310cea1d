"""Driver names and hometowns as timing files print them; names go through the domain.

The one name parser lives in :mod:`desktop_app.domain.names`; this module keeps the
importer's small helpers (hometown, country code) and the names importers already call.
"""

from __future__ import annotations

import functools

from desktop_app.domain import names as domain
from desktop_app.domain.names import PersonName, parse_name, proper_name, proper_word

__all__ = ["country_code", "from_parts", "proper_name", "proper_word", "split_full_name"]


@functools.lru_cache(maxsize=4096)
def from_parts(first: str, last: str) -> PersonName:
    """:func:`domain.names.from_parts`, once per spelling: a weekend's five results files
    print the same 174 drivers (the value is frozen, so sharing it is safe)."""
    return domain.from_parts(first, last)


@functools.lru_cache(maxsize=4096)
def split_full_name(text: str) -> tuple[str, str]:
    """``Simon DOLAN`` -> (Simon, Dolan); ``THOMPSON Parker`` -> (Parker, Thompson)."""
    name = parse_name(text)
    return name.first_name, name.last_name


def split_hometown(text: str) -> tuple[str, str]:
    """``Zolder, Belgium`` -> (Zolder, Belgium); ``Windsor , ON`` -> (Windsor, ON)."""
    city, _, region = text.partition(",")
    return " ".join(city.split()), " ".join(region.split())


def country_code(text: str) -> str:
    """A 2- or 3-letter code as files print it (``GBR``); anything longer is not a code."""
    code = text.strip().upper()
    return code if 2 <= len(code) <= 3 and code.isalpha() else ""
