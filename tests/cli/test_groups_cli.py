"""``racedesk groups`` on the Sebring weekend: show, detect, set, refuse."""

from __future__ import annotations

import sqlite3

from sebring_files import Sebring

from desktop_app.cli.main import main


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_show_detect_set_and_refuse(capsys, sebring: Sebring) -> None:
    path = str(sebring.editor.database.path)
    base = ("--db", path, "groups", "--event", "1", "--session", "Qualifying")
    sebring.editor.database.close()
    code, out, _ = _run(capsys, *base)
    assert (code, out) == (
        0,
        "Qualifying groups GTP | LMP2 | GTD PRO, GTD (from the lap chart): group positions.\n",
    )
    assert _run(capsys, *base, "--detect")[0] == 0
    code, out, err = _run(capsys, *base, "--set", "GTP | LMP2")
    assert code != 0 and out == ""
    assert "GTD PRO, GTD are in no group" in err
    code, out, _ = _run(capsys, *base, "--set", "GTP|LMP2|GTDPRO,GTD")
    assert out == "Qualifying groups GTP | LMP2 | GTD PRO, GTD (set by you): group positions.\n"
    with sqlite3.connect(path) as connection:
        assert connection.execute(
            "SELECT qualifying_groups, groups_source FROM sessions WHERE name = 'Qualifying'"
        ).fetchone() == ("GTP | LMP2 | GTD PRO, GTD", "reporter")
