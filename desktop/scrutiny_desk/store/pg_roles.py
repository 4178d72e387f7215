"""PostgreSQL's own roles for a shared database: who the connected login is, and what
it may do.

``scrutiny-desk admin init-postgres`` makes a NOLOGIN owner role that owns every table
(row-level security enabled and forced), and three NOLOGIN group roles a login is
granted one of (``admin grant``): ``scrutiny_clerk``, ``scrutiny_reader`` and
``scrutiny_public_reader``. The database enforces them, for psql as for the app; the app
only reads which one it has, to hide what it may not do. A database made without them
(a single administrator's) is used as before, as its clerk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from ..domain.roles import DbRole

OWNER = "scrutiny_owner"
GROUPS: dict[DbRole, str] = {
    DbRole.CLERK: "scrutiny_clerk",
    DbRole.READER: "scrutiny_reader",
    DbRole.PUBLIC_READER: "scrutiny_public_reader",
}
REVISION_FUNCTION = "scrutiny_desk_schema_revision"
"""SECURITY DEFINER: the schema's revision, for a public reader, who may not read
``alembic_version``."""


@dataclass(frozen=True)
class Login:
    user: str  # session_user: who is recorded as having done what
    role: DbRole
    managed: bool  # the owner role owns the tables: the database's roles are in force


def connected_login(con: Any) -> Login:
    """The connected login's name and strongest group role (a superuser, or a database
    without the roles, is its clerk)."""
    user = con.execute(text("SELECT session_user")).scalar_one()
    # roles are the cluster's, tables the database's: managed if the owner owns them here
    managed = bool(
        con.execute(
            text(
                "SELECT 1 FROM pg_class WHERE relname = 'reviews' AND relkind = 'r' "
                "AND pg_get_userbyid(relowner) = :r"
            ),
            {"r": OWNER},
        ).first()
    )
    held = {
        row[0]
        for row in con.execute(
            text(
                "SELECT r.rolname FROM pg_roles r WHERE r.rolname = ANY(:names) "
                "AND pg_has_role(session_user, r.oid, 'MEMBER')"
            ),
            {"names": list(GROUPS.values())},
        )
    }
    superuser = bool(
        con.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")).scalar()
    )
    if not managed or superuser:
        return Login(user, DbRole.CLERK, managed)
    for role in (DbRole.CLERK, DbRole.READER, DbRole.PUBLIC_READER):
        if GROUPS[role] in held:
            return Login(user, role, managed)
    owns = con.execute(
        text("SELECT pg_has_role(session_user, :o, 'MEMBER')"), {"o": OWNER}
    ).scalar()
    return Login(user, DbRole.CLERK if owns else DbRole.PUBLIC_READER, managed)


def schema_revision(con: Any) -> str | None:
    """The schema's revision through ``REVISION_FUNCTION`` (None: not made yet)."""
    exists = con.execute(
        text("SELECT 1 FROM pg_proc WHERE proname = :f"), {"f": REVISION_FUNCTION}
    ).first()
    if not exists:
        return None
    value = con.execute(text(f"SELECT {REVISION_FUNCTION}()")).scalar()
    return str(value) if value is not None else None


# Administration: ``scrutiny-desk admin init-postgres`` and ``admin grant`` ----------

ROLE_NAMES: dict[str, DbRole] = {role.value: role for role in DbRole}
"""What an administrator types for a role: ``clerk``, ``reader``, ``public-reader``."""


@dataclass(frozen=True)
class InitReport:
    """What ``init_postgres`` did to a database."""

    database: str
    revision_before: str | None  # None: the database had no schema
    revision: str  # the schema's revision now (the head)
    created_roles: tuple[str, ...]  # the owner and groups made now (existing ones kept)
    transferred: int  # tables, sequences and functions given to the owner now
    tables: int  # tables under row-level security, each with its role decision


@dataclass(frozen=True)
class LoginRoles:
    """A login of the cluster and the group roles it holds (``roles``)."""

    login: str
    roles: tuple[DbRole, ...]
    superuser: bool


def init_postgres(admin_url: str) -> InitReport:
    """Make (or bring up to date) a shared database at ``admin_url``: the owner and group
    roles, the schema built or upgraded by the owner, row-level security, policies and
    grants from ``ROLE_DECISIONS``, the SECURITY DEFINER functions. Idempotent; run by a
    superuser (or a CREATEROLE role that owns the database). Raises ``DatabaseError``
    with a clear message when it cannot."""
    raise NotImplementedError


def grant(admin_url: str, login: str, role: DbRole) -> None:
    """Give ``login`` the group role of ``role`` (and no other: one role per login).
    Refuses an unknown login (saying how to create one) and a superuser login."""
    raise NotImplementedError


def roles(admin_url: str) -> list[LoginRoles]:
    """The cluster's logins (superusers included) and the group roles each holds."""
    raise NotImplementedError
