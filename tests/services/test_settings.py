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


def test_one_store_keeps_the_window_layout_selection_and_export_folder() -> None:
    settings = load_settings()
    settings.export_folder = "/tmp/exports"
    settings.window_layout = {"geometry": "AdnQywAD", "state": "", "splitter": "AAAA"}
    settings.selection = {"database": "/tmp/a.sqlite3", "kind": "session", "session_id": 7}
    save_settings(settings)
    loaded = load_settings()
    assert loaded.export_folder == "/tmp/exports"
    assert loaded.window_layout["geometry"] == "AdnQywAD"
    assert loaded.selection == {"database": "/tmp/a.sqlite3", "kind": "session", "session_id": 7}
    assert [p.name for p in settings_path().parent.iterdir()] == ["settings.json"]
