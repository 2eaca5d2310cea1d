"""The lines of a timing CSV: its delimiter, and splitting them by ``str.split``.

Official timing files (Al Kamel, IMSA) never quote a value, and a lap chart has 17,000
lines. When the text holds no quote character, no line break the csv module would not
see and no value over its field limit, each line split on the delimiter gives exactly
the cells ``csv.reader`` gives, at less than half the cost; otherwise :mod:`csv_reader`
uses the csv module as before. Stripping every cell is the other half of the cost, so a
line is only stripped when a cell of it can start or end with a space.
"""

from __future__ import annotations

import csv
from itertools import repeat

_DELIMITERS = (";", ",", "\t")

# where str.splitlines breaks a line and the csv module does not (it breaks at \r and \n)
_BREAKS_CSV_DOES_NOT_SEE = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# what str.strip strips besides the space and the two line ends
_OTHER_SPACES = (
    "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def plain_lines(text: str) -> list[str] | None:
    """The lines of ``text`` when splitting each on the delimiter gives csv's rows;
    None when the csv module must read it (a quote, an odd line break, a huge value)."""
    if '"' in text or any(char in text for char in _BREAKS_CSV_DOES_NOT_SEE):
        return None
    lines = text.splitlines()
    if lines and max(map(len, lines)) > csv.field_size_limit():
        return None  # the csv module names the line of a value over its limit
    return lines


def only_plain_spaces(text: str) -> bool:
    """True when the only white space in ``text`` is the space (and line ends): then a
    line needs stripping only where a space touches a delimiter or a line end."""
    return not any(char in text for char in _OTHER_SPACES)


class LineSplitter:
    """What tells, line by line, whether csv.reader's cells need ``str.strip``."""

    def __init__(self, delimiter: str, text: str) -> None:
        self.spaced = (" " + delimiter, delimiter + " ")  # a space before or after a cell
        self.always_strip = not only_plain_spaces(text)  # tabs, no-break spaces...
        self.blank = delimiter + " \t\r\n" + _OTHER_SPACES  # a line of only these: no row


class UniformBody:
    """The data lines of a plain file whose every line has the same number of cells, split
    at once: the lines joined by the delimiter and split in one ``str.split`` (no list and
    no row tuple per line), each column a slice of that, taken when asked. A race lap chart
    is 17,000 lines that only need their columns; rows are made only for what reads rows.
    ``strip``: a cell somewhere starts or ends with white space, so every column read is
    stripped (``str.strip`` leaves the other cells as they are, as the row read does)."""

    def __init__(self, cells: list[str], stride: int, first_line: int, strip: bool) -> None:
        self._cells, self._stride, self._strip = cells, stride, strip
        self.line_cells = stride  # the cells of each line, as written
        self.lines = range(first_line, first_line + len(cells) // stride)
        self._columns: dict[int, list[str]] = {}

    def column(self, position: int) -> list[str]:
        """The cells at ``position`` of every line, as the row read keeps them."""
        found = self._columns.get(position)
        if found is None:
            if position < self._stride:
                found = self._cells[position :: self._stride]
                if self._strip:
                    found = list(map(str.strip, found))
            else:  # the lines are shorter than the header: the row read pads them
                found = [""] * len(self.lines)
            self._columns[position] = found
        return found

    def row(self, index: int, width: int) -> tuple[str, ...]:
        """The first ``width`` cells of the ``index``-th line, as the row read keeps them."""
        start = index * self._stride
        cells = self._cells[start : start + min(width, self._stride)]
        cells += [""] * (width - len(cells))
        return tuple(map(str.strip, cells))


def uniform_body(
    lines: list[str], first_line: int, delimiter: str, splitter: LineSplitter
) -> UniformBody | None:
    """``lines`` (the data lines, from ``first_line``) split at once, when each has as
    many cells as the first and none is blank; None when the line-by-line read must
    tell (blank lines are left out, short rows refused, each with its line)."""
    counts = set(map(str.count, lines, repeat(delimiter)))
    if len(counts) != 1:
        return None
    joined, count = delimiter.join(lines), counts.pop()
    # rfind: half the time of ``in`` for these two-character needles (2.7 MB: 1 ms each)
    before, after = splitter.spaced
    strip = splitter.always_strip or joined[:1] == " " or joined[-1:] == " "
    strip = strip or joined.rfind(before) >= 0 or joined.rfind(after) >= 0
    if _has_blank_line(lines, delimiter * count, splitter.blank if strip else None):
        return None
    return UniformBody(joined.split(delimiter), count + 1, first_line, strip)


def _has_blank_line(lines: list[str], empty: str, blank: str | None) -> bool:
    """Whether a line holds no value. Without white space at a cell's edge (``blank``
    None) such a line is only delimiters, found by one C-level count."""
    if blank is None:
        return empty in lines
    return not all(map(str.strip, lines, repeat(blank)))


def sniff_delimiter(text: str) -> str:
    """The separator the header line uses most, counting only outside quotes."""
    first_line = next((line for line in _leading_lines(text) if line.strip()), "")
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def _leading_lines(text: str) -> list[str]:
    """The whole lines of the text's first 64 KB (the header is among them), or every
    line when those are all blank: a race lap chart is 2.7 MB."""
    head = text[:65536]
    lines = head.splitlines()
    if len(head) == len(text):
        return lines
    whole = lines[:-1]  # the last may be cut at 64 KB
    return whole if any(line.strip() for line in whole) else text.splitlines()
