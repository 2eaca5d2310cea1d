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
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.names import (
    PersonName,
    fold,
    identity_keys,
    is_close_spelling,
    surname_keys,
)
from desktop_app.services.importers.model import ImportedDriver
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver

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

    driver: Driver | None = None
    candidates: tuple[Driver, ...] = ()
    question: str = ""
    by_official_id: bool = False


@dataclass
class DriverIndex:
    """Saved drivers by official id, by identity key and by surname; loaded once per import."""

    by_id: dict[tuple[str, str], Driver] = field(default_factory=dict)
    by_key: dict[str, list[Driver]] = field(default_factory=dict)
    by_bucket: dict[str, list[Driver]] = field(default_factory=dict)

    @classmethod
    def of(cls, drivers: Iterable[Driver]) -> DriverIndex:
        index = cls()
        for driver in drivers:
            index.add(driver)
        return index

    def add(self, driver: Driver) -> None:
        for official in driver.official_ids:
            self.by_id[(official.provider, official.official_id)] = driver
        for key in _identity_keys(driver.first_name, driver.last_name):
            _append(self.by_key.setdefault(key, []), driver)
        for bucket in _buckets(driver.last_name):
            _append(self.by_bucket.setdefault(bucket, []), driver)

    def add_official_id(self, driver: Driver, provider: str, official_id: str) -> None:
        self.by_id[(provider, official_id)] = driver

    def named(self, first_name: str, last_name: str) -> list[Driver]:
        found: list[Driver] = []
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

    def close_to(self, imported: ImportedDriver) -> list[Driver]:
        wanted = PersonName(imported.first_name, imported.last_name)
        found: list[Driver] = []
        for bucket in _buckets(imported.last_name):
            for driver in self.by_bucket.get(bucket, []):
                saved = PersonName(driver.first_name, driver.last_name)
                if _may_be(driver, imported) and is_close_spelling(wanted, saved):
                    _append(found, driver)
        return found


def _may_be(driver: Driver, imported: ImportedDriver) -> bool:
    """A saved driver with another id from the same provider is someone else."""
    saved = {official.provider: official.official_id for official in driver.official_ids}
    return all(saved.get(provider, value) == value for provider, value in imported.official_ids)


@functools.lru_cache(maxsize=4096)
def _buckets(last_name: str) -> frozenset[str]:
    """Close spellings are looked for among surnames starting with the same two letters."""
    keys = set(surname_keys(last_name)) | {fold(last_name).replace(" ", "")}
    return frozenset(key[:2] for key in keys if key)


def _append(items: list[Driver], driver: Driver) -> None:
    """Once per driver; by identity, as a driver an import is about to create has no id
    yet (one session holds one object per saved row)."""
    if all(item is not driver for item in items):
        items.append(driver)


def load_index(session: Session) -> DriverIndex:
    # tags only show in a question about a name (loaded then, for its few candidates)
    query = select(Driver).options(selectinload(Driver.official_ids))
    return DriverIndex.of(session.scalars(query))
