"""The roles PostgreSQL itself enforces on a shared database (``admin init-postgres``),
tried with non-superuser logins and raw SQL, as psql would send it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from scrutiny_desk.domain.errors import DatabaseError
from scrutiny_desk.domain.roles import DbRole
from scrutiny_desk.store import pg_roles
from scrutiny_desk.store.db import head_revision
from scrutiny_desk.store.orm import Base
from tests.conftest import PostgresServer, sample_bytes
from tests.managed_pg import Managed, managed_database, managed_sample

pytestmark = pytest.mark.postgres

TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE")


class Shared:
    """The sample in a managed database, a login of each role and the review's id."""

    def __init__(self, managed: Managed, review_id: int) -> None:
        self.managed = managed
        self.review_id = review_id
        self.urls = {role: managed.login(role) for role in DbRole}
        self.names = {role: managed.logins[n] for n, role in enumerate(DbRole)}


@pytest.fixture(scope="module")
def shared(postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    managed, review_id = managed_sample(postgres, tmp_path_factory.mktemp("home"))
    try:
        yield Shared(managed, review_id)
    finally:
        managed.drop()


def _engine(url: str) -> Engine:
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _rows(url: str, sql: str, **params: object) -> list[tuple[object, ...]]:
    engine = _engine(url)
    try:
        with engine.connect() as con:
            return [tuple(r) for r in con.execute(text(sql), params)]
    finally:
        engine.dispose()


def _privileges(admin_url: str, login: str) -> set[tuple[str, str]]:
    """(table, privilege) for every table of schema public the login may use, as the
    catalogue says."""
    return {
        (str(table), str(privilege))
        for table, privilege in _rows(
            admin_url,
            "SELECT c.relname, p.priv FROM pg_class c CROSS JOIN unnest(CAST(:privs AS text[])) "
            "AS p(priv) WHERE c.relnamespace = 'public'::regnamespace "
            "AND c.relkind IN ('r', 'p', 'v', 'm') AND has_table_privilege(:login, c.oid, p.priv)",
            privs=list(TABLE_PRIVILEGES),
            login=login,
        )
    }


def _executable(admin_url: str, login: str) -> set[str]:
    return {
        str(name)
        for (name,) in _rows(
            admin_url,
            "SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace "
            "AND has_function_privilege(:login, p.oid, 'EXECUTE')",
            login=login,
        )
    }


def _live_tables(admin_url: str) -> set[str]:
    return {
        str(t)
        for (t,) in _rows(admin_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    }


def _refused(con: Connection, sql: str, expected: str = "permission denied") -> str:
    """The error PostgreSQL gives ``sql``, checked to contain ``expected``; the
    connection's transaction is left usable."""
    savepoint = con.begin_nested()
    try:
        con.execute(text(sql))
    except DBAPIError as exc:
        savepoint.rollback()
        message = str(exc.orig)
        assert expected in message, (sql, message)
        return message
    savepoint.rollback()
    raise AssertionError(f"{sql!r} was allowed")


# Role decisions --------------------------------------------------------------------


def test_every_table_of_the_orm_has_a_role_decision() -> None:
    assert set(Base.metadata.tables) - set(pg_roles.ROLE_DECISIONS) == set()


def test_every_table_has_a_role_decision(shared: Shared) -> None:
    live = _live_tables(shared.managed.admin_url)
    assert live - set(pg_roles.ROLE_DECISIONS) == set()
    # and no decision is left for a table that is gone
    assert set(pg_roles.ROLE_DECISIONS) - live == set()


def test_init_refuses_a_table_no_decision_covers(postgres: PostgresServer) -> None:
    managed = managed_database(postgres)
    try:
        engine = _engine(managed.admin_url)
        with engine.connect() as con:
            con.execute(text("CREATE TABLE stray_notes (id integer PRIMARY KEY, words text)"))
        engine.dispose()
        with pytest.raises(DatabaseError, match=r"No role decision covers the table.*stray_notes"):
            pg_roles.init_postgres(managed.admin_url)
        # nothing was changed: the stray table was not handed over, nor secured
        (owner, secured) = _rows(
            managed.admin_url,
            "SELECT pg_get_userbyid(relowner), relrowsecurity FROM pg_class "
            "WHERE relname = 'stray_notes'",
        )[0]
        assert (owner, secured) == ("postgres", False)
    finally:
        managed.drop()


def test_every_table_is_owned_by_the_owner_under_forced_row_security(shared: Shared) -> None:
    rows = _rows(
        shared.managed.admin_url,
        "SELECT c.relname, pg_get_userbyid(c.relowner), c.relrowsecurity, c.relforcerowsecurity "
        "FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'",
    )
    assert len(rows) == len(pg_roles.ROLE_DECISIONS)
    assert {(owner, on, forced) for _t, owner, on, forced in rows} == {(pg_roles.OWNER, True, True)}
    others = _rows(
        shared.managed.admin_url,
        "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
        "AND relkind = 'S' AND pg_get_userbyid(relowner) <> :o "
        "UNION ALL SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace "
        "AND pg_get_userbyid(proowner) <> :o",
        o=pg_roles.OWNER,
    )
    assert others == []


# Privileges from the catalogue ------------------------------------------------------


def test_the_public_reader_may_read_only_the_public_projection(shared: Shared) -> None:
    login = shared.names[DbRole.PUBLIC_READER]
    admin = shared.managed.admin_url
    assert _privileges(admin, login) == {("public_papers", "SELECT"), ("public_reviews", "SELECT")}
    assert _executable(admin, login) == {pg_roles.REVISION_FUNCTION, pg_roles.EXPORT_FUNCTION}
    # nor through information_schema: the group holds those grants and no other
    grants = _rows(
        admin,
        "SELECT table_name, privilege_type FROM information_schema.role_table_grants "
        "WHERE grantee = :g ORDER BY 1",
        g=pg_roles.GROUPS[DbRole.PUBLIC_READER],
    )
    assert grants == [("public_papers", "SELECT"), ("public_reviews", "SELECT")]


def test_the_reader_reads_everything_and_may_only_append_to_the_audit(shared: Shared) -> None:
    found = _privileges(shared.managed.admin_url, shared.names[DbRole.READER])
    tables = _live_tables(shared.managed.admin_url)
    assert found == {(t, "SELECT") for t in tables} | {("audit_log", "INSERT")}
    assert _executable(shared.managed.admin_url, shared.names[DbRole.READER]) == {
        pg_roles.REVISION_FUNCTION,
        pg_roles.EXPORT_FUNCTION,
        "search_document",
        "search_tagged",
    }


def test_the_clerk_writes_the_review_but_not_the_audit_or_the_schema(shared: Shared) -> None:
    found = _privileges(shared.managed.admin_url, shared.names[DbRole.CLERK])
    tables = _live_tables(shared.managed.admin_url)
    assert ("notes", "UPDATE") in found and ("public_papers", "DELETE") in found
    assert {p for t, p in found if t == "audit_log"} == {"SELECT", "INSERT"}
    assert {p for t, p in found if t == "alembic_version"} == {"SELECT"}
    assert {p for _t, p in found} == {"SELECT", "INSERT", "UPDATE", "DELETE"}  # no TRUNCATE
    writable = {t for t, p in found if p == "UPDATE"}
    assert writable == tables - {"audit_log", "alembic_version"}


def test_no_role_may_update_or_delete_the_audit(shared: Shared) -> None:
    for role in DbRole:
        found = _privileges(shared.managed.admin_url, shared.names[role])
        assert {p for t, p in found if t == "audit_log"} & {"UPDATE", "DELETE", "TRUNCATE"} == set()


# Raw SQL, as psql would send it ---------------------------------------------------------


def test_a_reader_login_changes_nothing_in_any_table(shared: Shared) -> None:
    engine = create_engine(shared.urls[DbRole.READER])
    try:
        with engine.connect() as con:
            for table in sorted(_live_tables(shared.managed.admin_url) - {"audit_log"}):
                _refused(con, f"INSERT INTO {table} DEFAULT VALUES")
                _refused(con, f"DELETE FROM {table}")
            for table in sorted(_live_tables(shared.managed.admin_url)):
                column = con.execute(
                    text(
                        "SELECT column_name FROM information_schema.columns "
                        "WHERE table_name = :t ORDER BY ordinal_position LIMIT 1"
                    ),
                    {"t": table},
                ).scalar_one()
                _refused(con, f"UPDATE {table} SET {column} = {column}")
                _refused(con, f"TRUNCATE {table}")
            # a sample with rows to lose: a note's words, a review, the minutes' approval
            _refused(con, "UPDATE notes SET text = 'changed' WHERE access = 'closed'")
            _refused(con, f"DELETE FROM reviews WHERE id = {shared.review_id}")
            _refused(con, "UPDATE meetings SET minutes_approved_on = current_date")
            closed = con.execute(text("SELECT count(*) FROM notes WHERE access = 'closed'"))
            assert closed.scalar_one() > 0  # the reader reads closed notes
    finally:
        engine.dispose()


def test_the_public_reader_reads_the_projection_and_nothing_else(shared: Shared) -> None:
    engine = create_engine(shared.urls[DbRole.PUBLIC_READER])
    try:
        with engine.connect() as con:
            for table in ("notes", "reviews", "witnesses", "meetings", "search_index", "audit_log"):
                _refused(con, f"SELECT * FROM {table}")
            _refused(con, "SELECT version_num FROM alembic_version")
            _refused(con, "INSERT INTO public_reviews DEFAULT VALUES")
            reviews = con.execute(text("SELECT review_id FROM public_reviews")).scalars().all()
            assert reviews == [shared.review_id]
            assert con.execute(text(f"SELECT {pg_roles.REVISION_FUNCTION}()")).scalar_one() == (
                head_revision()
            )
    finally:
        engine.dispose()


def test_the_audit_refuses_update_and_delete_for_every_role(shared: Shared) -> None:
    admin = shared.managed.admin_url
    clerk = create_engine(shared.urls[DbRole.CLERK])
    try:
        with clerk.begin() as con:  # a clerk appends; the database names who
            con.execute(
                text(
                    "INSERT INTO audit_log (at_utc, actor, action, record_kind, record_id, "
                    "review_id, detail) VALUES (now(), 'somebody else', 'changed', 'reviews', "
                    ":r, :r, '')"
                ),
                {"r": shared.review_id},
            )
    finally:
        clerk.dispose()
    before = _rows(admin, "SELECT id, actor, action FROM audit_log ORDER BY id")
    assert before[-1][1:] == (shared.names[DbRole.CLERK], "changed")
    for role in DbRole:
        engine = create_engine(shared.urls[role])
        try:
            with engine.connect() as con:
                _refused(con, "UPDATE audit_log SET actor = 'nobody'")
                _refused(con, "DELETE FROM audit_log")
                _refused(con, "TRUNCATE audit_log")
        finally:
            engine.dispose()
    engine = create_engine(admin)
    try:
        with engine.connect() as con:  # the superuser, and as the owner
            for who in ("RESET ROLE", f"SET ROLE {pg_roles.OWNER}"):
                con.execute(text(who))
                for sql in ("UPDATE audit_log SET actor = 'nobody'", "DELETE FROM audit_log"):
                    _refused(con, sql, "append-only")
                _refused(con, "TRUNCATE audit_log", "append-only")
            con.rollback()
    finally:
        engine.dispose()
    assert _rows(admin, "SELECT id, actor, action FROM audit_log ORDER BY id") == before


def test_a_reader_appends_to_the_audit_in_its_own_name_and_a_public_reader_cannot(
    shared: Shared,
) -> None:
    insert = (
        "INSERT INTO audit_log (at_utc, actor, action, record_kind, record_id, review_id, "
        "detail) VALUES (now(), 'the clerk', 'exported', 'meetings', 1, 1, '') RETURNING actor"
    )
    engine = create_engine(shared.urls[DbRole.READER])
    try:
        with engine.begin() as con:
            assert con.execute(text(insert)).scalar_one() == shared.names[DbRole.READER]
    finally:
        engine.dispose()
    engine = create_engine(shared.urls[DbRole.PUBLIC_READER])
    try:
        with engine.connect() as con:
            _refused(con, insert)
    finally:
        engine.dispose()


def test_the_export_function_records_the_login_and_keeps_the_panel_to_readers(
    shared: Shared,
) -> None:
    call = f"SELECT {pg_roles.EXPORT_FUNCTION}('agenda', :a, 'meetings', 1, :r, 'pdf')"
    engine = create_engine(shared.urls[DbRole.PUBLIC_READER])
    try:
        with engine.begin() as con:
            con.execute(text(call), {"a": "public", "r": shared.review_id})
        with engine.connect() as con:
            with pytest.raises(DBAPIError, match="only a clerk or a reader"):
                con.execute(text(call), {"a": "panel", "r": shared.review_id})
    finally:
        engine.dispose()
    last = _rows(
        shared.managed.admin_url,
        "SELECT actor, action, record_kind, detail FROM audit_log ORDER BY id DESC LIMIT 1",
    )[0]
    assert last == (
        shared.names[DbRole.PUBLIC_READER],
        "exported",
        "meetings",
        '{"audience": "public", "format": "pdf", "paper": "agenda"}',
    )


# init-postgres and grant -------------------------------------------------------------


def _catalogue(admin_url: str) -> list[tuple[object, ...]]:
    """Every grant and policy of schema public, to compare before and after."""
    return _rows(
        admin_url,
        "SELECT 'grant', table_name, grantee, privilege_type FROM "
        "information_schema.role_table_grants WHERE table_schema = 'public' "
        "UNION ALL SELECT 'policy', tablename, policyname, cmd FROM pg_policies "
        "WHERE schemaname = 'public' ORDER BY 1, 2, 3, 4",
    )


def test_init_twice_changes_nothing(shared: Shared) -> None:
    admin = shared.managed.admin_url
    before = _catalogue(admin)
    reviews = _rows(admin, "SELECT id, title FROM reviews ORDER BY id")
    report = pg_roles.init_postgres(admin)
    assert report.revision_before == report.revision == head_revision()
    assert (report.created_roles, report.transferred) == ((), 0)
    assert report.tables == len(pg_roles.ROLE_DECISIONS)
    assert _catalogue(admin) == before
    assert _rows(admin, "SELECT id, title FROM reviews ORDER BY id") == reviews


def test_init_builds_an_empty_database_as_the_owner(postgres: PostgresServer) -> None:
    managed = Managed(postgres, postgres.create_empty())
    try:
        report = pg_roles.init_postgres(managed.admin_url)
        assert (report.revision_before, report.revision) == (None, head_revision())
        assert report.transferred == 0  # the owner made every table: nothing to hand over
        owners = _rows(
            managed.admin_url,
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class "
            "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S', 'i')",
        )
        assert owners == [(pg_roles.OWNER,)]
        assert _live_tables(managed.admin_url) == set(pg_roles.ROLE_DECISIONS)
    finally:
        managed.drop()


def test_init_hands_a_database_used_unmanaged_to_the_owner(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    template, review_id = postgres.sample_template(sample_bytes(), tmp_path)
    name = postgres.create(template)
    managed = Managed(postgres, name)
    try:
        admin = managed.admin_url
        assert _rows(
            admin, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'notes'"
        ) == [("postgres",)]
        report = pg_roles.init_postgres(admin)
        assert report.revision_before == head_revision()
        # every table with its own sequence, the search and audit trigger functions
        assert report.transferred >= len(pg_roles.ROLE_DECISIONS) + 3
        clerk = managed.login(DbRole.CLERK)
        titles = _rows(clerk, "SELECT title FROM reviews WHERE id = :r", r=review_id)
        assert len(titles) == 1
    finally:
        managed.drop()


def test_init_is_refused_to_a_login_that_is_not_an_administrator(shared: Shared) -> None:
    with pytest.raises(DatabaseError, match=r"may not prepare.*superuser"):
        pg_roles.init_postgres(shared.urls[DbRole.CLERK])


def test_grant_gives_one_role_per_login(shared: Shared) -> None:
    admin = shared.managed.admin_url
    login = f"{shared.managed.name}_changing"
    shared.managed.login(DbRole.READER, login)
    pg_roles.grant(admin, login, DbRole.CLERK)
    held = {r.login: r for r in pg_roles.roles(admin)}
    assert held[login].roles == (DbRole.CLERK,)
    assert held[shared.names[DbRole.PUBLIC_READER]].roles == (DbRole.PUBLIC_READER,)
    assert held["postgres"].superuser
    url = shared.managed.url_for(login)
    assert ("notes", "UPDATE") in _privileges(admin, login)
    pg_roles.grant(admin, login, DbRole.PUBLIC_READER)
    assert {r.login: r.roles for r in pg_roles.roles(admin)}[login] == (DbRole.PUBLIC_READER,)
    assert _privileges(admin, login) == {("public_papers", "SELECT"), ("public_reviews", "SELECT")}
    assert _rows(url, "SELECT session_user") == [(login,)]


def test_grant_refuses_what_it_cannot_do_with_a_clear_message(shared: Shared) -> None:
    admin = shared.managed.admin_url
    with pytest.raises(
        DatabaseError, match=r'no login "nobody_here".*CREATE ROLE nobody_here LOGIN'
    ):
        pg_roles.grant(admin, "nobody_here", DbRole.READER)
    with pytest.raises(DatabaseError, match="postgres is a superuser"):
        pg_roles.grant(admin, "postgres", DbRole.READER)
    with pytest.raises(DatabaseError, match="one of Scrutiny Desk's own roles"):
        pg_roles.grant(admin, pg_roles.OWNER, DbRole.CLERK)
    with pytest.raises(DatabaseError, match='"editor" is not a role: use clerk'):
        pg_roles.parse_role("editor")
    assert pg_roles.parse_role(" Public-Reader") is DbRole.PUBLIC_READER


@pytest.mark.slow  # several migrations runs and databases
def test_a_createrole_administrator_owning_the_database_needs_the_roles_admin_option(
    postgres: PostgresServer,
) -> None:
    first = managed_database(postgres)  # the roles exist on the server now
    first.drop()
    name = postgres.create_empty()
    postgres.drop(name)
    admin, login = f"{name}_admin", f"{name}_officer"
    superuser = _engine(postgres.url("postgres"))
    try:
        with superuser.connect() as con:
            con.execute(text(f"CREATE ROLE {admin} LOGIN CREATEROLE"))
            con.execute(text(f"CREATE ROLE {login} LOGIN"))
            con.execute(text(f"CREATE DATABASE {name} OWNER {admin}"))
        managed = Managed(postgres, name)
        url = managed.url_for(admin)
        groups = ", ".join([pg_roles.OWNER, *pg_roles.GROUPS.values()])
        with pytest.raises(DatabaseError, match=f"GRANT {groups} TO {admin} WITH ADMIN OPTION"):
            pg_roles.init_postgres(url)
        with superuser.connect() as con:
            con.execute(text(f"GRANT {groups} TO {admin} WITH ADMIN OPTION"))
        report = pg_roles.init_postgres(url)
        assert report.revision_before is None and report.tables == len(pg_roles.ROLE_DECISIONS)
        pg_roles.grant(url, login, DbRole.READER)
        held = {r.login: r for r in pg_roles.roles(url)}
        assert held[login].roles == (DbRole.READER,) and not held[login].administrator
        assert held[admin].administrator
        assert _rows(managed.url_for(login), "SELECT count(*) FROM reviews") == [(0,)]
        # the superuser takes back what the other administrator granted: one role each
        pg_roles.grant(managed.admin_url, login, DbRole.CLERK)
        assert {r.login: r for r in pg_roles.roles(url)}[login].roles == (DbRole.CLERK,)
    finally:
        postgres.drop(name)
        with superuser.connect() as con:
            for role in (login, admin):  # the admin granted the login its role
                con.execute(text(f"DROP ROLE IF EXISTS {role}"))
        superuser.dispose()


@pytest.mark.slow  # several migrations runs and databases
def test_init_upgrades_a_managed_database_as_the_owner(postgres: PostgresServer) -> None:
    from alembic import command

    from scrutiny_desk.services.container import Services
    from scrutiny_desk.store.db import alembic_config

    managed = managed_database(postgres)
    try:
        clerk_url = managed.login(DbRole.CLERK)
        managed.login(DbRole.PUBLIC_READER)
        services = Services.open(clerk_url)
        review_id = services.review_edits.create_review("Town centre parking").id
        services.close()
        engine = create_engine(managed.admin_url)
        with engine.begin() as con:  # as the version before made it, by its owner
            con.execute(text(f"SET LOCAL ROLE {pg_roles.OWNER}"))
            config = alembic_config()
            config.attributes["connection"] = con
            command.downgrade(config, "0012")
        engine.dispose()
        with pytest.raises(DatabaseError, match="admin init-postgres"):
            Services.open(clerk_url)
        report = pg_roles.init_postgres(managed.admin_url)
        assert (report.revision_before, report.revision) == ("0012", head_revision())
        assert report.transferred == 0  # the owner made what the upgrade added
        owners = _rows(
            managed.admin_url,
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class "
            "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S')",
        )
        assert owners == [(pg_roles.OWNER,)]
        assert _privileges(managed.admin_url, managed.logins[-1]) == {
            ("public_papers", "SELECT"),
            ("public_reviews", "SELECT"),
        }
        services = Services.open(clerk_url)
        try:
            assert [r.id for r in services.reviews.list()] == [review_id]
        finally:
            services.close()
    finally:
        managed.drop()
