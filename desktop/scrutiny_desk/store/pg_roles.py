"""PostgreSQL's own roles for a shared database: who the connected login is, and what
it may do.

``scrutiny-desk admin init-postgres`` makes a NOLOGIN owner role that owns every table
(row-level security enabled and forced), and three NOLOGIN group roles a login is
granted one of (``admin grant``): ``scrutiny_clerk``, ``scrutiny_reader`` and
``scrutiny_public_reader``. The database enforces them, for psql as for the app; the app
only reads which one it has, to hide what it may not do. A database made without them
(a single administrator's) is used as before, as its clerk. What each role may do to
each table and function is decided in ``role_decisions.py``, one table of decisions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from ..domain.errors import DatabaseError
from ..domain.roles import DbRole
from .role_decisions import (
    EXPORT_FUNCTION,
    FUNCTION_DECISIONS,
    REVISION_FUNCTION,
    ROLE_DECISIONS,
)

OWNER = "scrutiny_owner"
GROUPS: dict[DbRole, str] = {
    DbRole.CLERK: "scrutiny_clerk",
    DbRole.READER: "scrutiny_reader",
    DbRole.PUBLIC_READER: "scrutiny_public_reader",
}


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
_INIT_LOCK = 0x5C2D_0002  # two init-postgres at once on one database: one waits


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
    administrator: bool = False  # a member of the owner role: may act as the owner


def parse_role(name: str) -> DbRole:
    """The role an administrator typed, or a clear refusal."""
    role = ROLE_NAMES.get(name.strip().lower())
    if role is None:
        raise DatabaseError(
            f'"{name}" is not a role: use clerk (reads and writes everything), reader '
            "(reads everything, changes nothing) or public-reader (reads only what the "
            "public may see)"
        )
    return role


def init_postgres(admin_url: str) -> InitReport:
    """Make (or bring up to date) a shared database at ``admin_url``: the owner and group
    roles, the schema built or upgraded by the owner, row-level security, policies and
    grants from ``ROLE_DECISIONS``, the SECURITY DEFINER functions. Idempotent; run by a
    superuser (or a CREATEROLE role that owns the database); all in one transaction, so
    a refusal changes nothing. Raises ``DatabaseError`` with a clear message."""
    from . import db  # db imports this module to read the connected login

    engine, label = _admin_engine(admin_url)
    try:
        with engine.begin() as con:
            con.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _INIT_LOCK})
            superuser = _check_administrator(con, label)
            before = _revision_before(con, label, db.known_revisions())
            created = _ensure_roles(con, superuser)
            con.execute(text(f"GRANT USAGE, CREATE ON SCHEMA public TO {OWNER}"))
            con.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
            transferred = _transfer_ownership(con)
            con.execute(text(f"SET LOCAL ROLE {OWNER}"))
            db.migrate(con)  # what the migrations make belongs to the owner
            _create_functions(con)
            con.execute(text("RESET ROLE"))
            transferred += _transfer_ownership(con)
            tables = _apply_decisions(con)
            _grant_functions(con)
            database = str(con.execute(text("SELECT current_database()")).scalar_one())
    except DBAPIError as exc:
        raise DatabaseError(f"{label} could not be prepared: {_first_line(exc)}") from None
    finally:
        engine.dispose()
    return InitReport(database, before, db.head_revision(), created, transferred, tables)


def grant(admin_url: str, login: str, role: DbRole) -> None:
    """Give ``login`` the group role of ``role`` (and no other: one role per login).
    Refuses an unknown login (saying how to create one) and a superuser login."""
    engine, label = _admin_engine(admin_url)
    try:
        with engine.begin() as con:
            missing = [g for g in (OWNER, *GROUPS.values()) if not _role_exists(con, g)]
            if missing:
                raise DatabaseError(
                    f"{label} has no Scrutiny Desk roles yet ({', '.join(missing)}): run "
                    "`scrutiny-desk admin init-postgres URL` first"
                )
            _check_login(con, login)
            for group, grantor in con.execute(  # each grant, whoever made it
                text(
                    "SELECT g.rolname, pg_get_userbyid(a.grantor) FROM pg_auth_members a "
                    "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
                    "WHERE m.rolname = :m AND g.rolname = ANY(:others)"
                ),
                {"m": login, "others": [g for r, g in GROUPS.items() if r is not role]},
            ).all():
                con.execute(
                    text(f"REVOKE {group} FROM {_ident(login)} GRANTED BY {_ident(grantor)}")
                )
            if not _member_of(con, login, GROUPS[role], direct=True):
                con.execute(text(f"GRANT {GROUPS[role]} TO {_ident(login)}"))
    except DBAPIError as exc:
        raise DatabaseError(f"{label}: the role was not granted: {_first_line(exc)}") from None
    finally:
        engine.dispose()


def _check_login(con: Connection, login: str) -> None:
    """Refuse what cannot be given a role: no such login, a superuser, a NOLOGIN role,
    Scrutiny Desk's own roles, an administrator acting as the owner."""
    found = con.execute(
        text("SELECT rolsuper, rolcanlogin FROM pg_roles WHERE rolname = :n"),
        {"n": login},
    ).first()
    if login in (OWNER, *GROUPS.values()):
        raise DatabaseError(
            f"{login} is one of Scrutiny Desk's own roles, not a login: grant a "
            "role to a person's login"
        )
    if found is None:
        raise DatabaseError(
            f'There is no login "{login}" on this server. Create it first (in '
            f"psql, as an administrator): CREATE ROLE {_ident(login)} LOGIN "
            "PASSWORD '...'; then grant it a role"
        )
    if found[0]:
        raise DatabaseError(
            f"{login} is a superuser: a superuser passes every role and policy, "
            "so it cannot be given one. Grant roles to logins that are not "
            "superusers"
        )
    if not found[1]:
        raise DatabaseError(
            f"{login} cannot log in (it is a NOLOGIN role); make it a login "
            f"first: ALTER ROLE {_ident(login)} LOGIN PASSWORD '...'"
        )
    if _member_of(con, login, OWNER):
        raise DatabaseError(
            f"{login} is a member of the owner role {OWNER} (an administrator): "
            "it would pass every role. Grant roles to people's own logins"
        )


def roles(admin_url: str) -> list[LoginRoles]:
    """The cluster's logins (superusers included) and the group roles each holds."""
    engine, label = _admin_engine(admin_url)
    by_group = {group: role for role, group in GROUPS.items()}
    try:
        with engine.connect() as con:
            rows = con.execute(
                text(
                    "SELECT r.rolname, r.rolsuper, array_remove(array_agg(g.rolname "
                    "ORDER BY g.rolname), NULL), bool_or(o.rolname IS NOT NULL) "
                    "FROM pg_roles r LEFT JOIN pg_auth_members m ON m.member = r.oid "
                    "LEFT JOIN pg_roles g ON g.oid = m.roleid AND g.rolname = ANY(:groups) "
                    "LEFT JOIN pg_roles o ON o.oid = m.roleid AND o.rolname = :owner "
                    "WHERE r.rolcanlogin AND r.rolname NOT LIKE 'pg\\_%' "
                    "GROUP BY r.rolname, r.rolsuper ORDER BY r.rolname"
                ),
                {"groups": list(by_group), "owner": OWNER},
            ).all()
    except DBAPIError as exc:
        raise DatabaseError(f"Cannot read the logins of {label}: {_first_line(exc)}") from None
    finally:
        engine.dispose()
    return [
        LoginRoles(name, tuple(by_group[g] for g in groups), bool(superuser), bool(owner))
        for name, superuser, groups, owner in rows
    ]


def _admin_engine(admin_url: str) -> tuple[Engine, str]:
    from .db import resolve_target

    url = resolve_target(admin_url)
    label = url.render_as_string(hide_password=True)
    if url.get_backend_name() != "postgresql":
        raise DatabaseError(
            f"{url.database or label} is a SQLite file: roles are for a shared PostgreSQL "
            "database (a SQLite file has one user, its clerk). Give the database's "
            "postgresql+psycopg:// URL"
        )
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    engine = create_engine(url, hide_parameters=True, poolclass=NullPool)
    try:
        engine.connect().close()
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseError(f"Cannot connect to {label}: {_first_line(exc)}") from None
    return engine, label


def _check_administrator(con: Connection, label: str) -> bool:
    """Whether the connected role is a superuser; refuses one that may not run init."""
    me, superuser, createrole, owns = con.execute(
        text(
            "SELECT r.rolname, r.rolsuper, r.rolcreaterole, "
            "pg_has_role(r.oid, d.datdba, 'USAGE') FROM pg_roles r, pg_database d "
            "WHERE r.rolname = current_user AND d.datname = current_database()"
        )
    ).one()
    if not superuser and not (createrole and owns):
        raise DatabaseError(
            f"{me} may not prepare {label}: run init-postgres as a superuser, or as a "
            "role with CREATEROLE that owns the database"
        )
    return bool(superuser)


def _revision_before(con: Connection, label: str, known: set[str]) -> str | None:
    if con.execute(text("SELECT to_regclass('public.alembic_version')")).scalar() is None:
        if con.execute(text("SELECT to_regclass('public.reviews')")).scalar() is not None:
            raise DatabaseError(f"{label} is not a Scrutiny Desk database; it was left untouched")
        return None
    revision = con.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is not None and revision not in known:
        raise DatabaseError(
            f"{label} was made by a newer version of Scrutiny Desk (schema {revision}); "
            "install the newer version to prepare it. It was left untouched"
        )
    return None if revision is None else str(revision)


def _ensure_roles(con: Connection, superuser: bool) -> tuple[str, ...]:
    """The owner and groups, NOLOGIN, made where missing (roles are the cluster's: another
    database may have made them already)."""
    created = []
    names = (OWNER, *GROUPS.values())
    if not superuser:
        _check_may_grant(con, [n for n in names if _role_exists(con, n)])
    for name in names:
        if not _role_exists(con, name):
            con.execute(text(f"CREATE ROLE {name} NOLOGIN"))
            created.append(name)
    if not superuser and not _member_of(con, "current_user", OWNER, expression=True):
        # a CREATEROLE administrator acts as the owner to hand it the tables
        con.execute(text(f"GRANT {OWNER} TO current_user"))
    return tuple(created)


def _check_may_grant(con: Connection, existing: list[str]) -> None:
    """A CREATEROLE administrator may grant only the roles it made, or holds WITH ADMIN
    OPTION: refuse before changing anything when the cluster's roles are not its own."""
    me = con.execute(text("SELECT current_user")).scalar_one()
    foreign = [
        name
        for name in existing
        if not con.execute(
            text("SELECT pg_has_role(current_user, :r, 'MEMBER WITH ADMIN OPTION')"), {"r": name}
        ).scalar()
    ]
    if foreign:
        raise DatabaseError(
            f"{me} may not grant the roles {', '.join(foreign)}, which already exist on this "
            "server. Run init-postgres as a superuser, or have one run: GRANT "
            f"{', '.join(foreign)} TO {_ident(me)} WITH ADMIN OPTION"
        )


def _transfer_ownership(con: Connection) -> int:
    """Give the owner every table, sequence, view and function of schema ``public``
    (a database made or upgraded before init-postgres, by whoever ran it). A table's
    own sequences follow it."""
    count = 0
    kinds = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}
    for relkind in ("r", "p", "v", "m", "S"):
        for (name,) in con.execute(
            text(
                "SELECT c.oid::regclass::text FROM pg_class c "
                "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = :k "
                "AND pg_get_userbyid(c.relowner) <> :o ORDER BY 1"
            ),
            {"k": relkind, "o": OWNER},
        ).all():
            con.execute(text(f"ALTER {kinds[relkind]} {name} OWNER TO {OWNER}"))
            count += 1
    for (signature,) in con.execute(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "WHERE p.pronamespace = 'public'::regnamespace "
            "AND pg_get_userbyid(p.proowner) <> :o AND NOT EXISTS (SELECT 1 FROM pg_depend "
            "d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') "
            "ORDER BY 1"
        ),
        {"o": OWNER},
    ).all():
        con.execute(text(f"ALTER FUNCTION {signature} OWNER TO {OWNER}"))
        count += 1
    return count


def _apply_decisions(con: Connection) -> int:
    """Row-level security, policies and grants on every table, from ``ROLE_DECISIONS``
    alone: what a table had before is revoked first, so an upgrade's new decision holds."""
    tables = [
        str(r[0])
        for r in con.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        )
    ]
    undecided = [t for t in tables if t not in ROLE_DECISIONS]
    if undecided:
        raise DatabaseError(
            f"No role decision covers the table(s) {', '.join(undecided)}: nothing was "
            "changed (add each to pg_roles.ROLE_DECISIONS)"
        )
    everyone = ", ".join(["PUBLIC", *GROUPS.values()])
    for table in tables:
        decision = ROLE_DECISIONS[table]
        con.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        con.execute(text(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY"))
        con.execute(text(f"REVOKE ALL ON {table} FROM {everyone}"))
        for (policy,) in con.execute(
            text(
                "SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = :t"
            ),
            {"t": table},
        ).all():
            con.execute(text(f'DROP POLICY "{policy}" ON {table}'))
        # the owner's functions (the revision, the export's audit row) and migrations
        con.execute(
            text(f"CREATE POLICY {OWNER} ON {table} TO {OWNER} USING (true) WITH CHECK (true)")
        )
        for role, privileges in decision.grants.items():
            group = GROUPS[role]
            con.execute(text(f"GRANT {', '.join(sorted(privileges))} ON {table} TO {group}"))
            for command in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                if command in privileges:
                    clause = {
                        "SELECT": "USING (true)",
                        "INSERT": f"WITH CHECK ({decision.insert_check})",
                        "UPDATE": "USING (true) WITH CHECK (true)",
                        "DELETE": "USING (true)",
                    }[command]
                    con.execute(
                        text(
                            f"CREATE POLICY {group}_{command.lower()} ON {table} "
                            f"FOR {command} TO {group} {clause}"
                        )
                    )
    _grant_sequences(con)
    return len(tables)


def _grant_sequences(con: Connection) -> None:
    """USAGE on a table's own sequences to the groups that may INSERT into it."""
    everyone = ", ".join(["PUBLIC", *GROUPS.values()])
    for sequence, table in con.execute(
        text(
            "SELECT s.oid::regclass::text, t.relname FROM pg_class s "
            "JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
            "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
            "JOIN pg_class t ON t.oid = d.refobjid "
            "WHERE s.relkind = 'S' AND s.relnamespace = 'public'::regnamespace"
        )
    ).all():
        con.execute(text(f"REVOKE ALL ON SEQUENCE {sequence} FROM {everyone}"))
        inserting = [
            GROUPS[role]
            for role, privileges in ROLE_DECISIONS[table].grants.items()
            if "INSERT" in privileges
        ]
        if inserting:
            con.execute(text(f"GRANT USAGE ON SEQUENCE {sequence} TO {', '.join(inserting)}"))


def _create_functions(con: Connection) -> None:
    """The SECURITY DEFINER functions, made as the owner (they run with its rights:
    a fixed search_path, so no login's own objects are found first)."""
    con.execute(
        text(
            f"CREATE OR REPLACE FUNCTION {REVISION_FUNCTION}() RETURNS text "
            "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp "
            "AS $$ SELECT version_num::text FROM public.alembic_version $$"
        )
    )
    # the detail as store/audit.py writes an export's: JSON, keys sorted
    groups = ", ".join(f"'{g}'" for g in (GROUPS[DbRole.CLERK], GROUPS[DbRole.READER]))
    con.execute(
        text(
            f"CREATE OR REPLACE FUNCTION {EXPORT_FUNCTION}(paper text, audience text, "
            "record_kind text, record_id integer, review_id integer, format text) "
            "RETURNS void "
            "LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp "
            "AS $$ BEGIN "
            "IF audience IS DISTINCT FROM 'public' AND NOT EXISTS (SELECT 1 FROM pg_roles g "
            f"WHERE g.rolname IN ({groups}) AND pg_has_role(session_user, g.oid, 'MEMBER')) "
            "THEN RAISE EXCEPTION 'only a clerk or a reader exports for the panel'; END IF; "
            "INSERT INTO public.audit_log (at_utc, actor, action, record_kind, record_id, "
            "review_id, detail) VALUES (timezone('UTC', now()), session_user, 'exported', "
            '$3, $4, $5, format(\'{"audience": %s, "format": %s, "paper": %s}\', '
            "coalesce(to_json($2)::text, 'null'), coalesce(to_json($6)::text, 'null'), "
            "to_json($1)::text)); END $$"
        )
    )


def _grant_functions(con: Connection) -> None:
    """EXECUTE from ``FUNCTION_DECISIONS`` only; trigger functions need none (a trigger
    runs its function whoever fires it). Refuses a function no decision covers."""
    everyone = ", ".join(["PUBLIC", *GROUPS.values()])
    found = con.execute(
        text(
            "SELECT p.proname, p.oid::regprocedure::text, p.prorettype = 'trigger'::regtype "
            "FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1"
        )
    ).all()
    undecided = [
        name for name, _sig, trigger in found if not trigger and name not in FUNCTION_DECISIONS
    ]
    if undecided:
        raise DatabaseError(
            f"No role decision covers the function(s) {', '.join(undecided)}: nothing was "
            "changed (add each to pg_roles.FUNCTION_DECISIONS)"
        )
    for name, signature, trigger in found:
        con.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM {everyone}"))
        if not trigger and FUNCTION_DECISIONS[name]:
            groups = ", ".join(GROUPS[role] for role in FUNCTION_DECISIONS[name])
            con.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {groups}"))


def _role_exists(con: Connection, name: str) -> bool:
    found = con.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    return found is not None


def _member_of(
    con: Connection, member: str, group: str, *, direct: bool = False, expression: bool = False
) -> bool:
    """Whether ``member`` (a name, or with ``expression`` an SQL expression such as
    current_user) belongs to ``group``; ``direct``: granted it, not through another."""
    who = member if expression else ":m"
    if direct:
        sql = (
            "SELECT 1 FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            f"JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = :g AND m.rolname = {who}"
        )
    else:
        sql = f"SELECT 1 WHERE pg_has_role({who}, :g, 'MEMBER')"
    return con.execute(text(sql), {"m": member, "g": group}).first() is not None


def _ident(name: str) -> str:
    """A role name for SQL: as it is when PostgreSQL would read it unchanged, else
    quoted, whatever it holds."""
    if re.fullmatch(r"[a-z_][a-z0-9_$]*", name):
        return name
    return '"' + name.replace('"', '""') + '"'


def _first_line(exc: DBAPIError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]
