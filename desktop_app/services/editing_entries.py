"""Edits of the entry list: series, classes, teams, drivers, tags and entries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.services.editing_base import EditsBase, required
from desktop_app.services.errors import EditError
from desktop_app.storage import repository as repo
from desktop_app.storage.models import (
    ClassAlias,
    Driver,
    Entry,
    EntryDriver,
    Event,
    RaceClass,
    Series,
    Tag,
    Team,
)


@dataclass(frozen=True)
class NewClass:
    """A class for :meth:`EntryEdits.add_classes`: its other spellings and its place in
    the series' running order (None: after the classes the series has)."""

    code: str
    name: str = ""
    aliases: tuple[str, ...] = ()
    sort_order: int | None = None


DRIVER_FIELDS = {
    "first_name",
    "last_name",
    "display_name",
    "country",
    "hometown_city",
    "hometown_region",
}
ENTRY_FIELDS = {"series_id", "class_id", "car_number", "team_id", "vehicle"}


class EntryEdits(EditsBase):
    # Series and classes ----------------------------------------------------------------

    def ensure_series(self, code: str, name: str) -> int:
        """The series with this code, created when missing."""
        found = repo.series_by_code(self.session, code)
        if found is not None:
            return found.id
        return self._add(Series(code=code.strip(), name=name.strip()), "series", {"code": code})

    def ensure_class(
        self,
        series_id: int,
        code: str,
        name: str = "",
        *,
        aliases: Iterable[str] = (),
        sort_order: int | None = None,
    ) -> int:
        """The class of the series spelled ``code`` (or an alias), created when missing."""
        found = repo.find_class(self.session, series_id, code)
        if found is None:
            series = self._get(Series, series_id)
            order = sort_order if sort_order is not None else len(series.classes)
            found = RaceClass(
                series_id=series_id,
                code=code.strip(),
                name=(name or code).strip(),
                sort_order=order,
            )
            self._add(found, "classes", {"code": code})
        for alias in aliases:
            self.add_class_alias(found.id, alias)
        return found.id

    def add_classes(self, series_id: int, classes: Sequence[NewClass]) -> list[int]:
        """New classes of a series with their aliases, as ``ensure_class`` makes one, in
        one insert per table; ids in the order given. A spelling that already means a
        class of the series is refused; an alias spelled like its own class is dropped."""
        if not classes:
            return []
        spellings = repo.class_spellings(self.session, series_id)
        count = len(set(spellings.values()))
        rows: list[dict[str, Any]] = []
        aliases: list[tuple[int, str]] = []  # (the class's place in ``classes``, alias)
        for number, new in enumerate(classes):
            code = required(new.code, "A class needs a code.")
            name = (new.name or code).strip()
            order = new.sort_order if new.sort_order is not None else count + number
            rows.append({"series_id": series_id, "code": code, "name": name, "sort_order": order})
            self._claim(spellings, code, -1 - number, rows)
            spellings.setdefault(repo.normalise_code(name), -1 - number)
            for alias in new.aliases:
                if self._claim(spellings, alias.strip(), -1 - number, rows):
                    aliases.append((number, alias.strip()))
        ids = self._insert(RaceClass, rows, "classes")
        alias_rows = [{"class_id": ids[number], "alias": alias} for number, alias in aliases]
        self._insert(ClassAlias, alias_rows, "class_aliases")
        self._expire_loaded(Series, series_id, "classes")  # a loaded list lacks them
        return ids

    def _claim(
        self, spellings: dict[str, int], spelling: str, mark: int, rows: list[dict[str, Any]]
    ) -> bool:
        """Give ``spelling`` to the new class ``mark`` (its place in ``rows``, negative);
        False when that class has it already. A spelling means one class of a series."""
        key = repo.normalise_code(spelling)
        holder = spellings.get(key)
        if holder is None:
            spellings[key] = mark
            return True
        if holder == mark:
            return False
        other = rows[-1 - holder]["code"] if holder < 0 else self._get(RaceClass, holder).code
        raise EditError(f'"{spelling}" already means class {other} in this series.')

    def add_class_alias(self, class_id: int, alias: str) -> int | None:
        """The new alias's id; None when the class is already spelled so."""
        race_class = self._get(RaceClass, class_id)
        other = repo.find_class(self.session, race_class.series_id, alias)
        if other is not None and other.id != class_id:
            raise EditError(f'"{alias}" already means class {other.code} in this series.')
        if other is not None:
            return None
        return self._add(
            ClassAlias(class_id=class_id, alias=alias.strip()), "class_aliases", {"alias": alias}
        )

    # Teams and tags --------------------------------------------------------------------

    def ensure_team(self, name: str) -> int | None:
        """The team of that name, created when missing; None for an empty name."""
        if not name or not name.strip():
            return None
        found = repo.team_by_name(self.session, name)
        if found is not None:
            return found.id
        return self._add(Team(name=name.strip()), "teams", {"name": name})

    def delete_team(self, team_id: int) -> None:
        """Remove a team (its entries keep running, without a team); used by import undo."""
        self._delete(self._get(Team, team_id), "teams")

    def delete_class(self, class_id: int) -> None:
        """Remove a class and its aliases (entries keep running, without a class)."""
        self._delete(self._get(RaceClass, class_id), "classes")

    def ensure_tag(self, name: str) -> Tag:
        clean = required(name, "A tag needs a name.")
        found = repo.tag_by_name(self.session, clean)
        if found is None:
            found = Tag(name=clean)
            self._add(found, "tags", {"name": clean})
        return found

    # Drivers ---------------------------------------------------------------------------

    def create_driver(self, last_name: str, *, tags: Iterable[str] = (), **fields: Any) -> int:
        driver = Driver(last_name=required(last_name, "A driver needs a last name."))
        self._add(driver, "drivers", {"last_name": last_name})
        if fields:
            self.update_driver(driver.id, **fields)
        if tags:  # a new driver has none; an import creates hundreds without any
            self.set_driver_tags(driver.id, tags)
        return driver.id

    def update_driver(self, driver_id: int, **fields: Any) -> dict[str, Any]:
        if "last_name" in fields:
            fields["last_name"] = required(fields["last_name"], "A driver needs a last name.")
        fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
        if "country" in fields:
            fields["country"] = fields["country"].upper()
        return self._update(self._get(Driver, driver_id), DRIVER_FIELDS, fields, "drivers")

    def set_driver_tags(self, driver_id: int, names: Iterable[str]) -> list[str]:
        """Replace a driver's tags; return the old tag names (for undo)."""
        driver = self._get(Driver, driver_id)
        old = [tag.name for tag in driver.tags]
        driver.tags = [self.ensure_tag(name) for name in _unique(names)]
        self._touch("drivers", driver_id, {"tags": old}, {"tags": list(names)})
        return old

    def delete_driver(self, driver_id: int) -> None:
        self._delete(self._get(Driver, driver_id), "drivers")

    # Entries ---------------------------------------------------------------------------

    def create_entry(
        self,
        event_id: int,
        series_id: int,
        car_number: str | None,
        *,
        class_id: int | None = None,
        team_id: int | None = None,
        vehicle: str = "",
        driver_ids: Sequence[int] = (),
        tags: Iterable[str] = (),
    ) -> int:
        self._get(Event, event_id)
        number = self._free_number(event_id, series_id, car_number, None)
        entry = Entry(
            event_id=event_id,
            series_id=series_id,
            car_number=number,
            class_id=class_id,
            team_id=team_id,
            vehicle=vehicle.strip(),
        )
        self._add(entry, "entries", {"car_number": number})
        self.set_entry_drivers(entry.id, driver_ids)
        if tags:
            self.set_entry_tags(entry.id, tags)
        self.changes.event_ids.add(event_id)
        return entry.id

    def update_entry(self, entry_id: int, **fields: Any) -> dict[str, Any]:
        entry = self._get(Entry, entry_id)
        if "car_number" in fields:
            series_id = fields.get("series_id", entry.series_id)
            fields["car_number"] = self._free_number(
                entry.event_id, series_id, fields["car_number"], entry_id
            )
        if "vehicle" in fields:
            fields["vehicle"] = (fields["vehicle"] or "").strip()
        return self._update(entry, ENTRY_FIELDS, fields, "entries", event_ids={entry.event_id})

    def set_entry_drivers(self, entry_id: int, driver_ids: Sequence[int]) -> list[int]:
        """Put these drivers in the car, in seat order; return the old line-up (for undo)."""
        entry = self._get(Entry, entry_id)
        if len(set(driver_ids)) != len(driver_ids):
            raise EditError("The same driver cannot sit in a car twice.")
        old = [seat.driver_id for seat in entry.seats]
        entry.seats.clear()
        self.session.flush()
        for seat, driver_id in enumerate(driver_ids, start=1):
            self._get(Driver, driver_id)
            entry.seats.append(EntryDriver(driver_id=driver_id, seat=seat))
        self._touch("entries", entry_id, {"drivers": old}, {"drivers": list(driver_ids)})
        return old

    def set_entry_tags(self, entry_id: int, names: Iterable[str]) -> list[str]:
        entry = self._get(Entry, entry_id)
        old = [tag.name for tag in entry.tags]
        entry.tags = [self.ensure_tag(name) for name in _unique(names)]
        self._touch("entries", entry_id, {"tags": old}, {"tags": list(names)})
        return old

    def delete_entry(self, entry_id: int) -> None:
        entry = self._get(Entry, entry_id)
        self.changes.event_ids.add(entry.event_id)
        self._delete(entry, "entries")

    def _free_number(
        self, event_id: int, series_id: int, number: str | None, entry_id: int | None
    ) -> str | None:
        """Car numbers are text (``01`` is not ``1``) and unique per event and series."""
        clean = clean_car_number(number)
        if clean is None:
            return None
        taken = repo.entry_by_number(self.session, event_id, series_id, clean)
        if taken is not None and taken.id != entry_id:
            series = self._get(Series, series_id)
            raise EditError(f"Car #{clean} is already in the {series.name} entry list.")
        return clean


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        if name and name.strip():
            seen.setdefault(name.strip(), None)
    return list(seen)


def clean_car_number(number: str | None) -> str | None:
    """A car number as it is kept: no ``#``, no spaces around, at most 10 characters
    (None when empty; refused when longer)."""
    clean = (number or "").strip().lstrip("#").strip() or None
    if clean is not None and len(clean) > 10:
        raise EditError(f'"{clean}" is too long for a car number.')
    return clean
