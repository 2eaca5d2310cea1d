"""The weekend (or a season) as one .xlsx workbook for colleagues who do not run RaceDesk.

Sheets: ``Schedule``, ``Entry list``, ``Focus drivers``, then one sheet per session. The
workbook is written with openpyxl's write-only mode, one session at a time straight from
the database, so a season of 7,200 results takes seconds and little memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.services.export import rows as rowdata
from desktop_app.services.export.atomic import ExportCancelled, ExportError, atomic_target
from desktop_app.services.export.cells import Column, Kind
from desktop_app.services.export.sheets import (
    SheetNamer,
    new_table_sheet,
    session_sheet_title,
    write_table,
)
from desktop_app.services.settings import load_settings
from desktop_app.storage.database import Database

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

RESULT_COLUMNS = [
    Column("Pos", Kind.NUMBER),
    Column("Class", max_width=12),
    Column("PIC", Kind.NUMBER),
    Column("No.", min_width=5),
    Column("Team", max_width=36),
    Column("Vehicle", max_width=30),
    Column("Drivers", max_width=60),
    Column("Laps", Kind.NUMBER),
    Column("Total time", Kind.RACE_TIME),
    Column("Gap", Kind.GAP),
    Column("Best lap", Kind.LAP_TIME),
    Column("Best lap no.", Kind.NUMBER),
    Column("Status"),
    Column("Penalty", max_width=50),
]
PROVISIONAL_COLUMNS = [
    Column("Provisional pos", Kind.NUMBER),
    Column("Provisional PIC", Kind.NUMBER),
]
ENTRY_COLUMNS = [
    Column("Series"),
    Column("Class", max_width=12),
    Column("No.", min_width=5),
    Column("Team", max_width=36),
    Column("Vehicle", max_width=30),
    Column("Drivers", max_width=60),
    Column("Tags", max_width=30),
]
FOCUS_COLUMNS = [
    Column("Driver", max_width=30),
    Column("No.", min_width=5),
    Column("Series"),
    Column("Session", max_width=30),
    Column("Class", max_width=12),
    Column("PIC", Kind.NUMBER),
    Column("Pos", Kind.NUMBER),
    Column("Gap", Kind.GAP),
    Column("Status"),
]
EVENT_COLUMN = Column("Event", max_width=30)


def result_columns(official: bool) -> list[Column]:
    """Official sessions also show the provisional positions that the stewards changed."""
    return RESULT_COLUMNS + (PROVISIONAL_COLUMNS if official else [])


def result_values(row: rowdata.ResultRow, official: bool) -> list[Any]:
    values: list[Any] = [
        row.position, row.class_code, row.class_position, row.number, row.team, row.vehicle,
        row.drivers, row.laps, row.total_ms, row.gap, row.best_lap_ms, row.best_lap_number,
        row.status, row.penalty,
    ]  # fmt: skip
    if official:
        values += [row.provisional_position, row.provisional_class_position]
    return values


def schedule_columns(zone: str | None) -> list[Column]:
    """One event names its zone in the header; a season has a zone column instead."""
    where = zone or "local time"
    return [
        Column(f"Starts ({where})", Kind.DATETIME),
        Column(f"Ends ({where})", Kind.DATETIME),
        Column("Type"),
        Column("Series"),
        Column("Session or programme", max_width=40),
        Column("Outlet", max_width=30),
        Column("Coverage"),
        Column("Results"),
        Column("Notes", max_width=60),
    ]


@dataclass
class _Job:
    """What one export has done so far, for progress and cancel checks."""

    total: int
    progress: Progress | None
    cancelled: Cancelled | None
    done: int = 0
    focus: list[list[Any]] = field(default_factory=list)

    def step(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)


def export_event_workbook(
    database: Database,
    event_id: int,
    target: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Write one event's workbook to ``target`` (atomically) and return where it went.

    ``progress(done, total)`` is called after each sheet; when ``cancelled()`` turns true
    the export stops with ``ExportCancelled`` and no file (nor temporary file) is left.
    """
    return export_events_workbook(
        database, [event_id], target, progress=progress, cancelled=cancelled
    )


def export_events_workbook(
    database: Database,
    event_ids: Sequence[int],
    target: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Several events (a season) in one workbook, with an Event column on shared sheets."""
    settings = load_settings()
    with database.read() as session:
        events = rowdata.load_events(session, event_ids)
    if not events:
        raise ExportError("There is no such event to export.")
    total = sum(len(event.session_ids) for event in events) + 3
    job = _Job(total, progress, cancelled)
    if cancelled is not None and cancelled():
        raise ExportCancelled
    if progress is not None:
        progress(0, total)
    book = Workbook(write_only=True)
    try:
        with atomic_target(target) as temporary:
            _fill(book, database, events, settings.focus_tag, job)
            _describe(book, events, settings.author)
            book.save(temporary)
            if cancelled is not None and cancelled():
                raise ExportCancelled  # until the file is moved into place, cancel wins
    except BaseException:
        _discard(book)
        raise
    return target


def _describe(book: Workbook, events: Sequence[rowdata.EventInfo], author: str) -> None:
    """File > Properties in Excel: the event as title, the reporter as author."""
    book.properties.title = events[0].name if len(events) == 1 else _season_title(events)
    book.properties.creator = author.strip() or "RaceDesk"
    book.properties.lastModifiedBy = book.properties.creator
    book.properties.subject = "Timing and results exported by RaceDesk"


def _discard(book: Workbook) -> None:
    """Close the sheets' half-written streams and delete openpyxl's own temporary files."""
    for sheet in book.worksheets:
        if not isinstance(sheet, WriteOnlyWorksheet) or sheet.closed:
            continue
        with suppress(Exception):
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with suppress(OSError, ValueError):
                writer.cleanup()


def _season_title(events: Sequence[rowdata.EventInfo]) -> str:
    return f"{events[0].name} to {events[-1].name}"


def _fill(
    book: Workbook,
    database: Database,
    events: Sequence[rowdata.EventInfo],
    focus_tag: str,
    job: _Job,
) -> None:
    namer = SheetNamer()
    many = len(events) > 1
    schedule = new_table_sheet(book, "Schedule", namer)
    entry_list = new_table_sheet(book, "Entry list", namer)
    focus = new_table_sheet(book, "Focus drivers", namer)
    schedule_rows: list[list[Any]] = []
    entry_rows: list[tuple[bool, list[Any]]] = []
    for event in events:
        prefix = [event.name] if many else []
        with database.read() as session:
            entries = rowdata.entry_rows(session, event.id, focus_tag)
            schedule_rows += [
                prefix + _schedule_values(row, event.time_zone if many else None)
                for row in rowdata.schedule_rows(session, event.id)
            ]
        entry_rows += [(row.focus, prefix + _entry_values(row)) for row in entries.values()]
        for session_id in event.session_ids:
            _session_sheet(database, book, namer, session_id, entries, job, many)
    lead = [EVENT_COLUMN] if many else []
    zone_column = [Column("Time zone")] if many else []
    write_table(
        schedule,
        lead + schedule_columns(None if many else events[0].time_zone) + zone_column,
        schedule_rows,
    )
    job.step()
    write_table(
        entry_list, lead + ENTRY_COLUMNS, [v for _, v in entry_rows], [f for f, _ in entry_rows]
    )
    job.step()
    write_table(focus, lead + FOCUS_COLUMNS, job.focus)
    job.step()


def _session_sheet(
    database: Database,
    book: Workbook,
    namer: SheetNamer,
    session_id: int,
    entries: dict[int, rowdata.EntryRow],
    job: _Job,
    many: bool,
) -> None:
    """One session's sheet, read and written before the next session is loaded."""
    with database.read() as session:
        info = rowdata.load_session(session, session_id)
        if info is None:
            return
        results = rowdata.result_rows(session, info, entries)
    title = session_sheet_title(info.series_code, info.name, info.event_name if many else "")
    sheet = new_table_sheet(book, title, namer)
    values = [result_values(row, info.official) for row in results]
    write_table(sheet, result_columns(info.official), values, [row.focus for row in results])
    prefix = [info.event_name] if many else []
    for row in results:
        for driver in row.focus_drivers:
            job.focus.append(prefix + _focus_values(driver, row, info))
    job.step()


def _focus_values(driver: str, row: rowdata.ResultRow, info: rowdata.SessionInfo) -> list[Any]:
    return [
        driver, row.number, info.series_code, info.name, row.class_code,
        row.class_position, row.position, row.gap, row.status,
    ]  # fmt: skip


def _entry_values(row: rowdata.EntryRow) -> list[Any]:
    return [row.series, row.class_code, row.number, row.team, row.vehicle, row.drivers, row.tags]


def _schedule_values(row: rowdata.ScheduleRow, zone: str | None) -> list[Any]:
    values = [
        row.starts, row.ends, row.kind, row.series, row.title, row.outlet, row.coverage,
        row.results, row.notes,
    ]  # fmt: skip
    return values + ([zone] if zone else [])
