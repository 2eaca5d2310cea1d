"""Reading what exporters produce: delimiters, BOM, quotes, line ends, stray spaces, names."""

from __future__ import annotations

import pytest

from desktop_app.services.importers import names
from desktop_app.services.importers.csv_reader import parse_table, parse_text
from desktop_app.services.importers.detect import detect_layout, read_table_results
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.model import Layout

HEADER = ["POSITION", "NUMBER", "STATUS", "LAPS", "TOTAL_TIME", "TEAM", "DRIVER_1"]
ROW = ["1", "01", "Classified", "78", "1:42:08.126", "Team, Inc.", "Simon DOLAN"]


def encoded(delimiter: str, newline: str, *, bom: bool, trailing: bool, encoding="utf-8") -> bytes:
    def line(cells: list[str]) -> str:
        quoted = [f'"{cell}"' if delimiter in cell else cell for cell in cells]
        return delimiter.join(quoted) + (delimiter if trailing else "")

    text = line(HEADER) + newline + line(ROW) + newline
    return ("\ufeff" if bom else "").encode(encoding) + text.encode(encoding)


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("trailing", [True, False])
def test_every_export_form_reads_the_same(
    delimiter: str, newline: str, bom: bool, trailing: bool
) -> None:
    table = parse_table(encoded(delimiter, newline, bom=bom, trailing=trailing), "x.csv")
    assert table.headers == HEADER and table.delimiter == delimiter
    assert [row.cells for row in table.rows] == [tuple(ROW)]
    assert table.rows[0].line == 2


def test_windows_1252_text_is_read_when_not_utf8() -> None:
    data = "NUMBER;TEAM\n1;Crubilé Sport\n".encode("cp1252")
    table = parse_table(data, "x.csv")
    assert table.encoding == "cp1252" and table.rows[0].cells == ("1", "Crubilé Sport")


def test_stray_spaces_in_header_names_are_ignored() -> None:
    table = parse_text("POS; NUMBER;LAP; TIME ; LAPS\n1;7;3;1:11.539;11\n")
    assert table.has("LAPS", "NUMBER", "TIME") and table.headers[4] == "LAPS"
    assert detect_layout(table) is Layout.IMSA_TIMED


def test_short_rows_are_padded_and_blank_lines_ignored() -> None:
    table = parse_text("NUMBER;LAPS;TIME;LAP\n\n7;3\n")
    assert [(row.line, row.cells) for row in table.rows] == [(3, ("7", "3", "", ""))]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 ...", "is a PDF document"),
        (b"ab\x00cd", "is not a text file"),
        (b"\n\n \n", "is empty"),
        (b"\x81\x8d\x8f\x90\x9d", "neither UTF-8 nor Windows-1252"),
    ],
)
def test_files_that_are_not_csv_get_a_sentence(data: bytes, message: str) -> None:
    with pytest.raises(TimingImportError, match=message):
        parse_table(data, "upload.csv")


def test_header_only_file_is_refused() -> None:
    with pytest.raises(TimingImportError, match="no cars"):
        read_table_results(parse_text("POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;\n"))


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Simon DOLAN", "Simon", "Dolan"),
        ("Paul-Loup CHATIN", "Paul-Loup", "Chatin"),
        ("Tom KIMBER-SMITH", "Tom", "Kimber-Smith"),
        ("Daniel MCKENZIE", "Daniel", "McKenzie"),
        ("Sébastien CRUBILÉ", "Sébastien", "Crubilé"),
        ("Alexander TALKANITSA JR", "Alexander", "Talkanitsa Jr"),
        ("Adrien DE LEENER", "Adrien", "De Leener"),
        ("Sheldon van der Linde", "Sheldon", "van der Linde"),
        ("Parker Thompson", "Parker", "Thompson"),
        ("SIMON DOLAN", "Simon", "Dolan"),
        ("DOLAN", "", "Dolan"),
    ],
)
def test_full_names_split_and_cased(text: str, first: str, last: str) -> None:
    assert names.split_full_name(text) == (first, last)


@pytest.mark.parametrize(
    ("text", "cased"),
    [("THOMPSON", "Thompson"), ("De Phillippi", "De Phillippi"), ("PJ", "PJ"), ("Seb", "Seb")],
)
def test_split_name_parts_keep_mixed_case(text: str, cased: str) -> None:
    assert names.proper_name(text) == cased


@pytest.mark.parametrize(
    ("text", "city", "region"),
    [
        ("Zolder, Belgium", "Zolder", "Belgium"),
        ("Windsor , ON", "Windsor", "ON"),
        ("London", "London", ""),
        ("", "", ""),
    ],
)
def test_hometowns_split_into_city_and_region(text: str, city: str, region: str) -> None:
    assert names.split_hometown(text) == (city, region)
