"""Files without quotes are split with str.split: exactly the rows the csv module gives.

Each case is read twice, by the plain split and by the csv module (``plain_lines``
patched to say "use csv"), and the tables must be identical: headers, every row's line
number and cells, and the same refusal with the same rows when the file is damaged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.services.importers import csv_reader, limits, plain_csv
from desktop_app.services.importers.csv_reader import parse_table, parse_text
from desktop_app.services.importers.errors import ImportCancelled, TimingImportError
from desktop_app.services.importers.table import Table

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "timing"
SAMPLES = sorted(FIXTURES.rglob("*.csv"))


def by_csv(monkeypatch: pytest.MonkeyPatch, read: Callable[[], Table]) -> Table | str:
    """The same read with the plain split turned off: the csv module's rows."""
    with monkeypatch.context() as patched:
        patched.setattr(csv_reader, "plain_lines", lambda _text: None)
        return _outcome(read)


def _outcome(read: Callable[[], Table]) -> Table | str:
    try:
        return read()
    except TimingImportError as error:
        return f"{error} {[str(problem) for problem in error.problems]}"


def same_table(plain: Table | str, general: Table | str) -> None:
    assert isinstance(plain, Table) == isinstance(general, Table)
    if isinstance(plain, str) or isinstance(general, str):
        assert plain == general
        return
    assert (plain.headers, plain.delimiter) == (general.headers, general.delimiter)
    assert plain.rows == general.rows


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_every_sample_file_reads_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    plain = _outcome(lambda: parse_table(data, path.name))
    same_table(plain, by_csv(monkeypatch, lambda: parse_table(data, path.name)))
    assert isinstance(plain, Table) and plain.rows


def test_the_sebring_files_take_the_plain_path() -> None:
    """Official files have no quotes, so the fast path is the one the weekend uses."""
    sebring = [path for path in SAMPLES if "sebring" in str(path)]
    assert len(sebring) == 15
    for path in sebring:
        assert plain_csv.plain_lines(path.read_text(encoding="utf-8-sig")) is not None


EDGES = {
    "empty fields": "NUMBER;LAPS;TEAM\n7;;\n8;;Team B\n;;\n9;12;\n",
    "trailing separators": "NUMBER;LAPS;TEAM;\n7;10;Team A;\n8;9;Team B;\n",
    "BOM and CRLF": "\ufeffNUMBER,LAPS,TEAM\r\n7,10,Team A\r\n\r\n8,9,Team B\r\n",
    "lone CR line ends": "NUMBER;LAPS\r7;10\r8;9\r",
    "spaces around cells": " NUMBER , LAPS ,TEAM\n 7 ,10, Team A \n8,\t9\t,Team B\n",
    "no space except in names": "NUMBER,DRIVER\n7,Jean Dupont\n8,Ann Lee\n",
    "non-breaking space": "NUMBER;TEAM\n7;\u00a0Team A\u00a0\n8;Équipe B\n",
    "short and long rows": "NUMBER;LAPS;TEAM\n7;10;A;extra;more\n8;9\n9;8;C\n",
    "no line break at the end": "NUMBER;LAPS;\n7;10;\n8;9",
    "cut last line": "NUMBER;LAPS;\n7;10;\n8;9;\n9;1",
    "blank lines and spaces only": "\n  \nNUMBER;LAPS\n \n7;10\n ; \n8;9\n",
    "form feed in a value": "NUMBER;TEAM\n7;A\x0cB\n8;C\n",
    "unicode line separator": "NUMBER;TEAM\n7;A\u2028B\n8;C\n",
    "quoted value": 'NUMBER,TEAM\n7,"Team, A"\n8,B\n',
    # every line with the same cells: read into columns at once, or left to the line loop
    "alike: a line of delimiters": "NUMBER;LAPS;TEAM\n7;10;A\n;;\n8;9;B\n",
    "alike: a line of spaces": "NUMBER;LAPS\n7;10\n ; \n8;9\n",
    "alike: spaces at cell edges": "NUMBER;LAPS;TEAM\n7 ;10;Team A\n8; 9;B \n 9;8;C\n",
    "alike: a tab in a value": "NUMBER;TEAM\n7;A\tB\n8;\tC\n",
    "alike: rows shorter than the header": "NUMBER;LAPS;TEAM\n7;10\n8;9\n",
    "alike: rows longer than the header": "NUMBER;LAPS\n7;10;x;\n8;9;y;\n",
    "alike: one column": "NUMBER\n7\n8\n",
    "alike: one column, a blank line": "NUMBER\n7\n\n8\n",
    "alike: one row": "NUMBER;LAPS\n7;10\n",
    "alike: one short row, no line break": "NUMBER;LAPS;TEAM\n7;10",
    "alike: no trailing delimiter at the end": "NUMBER;LAPS;\n7;10\n8;9",
    "alike: blank lines before the header": "\n\nNUMBER;LAPS\n7;10\n8;9\n",
    "only a header": "NUMBER;LAPS;TEAM\n",
    "empty": "",
}


@pytest.mark.parametrize("text", EDGES.values(), ids=EDGES.keys())
def test_edge_cases_read_alike(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _outcome(lambda: parse_text(text, "edge.csv"))
    same_table(plain, by_csv(monkeypatch, lambda: parse_text(text, "edge.csv")))


def test_a_value_over_the_csv_limit_goes_to_the_csv_module() -> None:
    """The csv module names the line of a huge value; the plain split leaves it to it."""
    import csv

    text = "NUMBER;TEAM\n7;" + "x" * (csv.field_size_limit() + 1) + "\n"
    assert plain_csv.plain_lines(text) is None
    with pytest.raises(TimingImportError, match="line 2"):
        parse_text(text, "huge.csv")


def test_spaces_are_stripped_only_where_they_touch_a_cell_edge() -> None:
    table = parse_text("NUMBER , DRIVER\n7 ,Jean  Dupont\n8, Ann Lee \n9,Bo Ek\n", "x.csv")
    assert [row.cells for row in table.rows] == [
        ("7", "Jean  Dupont"),
        ("8", "Ann Lee"),
        ("9", "Bo Ek"),
    ]
    assert [row.line for row in table.rows] == [2, 3, 4]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("\n" * 70_000 + "NUMBER,LAPS\n7,10\n", ","),  # the header after 64 KB of blank lines
        ("NUMBER;" + "LAPS;" * 20_000 + "\n7;10\n", ";"),  # a header line longer than 64 KB
        ("NUMBER\tLAPS\n" + "7\t10\n" * 20_000, "\t"),  # a long file: only its head is split
    ],
)
def test_the_delimiter_is_the_header_lines_wherever_it_ends(text: str, delimiter: str) -> None:
    assert plain_csv.sniff_delimiter(text) == delimiter


def long_chart(lines: int) -> str:
    return "NUMBER;LAP_NUMBER;LAP_TIME;\n" + "".join(
        f"{n % 9};{n};1:5{n % 10}.123;\n" for n in range(lines)
    )


def test_a_long_file_of_alike_lines_reports_progress_as_the_line_loop() -> None:
    """Read at once, it still checks in at every 2,000th line (the header is line 1)."""
    seen: list[float] = []
    table = parse_text(long_chart(4500), "chart.csv", progress=seen.append)
    assert table.lines() == range(2, 4502)
    lines = 4501  # line breaks in the text
    assert seen == [2000 / lines, 4000 / lines]
    assert table.rows[-1] == (4501, ("8", "4499", "1:59.123"))


def test_a_cancelled_read_of_alike_lines_stops() -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ImportCancelled):
        parse_text(long_chart(2500), "chart.csv", cancel=cancel)


def test_too_many_alike_rows_are_refused_at_the_first_line_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 30)
    with pytest.raises(TimingImportError, match="line 32"):
        parse_text(long_chart(40), "chart.csv")
    assert len(parse_text(long_chart(30), "chart.csv").rows) == 30


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("NUMBER;LAPS;TEAM;\n7;10;A;\n8;9;B;\n9;8;C;\n", [2, 3, 4]),  # alike: columns
        ("NUMBER;LAPS;TEAM;\n7;10;A;\n\n8;9;B;\n9;8;C;\n", [2, 4, 5]),  # a blank line: rows
    ],
)
def test_a_column_and_a_few_rows_read_as_the_rows_say(text: str, lines: list[int]) -> None:
    table = parse_text(text, "x.csv")
    assert table.cells(1) == ["10", "9", "8"]
    assert table.cells_at({lines[0], lines[2]}) == {
        lines[0]: ("7", "10", "A"),
        lines[2]: ("9", "8", "C"),
    }
    assert list(table.lines()) == lines
    assert [row.line for row in table.rows] == lines
    assert [row.cells for row in table.rows] == [("7", "10", "A"), ("8", "9", "B"), ("9", "8", "C")]


def test_alike_rows_wider_than_the_column_limit_are_refused_at_their_first_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_COLUMNS", 3)
    with pytest.raises(TimingImportError, match=r"more than 3 columns \(line 2\)"):
        parse_text("NUMBER;LAPS\n7;10;a;b;c\n8;9;a;b;c\n", "wide.csv")
