"""What the reporter sees of a server address: never its password."""

from __future__ import annotations

import sys
import types
from pathlib import Path

from desktop_app.storage.location import is_server_url, redacted, server_label, target_from_text
from desktop_app.storage.server import server_url


def test_addresses_and_paths_are_told_apart() -> None:
    assert target_from_text("postgresql://anna@db/racedesk") == "postgresql://anna@db/racedesk"
    assert target_from_text("postgres://db/racedesk") == "postgres://db/racedesk"
    assert target_from_text("weekend.sqlite3") == Path("weekend.sqlite3")
    assert target_from_text("C:/postgresql/weekend.db") == Path("C:/postgresql/weekend.db")
    assert not is_server_url(Path("postgresql://x"))


def test_labels_and_messages_hide_the_password() -> None:
    url = "postgresql://anna:s3cret@db.newsroom:5432/racedesk?sslmode=require"
    assert server_label(url) == "anna@racedesk on db.newsroom"
    assert redacted(url) == "postgresql://anna:***@db.newsroom:5432/racedesk?sslmode=require"
    assert server_label("postgresql:///?service=racedesk") == "service racedesk"
    assert (
        server_label("postgresql://anna@/racedesk?host=/tmp/rd") == "anna@racedesk on local socket"
    )


def test_sslmode_reaches_the_driver_and_the_keyring_supplies_a_password(monkeypatch) -> None:
    asked = []

    class FakeKeyring(types.ModuleType):
        def get_password(self, service: str, user: str) -> str:
            asked.append((service, user))
            return "from-keyring"

    monkeypatch.setitem(sys.modules, "keyring", FakeKeyring("keyring"))
    url = server_url("postgresql://anna@db.newsroom/racedesk?sslmode=verify-full")
    assert url.drivername == "postgresql+psycopg"
    assert url.query["sslmode"] == "verify-full"
    assert url.password == "from-keyring"
    assert asked == [("racedesk", "anna@db.newsroom/racedesk")]
    given = server_url("postgresql://anna:typed@db.newsroom/racedesk")
    assert given.password == "typed" and len(asked) == 1  # a typed password wins


def test_without_keyring_libpq_finds_the_password_itself(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring fails
    assert server_url("postgresql://anna@db.newsroom/racedesk").password is None


def test_a_vanished_server_is_given_up_on_in_seconds_unless_the_address_says() -> None:
    url = server_url("postgresql://anna@db.newsroom/racedesk?connect_timeout=20")
    assert url.query["connect_timeout"] == "20"  # the address's own value wins
    assert url.query["keepalives_idle"] == "10"
    assert url.query["tcp_user_timeout"] == "15000"
    assert server_url("postgresql://anna@db.newsroom/racedesk").query["connect_timeout"] == "5"
