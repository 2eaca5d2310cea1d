"""The shell on a ten-season file: navigator reload, one keyed cell, a pasted entry list.

Each keyed cell is a transaction, a change-log line and a re-read of the grid, so these
say how the grids feel while a reporter types on a big database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from pytest_benchmark.fixture import BenchmarkFixture

from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.storage.database import open_database
from desktop_app.ui.commands_grid import CommandRunner
from desktop_app.ui.models.entries_model import TEAM, EntriesModel
from desktop_app.ui.navigator import Navigator

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def big_editor(big_database_copy: Path):
    database = open_database(big_database_copy)
    yield Editor(database)
    database.close()


def _last_event(editor: Editor) -> int:
    with editor.database.read() as session:
        return repo.list_events(session)[-1].id


def test_navigator_reload_on_ten_seasons(benchmark: BenchmarkFixture, qapp, big_editor) -> None:
    navigator = Navigator()
    benchmark.pedantic(navigator.reload, args=(big_editor.database,), rounds=10, warmup_rounds=1)
    assert navigator.topLevelItem(0).childCount() == 120


def test_one_keyed_entry_cell(benchmark: BenchmarkFixture, qapp, big_editor) -> None:
    model = EntriesModel(CommandRunner(big_editor, QUndoStack(), print), _last_event(big_editor))
    model.reload(full=True)
    names = iter(f"Team {n}" for n in range(1000))
    benchmark.pedantic(
        lambda: model.setData(model.index(0, TEAM), next(names)), rounds=20, warmup_rounds=1
    )
    assert model.rows[0].cells[TEAM].startswith("Team ")


def test_paste_sixty_new_cars(benchmark: BenchmarkFixture, qapp, big_editor) -> None:
    model = EntriesModel(CommandRunner(big_editor, QUndoStack(), print), _last_event(big_editor))
    model.reload(full=True)
    rounds = iter(range(100))
    pasted: list[int] = []

    def paste() -> None:
        pasted.append(next(rounds))
        base = 500 + pasted[-1] * 100
        end = len(model.rows)
        cells = {}
        for offset in range(60):
            row = [str(base + offset), "", "", f"Team {offset}", "Car", f"Driver{offset} Paste", ""]
            cells.update({(end + offset, column): text for column, text in enumerate(row)})
        assert model.set_texts(cells)

    benchmark.pedantic(paste, rounds=3, warmup_rounds=0)
    assert len(model.rows) == 60 + 60 * len(pasted)  # 3 rounds, 1 with --benchmark-disable
