"""Whatever a file holds, reading it either works or raises the import error: nothing else."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.services.editing import Editor
from desktop_app.services.importers.apply import apply_import
from desktop_app.services.importers.csv_reader import parse_table, parse_text
from desktop_app.services.importers.detect import read_table_results
from desktop_app.services.importers.errors import TimingImportError

HEADERS = [
    "POSITION",
    "POS",
    "NUMBER",
    "STATUS",
    "LAPS",
    " LAPS",
    "TOTAL_TIME",
    "GAP_FIRST",
    "GAP_PREVIOUS",
    "FL_LAPNUM",
    "FL_TIME",
    "TIME",
    "LAP",
    "CLASS",
    "TEAM",
    "DRIVER_1",
    "DRIVER1_FIRSTNAME",
    "DRIVER1_SECONDNAME",
    "DRIVER1_HOMETOWN",
    "LAP_NUMBER",
    "LAP_TIME",
    "ELAPSED",
]
CELLS = st.one_of(
    st.sampled_from(["", "-", "1", "01", "+0.000", "1 Laps", "-12 Laps", "4:00'04.690"]),
    st.sampled_from(["1'36.144", "Classified", "Not started", "GTDPRO", "Simon DOLAN", '"']),
    st.text(max_size=12),
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_all(text: str) -> None:
    try:
        imported = read_table_results(parse_text(text, "fuzz.csv"))
    except TimingImportError:  # MappingNeeded and ImportCancelled are kinds of it too
        return
    for result in imported.results:
        assert result.car_number and len(result.car_number) <= 10
        assert result.laps is None or result.laps >= 0
        assert result.best_lap_ms is None or result.best_lap_ms >= 0


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(TimingImportError):
        parse_table(data, "fuzz.csv")


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    read_all(text)


@FUZZ
@given(
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=10, unique=True),
    st.lists(st.lists(CELLS, max_size=12), max_size=8),
    st.sampled_from([";", ","]),
)
def test_arbitrary_rows_under_timing_headers(
    headers: list[str], rows: list[list[str]], delimiter: str
) -> None:
    lines = [delimiter.join(headers)] + [delimiter.join(row) for row in rows]
    read_all("\n".join(lines))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=14),
            st.sampled_from(["Classified", "Not classified", "Not started", ""]),
            st.sampled_from(["", "0", "12"]),
            st.sampled_from(["", "GTDPRO", "GTD PRO", "gtd", "-", "X" * 45]),
            st.text(max_size=30),
            st.text(max_size=30),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_saving_arbitrary_rows_only_raises_the_import_error(
    editor: Editor, race_session: int, rows: list[tuple[str, ...]]
) -> None:
    """Whatever the cells hold, saving works or is refused with the import error."""
    header = "POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;CLASS;TEAM;DRIVER_1"
    clean = [[cell.replace(";", "").replace("\n", " ") for cell in row] for row in rows]
    lines = [header] + [
        f"1;{n};{s};{laps};1:00.000;{c};{team};{driver}" for n, s, laps, c, team, driver in clean
    ]
    try:
        imported = read_table_results(parse_text("\n".join(lines), "fuzz.csv"))
        apply_import(editor, imported, race_session)
    except TimingImportError:
        return
