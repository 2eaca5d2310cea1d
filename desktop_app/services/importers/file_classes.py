"""The classes a results file names that its series lacks, staged to be added together.

They are spelled, named and ordered as the shipped catalogue has them when it knows the
class (``GTDPRO`` in a file is ``GTD PRO``). A class the catalogue knows that the series
already has under its catalogue code only gets the file's spelling as an alias: it is
not new (an undo of the import leaves it and removes only the aliases it added).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from desktop_app.services.catalogue import catalogue_class
from desktop_app.services.editing import Edits
from desktop_app.services.editing_entries import NewClass
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Series


def classes_to_add(
    edit: Edits, series: Series, codes: Iterable[str], spellings: dict[str, int]
) -> tuple[list[NewClass], list[int]]:
    """The new classes of ``codes`` (each spelling once), for ``Edits.add_classes``, and
    the ids of the aliases added to saved classes (for the undo); ``spellings``: the
    series' classes by every spelling, as ``class_spellings`` reads."""
    staged: dict[str, NewClass] = {}  # by the new class's code, normalised
    added_aliases: list[int] = []
    for code in dict.fromkeys(code.strip() for code in codes):
        if code and repo.normalise_code(code) not in spellings:
            added_aliases += _stage(edit, series, code, spellings, staged)
    return list(staged.values()), added_aliases


def _stage(
    edit: Edits, series: Series, code: str, spellings: dict[str, int], staged: dict[str, NewClass]
) -> list[int]:
    """Stage ``code``'s class; the ids of aliases added to a saved class at once."""
    known = catalogue_class(series.code, series.name, code)
    if known is None:
        staged.setdefault(repo.normalise_code(code), NewClass(code))
        return []
    item, order = known
    key = repo.normalise_code(item.code)
    aliases = {code, *item.aliases} - {item.code}
    if key in spellings:  # saved, spelled otherwise by the file: more aliases
        class_id = spellings[key]
        added = [edit.add_class_alias(class_id, alias) for alias in sorted(aliases)]
        spellings[repo.normalise_code(code)] = class_id
        return [alias_id for alias_id in added if alias_id is not None]
    if key in staged:  # two spellings of one catalogue class in the file
        aliases |= set(staged[key].aliases)
        staged[key] = replace(staged[key], aliases=tuple(sorted(aliases)))
    else:
        staged[key] = NewClass(item.code, item.name, tuple(sorted(aliases)), order)
    return []
