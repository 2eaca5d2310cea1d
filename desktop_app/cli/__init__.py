"""The ``racedesk`` command: no arguments opens the window, subcommands run headless."""
