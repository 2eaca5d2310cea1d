"""Fuzz the readers and the template renderer: whatever the input, a value or one sentence.

Runs in the default test run with modest example counts (about 10 s in all). Properties:

- a real results file cut at any byte either reads every row exactly as written, or is
  refused with the import error: a cut never yields a half value;
- any text in UTF-8, UTF-16, UTF-32 or Windows-1252 reads or is refused, never crashes;
- a workbook of any small grid of cells (including cells far out, like XFD1048576) reads
  or is refused within the limits;
- a template built from hostile fragments always comes back as a ``RenderResult`` within
  the time limit and the output limit.
"""

from __future__ import annotations

import contextlib
import csv
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.services.editing import Editor
from desktop_app.services.importers import generic, limits
from desktop_app.services.importers.csv_reader import parse_table
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.summaries import Selection, guard
from desktop_app.services.summaries.context import build_context
from desktop_app.services.summaries.render import OutputFormat, make_environment, render

SEBRING = (
    Path(__file__).resolve().parents[1]
    / "fixtures/timing/imsa_wtsc_2024_sebring_weekend/202403160940-race-results.csv"
)
DATA = SEBRING.read_bytes()
QUICK = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def real_rows() -> list[list[str]]:
    with SEBRING.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


ROWS = real_rows()


@QUICK
@given(st.integers(min_value=0, max_value=len(DATA)))
def test_a_cut_file_reads_whole_rows_or_nothing(cut: int) -> None:
    try:
        table = parse_table(DATA[:cut], "cut.csv")
    except TimingImportError:
        return
    for row in table.rows:
        real = [cell.strip() for cell in ROWS[row.line - 1]][: len(row.cells)]
        assert list(row.cells[: len(real)]) == real  # every value exactly as written
        assert not any(row.cells[len(real) :])  # the header's extra columns: blank


@QUICK
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252"]),
)
def test_any_text_in_any_encoding_reads_or_is_a_sentence(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    with contextlib.suppress(TimingImportError):
        parse_table(data, "fuzz.csv")


CELL_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=20),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=1_048_576),
            st.integers(min_value=1, max_value=16_384),
            CELL_VALUES,
        ),
        max_size=12,
    )
)
def test_any_small_workbook_reads_or_is_a_sentence(
    tmp_path_factory: pytest.TempPathFactory, cells: list[tuple[int, int, object]]
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["NUMBER", "LAPS", "TEAM"])
    for row, column, value in cells:
        sheet.cell(row=row, column=column, value=value)
    path = tmp_path_factory.mktemp("xlsx") / "fuzz.xlsx"
    book.save(path)
    original = limits.MAX_ROWS
    limits.MAX_ROWS = 5_000  # the limit holds whatever it is set to; keep examples fast
    try:
        table = generic.read_xlsx(path)
        assert len(table.rows) <= limits.MAX_ROWS
        assert all(len(row.cells) == len(table.headers) for row in table.rows)
    except TimingImportError:
        pass
    finally:
        limits.MAX_ROWS = original


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_named_xlsx_are_a_sentence(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.xlsx"
        path.write_bytes(b"PK\x03\x04" + data)
        with pytest.raises(TimingImportError):
            generic.read_xlsx(path)


FRAGMENTS = [
    "{{ session.name }}",
    "{% for i in range(100000) %}",
    "{% for r in session.results %}",
    "{% endfor %}",
    "{{ 'x' * 100000 }}",
    "{{ 'x'|center(2**62) }}",
    "{{ 'ab'|indent(10**9) }}",
    "{{ '%999999999s' % 'x' }}",
    "{{ '{:99999999}'.format(1) }}",
    "{{ 9 ** 64 }}",
    "{{ (9 ** 64) ** 64 }}",
    "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
    "{{ session.results | length }}",
    "{{ 'abc'|replace('', 'xyz') }}",
    "{{ i }}",
    "x",
    "\n",
    "{% if true %}",
    "{% endif %}",
]


@pytest.fixture
def context(demo_editor: Editor):
    with demo_editor.database.read() as session:
        return build_context(session, Selection(1, None, "Canadian"))


@QUICK
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8))
def test_any_hostile_template_returns_within_the_limits(context, fragments: list[str]) -> None:
    original = guard.MAX_SECONDS
    guard.MAX_SECONDS = 0.2
    try:
        env = make_environment(OutputFormat.TEXT, lambda _name: None)
        started = time.monotonic()
        result = render(env, "".join(fragments), context)
        assert time.monotonic() - started < 5
        assert len(result.text) <= guard.MAX_OUTPUT_CHARS
        assert result.ok or result.error.startswith(("Line ", "The template"))
    finally:
        guard.MAX_SECONDS = original
