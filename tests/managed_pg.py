"""A managed shared database on the test server, and logins of each role on it.

``managed_database(postgres)`` makes a database and runs ``admin init-postgres`` on it
(as the server's superuser); ``Managed.login(DbRole.READER)`` makes a LOGIN role that is
not a superuser, grants it the reader's group role (``admin grant``) and returns a URL
that connects as it (the embedded server trusts local connections: no password).
Roles belong to the whole cluster, so login names start with the database's name.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from scrutiny_desk.domain.roles import DbRole
from scrutiny_desk.services import admin
from scrutiny_desk.store import pg_roles

if TYPE_CHECKING:
    from tests.conftest import PostgresServer


@dataclass
class Managed:
    """A database ``init_postgres`` prepared; ``admin_url`` is the superuser's."""

    server: PostgresServer
    name: str
    logins: list[str] = field(default_factory=list)
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def admin_url(self) -> str:
        return self.server.url(self.name)

    def url_for(self, login: str) -> str:
        """The URL connecting to this database as ``login`` (trust auth: no password)."""
        url = make_url(self.admin_url).set(username=login, password=None)
        return url.render_as_string(hide_password=False)

    def login(self, role: DbRole, name: str | None = None) -> str:
        """A new non-superuser LOGIN role holding ``role``'s group; its URL."""
        login = name or f"{self.name}_{role.value.replace('-', '_')}_{next(self._counter)}"
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as con:
                con.execute(text(f'CREATE ROLE "{login}" LOGIN NOSUPERUSER'))
        finally:
            engine.dispose()
        self.logins.append(login)
        pg_roles.grant(self.admin_url, login, role)
        return self.url_for(login)

    def drop(self) -> None:
        """Drop the database and the logins made for it."""
        self.server.drop(self.name)
        engine = create_engine(self.server.url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as con:
                for login in self.logins:
                    con.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        finally:
            engine.dispose()
        self.logins.clear()


def managed_database(server: PostgresServer, template: str | None = None) -> Managed:
    """A new database holding no review (or a copy of ``template``, e.g.
    ``server.sample_template``'s unmanaged sample), prepared as ``admin init-postgres``
    prepares one (roles, grants, policies, and the public projection filled).

    Made from the server's migrated template, so init hands the owner its tables rather
    than running every migration again (seconds on a loaded machine); init on a database
    with no schema at all is tested in ``tests/store/test_pg_roles.py``."""
    name = server.create(template) if template is not None else server.create()
    managed = Managed(server, name)
    try:
        admin.init_postgres(managed.admin_url)  # as `scrutiny-desk admin init-postgres`
    except BaseException:
        managed.drop()
        raise
    return managed


def managed_sample(server: PostgresServer, home: Path) -> tuple[Managed, int]:
    """A managed database holding the shipped sample, imported before ``init_postgres``
    ran (as on a database that was used unmanaged first); the review's id."""
    from tests.conftest import sample_bytes

    template, review_id = server.sample_template(sample_bytes(), home)
    return managed_database(server, template), review_id
