"""The command line imports only the command modules it needs (start-up speed).

``racedesk`` without a command opens the window, and must not pay for openpyxl,
Jinja2 or the importers; ``--help`` and a mistyped command still see every command.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop_app.cli.main import COMMAND_WORDS, COMMANDS, build_parser, main, modules_needed

WORDS = [COMMAND_WORDS.get(name, name) for name in COMMANDS]


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    for word in WORDS:
        assert f"    {word}" in shown


def test_a_mistyped_command_is_answered_with_the_real_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--db", "x.sqlite3", "evnets"])
    error = capsys.readouterr().err
    assert "invalid choice: 'evnets'" in error
    for word in WORDS:
        assert repr(word) in error


@pytest.mark.parametrize(
    ("argv", "needed"),
    [
        ([], []),
        (["--startup-check"], []),
        (["--db", "events", "--startup-check"], []),  # a file called "events"
        (["--db", "a.sqlite3", "import", "f.csv", "--event", "E", "--session", "R"], ["importing"]),
        (["summary", "--event", "demo"], ["summary"]),
        (["-h"], COMMANDS),
    ],
)
def test_only_the_chosen_command_is_imported(argv: list[str], needed: list[str]) -> None:
    assert modules_needed(argv) == needed


def test_each_command_parses_its_own_options_when_alone() -> None:
    args = build_parser(["export", "--event", "E", "-o", "x.xlsx"]).parse_args(
        ["export", "--event", "E", "-o", "x.xlsx"]
    )
    assert args.command == "export" and args.event == ["E"]


def test_opening_the_window_imports_no_command_module() -> None:
    script = (
        "import sys; from desktop_app.cli.main import build_parser; "
        "build_parser(['--startup-check']).parse_args(['--startup-check']); "
        "import desktop_app.cli.gui; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('openpyxl', 'jinja2', 'alembic', 'sqlalchemy') or m.startswith('desktop_app.cli.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "['desktop_app.cli.gui', 'desktop_app.cli.main']"
