"""A car keyed in the results grid that the entry list does not hold yet."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NewEntry:
    """What the reporter knows about an unknown car: drivers as "First Last" names."""

    car_number: str
    class_code: str = ""
    team: str = ""
    vehicle: str = ""
    drivers: tuple[str, ...] = ()


def split_drivers(text: str) -> tuple[str, ...]:
    """Drivers typed as on a sheet: "A. Smith / B. Jones", or comma or semicolon separated."""
    for separator in (";", ","):
        text = text.replace(separator, "/")
    return tuple(name.strip() for name in text.split("/") if name.strip())
