"""Recognise what a file is from its header line, and read it into an :class:`ImportedFile`.

Al Kamel layouts are told apart by their columns: race results have ``TOTAL_TIME``,
timed sessions have ``TIME`` and ``LAP`` (lap of the best time), classifications name
drivers ``DRIVER_1``, lap charts have a lap number per line. Anything else is a generic
sheet that needs a column mapping (remembered per source, see :mod:`generic`).
"""

from __future__ import annotations

import threading
from pathlib import Path

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.importers import alkamel, generic, lapchart, weather
from desktop_app.services.importers.csv_reader import Progress, read_table
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.model import ImportedFile, Layout
from desktop_app.services.importers.table import Table

_ALKAMEL_HEADERS = frozenset(
    {"POSITION", "POS", "NUMBER", "STATUS", "LAPS", "TOTAL_TIME", "GAP_FIRST", "GAP_PREVIOUS"}
    | {"FL_TIME", "FL_LAPNUM", "FL_KPH", "KPH", "TEAM", "CLASS", "VEHICLE", "TIME", "LAP"}
    | {"DRIVER_1", "DRIVER1_FIRSTNAME", "DRIVER1_SECONDNAME", "TIRES", "TYRES"}
)
_DISTINCTIVE = frozenset(
    {"TOTAL_TIME", "GAP_FIRST", "GAP_PREVIOUS", "FL_TIME", "FL_LAPNUM", "FL_KPH"}
    | {"DRIVER_1", "DRIVER1_FIRSTNAME", "DRIVER1_SECONDNAME"}
)
_NEEDED = {
    Layout.IMSA_RACE: ("NUMBER", "LAPS", "TOTAL_TIME"),
    Layout.IMSA_TIMED: ("NUMBER", "TIME", "LAP"),
}


class MappingNeeded(TimingImportError):
    """A sheet whose columns RaceDesk does not know: ask which column holds what."""

    def __init__(self, table: Table, suggestion: alkamel.ColumnMap) -> None:
        shown = ", ".join(table.headers[:12]) or "none"
        super().__init__(
            f"{table.name} is not a timing layout RaceDesk knows (its columns: {shown}). "
            "Import it in the window to say which column holds what."
        )
        self.table = table
        self.suggestion = suggestion


def detect_layout(table: Table) -> Layout:
    """Which layout the header says; a half-recognised Al Kamel header is an error."""
    if lapchart.is_lap_chart(table):
        return Layout.LAP_CHART
    if weather.is_weather(table):
        return Layout.WEATHER
    if table.has(*_NEEDED[Layout.IMSA_RACE]):
        split = table.has("DRIVER1_SECONDNAME") or table.has("DRIVER1_FIRSTNAME")
        return Layout.IMSA_RACE if split else Layout.CLASSIFICATION
    if table.has(*_NEEDED[Layout.IMSA_TIMED]):
        return Layout.IMSA_TIMED
    known = {header for header in table.headers if header in _ALKAMEL_HEADERS}
    if len(known) >= 3 and known & _DISTINCTIVE:
        raise TimingImportError(_missing_message(table))
    return Layout.GENERIC


def _missing_message(table: Table) -> str:
    """Name the columns a nearly-recognised file lacks, for the layout it is closest to."""
    layout = Layout.IMSA_TIMED if table.has("TIME") or table.has("POS") else Layout.IMSA_RACE
    missing = [header for header in _NEEDED[layout] if not table.has(header)]
    return (
        f"{table.name} looks like {layout.label} but has no {', '.join(missing)} column; "
        "it may be cut short or saved from another program. Nothing was imported."
    )


def read_import_file(
    path: Path,
    *,
    kind: SessionKind | None = None,
    mapping: alkamel.ColumnMap | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> ImportedFile:
    """Read ``path`` into results (nothing is saved); ``mapping`` is for generic sheets."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        table = generic.read_xlsx(path)
    else:
        table = read_table(path, cancel=cancel, progress=progress)
    return read_table_results(table, kind=kind, mapping=mapping, cancel=cancel)


def read_table_results(
    table: Table,
    *,
    kind: SessionKind | None = None,
    mapping: alkamel.ColumnMap | None = None,
    cancel: threading.Event | None = None,
) -> ImportedFile:
    layout = Layout.GENERIC if mapping is not None else detect_layout(table)
    if layout is Layout.LAP_CHART:
        return _lap_chart(table, kind, cancel)
    if layout is Layout.WEATHER:
        readings = weather.read_weather(table)
        if not readings:
            raise TimingImportError(f"{table.name} is a weather file without any readings.")
        return ImportedFile(table.name, layout, [], weather=readings)
    if layout is Layout.GENERIC:
        mapping = mapping or generic.remembered_mapping(table.headers)
        if mapping is None:
            raise MappingNeeded(table, generic.suggest_mapping(table.headers))
        generic.check_mapping(table, mapping)
    else:
        columns = alkamel.TIMED_COLUMNS if layout is Layout.IMSA_TIMED else alkamel.RACE_COLUMNS
        mapping = alkamel.alkamel_map(table, columns)
    results, skipped = alkamel.parse_results(table, mapping)
    if not results:
        raise TimingImportError(f"{table.name} has a header but no cars, so nothing was imported.")
    return ImportedFile(table.name, layout, results, skipped, [], _suggested_kind(layout, table))


def _lap_chart(
    table: Table, kind: SessionKind | None, cancel: threading.Event | None
) -> ImportedFile:
    """Every lap, and a result per car summarised from them (used without a results file)."""
    laps, skipped = lapchart.read_laps(table, cancel)
    if not laps:
        raise TimingImportError(f"{table.name} is a lap chart without any laps.")
    results = lapchart.summarise(table, laps, by_laps=kind is SessionKind.RACE)
    return ImportedFile(table.name, Layout.LAP_CHART, results, skipped, [lapchart.NOTE], laps=laps)


def _suggested_kind(layout: Layout, table: Table) -> SessionKind | None:
    if layout in (Layout.IMSA_RACE, Layout.CLASSIFICATION):
        return SessionKind.RACE
    if layout is Layout.IMSA_TIMED:
        lowered = table.name.lower()
        return SessionKind.PRACTICE if "practice" in lowered else SessionKind.QUALIFYING
    return None
