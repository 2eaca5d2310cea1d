"""Fixtures for summary tests: the demo weekend (the Sebring one is in tests/conftest.py)."""

from __future__ import annotations

import pytest
from summary_weekend import DemoWeekend

from desktop_app.services.editing import Editor


@pytest.fixture
def weekend(demo_editor: Editor) -> DemoWeekend:
    return DemoWeekend(demo_editor)
