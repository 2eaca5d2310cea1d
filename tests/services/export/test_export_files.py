"""CSV export and the guarantees of writing: complete file or the old one, never half of one."""

from __future__ import annotations

import csv
import errno
import os
from pathlib import Path

import openpyxl
import pytest

from desktop_app.services.editing import Editor
from desktop_app.services.export import ExportError, export_event_workbook, export_session_csv
from desktop_app.services.export import workbook as workbook_module
from desktop_app.services.export.atomic import atomic_target
from desktop_app.services.export.csv_export import guard
from desktop_app.services.export.sheets import SheetNamer, clean_sheet_name


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_csv_starts_with_a_bom_and_keeps_accents(editor: Editor, crafted, tmp_path):
    target = tmp_path / "race.csv"
    assert export_session_csv(editor.database, crafted.race_id, target) == target
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["Pos", "Class", "PIC", "No."]
    assert rows[0][-2:] == ["Provisional pos", "Provisional PIC"]
    first = rows[1]
    assert first[:4] == ["1", "PRO", "1", "01"]
    assert first[6] == "Sébastien Bourdais"
    assert (first[8], first[10]) == ("1:30:00.123", "1:47.123")


def test_csv_writes_formula_like_text_with_an_apostrophe(editor, crafted, tmp_path):
    target = tmp_path / "race.csv"
    export_session_csv(editor.database, crafted.race_id, target)
    teams = [row[4] for row in csv.reader(target.read_text("utf-8-sig").splitlines())][1:]
    assert teams == ["'=1+1", "'@SUM(A1)", "'+1", "'-1"]


def test_csv_gaps_in_laps_and_time_are_plain_text(editor, crafted, tmp_path):
    target = tmp_path / "race.csv"
    export_session_csv(editor.database, crafted.race_id, target)
    gaps = [row[9] for row in csv.reader(target.read_text("utf-8-sig").splitlines())][1:]
    assert gaps == ["", "1.250", "1 Lap", "38 Laps"]


@pytest.mark.parametrize(
    ("text", "written"),
    [("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("Ave", "Ave"), ("", "")],
)
def test_guard(text, written):
    assert guard(text) == written


def test_failure_mid_write_keeps_the_old_file_and_leaves_no_temporary(
    demo_editor, tmp_path, monkeypatch
):
    target = tmp_path / "out" / "roar.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"the old workbook")
    original = workbook_module.write_table
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk unplugged")
        return original(*args, **kwargs)

    monkeypatch.setattr(workbook_module, "write_table", failing)
    with pytest.raises(RuntimeError):
        export_event_workbook(demo_editor.database, 1, target)
    assert target.read_bytes() == b"the old workbook"
    assert os.listdir(target.parent) == ["roar.xlsx"]


def test_replacing_an_existing_file_gives_a_complete_new_one(demo_editor, tmp_path):
    target = tmp_path / "roar.xlsx"
    target.write_bytes(b"old")
    export_event_workbook(demo_editor.database, 1, target)
    assert openpyxl.load_workbook(target).sheetnames[0] == "Schedule"
    assert _leftovers(tmp_path) == []


def test_locked_or_read_only_target_gives_a_sentence(demo_editor, tmp_path, monkeypatch):
    """Excel on Windows locks an open file; renaming over it fails with PermissionError."""
    target = tmp_path / "roar.xlsx"
    target.write_bytes(b"open in Excel")

    def refuse(source, destination):
        raise PermissionError(errno.EACCES, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError) as raised:
        export_event_workbook(demo_editor.database, 1, target)
    message = str(raised.value)
    assert message.startswith("roar.xlsx could not be saved: it is open in another program")
    assert "read-only" in message and "The previous file is unchanged." in message
    assert target.read_bytes() == b"open in Excel"
    assert _leftovers(tmp_path) == []


def test_a_folder_as_target_gives_a_sentence(demo_editor, tmp_path):
    folder = tmp_path / "Exports"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder; choose a file name inside it"):
        export_event_workbook(demo_editor.database, 1, folder)


def test_a_missing_folder_gives_a_sentence(demo_editor, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_session_csv(demo_editor.database, 5, tmp_path / "nowhere" / "race.csv")


def test_full_disk_gives_a_sentence_and_no_temporary(tmp_path):
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    target = tmp_path / "race.csv"
    with pytest.raises(ExportError, match="The disk is full, so race.csv was not saved"):
        with atomic_target(target) as temporary:
            temporary.write_text("half")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_temporary_file_sits_in_the_target_folder(tmp_path):
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    target = tmp_path / "race.csv"
    with atomic_target(target) as temporary:
        assert temporary.parent == tmp_path
        assert temporary.name.startswith(".race-")
        temporary.write_text("done", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "done"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("VPSCC LMP3/GSX Race 1", "VPSCC LMP3-GSX Race 1"),
        ("a[b]c:d*e?f\\g", "a-b-c-d-e-f-g"),
        ("'quoted'", "quoted"),
        ("History", "History sheet"),
        ("", "Sheet"),
        ("IMSA WeatherTech SportsCar Championship Qualifying", "IMSA WeatherTech SportsCar Cham"),
    ],
)
def test_clean_sheet_name(raw, clean):
    assert clean_sheet_name(raw) == clean
    assert len(clean) <= 31


def test_sheet_names_are_unique_ignoring_case_and_stay_short():
    namer = SheetNamer()
    long = "IMSA WeatherTech SportsCar Championship Race"
    names = [namer.name(long), namer.name(long.upper()), namer.name(long)]
    assert names == [
        "IMSA WeatherTech SportsCar Cham",
        "IMSA WEATHERTECH SPORTSCAR (2)",
        "IMSA WeatherTech SportsCar (3)",
    ]


def test_new_files_get_normal_permissions_and_replaced_ones_keep_theirs(tmp_path):
    """A temporary file is private (0600) by default; the exported file must not be."""
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.csv"
        with atomic_target(fresh) as temporary:
            temporary.write_text("x")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.csv"
        kept.write_text("old")
        kept.chmod(0o640)
        with atomic_target(kept) as temporary:
            temporary.write_text("new")
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)
