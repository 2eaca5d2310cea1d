"""Damaged, re-encoded and oversized timing files, built by the tests from a real file.

Each case imports through ``racedesk import`` into a real database and checks what a
reporter sees: one sentence with the row number, and nothing saved.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.services.importers import limits
from desktop_app.services.importers.csv_reader import parse_table, read_table
from desktop_app.services.importers.detect import read_import_file
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.storage.database import open_database

SEBRING = (
    Path(__file__).resolve().parents[2]
    / "fixtures/timing/imsa_wtsc_2024_sebring_weekend/202403160940-race-results.csv"
)


def real_rows() -> list[list[str]]:
    """The file as the csv module reads it (an independent parse)."""
    with SEBRING.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def import_file(capsys: pytest.CaptureFixture[str], db: Path, path: Path) -> tuple[int, str]:
    code = main(["--db", str(db), "import", str(path), "--event", "Sebring", "--session", "Race"])
    return code, capsys.readouterr().err


def counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as connection:
        return tuple(  # type: ignore[return-value]
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("sessions", "results", "entries")
        )


def cut(tmp_path: Path, data: bytes, name: str = "cut.csv") -> Path:
    target = tmp_path / name
    target.write_bytes(data)
    return target


@pytest.fixture
def db(db_path: Path) -> Path:
    open_database(db_path).close()
    return db_path


def test_file_cut_mid_row_is_refused_with_its_row(capsys, db: Path, tmp_path: Path) -> None:
    data = SEBRING.read_bytes()
    at = data.index(b"Porsche 911 GT3 R", len(data) // 2) + len(b"Porsche 911 GT3 R (99")
    code, err = import_file(capsys, db, cut(tmp_path, data[:at]))
    last_line = data[:at].count(b"\n") + 1
    assert code == 1
    assert "looks cut off or damaged" in err and f"row {last_line}: has" in err
    assert counts(db) == (0, 0, 0)


def test_an_unterminated_quote_is_refused_with_its_row(capsys, db: Path, tmp_path: Path) -> None:
    rows = real_rows()
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows[:10])
    damaged = text.getvalue() + ",".join(rows[10][:14]) + ',"Porsche 911 GT3 R (99'  # unclosed
    code, err = import_file(capsys, db, cut(tmp_path, damaged.encode()))
    assert code == 1 and "row 11: a quoted value is never closed" in err
    assert counts(db) == (0, 0, 0)


def test_a_last_line_without_its_trailing_delimiter(capsys, db: Path, tmp_path: Path) -> None:
    data = SEBRING.read_bytes().rstrip(b"\r\n")
    assert data.endswith(b",")
    code, err = import_file(capsys, db, cut(tmp_path, data[:-1]))
    assert code == 1 and f"row {len(real_rows())}: has 77 cells where the other rows have 78" in err
    assert counts(db) == (0, 0, 0)


def test_a_30_digit_lap_count_is_a_sentence_with_its_row(capsys, db: Path, tmp_path: Path) -> None:
    rows = real_rows()
    laps = rows[0].index("LAPS")
    rows[5][laps] = "9" * 30
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    code, err = import_file(capsys, db, cut(tmp_path, text.getvalue().encode()))
    assert code == 1 and "row 6: laps:" in err and "more than any race has" in err
    assert "Traceback" not in err and counts(db) == (0, 0, 0)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_unicode_text_from_excel_imports(tmp_path: Path, encoding: str) -> None:
    """Excel's "Unicode text" is UTF-16 with a mark and tabs; UTF-32 is seen too."""
    text = SEBRING.read_text(encoding="utf-8-sig").replace(",", "\t")
    path = cut(tmp_path, text.encode(encoding), "unicode.txt")
    imported = read_import_file(path)
    assert len(imported.results) == len(real_rows()) - 1
    assert imported.results[0].car_number == real_rows()[1][1]


def test_a_utf8_mark_over_windows_1252_text(tmp_path: Path) -> None:
    text = SEBRING.read_text(encoding="utf-8-sig").replace("Porsche", "Pörsche")
    path = cut(tmp_path, b"\xef\xbb\xbf" + text.encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "cp1252" and table.headers[1] == "NUMBER"
    assert any(cell.startswith("Pörsche 911 GT3 R") for row in table.rows for cell in row.cells)


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_FILE_BYTES", 4096, "is larger than 0.00390625 MB"),
        ("MAX_ROWS", 20, "has more than 20 rows (line 22)"),
        ("MAX_COLUMNS", 50, "has more than 50 columns (line 1)"),
    ],
)
def test_each_limit_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, message: str
) -> None:
    monkeypatch.setattr(limits, limit, value)
    with pytest.raises(TimingImportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_import_file(SEBRING)


def test_a_cell_beyond_the_csv_field_limit(tmp_path: Path) -> None:
    path = cut(tmp_path, b"NUMBER;LAPS\n1;" + b"9" * (csv.field_size_limit() + 1) + b"\n")
    with pytest.raises(TimingImportError, match="has a value longer than 131,072 characters"):
        read_table(path)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_without_reading(device: str) -> None:
    with pytest.raises(TimingImportError, match="not a regular file"):
        read_import_file(Path(device))


def test_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "results.csv"
    os.mkfifo(fifo)
    with pytest.raises(TimingImportError, match="not a regular file"):
        read_import_file(fifo)


def test_a_symlink_loop_is_a_sentence(tmp_path: Path) -> None:
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    with pytest.raises(TimingImportError, match="points back to itself"):
        read_import_file(loop)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TimingImportError, match="is a folder"):
        read_table(tmp_path)


def test_the_untouched_real_file_still_reads() -> None:
    table = parse_table(SEBRING.read_bytes(), SEBRING.name)
    assert len(table.rows) == len(real_rows()) - 1


def workbook_with(tmp_path: Path, far_cell: str | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in real_rows()[:6]:
        sheet.append(row)
    if far_cell:
        sheet[far_cell] = "x"
    path = tmp_path / "results.xlsx"
    book.save(path)
    return path


def test_an_xlsx_dimension_bomb_stops_at_the_row_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One cell at XFD1048576: 5 KB on disk, a million rows of 16,384 cells if trusted."""
    path = workbook_with(tmp_path, "XFD1048576")
    assert path.stat().st_size < 20_000
    monkeypatch.setattr(limits, "MAX_ROWS", 2000)
    with pytest.raises(TimingImportError, match="has more than 2,000 rows"):
        read_import_file(path)


def test_a_far_column_is_not_read(tmp_path: Path) -> None:
    imported = read_import_file(workbook_with(tmp_path, "XFD3"))
    assert [result.car_number for result in imported.results] == [r[1] for r in real_rows()[1:6]]


def test_a_zip_bomb_is_refused_before_unpacking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    path = workbook_with(tmp_path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * 2_000_000)
    assert path.stat().st_size < 100_000
    monkeypatch.setattr(limits, "MAX_XLSX_UNCOMPRESSED", 1024 * 1024)
    with pytest.raises(TimingImportError, match="unpacks to more than 1 MB"):
        read_import_file(path)


def test_a_renamed_text_file_is_not_a_workbook(tmp_path: Path) -> None:
    with pytest.raises(TimingImportError, match="not an Excel workbook"):
        read_import_file(cut(tmp_path, b"NUMBER;LAPS\n", "results.xlsx"))
