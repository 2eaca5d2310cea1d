"""The classes a results file names that its series lacks, staged to be added together.

They are spelled, named and ordered as the shipped catalogue has them when it knows the
class (``GTDPRO`` in a file is ``GTD PRO``). A class the catalogue knows that the series
already has under its catalogue code only gets the file's spelling as an alias: it is
not new (an undo of the import leaves it).
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
) -> list[NewClass]:
    """The new classes of ``codes`` (each spelling once), for ``Edits.add_classes``;
    ``spellings``: the series' classes by every spelling, as ``class_spellings`` reads."""
    staged: dict[str, NewClass] = {}  # by the new class's code, normalised
    for code in dict.fromkeys(code.strip() for code in codes):
        if code and repo.normalise_code(code) not in spellings:
            _stage(edit, series, code, spellings, staged)
    return list(staged.values())


def _stage(
    edit: Edits, series: Series, code: str, spellings: dict[str, int], staged: dict[str, NewClass]
) -> None:
    known = catalogue_class(series.code, series.name, code)
    if known is None:
        staged.setdefault(repo.normalise_code(code), NewClass(code))
        return
    item, order = known
    key = repo.normalise_code(item.code)
    aliases = {code, *item.aliases} - {item.code}
    if key in spellings:  # saved, spelled otherwise by the file: one more alias
        edit.ensure_class(series.id, item.code, aliases=sorted(aliases))
        spellings[repo.normalise_code(code)] = spellings[key]
    elif key in staged:  # two spellings of one catalogue class in the file
        aliases |= set(staged[key].aliases)
        staged[key] = replace(staged[key], aliases=tuple(sorted(aliases)))
    else:
        staged[key] = NewClass(item.code, item.name, tuple(sorted(aliases)), order)
