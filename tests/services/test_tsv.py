"""Clipboard blocks: Excel's tab-separated text and PDF text with columns of spaces."""

from __future__ import annotations

import pytest

from desktop_app.services.tsv import join_rows, split_block


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("12\t1:47.123\n7\t+0.150\n", [["12", "1:47.123"], ["7", "+0.150"]]),
        ("12\t\t2 Laps\r\n7\tDNF\t\r\n", [["12", "", "2 Laps"], ["7", "DNF", ""]]),
        (
            "1   61   Ave Motorsports   1:47.123\n2  87  FastMD Racing  +0.150",
            [["1", "61", "Ave Motorsports", "1:47.123"], ["2", "87", "FastMD Racing", "+0.150"]],
        ),
        ("  12  \n\n  7  \n", [["12"], ["7"]]),
        ('12\t"Smith, John\nJones"\t"say ""hi"""', [["12", "Smith, John\nJones", 'say "hi"']]),
        ("", []),
        ("\n \n", []),
    ],
)
def test_split_block_reads_excel_and_pdf_text(text: str, rows: list[list[str]]) -> None:
    assert split_block(text) == rows


def test_single_spaces_stay_inside_a_pdf_cell() -> None:
    assert split_block("Parker Thompson  Vasser Sullivan Lexus") == [
        ["Parker Thompson", "Vasser Sullivan Lexus"]
    ]


def test_join_rows_is_tab_separated_and_quotes_only_cells_that_would_split() -> None:
    text = join_rows([["1", "12", "+0.150"], ["2", 'A "B"\tC', ""]])
    assert text == '1\t12\t+0.150\n2\t"A ""B""\tC"\t'


def test_join_then_split_gives_the_same_cells_back() -> None:
    rows = [["1", "Team\twith tab", "x"], ["2", "line\nbreak", 'q"uote']]
    assert split_block(join_rows(rows)) == rows
