"""Undo of a whole import as one step, through ``services.editing`` like any other change.

An import never deletes results or touches penalties, notes or tags, so undoing it means:
delete what it created (results, entries, drivers, teams, classes, aliases) and put back the old
values of what it updated (result rows, entry fields and line-ups, driver fields, the
session's result state). The old values are exactly what the ``update_*`` edits returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from desktop_app.services.editing import Editor, Edits
from desktop_app.storage.models import (
    ClassAlias,
    Driver,
    Entry,
    RaceClass,
    RaceSession,
    Result,
    Team,
)


@dataclass
class ImportUndo:
    session_id: int
    old_results: dict[int, dict[str, Any]] = field(default_factory=dict)
    created_results: list[int] = field(default_factory=list)
    created_entries: list[int] = field(default_factory=list)
    entry_fields: dict[int, dict[str, Any]] = field(default_factory=dict)
    entry_drivers: dict[int, list[int]] = field(default_factory=dict)
    created_drivers: list[int] = field(default_factory=list)
    driver_fields: dict[int, dict[str, Any]] = field(default_factory=dict)
    driver_official_ids: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    created_teams: list[int] = field(default_factory=list)
    created_classes: list[int] = field(default_factory=list)
    created_aliases: list[int] = field(default_factory=list)  # of classes saved before
    session_fields: dict[str, Any] = field(default_factory=dict)
    old_crews: dict[int, list[int]] = field(default_factory=dict)
    old_laps: list[dict[str, Any]] | None = None
    old_weather: list[dict[str, Any]] | None = None

    def keep_old_entry(self, entry_id: int, old: dict[str, Any]) -> None:
        """Only the first old value counts: that is the state before the import."""
        saved = self.entry_fields.setdefault(entry_id, {})
        for name, value in old.items():
            saved.setdefault(name, value)

    def keep_old_driver(self, driver_id: int, old: dict[str, Any]) -> None:
        saved = self.driver_fields.setdefault(driver_id, {})
        for name, value in old.items():
            saved.setdefault(name, value)


def undo_import(editor: Editor, undo: ImportUndo, action: str = "Undo import") -> None:
    """Put the database back as it was before the import (one transaction)."""
    with editor.change(action) as edit:
        undo_import_in(edit, undo)


def undo_import_in(edit: Edits, undo: ImportUndo) -> None:
    """The steps of :func:`undo_import` inside an open action (a weekend undoes many).

    Crews, laps and weather go first: crews hold on to drivers the import may have created.
    What the import created is deleted with one statement per table (``delete_rows``).
    """
    session_alive = edit.session.get(RaceSession, undo.session_id) is not None
    if session_alive:
        _restore_session_rows(edit, undo)
    _restore_results(edit, undo)
    for entry_id, line_up in undo.entry_drivers.items():
        if edit.session.get(Entry, entry_id) is not None:
            edit.set_entry_drivers(entry_id, line_up)
    for entry_id, fields in undo.entry_fields.items():
        if edit.session.get(Entry, entry_id) is not None:
            edit.update_entry(entry_id, **fields)
    edit.delete_entries(undo.created_entries)
    for driver_id, fields in undo.driver_fields.items():
        if edit.session.get(Driver, driver_id) is not None:
            edit.update_driver(driver_id, **fields)
    for driver_id, official_ids in undo.driver_official_ids.items():
        if edit.session.get(Driver, driver_id) is not None:
            edit.set_official_ids(driver_id, official_ids)
    edit.delete_rows(Driver, undo.created_drivers, "drivers")
    edit.delete_rows(Team, undo.created_teams, "teams")
    edit.delete_rows(ClassAlias, undo.created_aliases, "class_aliases")
    edit.delete_rows(RaceClass, undo.created_classes, "classes")
    if undo.session_fields and session_alive:
        edit.update_session(undo.session_id, **undo.session_fields)


def _restore_session_rows(edit: Edits, undo: ImportUndo) -> None:
    """The session's crews, laps and weather as they were; entries must still exist."""
    if undo.old_crews:
        query = select(Entry.id).where(Entry.id.in_(list(undo.old_crews)))
        alive = set(edit.session.scalars(query))
        crews = {entry_id: crew for entry_id, crew in undo.old_crews.items() if entry_id in alive}
        edit.set_session_crews(undo.session_id, crews)
    if undo.old_laps is not None:
        edit.replace_laps(undo.session_id, undo.old_laps)
    if undo.old_weather is not None:
        edit.replace_weather(undo.session_id, undo.old_weather)


def _restore_results(edit: Edits, undo: ImportUndo) -> None:
    edit.delete_results(undo.created_results)
    for result_id, fields in undo.old_results.items():
        if edit.session.get(Result, result_id) is not None:
            edit.update_result(result_id, **fields)
