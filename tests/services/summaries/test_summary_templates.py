"""User templates: copied from a preset, saved in the user folder, sandboxed, errors by line."""

from __future__ import annotations

import pytest
from summary_weekend import DemoWeekend

from desktop_app import paths
from desktop_app.services.errors import EditError
from desktop_app.services.summaries import (
    RenderResult,
    all_templates,
    copy_name,
    save_user_template,
    summarise,
    template_source,
)


def _render(
    weekend: DemoWeekend, source: str, session: str | None = "VPSCC Race 2"
) -> RenderResult:
    return summarise(weekend.editor.database, weekend.selection(session=session), source=source)


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ joiner.__init__.__globals__['os'] }}",
        "{{ session.__class__ }}",
        "{{ ''|attr('__class__') }}",
        "{{ namespace.__init__.__globals__ }}",
        "{% set x = [1] %}{{ x.append(2) }}",
        "{{ session._private }}",
        "{{ session['_private'] }}",
        "{{ session.results.__len__() }}",
        "{{ 'x' * 1000000000 }}",
        "{{ 10 ** 100000000 }}",
    ],
)
def test_sandbox_escapes_are_refused_with_a_clear_error(weekend: DemoWeekend, source: str) -> None:
    result = _render(weekend, "Fine first line\n" + source)
    assert result.text == ""
    assert result.line == 2
    assert result.error.startswith("Line 2: ")
    assert result.error.startswith("Line 2: Refused: ")


@pytest.mark.parametrize(
    "source", ["{% include '/etc/passwd' %}", "{% include '../demo/rolex24_2024.json' %}"]
)
def test_templates_cannot_read_files(weekend: DemoWeekend, source: str) -> None:
    result = _render(weekend, source)
    assert result.error.startswith("Line 1: There is no preset template called")
    assert "passwd" in result.error or "rolex24" in result.error


def test_a_user_template_may_include_a_preset(weekend: DemoWeekend) -> None:
    result = _render(weekend, "Canadians:\n{% include 'race.j2' %}", session="VPSCC Race 1")
    assert result.text == (
        "Canadians:\nRace 1 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P4 "
        "in LMP3, George Staikos was P8 in LMP3, while Jesse Lazare finished P13 in GSX."
    )


def test_template_mistakes_come_back_with_their_line(weekend: DemoWeekend) -> None:
    assert _render(weekend, "one\ntwo\n{% for r in %}").error == (
        "Line 3: Expected an expression, got 'end of statement block'."
    )
    undefined = _render(weekend, "one\n{{ session.winner }}")
    assert (undefined.line, undefined.error) == (
        2,
        "Line 2: 'SessionView' has no attribute 'winner'.",
    )
    assert _render(weekend, "{{ nothing }}").error == "Line 1: 'nothing' is undefined."
    bad_filter = _render(weekend, "a\n\n{{ session.results[0].entry.drivers[0] | name('nick') }}")
    assert bad_filter.error == 'Line 3: Name form "nick" is not known: use "full" or "last".'
    assert _render(weekend, "{{ x | nosuchfilter }}").error.startswith("Line 1: No filter named")


def test_filters_in_a_user_template(weekend: DemoWeekend) -> None:
    source = (
        "{% for r in session.results %}"
        "{{ r.entry.drivers[0] | name('last') }} {{ r.place | position }} {{ r.place | ordinal }} "
        "{{ r.place | ordinal_word }} {{ r.place | number_word }} {{ 9 | grid_row }} "
        "{{ r.entry.drivers[0] | hometown }}|"
        "{% endfor %}{{ 150 | gap }} {{ 150 | gap_plain }} {{ 107123 | lap_time }}"
    )
    assert _render(weekend, source).text == (
        "Kacic P3 3rd third three inside row five "
        "(Kelowna, BC)|Staikos P8 8th eighth eight inside row five (Trenton, ON)|"
        "Lazare P4 4th fourth four inside row five (Montreal, QC)|"
        "+0.150 0.150 1:47.123"
    )


def test_copy_a_preset_and_save_it_as_a_user_template(weekend: DemoWeekend) -> None:
    name = copy_name("race")
    assert name == "race copy"
    source = template_source("race").replace("saw", "brought")
    saved = save_user_template(name, source)
    assert saved == paths.user_templates_dir() / "race copy.j2"
    assert [p.name for p in all_templates() if p.is_user] == ["race copy"]
    assert copy_name("race") == "race copy 2"
    text = weekend.text("race copy", session="VPSCC Race 1")
    assert text.startswith("Race 1 in the VP Racing SportsCar Challenge brought Marco Kacic")


@pytest.mark.parametrize("name", ["race", "Weekend", "../evil", "", " ", "a/b", "x" * 61])
def test_a_user_template_needs_its_own_safe_name(name: str) -> None:
    with pytest.raises(EditError):
        save_user_template(name, "text")
    folder = paths.user_templates_dir()
    assert not folder.exists() or list(folder.iterdir()) == []


def test_an_unknown_preset_is_a_sentence() -> None:
    with pytest.raises(EditError, match='There is no summary preset called "nope"'):
        template_source("nope")
