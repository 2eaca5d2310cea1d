"""Fixtures for summary tests: the demo weekend and the Sebring 2024 files."""

from __future__ import annotations

import pytest
from sebring_files import sebring, sebring_template  # noqa: F401  (fixtures)
from summary_weekend import DemoWeekend

from desktop_app.services.editing import Editor


@pytest.fixture
def weekend(demo_editor: Editor) -> DemoWeekend:
    return DemoWeekend(demo_editor)
