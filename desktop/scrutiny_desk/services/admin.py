"""Administering a shared PostgreSQL database: ``scrutiny-desk admin``.

An administrator (a superuser, or a CREATEROLE role owning the database) prepares the
database once and after every new version (``init_postgres``), then gives each
person's login one role (``grant``). PostgreSQL enforces the roles itself
(``store/pg_roles.py``); nothing here is needed to keep them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..domain.errors import DatabaseError
from ..domain.roles import DbRole
from ..paths import DB_ENV
from ..store import pg_roles
from ..store.db import open_database
from ..store.pg_roles import InitReport, LoginRoles
from . import public_projection

__all__ = ["Prepared", "admin_target", "grant", "init_postgres", "roles"]


@dataclass(frozen=True)
class Prepared:
    """What ``init_postgres`` did: the database's report and the reviews whose public
    projection was written afresh."""

    report: InitReport
    projected: int


def admin_target(given: str | None) -> str:
    """The database an admin command works on: the one given, else ``$SCRUTINY_DESK_DB``."""
    target = given or os.environ.get(DB_ENV, "")
    if not target.strip():
        raise DatabaseError(
            f"Say which database: --db URL, or set ${DB_ENV} to its postgresql+psycopg:// "
            "URL (connecting as an administrator)"
        )
    return target


def init_postgres(admin_url: str) -> Prepared:
    """Make or upgrade the shared database at ``admin_url``, its roles, grants and
    policies; then write every review's public projection, for the public reader."""
    report = pg_roles.init_postgres(admin_url)
    db = open_database(admin_url)  # at head now; the administrator is its clerk
    try:
        projected = public_projection.refresh_all(db)
    finally:
        db.close()
    return Prepared(report, projected)


def grant(admin_url: str, login: str, role_name: str) -> DbRole:
    """Give ``login`` the role named ``role_name`` (clerk, reader, public-reader) and no
    other; the role given."""
    role = pg_roles.parse_role(role_name)
    pg_roles.grant(admin_url, login, role)
    return role


def roles(admin_url: str) -> list[LoginRoles]:
    """The server's logins and the role each holds on Scrutiny Desk's databases."""
    return pg_roles.roles(admin_url)
