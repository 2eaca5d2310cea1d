"""Finding saved drivers by name across spellings (``Parker THOMPSON``, accents)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.services.importers.model import ImportedDriver
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver


def driver_key(driver: ImportedDriver) -> str:
    return repo.normalise_name(driver.full_name)


class DriverIndex:
    """Saved drivers by folded name, loaded once per import.

    Same rule as ``repository.drivers_named`` (surname and full name equal after folding
    case, accents and spacing) without scanning every driver for every name in the file.
    """

    def __init__(self, drivers: list[Driver]) -> None:
        self._by_name: dict[tuple[str, str], list[Driver]] = {}
        for driver in drivers:
            self.add(driver)

    def add(self, driver: Driver) -> None:
        key = _name_key(driver.first_name, driver.last_name)
        self._by_name.setdefault(key, []).append(driver)

    def named(self, first_name: str, last_name: str) -> list[Driver]:
        return list(self._by_name.get(_name_key(first_name, last_name), []))


def _name_key(first_name: str, last_name: str) -> tuple[str, str]:
    return repo.normalise_name(last_name), repo.normalise_name(f"{first_name} {last_name}")


def load_index(session: Session) -> DriverIndex:
    return DriverIndex(list(session.scalars(select(Driver).options(selectinload(Driver.tags)))))
