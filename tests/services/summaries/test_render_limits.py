"""Hostile templates stop within a bounded time and output size, with the template line.

The time limit is lowered to a fraction of a second so each case proves it stops; the
payloads are the ones a fuzz run found freezing the preview or filling the memory."""

from __future__ import annotations

import re
import time

import pytest
from summary_weekend import DemoWeekend

from desktop_app.services.summaries import RenderResult, guard, summarise


def _render(weekend: DemoWeekend, source: str) -> RenderResult:
    selection = weekend.selection(session="VPSCC Race 2")
    return summarise(weekend.editor.database, selection, source=source)


@pytest.fixture(autouse=True)
def quick_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "MAX_SECONDS", 0.3)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
            "longer than 1,000,000 characters|still running after 0.3 seconds",
        ),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "still running after 0.3 seconds",
        ),
        ("{{ 'x'|center(2**62) }}", "width"),
        ("{{ 'x'.center(2**62) }}", "width"),
        ("{{ 'x'|indent(10**9) }}", "width"),
        ("{{ '%999999999s' % 'x' }}", "width 999999999"),
        ("{{ '%999999999s'|format('x') }}", "width 999999999"),
        ("{{ '{:999999999}'.format('x') }}", "width 999999999"),
        ("{{ ((9 ** 64) ** 64) ** 64 }}", "power gives a number too large"),
        ("{% set x = (9 ** 64) ** 20 %}{{ x * x * x * x * x }}", "multiplication gives a number"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "too deeply"),
        (
            "{% macro f(n) %}{% if n < 40 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}{% endmacro %}"
            "{{ f(0) }}",
            "still running",
        ),
        ("{% set s = 'a' * 100000 %}{{ s|replace('a', s) }}", "longer than 1,000,000"),
    ],
)
def test_a_hostile_template_stops_with_its_line(
    weekend: DemoWeekend, source: str, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if words == "too deeply":  # the depth limit, not the clock: on a loaded machine (with
        # coverage tracing) a thousand macro calls can take longer than the quick 0.3 s
        monkeypatch.setattr(guard, "MAX_SECONDS", 5.0)
    started = time.monotonic()
    result = _render(weekend, "Fine first line\n" + source)
    assert time.monotonic() - started < 10
    assert result.text == "" and re.search(words, result.error)
    assert result.line == 2 and result.error.startswith("Line 2: Refused: ")


def test_a_long_but_honest_summary_still_renders(weekend: DemoWeekend) -> None:
    result = _render(weekend, "{% for i in range(2000) %}{{ session.name }} {% endfor %}")
    assert result.ok and result.text.count("Race 2") == 2000


def test_the_command_line_says_which_line_of_a_runaway_template(
    capsys, weekend: DemoWeekend
) -> None:
    from desktop_app.cli.main import main
    from desktop_app.services.summaries import save_user_template

    save_user_template(
        "runaway", "Intro\n{% for i in range(99999) %}{{ i * 100 }} {% endfor %}\n" * 3
    )
    database = str(weekend.editor.database.path)
    code = main(["--db", database, "summary", "--event", "Roar Before the 24", "--preset",
                 "runaway"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert re.search(r'The template "runaway" has a problem\. Line [24]: Refused: the ', err)
