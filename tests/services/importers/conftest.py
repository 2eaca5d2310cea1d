"""Fixtures for importer tests: sessions to import the real sample files into."""

from __future__ import annotations

import pytest
from import_helpers import make_session

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
