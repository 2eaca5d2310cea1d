"""Apply a weekend plan: ONE transaction and ONE undo record for the whole batch.

The batch is one ``WeekendStep`` of the one undo protocol (``services.undo``): the CLI
applies it, the window also pushes its record on the undo stack.

Sessions, event and series are created inside the same action as the rows they get, so
an error, a cancel or a killed process leaves no empty session behind. ``progress`` is
called between files and may raise :class:`ImportCancelled`; then nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from desktop_app.services.conflicts import refuse_changed_sessions
from desktop_app.services.editing import Editor, Edits
from desktop_app.services.editing_bulk import NewSession
from desktop_app.services.errors import EditError
from desktop_app.services.importers.apply import Answers, import_into
from desktop_app.services.importers.batch_memory import BatchMemory
from desktop_app.services.importers.collecting import cycle_collector_paused
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.report import ImportReport
from desktop_app.services.importers.undo import ImportUndo, undo_import_in
from desktop_app.services.importers.weekend import Target, WeekendPlan
from desktop_app.services.importers.weekend_files import BatchFile
from desktop_app.services.undo import RowIds, UndoRecord, perform
from desktop_app.storage.models import Event, ImportedFileRecord, RaceSession, Series

Progress = Callable[[float, str], None]


@dataclass
class WeekendUndo:
    """Everything a weekend import did, to take back in one step (reverse order)."""

    imports: list[ImportUndo] = field(default_factory=list)
    file_records: list[int] = field(default_factory=list)
    created_sessions: list[int] = field(default_factory=list)
    created_series: list[int] = field(default_factory=list)
    created_event: int | None = None
    event_id: int | None = None
    event_fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class WeekendReport:
    event_id: int
    lines: list[str] = field(default_factory=list)
    undo: WeekendUndo = field(default_factory=WeekendUndo)
    reports: list[ImportReport] = field(default_factory=list)
    new_sessions: int = 0
    sessions: int = 0

    def total(self, name: str) -> int:
        return sum(getattr(report, name) for report in self.reports)

    def summary(self, event_name: str) -> str:
        files = len(self.reports)
        return (
            f"Imported {files} file{'s' if files != 1 else ''} into {self.sessions} "
            f"session{'s' if self.sessions != 1 else ''} ({self.new_sessions} new) of "
            f"{event_name}: {self.total('results')} results, {self.total('laps'):,} laps, "
            f"{self.total('weather')} weather readings."
        )


def refuse_failed(plan: WeekendPlan, keep_going: bool) -> None:
    """A bad timing file stops the whole batch unless the reporter asked to keep going."""
    if plan.failed and not keep_going:
        lines = [f"  {file.path.name}: {file.error}" for file in plan.failed]
        raise TimingImportError(
            f"{len(plan.failed)} of the files cannot be imported, so nothing was imported "
            "(use --keep-going, or Import the rest in the window, to import the others):\n"
            + "\n".join(lines)
        )


def apply_weekend(
    editor: Editor,
    plan: WeekendPlan,
    answers: Answers | None = None,
    *,
    keep_going: bool = False,
    progress: Progress | None = None,
) -> WeekendReport:
    """Save every planned file into its session; all or nothing."""
    return import_weekend(editor, plan, answers, keep_going=keep_going, progress=progress)[0]


def import_weekend(
    editor: Editor,
    plan: WeekendPlan,
    answers: Answers | None = None,
    *,
    keep_going: bool = False,
    progress: Progress | None = None,
) -> tuple[WeekendReport, UndoRecord]:
    """The batch as one user action of ``services.undo``: its report and its undo record
    (the window pushes the record; undo takes the whole batch back, redo imports it again).
    """
    refuse_failed(plan, keep_going)
    if not plan.targets:
        raise TimingImportError(
            "Nothing was imported: every file was imported before and is unchanged."
        )
    step = WeekendStep(plan, dict(answers or {}), progress)
    try:
        with cycle_collector_paused():
            record = perform(editor, weekend_action_text(plan), [step])
    except EditError as error:
        raise TimingImportError(f"Nothing was imported: {error}") from error
    assert step.report is not None
    return step.report, record


def weekend_action_text(plan: WeekendPlan) -> str:
    """What the undo menu and the change history call the batch."""
    names = [file.path.name for target in plan.targets for file in target.files]
    if len(names) == 1:
        return f"Import {names[0]}"
    return f"Import {len(names)} files into {plan.event_name}"


@dataclass
class WeekendStep:
    """The whole batch as one step of the one undo protocol (``services.undo.Step``).

    Redo imports the same plan again (new sessions get new ids: the batch's own undo
    keeps them); the progress bar is shown on the first run only.
    """

    plan: WeekendPlan
    answers: Answers
    progress: Progress | None = None
    report: WeekendReport | None = None

    def apply(self, edit: Edits, ids: RowIds) -> None:  # noqa: ARG002 - the protocol's
        if self.report is None:  # the first run: refused if others changed what was read
            self._refuse_changed(edit)
        self.report = _Batch(edit, self.plan, self.answers, self.progress).run()
        self.progress = None

    def _refuse_changed(self, edit: Edits) -> None:
        """On a server, the target sessions are locked and must be as the plan read them."""
        plan = self.plan
        targets = [t.session_id for t in plan.targets if t.session_id is not None]
        since, author = plan.read_version, edit.changes.author
        refuse_changed_sessions(edit.session, since, author, targets, plan.event_id)

    def revert(self, edit: Edits, ids: RowIds) -> None:  # noqa: ARG002 - the protocol's
        if self.report is not None:
            with cycle_collector_paused():
                undo_weekend_in(edit, self.report.undo)


class _Batch:
    def __init__(
        self, edit: Edits, plan: WeekendPlan, answers: Answers, progress: Progress | None
    ) -> None:
        self.edit, self.plan, self.answers, self.progress = edit, plan, answers, progress
        self.undo = WeekendUndo()
        self.memory = BatchMemory()  # drivers, classes, teams, cars: read once per batch
        self.series: dict[str, int] = {}  # series ids by the code a file gave
        self.total_rows = max(1, sum(_rows(f) for t in plan.targets for f in t.files))
        self.done_rows = 0
        self.applied: list[tuple[int, str, str, str]] = []  # remembered at the end, at once

    def run(self) -> WeekendReport:
        event_id = self._event()
        report = WeekendReport(event_id, undo=self.undo)
        for target, session_id in zip(self.plan.targets, self._sessions(event_id), strict=True):
            report.sessions += 1
            report.new_sessions += int(target.is_new)
            for file in target.files:
                done = self._import_file(file, session_id)
                report.reports.append(done)
                report.lines.append(f"{file.path.name} -> {target.name}: " + " ".join(done.lines()))
        self._event_days(event_id)
        self.undo.file_records.extend(self.edit.record_imported_files(self.applied))
        self._tick("Saving...")
        return report

    def _import_file(self, file: BatchFile, session_id: int) -> ImportReport:
        """One file into its session, remembered by its hash so a re-import is a no-op."""
        self._tick(f"Importing {file.path.name}...")
        assert file.imported is not None
        try:
            done = import_into(
                self.edit,
                file.imported,
                session_id,
                self.answers,
                memory=self.memory,
            )
        except EditError as error:
            raise TimingImportError(
                f"{file.path.name} was not imported ({error}); nothing of the batch was."
            ) from error
        if done.undo is not None:
            self.undo.imports.append(done.undo)
        kind = file.part.value or "results"
        self.applied.append((session_id, file.path.name, file.sha256, kind))
        self.done_rows += _rows(file)
        return done

    def _tick(self, text: str) -> None:
        if self.progress is not None:
            self.progress(self.done_rows / self.total_rows, text)

    def _event(self) -> int:
        if self.plan.event_id is not None:
            self.undo.event_id = self.plan.event_id
            return self.plan.event_id
        event_id = self.edit.create_event(self.plan.event_name, time_zone=self.plan.time_zone)
        self.undo.created_event = self.undo.event_id = event_id
        return event_id

    def _sessions(self, event_id: int) -> list[int]:
        """Each target's session: the one chosen, or a new one (made together, one flush
        and one history line for all)."""
        new = [self._new_session(t) for t in self.plan.targets if t.session_id is None]
        made = self.edit.add_sessions(event_id, new)
        self.undo.created_sessions.extend(made)
        fresh = iter(made)
        return [t.session_id or next(fresh) for t in self.plan.targets]

    def _new_session(self, target: Target) -> NewSession:
        series_id = target.series_id
        if series_id is None:
            series_id = self._series_id(target.series_code)
        starts_at = None
        if target.local_start is not None:
            starts_at = target.local_start.replace(tzinfo=ZoneInfo(self.plan.time_zone))
        return NewSession(series_id, target.kind, target.name, starts_at)

    def _series_id(self, code: str) -> int:
        """The series of that code, found or created once per batch (its sessions share it)."""
        if code not in self.series:
            found = self.edit.session.scalar(select(Series.id).where(Series.code == code))
            if found is None:
                found = self.edit.ensure_series(code, code)
                self.undo.created_series.append(found)
            self.series[code] = found
        return self.series[code]

    def _event_days(self, event_id: int) -> None:
        """An event without dates takes its first and last day from its sessions."""
        event = self.edit.session.get(Event, event_id)
        assert event is not None
        zone = ZoneInfo(event.time_zone)
        days = sorted(
            starts.astimezone(zone).date()
            for starts in self.edit.session.scalars(
                select(RaceSession.starts_at).where(RaceSession.event_id == event_id)
            )
            if starts is not None
        )
        wanted: dict[str, dt.date] = {}
        if days and event.start_date is None:
            wanted["start_date"] = days[0]
        if days and event.end_date is None:
            wanted["end_date"] = days[-1]
        if wanted:
            self.undo.event_fields = self.edit.update_event(event_id, **wanted)


def _rows(file: BatchFile) -> int:
    imported = file.imported
    if imported is None:
        return 0
    return len(imported.results) + len(imported.laps) + len(imported.weather) + 1


def undo_weekend(editor: Editor, undo: WeekendUndo, action: str = "Undo import") -> None:
    """Take the whole batch back in one action."""
    with editor.change(action) as edit:
        undo_weekend_in(edit, undo)


def undo_weekend_in(edit: Edits, undo: WeekendUndo) -> None:
    """Take the whole batch back inside an action already open (reverse order)."""
    for record_id in undo.file_records:
        if edit.session.get(ImportedFileRecord, record_id) is not None:
            edit.forget_imported_file(record_id)
    for one in reversed(undo.imports):
        undo_import_in(edit, one)
    for session_id in reversed(undo.created_sessions):
        if edit.session.get(RaceSession, session_id) is not None:
            edit.delete_session(session_id)
    _restore_event(edit, undo)
    for series_id in undo.created_series:
        series = edit.session.get(Series, series_id)
        if series is not None:
            edit.session.delete(series)


def _restore_event(edit: Edits, undo: WeekendUndo) -> None:
    """Delete the event the import created, or give back the dates it filled in."""
    if undo.created_event is not None:
        if edit.session.get(Event, undo.created_event) is not None:
            edit.delete_event(undo.created_event)
    elif (
        undo.event_fields
        and undo.event_id is not None
        and edit.session.get(Event, undo.event_id) is not None
    ):
        edit.update_event(undo.event_id, **undo.event_fields)
