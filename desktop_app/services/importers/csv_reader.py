"""Read a timing CSV into a table of text cells, whatever the exporter did to it.

Al Kamel files are ``;``-separated UTF-8 with a BOM and a trailing ``;``; re-saved copies
use ``,`` with quoted fields, Windows line ends or Windows-1252 text, and some headers
carry stray spaces (`` LAPS``); Excel's "Unicode text" is UTF-16 (UTF-32 seen too). All of
that is absorbed here so parsers see clean names.

What is not absorbed is damage: a file cut off mid-row (a row with fewer cells than all
the others, an unterminated quote) is refused with its line number, never imported with a
half value. A file is read with limits (size, rows, columns; see :mod:`limits`) and only
when it is a regular file, so a device, a pipe or a size bomb is refused with one sentence.
"""

from __future__ import annotations

import csv
import io
import threading
from collections import Counter
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any

from desktop_app.services.importers import limits
from desktop_app.services.importers.encodings import decode, refuse_binary
from desktop_app.services.importers.errors import ImportCancelled, RowProblem, TimingImportError
from desktop_app.services.importers.plain_csv import (
    LineSplitter,
    UniformBody,
    plain_lines,
    sniff_delimiter,
    uniform_body,
)
from desktop_app.services.importers.table import Row, Table, new_row

Progress = Callable[[float], None]
_CHECK_EVERY = 2000


def read_table(
    path: Path, *, cancel: threading.Event | None = None, progress: Progress | None = None
) -> Table:
    """Read the CSV file at ``path``; raise :class:`TimingImportError` for anything else."""
    data = limits.read_file(path, limits.MAX_FILE_BYTES)
    return parse_table(data, path.name, cancel=cancel, progress=progress)


def parse_table(
    data: bytes,
    name: str = "The file",
    *,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> Table:
    refuse_binary(data, name)
    text, encoding = decode(data, name)
    return parse_text(text, name, encoding=encoding, cancel=cancel, progress=progress)


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
    reading = _read_records(text, name, delimiter, cancel, progress)
    if reading.headers is None:
        raise TimingImportError(f"{name} is empty: there is no header line and no results.")
    _refuse_short_rows(name, reading.widths)
    if not text.endswith(("\n", "\r")):
        reading.check_last_line()
    if reading.body is not None:
        return Table(name, reading.headers, None, delimiter, encoding, reading.body)
    return Table(name, reading.headers, reading.rows, delimiter, encoding)


def _read_records(
    text: str,
    name: str,
    delimiter: str,
    cancel: threading.Event | None,
    progress: Progress | None,
) -> _Records:
    """Split by lines when no value is quoted (see :mod:`plain_csv`), else by the csv
    module: strict first, lenient when a stray quote sits inside a value."""
    reading = _Records(text, name, delimiter, cancel, progress)
    lines = plain_lines(text)
    if lines is not None:
        reading.read_plain(lines)
        return reading
    try:
        reading.read(strict=True)
    except csv.Error as error:
        if str(error) == "unexpected end of data":
            raise reading.unterminated_quote() from error
        reading = _Records(text, name, delimiter, cancel, progress)  # stray quotes: lenient
        reading.read(strict=False)
    return reading


class _Records:
    """One pass of the csv module over the text: header, rows, each row's own width."""

    def __init__(
        self,
        text: str,
        name: str,
        delimiter: str,
        cancel: threading.Event | None,
        progress: Progress | None,
    ) -> None:
        self.text, self.name, self.delimiter = text, name, delimiter
        self.cancel, self.progress = cancel, progress
        self.headers: list[str] | None = None
        self.rows: list[Row] = []
        self.body: UniformBody | None = None  # the rows as columns, when all are alike
        # (line, cells as written) of each row; of a uniform body its first and last only
        self.widths: list[tuple[int, int]] = []
        self.header_width = 0
        self.header_trailing = False  # the header line ends with a delimiter
        self.last_trailing = False  # so does the last row
        self.record_start = 1

    def read(self, *, strict: bool) -> None:
        text = self.text
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter, strict=strict)
        total_lines = max(1, text.count("\n"))
        try:
            for cells in reader:  # up to the header line, through the checks
                line = reader.line_num
                self._take(line, cells, total_lines)
                self.record_start = line + 1
                if self.headers is not None:
                    self._data_rows(reader, total_lines)
                    break
        except csv.Error as error:
            if strict and str(error) == "unexpected end of data":
                raise
            if strict and "expected after" in str(error):
                raise
            if "field limit" in str(error):
                raise TimingImportError(
                    f"{self.name} has a value longer than {csv.field_size_limit():,} "
                    f"characters (line {reader.line_num}), so it is not a timing file."
                ) from error
            raise TimingImportError(
                f"{self.name} is not a readable CSV file (line {reader.line_num}: {error})."
            ) from error

    def _data_rows(self, reader: Any, total_lines: int) -> None:
        """The rows under the header. The usual row (not a progress point, within the
        limits, not blank) is kept by a short path: a race lap chart has 17,000."""
        width = len(self.headers or ())
        rows, widths = self.rows, self.widths
        most_columns, most_rows, strip = limits.MAX_COLUMNS, limits.MAX_ROWS, str.strip
        for cells in reader:
            line = reader.line_num
            count = len(cells)
            if (
                line % _CHECK_EVERY
                and count <= most_columns
                and len(rows) < most_rows
                and "".join(cells).strip()
            ):
                kept = cells[:width] if count >= width else _fit(cells, width)
                rows.append(Row(line, tuple(map(strip, kept))))
                widths.append((line, count))
                self.last_trailing = cells[-1] == ""
            else:
                self._take(line, cells, total_lines)
            self.record_start = line + 1

    def read_plain(self, lines: list[str]) -> None:
        """As :meth:`read`, the lines split with ``str.split`` (nothing in them is quoted)."""
        total_lines = max(1, self.text.count("\n"))
        for number, text in enumerate(lines, 1):
            self._take(number, text.split(self.delimiter), total_lines)
            self.record_start = number + 1
            if self.headers is not None:
                self._plain_rows(lines, number, total_lines)
                return

    def _plain_rows(self, lines: list[str], header_line: int, total_lines: int) -> None:
        """The rows under the header, as :meth:`_data_rows` keeps them: split at once into
        columns when every line has the same cells (:func:`uniform_body`), else line by
        line (checks inlined: a race lap chart has 17,000 lines)."""
        split = LineSplitter(self.delimiter, self.text)
        if len(lines) - header_line <= limits.MAX_ROWS:
            body = uniform_body(lines[header_line:], header_line + 1, self.delimiter, split)
            if body is not None and body.line_cells <= limits.MAX_COLUMNS:
                self._keep_body(body, lines[-1].endswith(self.delimiter), total_lines)
                return
        self._line_rows(lines, header_line, total_lines, split)

    def _keep_body(self, body: UniformBody, last_trailing: bool, total_lines: int) -> None:
        """What the line loop notes of rows that are all alike, and its check-ins."""
        self.body, first, end, width = body, body.lines[0], body.lines[-1], body.line_cells
        self.widths = [(first, width)] if first == end else [(first, width), (end, width)]
        self.last_trailing = last_trailing
        for line in range(first + -first % _CHECK_EVERY, end + 1, _CHECK_EVERY):
            _check_in(self.cancel, self.progress, line / total_lines)
        self.record_start = end + 1

    def _line_rows(
        self, lines: list[str], header_line: int, total_lines: int, split: LineSplitter
    ) -> None:
        width, delimiter = len(self.headers or ()), self.delimiter
        rows, widths = self.rows, self.widths
        most_columns, most_rows, strip = limits.MAX_COLUMNS, limits.MAX_ROWS, str.strip
        blank, always, before, after = split.blank, split.always_strip, *split.spaced
        make_row = new_row  # a local name: 17,000 lines
        for line in range(header_line + 1, len(lines) + 1):
            text = lines[line - 1]
            cells = text.split(delimiter)
            count = len(cells)
            if line % _CHECK_EVERY and count <= most_columns and len(rows) < most_rows:
                if not text.strip(blank):
                    continue
                kept = cells[:width] if count >= width else _fit(cells, width)
                if always or before in text or after in text or text[0] == " " or text[-1] == " ":
                    kept = list(map(strip, kept))
                rows.append(make_row((line, tuple(kept))))
                widths.append((line, count))
                self.last_trailing = cells[-1] == ""
            else:
                self._take(line, cells, total_lines)
        self.record_start = len(lines) + 1

    def _take(self, line: int, cells: list[str], total_lines: int) -> None:
        if line % _CHECK_EVERY == 0:
            _check_in(self.cancel, self.progress, line / total_lines)
        if not any(cell.strip() for cell in cells):
            return
        if len(cells) > limits.MAX_COLUMNS:
            raise limits.too_many(self.name, "columns", limits.MAX_COLUMNS, line)
        if self.headers is None:
            self.headers = _clean_headers(cells)
            self.header_width, self.header_trailing = len(cells), cells[-1] == ""
            return
        if len(self.rows) >= limits.MAX_ROWS:
            raise limits.too_many(self.name, "rows", limits.MAX_ROWS, line)
        self.rows.append(Row(line, tuple(map(str.strip, _fit(cells, len(self.headers))))))
        self.widths.append((line, len(cells)))
        self.last_trailing = cells[-1] == ""

    def check_last_line(self) -> None:
        """A file that does not end with a line break may have been cut in its last row:
        refuse it when that row lacks the trailing delimiter every line of the file has, or
        (a single row, nothing to compare with) has fewer cells than the header."""
        if not self.widths:
            return
        line, width = self.widths[-1]
        if self.header_trailing and not self.last_trailing:
            reason = "ends without the delimiter every other line ends with"
        elif len(self.widths) == 1 and width < self.header_width:
            reason = f"has {width} cells where the header has {self.header_width}"
        else:
            return
        raise TimingImportError(
            f"{self.name} looks cut off (its last line {reason}), so nothing was imported:",
            [RowProblem(line, f"{reason}; the file ends there")],
        )

    def unterminated_quote(self) -> TimingImportError:
        return TimingImportError(
            f"{self.name} looks cut off or damaged, so nothing was imported:",
            [RowProblem(self.record_start, "a quoted value is never closed (the file ends)")],
        )


def _refuse_short_rows(name: str, widths: list[tuple[int, int]]) -> None:
    """Rows of one file all have the same number of cells; fewer means it was cut off."""
    if len(widths) < 2:
        return
    usual, _count = Counter(map(itemgetter(1), widths)).most_common(1)[0]
    problems = [
        RowProblem(line, f"has {width} cells where the other rows have {usual}")
        for line, width in widths
        if width < usual
    ]
    if problems:
        raise TimingImportError(
            f"{name} looks cut off or damaged (a row is shorter than the others), "
            "so nothing was imported:",
            problems,
        )


def _clean_headers(cells: list[str]) -> list[str]:
    """Strip names; drop the empty column a trailing delimiter leaves at the end."""
    headers = [header.strip().lstrip("\ufeff").strip() for header in cells]
    while headers and not headers[-1]:
        headers.pop()
    return headers


def _fit(cells: list[str], width: int) -> list[str]:
    """The row cut or padded to the header's width (cells not yet stripped)."""
    if len(cells) < width:
        return cells + [""] * (width - len(cells))
    return cells[:width]


def _check_in(cancel: threading.Event | None, progress: Progress | None, done: float) -> None:
    """Let a long read report progress and stop when the reporter cancels."""
    if cancel is not None and cancel.is_set():
        raise ImportCancelled()
    if progress is not None:
        progress(min(done, 1.0))
