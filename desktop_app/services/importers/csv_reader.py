"""Read a timing CSV into a table of text cells, whatever the exporter did to it.

Al Kamel files are ``;``-separated UTF-8 with a BOM and a trailing ``;``; re-saved copies
use ``,`` with quoted fields, Windows line ends or Windows-1252 text, and some headers
carry stray spaces (`` LAPS``). All of that is absorbed here so parsers see clean names.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.services.importers.errors import ImportCancelled, TimingImportError

Progress = Callable[[float], None]
_DELIMITERS = (";", ",", "\t")
_CHECK_EVERY = 2000
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive or Excel workbook",
    b"\xd0\xcf\x11\xe0": "an old Excel or Word file",
}


@dataclass(frozen=True)
class Row:
    """One data line: ``line`` is its line number in the file (the header is line 1)."""

    line: int
    cells: tuple[str, ...]


@dataclass
class Table:
    """Header names (stripped) and rows padded to the header's width."""

    name: str
    headers: list[str]
    rows: list[Row]
    delimiter: str = ";"
    encoding: str = "utf-8"
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for position, header in enumerate(self.headers):
            self._index.setdefault(header_key(header), position)

    def column(self, header: str) -> int | None:
        """Position of a column by name, ignoring case and spacing; None when absent."""
        return self._index.get(header_key(header))

    def has(self, *headers: str) -> bool:
        return all(self.column(header) is not None for header in headers)


def header_key(header: str) -> str:
    """``" LAPS"``, ``"laps"`` and ``"Laps "`` are one column."""
    return header.strip().lstrip("\ufeff").strip().upper()


def read_table(
    path: Path, *, cancel: threading.Event | None = None, progress: Progress | None = None
) -> Table:
    """Read the CSV file at ``path``; raise :class:`TimingImportError` for anything else."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TimingImportError(f"{path.name} could not be read: {error.strerror}.") from error
    return parse_table(data, path.name, cancel=cancel, progress=progress)


def parse_table(
    data: bytes,
    name: str = "The file",
    *,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> Table:
    _refuse_binary(data, name)
    text, encoding = decode(data, name)
    return parse_text(text, name, encoding=encoding, cancel=cancel, progress=progress)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first, then Windows-1252 as Excel on Windows saves."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise TimingImportError(
            f"{name} is not a text file RaceDesk can read (neither UTF-8 nor Windows-1252)."
        ) from error


def _refuse_binary(data: bytes, name: str) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise TimingImportError(f"{name} is {what}, not a CSV timing file.")
    if b"\x00" in data[:4096]:
        raise TimingImportError(f"{name} is not a text file, so it cannot be a CSV timing file.")


def parse_text(
    text: str,
    name: str = "The file",
    *,
    encoding: str = "utf-8",
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> Table:
    """Split ``text`` into header and rows with the delimiter its header line uses."""
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise TimingImportError(f"{name} contains binary data, so it is not a CSV timing file.")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    total_lines = max(1, text.count("\n"))
    headers: list[str] | None = None
    rows: list[Row] = []
    try:
        for cells in reader:
            if reader.line_num % _CHECK_EVERY == 0:
                _check_in(cancel, progress, reader.line_num / total_lines)
            if not any(cell.strip() for cell in cells):
                continue
            if headers is None:
                headers = _clean_headers(cells)
                continue
            rows.append(Row(reader.line_num, _fit(cells, len(headers))))
    except csv.Error as error:
        raise TimingImportError(
            f"{name} is not a readable CSV file (line {reader.line_num}: {error})."
        ) from error
    if headers is None:
        raise TimingImportError(f"{name} is empty: there is no header line and no results.")
    return Table(name, headers, rows, delimiter, encoding)


def sniff_delimiter(text: str) -> str:
    """The separator the header line uses most, counting only outside quotes."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def _clean_headers(cells: list[str]) -> list[str]:
    """Strip names; drop the empty column a trailing delimiter leaves at the end."""
    headers = [header.strip().lstrip("\ufeff").strip() for header in cells]
    while headers and not headers[-1]:
        headers.pop()
    return headers


def _fit(cells: list[str], width: int) -> tuple[str, ...]:
    if len(cells) < width:
        cells = cells + [""] * (width - len(cells))
    return tuple(cell.strip() for cell in cells[:width])


def _check_in(cancel: threading.Event | None, progress: Progress | None, done: float) -> None:
    """Let a long read report progress and stop when the reporter cancels."""
    if cancel is not None and cancel.is_set():
        raise ImportCancelled()
    if progress is not None:
        progress(min(done, 1.0))
