"""Open a RaceDesk database on a PostgreSQL server (the newsroom set-up, issue 19).

The same rules as for a file (``storage.database``): a new database gets today's schema
and is stamped at head, an older one is upgraded by the same Alembic migrations, one
stamped with a revision this RaceDesk does not know is refused untouched.

Passwords are never stored by RaceDesk: the URL may carry one, otherwise libpq finds it
itself (``PGPASSWORD``, ``~/.pgpass``, a ``service=`` entry in ``pg_service.conf``), and
when the optional ``keyring`` package is installed the system keyring is asked for the
service ``racedesk`` and the user name ``user@host/database``. ``sslmode`` and any other
libpq option in the URL's query string are passed to the server connection unchanged;
timeouts the URL does not set get defaults (``NETWORK_DEFAULTS``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from desktop_app.storage import migrate
from desktop_app.storage.errors import DatabaseOpenError, ServerAway
from desktop_app.storage.location import redacted, server_label

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

KEYRING_SERVICE = "racedesk"
DRIVER = "postgresql+psycopg"
# A server that vanished off the network must not freeze the window: libpq waits for
# ever to connect and TCP notices a dead peer after minutes. Connecting gives up after
# 5 s, an idle connection (the live feed's) is probed after 10 s, and unanswered data
# fails after 15 s. The address's own values win; a Unix socket ignores them.
NETWORK_DEFAULTS = {
    "connect_timeout": "5",
    "keepalives_idle": "10",
    "keepalives_interval": "5",
    "keepalives_count": "3",
    "tcp_user_timeout": "15000",
}


def server_url(text: str) -> URL:
    """The SQLAlchemy URL for psycopg 3, with a keyring password when there is one."""
    url = make_url(text)
    if url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername=DRIVER)
    if url.drivername != DRIVER:
        raise DatabaseOpenError(
            f"RaceDesk connects to PostgreSQL with psycopg, not {url.drivername}."
        )
    defaults = {k: v for k, v in NETWORK_DEFAULTS.items() if k not in url.query}
    url = url.update_query_dict(defaults)
    if url.password is None:
        password = keyring_password(url)
        if password is not None:
            url = url.set(password=password)
    return url


def conninfo(text: str) -> str:
    """The address for a plain psycopg connection (the live change feed listens on one)."""
    return server_url(text).set(drivername="postgresql").render_as_string(hide_password=False)


def keyring_key(url: URL) -> str:
    return f"{url.username or ''}@{url.host or 'localhost'}/{url.database or ''}"


def keyring_password(url: URL) -> str | None:
    """The password saved in the system keyring, when ``keyring`` is installed."""
    try:
        import keyring  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, keyring_key(url))
    except Exception:  # no usable keyring backend: libpq's own ways still apply
        return None
    return found if isinstance(found, str) else None


def make_server_engine(text: str) -> Engine:
    """A pooled engine; ``pool_pre_ping`` finds a connection the server has dropped."""
    try:
        import psycopg  # noqa: F401
    except ImportError as error:
        raise DatabaseOpenError(
            "RaceDesk needs the psycopg package to use a server: pip install 'racedesk[server]'."
        ) from error
    return create_engine(server_url(text), pool_pre_ping=True)


def stored_revision(connection: Connection) -> str | None:
    """The Alembic stamp, or None for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def prepare_server(engine: Engine, text: str) -> None:
    """Create, upgrade or refuse, before anything else is read or written."""
    label = server_label(text)
    try:
        with engine.connect() as connection:
            revision = stored_revision(connection)
        migrate.refuse_unknown(label, revision, what="database")
        if revision is None:
            migrate.create_schema(engine)
        elif revision != migrate.head_revision():
            migrate.upgrade_schema(engine)
    except DBAPIError as error:
        if "permission denied" in str(error.orig) or "must be owner" in str(error.orig):
            raise DatabaseOpenError(
                f"The database {label} needs a schema change that only its owner may make; "
                "ask your admin to open it once with this RaceDesk (nothing was changed)."
            ) from error
        raise server_error(error, text) from error


# SQLSTATEs of a server going away: admin/crash shutdown, starting up (class 08 is
# "connection exception"); a connection that failed before any reply has no SQLSTATE.
AWAY_STATES = {"57P01", "57P02", "57P03"}


def server_error(error: DBAPIError, text: str) -> DatabaseOpenError:
    """The server's own first line, with the URL it was about (password hidden);
    ``ServerAway`` when the connection itself failed, so the window keeps the typing."""
    first = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else "no reply"
    kind = ServerAway if is_away(error) else DatabaseOpenError
    return kind(f"RaceDesk could not use the server {redacted(text)}: {first}")


def in_words(error: DBAPIError, text: str) -> DatabaseOpenError | None:
    """A lost connection, or a right the login lacks, said in words; None otherwise."""
    if is_away(error):
        return server_error(error, text)
    if getattr(error.orig, "sqlstate", None) == "42501":  # insufficient privilege
        first = str(error.orig).strip().splitlines()[0]
        return DatabaseOpenError(
            f"The server refused your login ({first}); ask your admin to run "
            "racedesk admin upgrade, which grants the reporters' rights again."
        )
    return None


def is_away(error: DBAPIError) -> bool:
    """Did the connection fail (rather than the server refuse the statement)?"""
    state = getattr(error.orig, "sqlstate", None)
    if error.connection_invalidated or state is None:
        return True
    return str(state).startswith("08") or state in AWAY_STATES
