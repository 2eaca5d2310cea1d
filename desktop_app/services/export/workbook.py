"""The weekend (or a season) as one .xlsx workbook for colleagues who do not run RaceDesk.

Sheets: ``Schedule``, ``Entry list``, ``Focus drivers``, ``Drivers`` (country, hometown,
official ids), then one sheet per session (and, with ``laps``, a lap-chart sheet after each
session that has laps). The
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

from desktop_app.services.crews import crews_for_sessions
from desktop_app.services.drivers import DriverRow, driver_rows
from desktop_app.services.export import columns as cols
from desktop_app.services.export import rows as rowdata
from desktop_app.services.export.atomic import (
    ExportCancelled,
    ExportError,
    atomic_target,
    save_workbook,
)
from desktop_app.services.export.lap_rows import LAP_COLUMNS, lap_rows, lap_values
from desktop_app.services.export.sheets import (
    SheetNamer,
    new_table_sheet,
    session_sheet_title,
    write_table,
)
from desktop_app.services.settings import load_settings
from desktop_app.services.views.events import EventView
from desktop_app.services.views.sessions import SessionHead
from desktop_app.storage.database import Database

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


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
    laps: bool = False,
) -> Path:
    """Write one event's workbook to ``target`` (atomically) and return where it went.

    ``progress(done, total)`` is called after each sheet; when ``cancelled()`` turns true
    the export stops with ``ExportCancelled`` and no file (nor temporary file) is left.
    ``laps`` adds each session's lap chart as a sheet of its own.
    """
    return export_events_workbook(
        database, [event_id], target, progress=progress, cancelled=cancelled, laps=laps
    )


def export_events_workbook(
    database: Database,
    event_ids: Sequence[int],
    target: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    laps: bool = False,
) -> Path:
    """Several events (a season) in one workbook, with an Event column on shared sheets."""
    settings = load_settings()
    with database.read() as session:
        events = rowdata.load_events(session, event_ids)
    if not events:
        raise ExportError("There is no such event to export.")
    total = sum(len(event.session_ids) for event in events) + 4
    job = _Job(total, progress, cancelled)
    if cancelled is not None and cancelled():
        raise ExportCancelled
    if progress is not None:
        progress(0, total)
    book = Workbook(write_only=True)
    try:
        with atomic_target(target) as temporary:
            writer = _WorkbookWriter(book, database, len(events) > 1, job)
            writer.laps = laps
            for event in events:
                writer.add_event(event, settings.focus_tag)
            writer.finish("" if len(events) > 1 else events[0].time_zone)
            _describe(book, events, settings.author)
            save_workbook(book, temporary)
            if cancelled is not None and cancelled():
                raise ExportCancelled  # until the file is moved into place, cancel wins
    except BaseException:
        _discard(book)
        raise
    return target


def _describe(book: Workbook, events: Sequence[EventView], author: str) -> None:
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


def _season_title(events: Sequence[EventView]) -> str:
    return f"{events[0].name} to {events[-1].name}"


class _WorkbookWriter:
    """Fills a write-only workbook: shared sheets first in the tabs, written last."""

    def __init__(self, book: Workbook, database: Database, many: bool, job: _Job) -> None:
        self.book, self.database, self.many, self.job = book, database, many, job
        self.namer = SheetNamer()
        self.schedule = new_table_sheet(book, "Schedule", self.namer)
        self.entry_list = new_table_sheet(book, "Entry list", self.namer)
        self.focus = new_table_sheet(book, "Focus drivers", self.namer)
        self.drivers = new_table_sheet(book, "Drivers", self.namer)
        self.driver_rows: dict[int, list[Any]] = {}
        self.all_drivers: list[DriverRow] | None = None
        self.schedule_rows: list[list[Any]] = []
        self.entry_rows: list[list[Any]] = []
        self.entry_focus: list[bool] = []
        self.focus_rows: list[list[Any]] = []
        self.laps = False

    def add_event(self, event: EventView, focus_tag: str) -> None:
        lead = [event.name] if self.many else []
        zone = event.time_zone if self.many else None
        with self.database.read() as session:
            entries = rowdata.entry_rows(session, event.id, focus_tag)
            crews = crews_for_sessions(session, event.session_ids)  # one query for the event
            for item in rowdata.schedule_rows(session, event.id):
                self.schedule_rows.append(lead + cols.schedule_values(item, zone))
            if self.all_drivers is None:  # read once: a season has many events
                self.all_drivers = driver_rows(session)
        for driver in self.all_drivers:
            if event.id in driver.event_ids:
                self.driver_rows.setdefault(driver.id, cols.driver_values(driver))
        for entry in entries.values():
            self.entry_rows.append(lead + cols.entry_values(entry))
            self.entry_focus.append(entry.focus)
        for session_id in event.session_ids:
            self.add_session(session_id, entries, crews[session_id])

    def add_session(
        self, session_id: int, entries: dict[int, rowdata.EntryRow], crews: dict[int, list[Any]]
    ) -> None:
        """One session's sheet, read (one query) and written before the next is loaded."""
        with self.database.read() as session:
            info = rowdata.load_session(session, session_id)
            results = rowdata.result_rows(session, info, entries, crews) if info else []
        if info is None:  # deleted from another window meanwhile: nothing to show
            self.job.step()
            return
        event = info.event_name if self.many else ""
        sheet = new_table_sheet(
            self.book, session_sheet_title(info.series_code, info.name, event), self.namer
        )
        values = [cols.result_values(row, info.official) for row in results]
        write_table(sheet, cols.result_columns(info.official), values, [r.focus for r in results])
        lead = [info.event_name] if self.many else []
        for row in results:
            for driver in row.focus_drivers:
                self.focus_rows.append(lead + cols.focus_values(driver, row, info))
        if self.laps:
            self.add_laps(info, event)
        self.job.step()

    def add_laps(self, info: SessionHead, event: str) -> None:
        """The session's lap chart on a sheet of its own, when it has laps."""
        with self.database.read() as session:
            laps = lap_rows(session, info.id)
        if not laps:
            return
        title = session_sheet_title(info.series_code, f"{info.name} laps", event)
        sheet = new_table_sheet(self.book, title, self.namer)
        write_table(sheet, LAP_COLUMNS, [lap_values(row) for row in laps])

    def finish(self, zone: str) -> None:
        lead = [cols.EVENT_COLUMN] if self.many else []
        write_table(self.schedule, lead + cols.schedule_columns(zone), self.schedule_rows)
        self.job.step()
        write_table(self.entry_list, lead + cols.ENTRY_COLUMNS, self.entry_rows, self.entry_focus)
        self.job.step()
        write_table(self.focus, lead + cols.FOCUS_COLUMNS, self.focus_rows)
        self.job.step()
        write_table(self.drivers, cols.DRIVER_COLUMNS, list(self.driver_rows.values()))
        self.job.step()
