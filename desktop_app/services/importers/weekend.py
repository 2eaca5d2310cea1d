"""The plan of a weekend import: each file to its own session, found or created.

Nothing is written here. The plan says, per file, what it is and which session it goes
to (an existing one of the event, or a new one named from the file: ``practice-1`` is
Practice 1, IMSA test days' ``session-3`` is practice "Session 3"); the results, lap
chart and weather of one session pair up by that name. The series is the one asked
for, else the one whose classes the file lists, else the only one saved. Files already
imported into their session (same sha256) are left out: re-importing changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.conflicts import current_version
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.file_names import Part
from desktop_app.services.importers.identity import KnownMatches, driver_questions
from desktop_app.services.importers.matching import load_index
from desktop_app.services.importers.model import Layout
from desktop_app.services.importers.report import DriverQuestion
from desktop_app.services.importers.weekend_files import BatchFile
from desktop_app.storage import repository as repo
from desktop_app.storage.database import Database
from desktop_app.storage.models import ImportedFileRecord, RaceSession, Series

_PART_ORDER = {Part.RESULTS: 0, Part.LAPS: 1, Part.WEATHER: 2, Part.UNKNOWN: 3}


@dataclass
class Target:
    """Where files go: a session to create (``session_id`` None) or an existing one."""

    name: str
    kind: SessionKind
    local_start: dt.datetime | None = None
    series_code: str = ""
    series_id: int | None = None
    session_id: int | None = None
    files: list[BatchFile] = field(default_factory=list)
    planned: tuple[str, int | None, int | None] = ("", None, None)  # name, session, series

    def send_to(self, choice: SessionChoice | None) -> None:
        """The reporter's pick in the plan: an existing session, or None for the session
        the files named (new or found)."""
        if choice is None:
            self.name, self.session_id, self.series_id = self.planned
        else:
            self.name, self.session_id = choice.name, choice.session_id
            self.series_id = choice.series_id

    @property
    def is_new(self) -> bool:
        return self.session_id is None

    @property
    def label(self) -> str:
        return f"{self.name} ({'new session' if self.is_new else 'existing session'})"


@dataclass(frozen=True)
class SessionChoice:
    """A saved session of the event that files can be sent to instead."""

    session_id: int
    name: str
    series_id: int
    label: str  # "IWSC Practice 2"


@dataclass
class WeekendPlan:
    event_name: str
    event_id: int | None
    time_zone: str
    targets: list[Target] = field(default_factory=list)
    skipped: list[BatchFile] = field(default_factory=list)
    unchanged: list[tuple[BatchFile, str]] = field(default_factory=list)
    failed: list[BatchFile] = field(default_factory=list)
    questions: list[DriverQuestion] = field(default_factory=list)
    sessions: list[SessionChoice] = field(default_factory=list)  # the event's saved sessions
    read_version: int | None = None  # the change history when read (services.conflicts)

    @property
    def file_count(self) -> int:
        return sum(len(target.files) for target in self.targets)

    def lines(self) -> list[str]:
        """The plan as the window and the CLI show it: one line per file."""
        lines = [
            f"{file.path.name}: {file.what} -> {target.label}, {file.counts}"
            for target in self.targets
            for file in target.files
        ]
        lines += [f"{file.path.name}: unchanged since imported into {name}; left out."
                  for file, name in self.unchanged]  # fmt: skip
        lines += [f"{file.path.name}: skipped: {file.skipped}" for file in self.skipped]
        lines += [f"{file.path.name}: CANNOT BE IMPORTED: {file.error}" for file in self.failed]
        return lines


@dataclass(frozen=True)
class Choices:
    """What the reporter said: the event, and optionally series, session and kind."""

    event: str
    series: str = ""
    session: str = ""
    kind: SessionKind | None = None
    time_zone: str = ""
    series_id: int | None = None  # the series picked in the window (wins over ``series``)


def plan_weekend(database: Database, files: list[BatchFile], choices: Choices) -> WeekendPlan:
    """Pair the read files into sessions of the event; raise when nothing can be imported."""
    with database.read() as session:
        events = repo.find_events(session, choices.event)
        if len(events) > 1:
            raise TimingImportError(
                f'More than one event is called "{choices.event}"; use its id instead.'
            )
        event = events[0] if events else None
        plan = WeekendPlan(
            event.name if event else choices.event.strip(),
            event.id if event else None,
            event.time_zone if event else (choices.time_zone or "UTC"),
        )
        plan.read_version = current_version(session)
        _place_files(session, plan, files, choices)
        if event is not None:
            plan.sessions = [
                SessionChoice(s.id, s.name, s.series_id, f"{s.series.code} {s.name}")
                for s in event.sessions
            ]
    _refuse_empty(plan)
    with database.read() as session:
        known = KnownMatches(load_index(session))  # every saved driver, indexed once
        for target in plan.targets:
            target.files.sort(key=lambda file: _PART_ORDER[file.part])
            plan.questions.extend(_questions(session, target, known))
    plan.questions = list({question.key: question for question in plan.questions}.values())
    plan.targets.sort(key=lambda t: (t.local_start is None, t.local_start or dt.datetime.min))
    return plan


def _questions(session: Session, target: Target, known: KnownMatches) -> list[DriverQuestion]:
    """Names matching several saved drivers, from the file that will name the drivers:
    the results file, or a lap chart when it is the session's only file with cars."""
    with_cars = [f.imported for f in target.files if f.imported and f.imported.results]
    results = [i for i in with_cars if i.layout is not Layout.LAP_CHART]
    naming = results or with_cars[:1]
    return [q for imported in naming for q in driver_questions(session, imported, known)]


def _place_files(
    session: Session, plan: WeekendPlan, files: list[BatchFile], choices: Choices
) -> None:
    targets: dict[str, Target] = {}
    for file in files:
        if file.skipped:
            plan.skipped.append(file)
            continue
        if file.error:
            plan.failed.append(file)
            continue
        name = choices.session.strip() or file.name.session_name
        if not name:
            file.error = (
                f"RaceDesk cannot tell which session {file.path.name} is for (its name says no "
                "practice, qualifying or race); import it into a session of its own."
            )
            plan.failed.append(file)
            continue
        target = targets.get(name.casefold())
        if target is None:
            target = targets[name.casefold()] = Target(name, _kind(file, choices, name))
        target.local_start = target.local_start or file.name.local_start
        target.files.append(file)
    for target in targets.values():
        _resolve(session, plan, target, choices)


def _kind(file: BatchFile, choices: Choices, name: str) -> SessionKind:
    if choices.kind is not None:
        return choices.kind
    if file.name.kind is not None and not choices.session:
        return file.name.kind
    if file.imported is not None and file.imported.suggested_kind is not None:
        return file.imported.suggested_kind
    return kind_from_name(name)


def kind_from_name(name: str) -> SessionKind:
    lowered = name.lower().replace("-", "").replace(" ", "")
    for kind in (SessionKind.QUALIFYING, SessionKind.PRACTICE, SessionKind.WARM_UP):
        if kind.value.replace("_", "") in lowered:
            return kind
    return SessionKind.RACE


def _resolve(session: Session, plan: WeekendPlan, target: Target, choices: Choices) -> None:
    """Series and existing session of ``target``; files already imported drop out."""
    series = repo.series_by_code(session, choices.series) if choices.series else None
    if choices.series_id is not None:
        series = session.get(Series, choices.series_id)
    existing = _existing(session, plan.event_id, target.name, series)
    if series is None and existing is not None:
        series = existing.series
    if series is None and not choices.series:
        series = _series_from_classes(session, target)
    if series is None and not choices.series:
        for file in target.files:
            file.error = (
                f"RaceDesk cannot tell which series {file.path.name} belongs to; "
                "say which with --series (for example --series IWSC) or pick it in the window."
            )
        plan.failed.extend(target.files)
        return
    target.series_code = series.code if series else choices.series.strip()
    target.series_id = series.id if series else None
    if existing is not None:
        target.session_id, target.name = existing.id, existing.name
        _drop_unchanged(session, plan, target)
    target.planned = (target.name, target.session_id, target.series_id)
    if target.files:
        plan.targets.append(target)


def _existing(
    session: Session, event_id: int | None, name: str, series: Series | None
) -> RaceSession | None:
    if event_id is None:
        return None
    found = repo.find_sessions(session, event_id, name)
    if series is not None:
        found = [s for s in found if s.series_id == series.id]
    if len(found) > 1:
        raise TimingImportError(
            f'The event has more than one session called "{name}"; say which series with '
            "--series, or import into the session from the window."
        )
    return found[0] if found else None


def _series_from_classes(session: Session, target: Target) -> Series | None:
    """The one series that knows every class the files list; else the only series saved."""
    codes = {
        result.class_code
        for file in target.files
        if file.imported is not None
        for result in file.imported.results
        if result.class_code.strip()
    }
    every = list(session.scalars(select(Series)))
    if codes:
        fitting = [s for s in every if all(repo.find_class(session, s.id, c) for c in codes)]
        if len(fitting) == 1:
            return fitting[0]
    return every[0] if len(every) == 1 else None


def _drop_unchanged(session: Session, plan: WeekendPlan, target: Target) -> None:
    done = set(
        session.scalars(
            select(ImportedFileRecord.sha256).where(
                ImportedFileRecord.session_id == target.session_id
            )
        )
    )
    for file in list(target.files):
        if file.sha256 in done:
            target.files.remove(file)
            plan.unchanged.append((file, target.name))


def _refuse_empty(plan: WeekendPlan) -> None:
    """Nothing to import and nothing unchanged: say why, file by file."""
    if plan.targets or plan.unchanged or plan.failed:
        return
    if not plan.skipped:
        raise TimingImportError("There are no files to import.")
    reasons = [file.skipped for file in plan.skipped]
    if len(reasons) == 1:
        raise TimingImportError(reasons[0])
    raise TimingImportError("None of these files is a timing file:\n  " + "\n  ".join(reasons))
