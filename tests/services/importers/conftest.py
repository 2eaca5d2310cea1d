"""Fixtures for importer tests: sessions to import the real sample files into."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from import_helpers import make_session
from weekend_support import SEBRING, import_weekend

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor


@pytest.fixture
def race_session(editor: Editor) -> int:
    return make_session(editor, "IWSC", SessionKind.RACE)


@pytest.fixture
def qualifying_session(editor: Editor) -> int:
    return make_session(editor, "IWSC", SessionKind.QUALIFYING)


@pytest.fixture
def elms_session(editor: Editor) -> int:
    return make_session(editor, "ELMS", SessionKind.RACE)


@pytest.fixture(scope="session")
def cli_weekend_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Sebring weekend imported ONCE by the CLI's weekend import (no tags, unlike the
    root `sebring_template`); tests get a copy of it."""
    path = tmp_path_factory.mktemp("template") / "sebring.sqlite3"
    import_weekend(path, [SEBRING])
    return path


@pytest.fixture
def sebring_db(cli_weekend_template: Path, tmp_path: Path) -> Path:
    """A copy of the imported weekend for one test to read or change."""
    path = tmp_path / "sebring.sqlite3"
    shutil.copyfile(cli_weekend_template, path)
    return path
