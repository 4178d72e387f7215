"""``scrutiny-desk admin``: preparing a shared PostgreSQL database and its logins' roles.

Run by the database's administrator, connecting as a superuser (or a CREATEROLE role
that owns the database): the database is not opened as the app opens it, since
``init-postgres`` is what builds and upgrades it.
"""

from __future__ import annotations

import argparse
import logging
import sys

from . import logs
from .cli_parser import EXIT_ERROR, EXIT_OK
from .domain.errors import ScrutinyError
from .services import admin

_log = logging.getLogger(__name__)


def main(args: argparse.Namespace) -> int:
    try:
        if args.action == "init-postgres":
            return _init_postgres(args.url)
        target = admin.admin_target(args.admin_db or args.db)
        if args.action == "grant":
            role = admin.grant(target, args.login, args.role)
            print(f"{args.login} is now a {role.words}")
            return EXIT_OK
        return _roles(target)
    except ScrutinyError as exc:
        logs.log_failure(_log, "Admin command refused", exc)
        print(f"scrutiny-desk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a bug: say so plainly, with no traceback for the user
        logs.log_failure(_log, f"admin {args.action} failed", exc)
        print(
            f"scrutiny-desk: unexpected error ({type(exc).__name__}: {exc}); nothing was "
            "changed. Please report this.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _init_postgres(url: str) -> int:
    done = admin.init_postgres(url)
    report = done.report
    if report.revision_before is None:
        print(f"Made the schema of {report.database} (version {report.revision})")
    elif report.revision_before != report.revision:
        print(
            f"Upgraded {report.database} from schema {report.revision_before} to {report.revision}"
        )
    else:
        print(f"{report.database} is at schema {report.revision}, the current one")
    if report.created_roles:
        print(f"Created the roles {', '.join(report.created_roles)}")
    if report.transferred:
        print(f"Gave the owner role {report.transferred} tables, sequences and functions")
    print(
        f"{report.tables} tables under row-level security; public projection written "
        f"for {done.projected} review{'' if done.projected == 1 else 's'}"
    )
    print("Next: create logins (CREATE ROLE name LOGIN PASSWORD '...') and give each one "
          "a role with `scrutiny-desk admin grant LOGIN clerk|reader|public-reader`")  # fmt: skip
    return EXIT_OK


def _roles(target: str) -> int:
    rows = admin.roles(target)
    width = max([len("LOGIN"), *(len(r.login) for r in rows)])
    print(f"{'LOGIN'.ljust(width)}  ROLE")
    for row in rows:
        if row.superuser:
            what = "superuser (administrator: passes every role)"
        elif row.roles:
            what = ", ".join(role.value for role in row.roles)
        else:
            what = "none"
        print(f"{row.login.ljust(width)}  {what}")
    return EXIT_OK
