"""Preferences survive a restart and a broken file falls back to defaults."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services.settings import Settings, load_settings, save_settings, settings_path


def test_settings_round_trip(racedesk_home: Path) -> None:
    settings = Settings(author="Chris Jameson", backups_keep=5)
    settings.remember_database(Path("/tmp/a.sqlite3"))
    settings.remember_database(Path("/tmp/b.sqlite3"))
    settings.remember_database(Path("/tmp/a.sqlite3"))
    save_settings(settings)
    loaded = load_settings()
    assert loaded.author == "Chris Jameson" and loaded.backups_keep == 5
    assert loaded.recent_databases == ["/tmp/a.sqlite3", "/tmp/b.sqlite3"]
    assert str(settings_path()).startswith(str(racedesk_home))


def test_broken_or_mistyped_file_gives_defaults() -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"author": 12, "backups_keep": 3')
    assert load_settings() == Settings()
    settings_path().write_text('{"author": 12, "backups_keep": 3}')
    assert load_settings() == Settings(backups_keep=3)
