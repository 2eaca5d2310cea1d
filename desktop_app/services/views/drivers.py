"""A driver as every reader shows one: a grid row's crew, a summary's names.

The grid needs the id and the names (to read a typed qualifying driver); a summary also
quotes the hometown and country and marks who is in the reporter's focus.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.storage.models import Driver


@dataclass(frozen=True)
class DriverView:
    id: int
    first_name: str
    last_name: str
    full_name: str
    hometown: str = ""
    country: str = ""
    in_focus: bool = False

    @property
    def driver_id(self) -> int:
        """The grid's name for ``id`` (rows compare it with a result's Q driver id)."""
        return self.id

    @property
    def name(self) -> str:
        """The name as printed, as the grid's Drivers column and messages show it."""
        return self.full_name


def driver_view(driver: Driver, in_focus: bool = False) -> DriverView:
    return DriverView(
        id=driver.id,
        first_name=driver.first_name,
        last_name=driver.last_name,
        full_name=driver.full_name,
        hometown=driver.hometown,
        country=driver.country,
        in_focus=in_focus,
    )
