"""``racedesk --db URL admin grant ROLE`` and ``admin upgrade``: the newsroom admin's two
commands on a PostgreSQL server (storage.server_roles), run as the role that owns the
database. Opening the database builds or upgrades its schema, as for any command."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.cli.context import CommandContext, open_context
from desktop_app.storage import server_roles
from desktop_app.storage.errors import UserFacingError
from desktop_app.storage.location import is_server_url


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "admin",
        help="server set-up: grant reporters row rights, upgrade the schema",
        description="Run as the admin role that owns the server database: 'grant ROLE' "
        "gives a group of reporters read and write rights on the rows (never on the "
        "schema); 'upgrade' builds or upgrades the schema and grants again to every group.",
    )
    actions = parser.add_subparsers(dest="admin_action", metavar="ACTION", required=True)
    grant = actions.add_parser("grant", help="give ROLE the reporters' row rights")
    grant.add_argument("role", help="an existing role, such as a NOLOGIN group 'newsroom'")
    actions.add_parser("upgrade", help="upgrade the schema, then grant again")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not args.db or not is_server_url(args.db):
        raise UserFacingError(
            "racedesk admin works on a server database: give --db postgresql://admin@host/db."
        )
    before = _revision(args.db)
    context = open_context(args)  # builds or upgrades the schema, as its owner
    try:
        if args.admin_action == "grant":
            server_roles.grant_rows(context.database, args.role)
            context.print(
                f"{args.role} may now read and write the rows of {context.database.label}, "
                "also in tables later upgrades add; not change the schema."
            )
        else:
            _report_upgrade(context, server_roles.upgrade(context.database, before))
    finally:
        context.database.close()
    return 0


def _revision(url: str) -> str | None:
    """The schema's stamp before this command opens (and perhaps upgrades) it."""
    from sqlalchemy.exc import DBAPIError

    from desktop_app.storage.server import make_server_engine, server_error, stored_revision

    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            return stored_revision(connection)
    except DBAPIError as error:
        raise server_error(error, url) from error
    finally:
        engine.dispose()


def _report_upgrade(context: CommandContext, done: server_roles.Upgrade) -> None:
    label = context.database.label
    if done.before is None:
        context.print(f"Built the schema of {label} at revision {done.after}.")
    elif done.before == done.after:
        context.print(f"{label} is already at revision {done.after}; nothing to upgrade.")
    else:
        context.print(f"Upgraded {label} from revision {done.before} to {done.after}.")
    roles = ", ".join(done.roles) if done.roles else "no group yet (use: admin grant ROLE)"
    context.print(f"Row rights granted again to: {roles}.")
