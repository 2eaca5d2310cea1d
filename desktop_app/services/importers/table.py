"""A timing file read as a table: its header names and its rows of text cells.

What :mod:`csv_reader` (and the XLSX reader) give every parser. A lap chart's 17,000
lines may be kept as columns (:class:`plain_csv.UniformBody`): readers that want a column
or a few lines read those, and rows are made only for what reads rows.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from desktop_app.services.importers.plain_csv import UniformBody


class Row(NamedTuple):
    """One data line: ``line`` is its line number in the file (the header is line 1).
    A named tuple: a race lap chart has 17,000 of them."""

    line: int
    cells: tuple[str, ...]


new_row = functools.partial(tuple.__new__, Row)  # Row(...) without a Python call


class Table:
    """Header names (stripped) and rows padded to the header's width. A plain file whose
    lines all have the same cells keeps them as columns (see :class:`UniformBody`): its
    rows are made the first time something reads them, and readers that want a column
    (:meth:`cells`) or a few lines (:meth:`cells_at`) never make them."""

    def __init__(
        self,
        name: str,
        headers: list[str],
        rows: list[Row] | None = None,
        delimiter: str = ";",
        encoding: str = "utf-8",
        body: UniformBody | None = None,
    ) -> None:
        self.name, self.headers, self.delimiter, self.encoding = name, headers, delimiter, encoding
        self._rows, self._body = rows, body
        self._index: dict[str, int] = {}
        self._asked: dict[str, int | None] = {}
        for position, header in enumerate(self.headers):
            self._index.setdefault(header_key(header), position)

    @property
    def rows(self) -> list[Row]:
        if self._rows is None:
            body = self._body
            assert body is not None
            columns = map(body.column, range(len(self.headers)))
            self._rows = list(
                map(new_row, zip(body.lines, zip(*columns, strict=True), strict=True))
            )
        return self._rows

    def lines(self) -> Sequence[int]:
        """Each row's line number, in order."""
        if self._rows is None and self._body is not None:
            return self._body.lines
        return [row.line for row in self.rows]

    def cells(self, position: int) -> list[str]:
        """The cells of every row at ``position`` (a column of the header)."""
        if self._rows is None and self._body is not None:
            return self._body.column(position)
        return list(map(itemgetter(position), map(itemgetter(1), self.rows)))

    def cells_at(self, lines: set[int]) -> dict[int, tuple[str, ...]]:
        """The cells of the rows at ``lines``, by line number."""
        if self._rows is None and self._body is not None:
            first, width = self._body.lines.start, len(self.headers)
            return {line: self._body.row(line - first, width) for line in lines}
        return {row.line: row.cells for row in self.rows if row.line in lines}

    def column(self, header: str) -> int | None:
        """Position of a column by name, ignoring case and spacing; None when absent.
        Parsers ask per row and cell, so each name asked is folded once."""
        try:
            return self._asked[header]
        except KeyError:
            found = self._asked[header] = self._index.get(header_key(header))
            return found

    def has(self, *headers: str) -> bool:
        return all(self.column(header) is not None for header in headers)


def header_key(header: str) -> str:
    """``" LAPS"``, ``"laps"`` and ``"Laps "`` are one column."""
    return header.strip().lstrip("\ufeff").strip().upper()
