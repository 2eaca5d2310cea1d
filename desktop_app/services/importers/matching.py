"""Which saved driver a name in a timing file is: one identity per person.

In order: the timing provider's own driver id (``DRIVER1_IMSA_DriverId``), then the name
spelled any way (case, accents, particles, ``DeAngelis`` = ``De Angelis``), then a close
spelling (``Mantell`` ~ ``Mantella``, or a saved surname without first name). A close
spelling, or a name that fits several saved drivers, is never guessed: it becomes a
question for the reporter (:class:`DriverMatch` with ``question`` set).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.names import (
    PersonName,
    fold,
    identity_keys,
    is_close_spelling,
    surname_keys,
)
from desktop_app.services.editing_bulk import DriverValues
from desktop_app.services.importers.model import ImportedDriver
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver, DriverOfficialId

SEVERAL = "several"  # the name fits more than one saved driver
CLOSE = "close"  # spelled like a saved driver, but not the same


def driver_key(driver: ImportedDriver) -> str:
    return _normalised(driver.full_name)


# pure functions of a name, asked for the same few hundred names in every file of a batch
_normalised = functools.lru_cache(maxsize=4096)(repo.normalise_name)
_identity_keys = functools.lru_cache(maxsize=4096)(identity_keys)


@dataclass(frozen=True)
class DriverMatch:
    """A sure match (``driver``), a question (``question`` and ``candidates``), or neither."""

    driver: DriverValues | None = None
    candidates: tuple[DriverValues, ...] = ()
    question: str = ""
    by_official_id: bool = False


@dataclass
class DriverIndex:
    """Saved drivers by official id, by identity key and by surname; loaded once per import."""

    by_id: dict[tuple[str, str], DriverValues] = field(default_factory=dict)
    by_key: dict[str, list[DriverValues]] = field(default_factory=dict)
    by_bucket: dict[str, list[DriverValues]] = field(default_factory=dict)

    @classmethod
    def of(cls, drivers: Iterable[DriverValues]) -> DriverIndex:
        index = cls()
        for driver in drivers:
            index.add(driver)
        return index

    def add(self, driver: DriverValues) -> None:
        for pair in driver.official_ids:
            self.by_id[pair] = driver
        for key in _identity_keys(driver.first_name, driver.last_name):
            _append(self.by_key.setdefault(key, []), driver)
        for bucket in _buckets(driver.last_name):
            _append(self.by_bucket.setdefault(bucket, []), driver)

    def add_official_id(self, driver: DriverValues, provider: str, official_id: str) -> None:
        self.by_id[(provider, official_id)] = driver

    def named(self, first_name: str, last_name: str) -> list[DriverValues]:
        found: list[DriverValues] = []
        for key in sorted(_identity_keys(first_name, last_name)):
            for driver in self.by_key.get(key, []):
                _append(found, driver)
        return found

    def resolve(self, imported: ImportedDriver) -> DriverMatch:
        """Official id first, then the name, then a close spelling (a question)."""
        for provider, official_id in imported.official_ids:
            known = self.by_id.get((provider, official_id))
            if known is not None:
                return DriverMatch(known, by_official_id=True)
        named = [
            d for d in self.named(imported.first_name, imported.last_name) if _may_be(d, imported)
        ]
        if len(named) == 1:
            return DriverMatch(named[0])
        if named:
            return DriverMatch(candidates=tuple(named), question=SEVERAL)
        close = self.close_to(imported)
        return DriverMatch(candidates=tuple(close), question=CLOSE if close else "")

    def close_to(self, imported: ImportedDriver) -> list[DriverValues]:
        wanted = PersonName(imported.first_name, imported.last_name)
        found: list[DriverValues] = []
        for bucket in _buckets(imported.last_name):
            for driver in self.by_bucket.get(bucket, []):
                saved = PersonName(driver.first_name, driver.last_name)
                if _may_be(driver, imported) and is_close_spelling(wanted, saved):
                    _append(found, driver)
        return found


def _may_be(driver: DriverValues, imported: ImportedDriver) -> bool:
    """A saved driver with another id from the same provider is someone else."""
    saved = dict(driver.official_ids)
    return all(saved.get(provider, value) == value for provider, value in imported.official_ids)


@functools.lru_cache(maxsize=4096)
def _buckets(last_name: str) -> frozenset[str]:
    """Close spellings are looked for among surnames starting with the same two letters."""
    keys = set(surname_keys(last_name)) | {fold(last_name).replace(" ", "")}
    return frozenset(key[:2] for key in keys if key)


def _append(items: list[DriverValues], driver: DriverValues) -> None:
    """Once per driver; by identity, as a driver an import is about to create has no id
    yet; the index holds one value per saved driver)."""
    if all(item is not driver for item in items):
        items.append(driver)


def load_index(session: Session) -> DriverIndex:
    """Every saved driver as plain values (two column queries, no ORM rows: an import
    changes a driver through ``Edits`` and keeps its value in step)."""
    columns = (Driver.id, Driver.first_name, Driver.last_name, Driver.display_name,
               Driver.country, Driver.hometown_city, Driver.hometown_region)  # fmt: skip
    drivers = {row[0]: DriverValues(*row) for row in session.execute(select(*columns))}
    official = (DriverOfficialId.driver_id, DriverOfficialId.provider, DriverOfficialId.official_id)
    query = select(*official).order_by(DriverOfficialId.id)
    for driver_id, provider, official_id in session.execute(query):
        drivers[driver_id].official_ids.append((provider, official_id))
    return DriverIndex.of(drivers.values())
