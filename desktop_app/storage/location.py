"""Where a database lives: a SQLite file (a path) or a PostgreSQL server (a URL).

Plain string work only: the window and the command line decide which kind they were given
before SQLAlchemy is imported, so a reporter opening a file pays nothing for the server
support.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")

DatabaseTarget = Path | str  # a file path, or a server URL (see ``is_server_url``)


def is_server_url(text: str | Path) -> bool:
    """True for ``postgresql://...`` (and ``postgres://``); a path is never a server."""
    if isinstance(text, Path):
        return False
    scheme, sep, _rest = text.partition("://")
    return bool(sep) and scheme.lower() in SERVER_SCHEMES


def target_from_text(text: str) -> DatabaseTarget:
    """The ``--db`` value as typed: a server URL stays text, anything else is a file path."""
    return text if is_server_url(text) else Path(text)


def server_label(url: str) -> str:
    """A short name for window titles and messages, never showing a password:
    ``racedesk on db.newsroom`` (the database, then the host)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if "service" in query and not parts.path.strip("/"):
        return f"service {query['service'][0]}"
    database = unquote(parts.path.lstrip("/")) or "postgres"
    host = parts.hostname or query.get("host", ["localhost"])[0]
    if host.startswith("/"):  # a Unix socket folder
        host = "local socket"
    user = f"{unquote(parts.username)}@" if parts.username else ""
    return f"{user}{database} on {host}"


def redacted(url: str) -> str:
    """The URL with any password replaced by ``***`` (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()
