"""``scrutiny-desk admin``: an administrator prepares a shared database and gives
logins their roles, on the real server."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from scrutiny_desk.cli import main
from scrutiny_desk.paths import DB_ENV
from scrutiny_desk.store.schema_head import HEAD_REVISION
from tests.conftest import PostgresServer, sample_bytes
from tests.managed_pg import Managed, managed_database

pytestmark = pytest.mark.postgres


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _sql(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as con:
            result = con.execute(text(sql))
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


@pytest.mark.slow  # the sample imported, init-postgres run twice
def test_an_administrator_prepares_a_database_used_before_and_grants_roles(
    postgres: PostgresServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    template, review_id = postgres.sample_template(sample_bytes(), tmp_path / "home")
    managed = Managed(postgres, postgres.create(template))
    url = managed.admin_url
    try:
        _sql(url, "DELETE FROM public_reviews")  # as an older version left it: no projection
        code, out, err = run(capsys, "admin", "init-postgres", url)
        assert (code, err) == (0, "")
        assert f"{managed.name} is at schema {HEAD_REVISION}, the current one" in out
        assert "Gave the owner role" in out
        assert "public projection written for 1 review\n" in out
        assert _sql(url, "SELECT review_id FROM public_reviews") == [(review_id,)]

        login = f"{managed.name}_panel_officer"
        _sql(url, f"CREATE ROLE {login} LOGIN")
        managed.logins.append(login)
        code, out, err = run(capsys, "admin", "grant", login, "reader", "--db", url)
        assert (code, out, err) == (
            0,
            f"{login} is now a reader (reads everything, changes nothing)\n",
            "",
        )
        monkeypatch.setenv(DB_ENV, url)
        code, out, _ = run(capsys, "admin", "roles")
        assert code == 0
        lines = out.splitlines()
        assert lines[0].split() == ["LOGIN", "ROLE"]
        assert [login, "reader"] in [line.split() for line in lines]
        assert any(line.startswith("postgres ") and "superuser" in line for line in lines)

        code, out, _ = run(capsys, "admin", "init-postgres", url)  # again: harmless
        assert code == 0 and "Created the roles" not in out and "Gave the owner" not in out
        reader_url = managed.url_for(login)
        assert _sql(reader_url, "SELECT count(*) FROM reviews") == [(1,)]
    finally:
        managed.drop()


def test_admin_commands_refuse_clearly(
    postgres: PostgresServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    sqlite = str(tmp_path / "desk.sqlite3")
    code, _, err = run(capsys, "admin", "init-postgres", sqlite)
    assert code == 1 and "is a SQLite file: roles are for a shared PostgreSQL database" in err
    code, _, err = run(capsys, "--db", sqlite, "admin", "grant", "someone", "reader")
    assert code == 1 and "is a SQLite file" in err
    code, _, err = run(capsys, "admin", "roles")
    assert code == 1 and f"Say which database: --db URL, or set ${DB_ENV}" in err
    managed = managed_database(postgres)
    try:
        url = managed.admin_url
        code, _, err = run(capsys, "admin", "grant", "someone", "editor", "--db", url)
        assert code == 1 and '"editor" is not a role: use clerk' in err
        code, _, err = run(capsys, "admin", "grant", "nobody_at_all", "clerk", "--db", url)
        assert code == 1 and 'There is no login "nobody_at_all"' in err
        assert "CREATE ROLE nobody_at_all LOGIN PASSWORD '...'" in err
        code, _, err = run(capsys, "admin", "grant", "postgres", "clerk", "--db", url)
        assert code == 1 and "postgres is a superuser" in err
    finally:
        managed.drop()
