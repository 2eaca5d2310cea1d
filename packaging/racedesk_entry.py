"""Entry point frozen by PyInstaller: the same ``racedesk`` command as the pip install."""

from desktop_app.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
