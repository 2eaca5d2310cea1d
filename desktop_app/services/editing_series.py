"""Edits of series and classes: names, codes, running order, aliases, the catalogue.

Each ``update_*`` returns the old values, which is what an undo step puts back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from desktop_app.services import catalogue
from desktop_app.services.editing_base import EditsBase, required
from desktop_app.services.errors import EditError
from desktop_app.storage import repository as repo
from desktop_app.storage.models import ClassAlias, RaceClass, Series

SERIES_FIELDS = {"code", "name"}
CLASS_FIELDS = {"code", "name", "sort_order"}


if TYPE_CHECKING:  # Edits mixes this in beside EntryEdits, whose class helpers it uses
    from desktop_app.services.editing_entries import EntryEdits as _Base
else:
    _Base = EditsBase


class SeriesEdits(_Base):
    def update_series(self, series_id: int, **fields: Any) -> dict[str, Any]:
        series = self._get(Series, series_id)
        for name in fields.keys() & {"code", "name"}:
            fields[name] = required(fields[name], f"A series needs a {name}.")
        if "code" in fields:
            other = repo.series_by_code(self.session, fields["code"])
            if other is not None and other.id != series_id:
                raise EditError(f'The code "{fields["code"]}" is already the series {other.name}.')
        return self._update(series, SERIES_FIELDS, fields, "series")

    def update_class(self, class_id: int, **fields: Any) -> dict[str, Any]:
        race_class = self._get(RaceClass, class_id)
        for name in fields.keys() & {"code", "name"}:
            fields[name] = required(fields[name], f"A class needs a {name}.")
        if "code" in fields:
            other = repo.find_class(self.session, race_class.series_id, fields["code"])
            if other is not None and other.id != class_id:
                raise EditError(f'"{fields["code"]}" already means class {other.code}.')
        return self._update(race_class, CLASS_FIELDS, fields, "classes")

    def set_class_aliases(self, class_id: int, aliases: Sequence[str]) -> dict[str, Any]:
        """Replace the class's other spellings; returns ``{"aliases": old}`` for undo."""
        race_class = self._get(RaceClass, class_id)
        old = [row.alias for row in race_class.aliases]
        for row in list(race_class.aliases):
            self.session.delete(row)
        race_class.aliases.clear()
        self.session.flush()
        for spelling in dict.fromkeys(a.strip() for a in aliases if a.strip()):
            self.add_class_alias(class_id, spelling)
        self._touch("classes", class_id, {"aliases": old}, {"aliases": list(aliases)})
        return {"aliases": old}

    def fill_from_catalogue(self, series_id: int) -> dict[str, Any]:
        """Give the series its catalogue name and add the catalogue's missing classes and
        aliases. Returns what :meth:`unfill_from_catalogue` needs to take it back."""
        series = self._get(Series, series_id)
        found = catalogue.find_series(series.code) or catalogue.find_series(series.name)
        if found is None:
            raise EditError(f"The catalogue does not know the series {series.code}.")
        state: dict[str, Any] = {"name": series.name, "classes": [], "aliases": []}
        self.update_series(series_id, name=found.name)
        for order, item in enumerate(found.classes):
            existing = repo.find_class(self.session, series_id, item.code)
            if existing is None:
                class_id = self.ensure_class(series_id, item.code, item.name, sort_order=order)
                state["classes"].append(class_id)
            else:
                class_id = existing.id
            state["aliases"] += self._missing_aliases(class_id, item.aliases)
        return state

    def _missing_aliases(self, class_id: int, aliases: Sequence[str]) -> list[int]:
        added = []
        for alias in aliases:
            if repo.find_class(self.session, self._get(RaceClass, class_id).series_id, alias):
                continue
            self.add_class_alias(class_id, alias)
            row = self.session.query(ClassAlias).filter_by(class_id=class_id, alias=alias).one()
            added.append(row.id)
        return added

    def unfill_from_catalogue(self, series_id: int, state: dict[str, Any]) -> None:
        for alias_id in state["aliases"]:
            alias = self.session.get(ClassAlias, alias_id)
            if alias is not None:
                self._delete(alias, "class_aliases")
        for class_id in state["classes"]:
            if self.session.get(RaceClass, class_id) is not None:
                self.delete_class(class_id)
        self.update_series(series_id, name=state["name"])
