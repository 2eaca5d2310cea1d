"""Read every file of a weekend batch (files and folders) before anything is saved.

Each file is read once: its bytes give the sha256 (a re-import of the same file is a
no-op) and its table. A file that is no timing file at all (a PDF, a picture, a CSV of
unknown columns) is *skipped* with the reason; a timing file with unreadable rows
*fails*, naming the rows, and the batch is applied only when the reporter says so.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.importers import generic
from desktop_app.services.importers.alkamel import ColumnMap
from desktop_app.services.importers.collecting import cycle_collector_paused
from desktop_app.services.importers.csv_reader import parse_table
from desktop_app.services.importers.detect import MappingNeeded, detect_layout, read_table_results
from desktop_app.services.importers.errors import ImportCancelled, TimingImportError
from desktop_app.services.importers.file_names import FileName, Part, read_file_name
from desktop_app.services.importers.model import ImportedFile, Layout

_PARTS = {Layout.LAP_CHART: Part.LAPS, Layout.WEATHER: Part.WEATHER}


@dataclass
class BatchFile:
    """One file of the batch: what its name says, what it holds, or why it is left out."""

    path: Path
    name: FileName
    sha256: str = ""
    imported: ImportedFile | None = None
    skipped: str = ""
    error: str = ""
    mapping_needed: MappingNeeded | None = None  # a sheet of unknown columns: ask, read again

    @property
    def part(self) -> Part:
        if self.imported is None:
            return self.name.part
        return _PARTS.get(self.imported.layout, Part.RESULTS)

    @property
    def what(self) -> str:
        return self.imported.layout.label if self.imported else "not a timing file"

    @property
    def counts(self) -> str:
        """``58 results``, ``1,632 laps``, ``87 weather readings``."""
        if self.imported is None:
            return ""
        if self.imported.layout is Layout.WEATHER:
            return _count(len(self.imported.weather), "weather reading")
        if self.imported.layout is Layout.LAP_CHART:
            cars = len(self.imported.results)
            return f"{_count(len(self.imported.laps), 'lap')} of {_count(cars, 'car')}"
        return _count(len(self.imported.results), "result")


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files of folders named (sorted, hidden files left out)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            found.extend(p for p in files if not p.name.startswith("."))
        else:
            found.append(path)
    return found


def read_batch_file(
    path: Path,
    *,
    kind: SessionKind | None = None,
    mapping: ColumnMap | None = None,
    cancel: threading.Event | None = None,
) -> BatchFile:
    """Read one file: never raises for the file's content, only for a cancel."""
    batch = BatchFile(path, read_file_name(path.name))
    try:
        _read(batch, kind or batch.name.kind, mapping, cancel)
    except ImportCancelled:
        raise
    except MappingNeeded as needed:
        batch.skipped, batch.mapping_needed = str(needed), needed
    except TimingImportError as error:
        if batch.sha256:  # a table was read: a timing file with something wrong in it
            batch.error = str(error)
        else:
            batch.skipped = str(error)
    return batch


def _read(
    batch: BatchFile,
    kind: SessionKind | None,
    mapping: ColumnMap | None,
    cancel: threading.Event | None,
) -> None:
    """Fill ``batch``; errors before the layout is known mean "not a timing file"."""
    path = batch.path
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TimingImportError(f"{path.name} could not be read: {error.strerror}.") from error
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        table = generic.read_xlsx(path)
    else:
        table = parse_table(data, path.name, cancel=cancel)
    batch.sha256 = hashlib.sha256(data).hexdigest()
    if mapping is None and detect_layout(table) is Layout.GENERIC:
        mapping = generic.remembered_mapping(table.headers)
        if mapping is None:
            raise MappingNeeded(table, generic.suggest_mapping(table.headers))
    batch.imported = read_table_results(table, kind=kind, mapping=mapping, cancel=cancel)


def read_batch(
    paths: Iterable[Path],
    *,
    kind: SessionKind | None = None,
    mapping: ColumnMap | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[float], None] | None = None,
) -> list[BatchFile]:
    """Every file of the batch read, in order (folders expanded)."""
    files = expand(paths)
    read: list[BatchFile] = []
    with cycle_collector_paused():
        for number, path in enumerate(files):
            if cancel is not None and cancel.is_set():
                raise ImportCancelled()
            read.append(read_batch_file(path, kind=kind, mapping=mapping, cancel=cancel))
            if progress is not None:
                progress((number + 1) / len(files))
    return read
