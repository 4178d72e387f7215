"""Opening a database: SQLite file or SQLAlchemy URL, checked before it is touched.

The schema version is read through a read-only connection first. A database written
by a newer Scrutiny Desk, a file that is not a Scrutiny Desk database or is damaged,
and a locked file are refused with a clear message and never modified; a file the
user may not write is opened read-only. Only then does Alembic bring the schema to
the current version.

Alembic (with Mako and Pygments, about 0.4 s to import) is imported only to build or
upgrade a database: the schema a database is at is compared with ``HEAD_REVISION``,
written in ``schema_head`` (which imports nothing, so a look at a file before the store
is imported can compare it too) so that opening a database already at head, every
start but the first after an upgrade, needs none of it (``tests/test_start_imports.py``
checks it against the migrations). The full check of the file, ``PRAGMA quick_check``,
runs when the file was not closed cleanly (``sqlite_files.clean_close``), not on every
start.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import NullPool

# The SQLite dialect, which ``create_engine`` would import on the first open: here it
# comes with the store, before the window imports PySide6, whose import hook reads the
# source of every module imported after it (see ``app.py``). Most databases are files.
import sqlalchemy.dialects.sqlite.pysqlite  # noqa: F401  # isort: skip

from ..domain.errors import (
    ConflictError,
    CorruptDatabaseError,
    DatabaseError,
    LockedDatabaseError,
    NewerDatabaseError,
    ReadOnlyError,
)
from ..domain.roles import DbRole
from . import (
    audit,  # noqa: F401  (imported for its session events: every write is recorded)
    backups,
    changes,
    clean_close,
    queries,
    review_scope,
    sqlite_files,
    text_match,
)
from .orm import Audited
from .os_user import current_user
from .schema_head import HEAD_REVISION

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"
LOCK_TIMEOUT_S = 2.0
BUSY_TIMEOUT_S = 5.0
WRITE_OPTION = "scrutiny_desk_writes"
"""Execution option of the write sessions' connections: SQLite begins them IMMEDIATE."""
_PG_MIGRATION_LOCK = 0x5C2D_0001


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migration_scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return HEAD_REVISION


def known_revisions() -> set[str]:
    return {s.revision for s in migration_scripts().walk_revisions()}


@dataclass
class Database:
    """An open database. ``writing()`` is the one way to change it."""

    engine: Engine
    label: str
    read_only: bool = False
    read_only_reason: str = ""
    user: str = field(default_factory=current_user)
    interrupted_upgrade: dict[str, str] | None = None
    """What the marker of an upgrade that did not finish said (its pre-upgrade backup,
    the schema it started from, when), when one was found at opening; else None."""
    sqlite_file: Path | None = None
    """The SQLite file open for writing, noted at a clean close (``clean_close``)."""
    role: DbRole = DbRole.CLERK
    """What the connected login may do (``pg_roles.connected_role``); a SQLite file's
    user is its clerk."""
    managed: bool = False
    """A PostgreSQL database whose tables belong to the owner role ``admin
    init-postgres`` made: only an administrator upgrades it."""
    before_commit: list[Callable[[Session], None]] = field(default_factory=list)
    """Called with every write session, flushed, just before it commits, in the same
    transaction: the services hang the public projection and the change notice here."""
    _file_failed: bool = field(default=False, init=False, repr=False)
    _sessions: sessionmaker[Session] = field(init=False, repr=False)
    _write_sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A consistent snapshot; on SQLite in WAL mode it never waits for a writer."""
        with self._sessions() as session, self._watched(), _translated_errors():
            yield session
            session.rollback()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back on any error.

        On SQLite it starts with ``BEGIN IMMEDIATE``, so writers queue for the database
        before they read what they will change, and two never compute the same position."""
        if self.read_only:
            raise ReadOnlyError(
                f"{self.label} is open read-only ({self.read_only_reason}); nothing can be changed"
            )
        info: dict[str, Any] = {"user": self.user}
        if self.before_commit:
            info[review_scope.TRACK] = True
        with (
            self._write_sessions(info=info) as session,
            self._watched(),
            _translated_errors(),
        ):
            try:
                yield session
                if self.before_commit:
                    session.flush()
                    for hook in self.before_commit:
                        hook(session)
                session.commit()
                changes.committed(session)
            except StaleDataError:
                session.rollback()
                changes.discarded(session)
                raise ConflictError(self._lost_race(session.info.get(queries.CLAIMS, {}))) from None
            except BaseException:
                session.rollback()
                changes.discarded(session)
                raise

    @contextmanager
    def appending(self) -> Iterator[Session | None]:
        """A transaction that only appends to the audit trail (``store/audit.py``): open
        to a reader's login too, so that its exports are recorded. None where nothing
        can be written: a SQLite file open read-only."""
        if self.read_only and self.role is DbRole.CLERK:
            yield None
            return
        with (
            self._write_sessions(info={"user": self.user}) as session,
            self._watched(),
            _translated_errors(),
        ):
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def _lost_race(self, claims: dict[Any, tuple[str, int]]) -> str:
        """A save that matched no row lost a race: say who got there first, and when."""
        with self._sessions() as session:
            return queries.lost_race_message(session, claims)

    @contextmanager
    def _watched(self) -> Iterator[None]:
        """Note an error from the file itself: its close is then not a clean one."""
        try:
            yield
        except DatabaseError as exc:
            if type(exc) is DatabaseError:  # not locked, read-only, newer: the file
                self._file_failed = True
            raise

    def close(self) -> None:
        self.engine.dispose()
        if self.sqlite_file is not None and not self._file_failed:
            clean_close.remember(self.sqlite_file)


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, _context: Any, _instances: Any) -> None:
    """Every row written through the ORM records who changed it and when (UTC)."""
    user = session.info.get("user")
    if user is None:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    for row in (*session.new, *session.dirty):
        if isinstance(row, Audited) and session.is_modified(row):
            row.updated_by = user
            row.updated_at = now


@contextmanager
def _translated_errors() -> Iterator[None]:
    try:
        yield
    except StaleDataError:
        raise ConflictError(
            "Someone else changed this record after you opened it. "
            "It has been reloaded; make your change again."
        ) from None
    except IntegrityError as exc:
        raise ConflictError(
            f"The change clashes with data already saved: {_first_line(exc)}"
        ) from None
    except OperationalError as exc:
        if "locked" in str(exc.orig).lower():
            raise LockedDatabaseError(
                "The database is busy: another program is writing to it. Try again in a moment."
            ) from None
        raise DatabaseError(f"The database could not be used: {_first_line(exc)}") from None
    except DBAPIError as exc:
        raise DatabaseError(f"The database could not be used: {_first_line(exc)}") from None


def _first_line(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]


def resolve_target(target: str | os.PathLike[str]) -> URL:
    """A file path or an SQLAlchemy URL, as a URL."""
    text_target = os.fspath(target)
    if "://" in text_target:
        try:
            url = make_url(text_target)
        except ArgumentError:
            raise DatabaseError(f'"{text_target}" is not a database URL') from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise DatabaseError(
                f'"{url.get_backend_name()}" databases are not supported: '
                "use a file path or a postgresql+psycopg:// URL"
            )
        return url
    return URL.create("sqlite", database=str(Path(text_target).expanduser().absolute()))


def open_database(target: str | os.PathLike[str], *, backup_folder: Path | None = None) -> Database:
    """Open (creating or upgrading as needed) the database at a path or URL.

    ``backup_folder`` (the backups folder the clerk chose, unless given) receives the
    backup taken before an upgrade, and is named in the messages of a database that
    fails."""
    url = resolve_target(target)
    folder = backup_folder if backup_folder is not None else backups.backups_folder()
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseError("An in-memory database cannot be used; give a file path")
        return _open_sqlite(Path(url.database), folder)
    return _open_server(url, folder)


# SQLite -------------------------------------------------------------------------


def _open_sqlite(path: Path, backup_folder: Path) -> Database:
    label = str(path)
    if path.is_dir():
        raise DatabaseError(f"{label} is a folder, not a database file")
    if not path.exists() or path.stat().st_size == 0:
        if not path.parent.is_dir():
            raise DatabaseError(f"The folder {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK):
            raise DatabaseError(
                f"A database cannot be created in {path.parent}: you may not write there"
            )
        sqlite_files.create_atomically(path, _build_new_database)
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    as_left = writable and clean_close.take(path)
    if writable and not as_left:
        # Not closed as left: perhaps a creation killed after the file took its name
        # and before its temporary name was removed (a second name of the same file).
        sqlite_files.remove_leftovers(path.parent)
    revision, empty = _inspect_sqlite_file(path, backup_folder, check=not as_left)
    if not writable:
        _refuse_unknown(revision, empty, label, backup_folder)
        if revision != head_revision():
            raise DatabaseError(
                f"{label} is read-only and was made by an older version of "
                "Scrutiny Desk; open it once where it can be written, so it "
                "can be upgraded"
            )
        engine = _sqlite_engine(path, read_only=True)
        return Database(
            engine,
            label,
            read_only=True,
            read_only_reason="you may not write to the file or its folder",
        )
    _refuse_unknown(revision, empty, label, backup_folder)
    interrupted = sqlite_files.read_upgrade_marker(path)
    if interrupted is not None and revision == head_revision():
        # killed after the upgrade committed and before its marker went: it finished
        sqlite_files.remove_upgrade_marker(path)
        interrupted = None
    engine = _sqlite_engine(path, read_only=False)
    try:
        if revision != head_revision():
            _upgrade_sqlite_file(engine, path, revision, backup_folder)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, label, interrupted_upgrade=interrupted, sqlite_file=path)


def _build_new_database(path: Path) -> None:
    """The whole schema, in one transaction, into a file nobody else has yet."""
    engine = _sqlite_engine(path, read_only=False, wal=False)
    try:
        _upgrade(engine, str(path))
    finally:
        engine.dispose()
    # WAL from the start (the mode is kept in the file); nothing is left in a -wal file
    # when the last connection closes, so the file alone is the whole database.
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def _upgrade_sqlite_file(
    engine: Engine, path: Path, revision: str | None, backup_folder: Path
) -> None:
    """Back up, mark, upgrade in one transaction, unmark.

    The marker beside the file says an upgrade began; should the process die, SQLite
    rolls the transaction back, and the next opening finds the marker and tells the
    clerk, who may restore the pre-upgrade backup it names."""
    backup = ""
    if revision is not None:
        backup = str(backups.pre_upgrade_backup(path, backup_folder, revision))
    sqlite_files.write_upgrade_marker(path, backup, revision or "")
    _upgrade(engine, str(path))
    sqlite_files.remove_upgrade_marker(path)


def _inspect_sqlite_file(
    path: Path, backup_folder: Path, *, check: bool = True
) -> tuple[str | None, bool]:
    """(schema revision or None, whether the file has no tables), read-only; with
    ``check``, the file's pages are checked first (``clean_close`` says when not)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be read: {exc.strerror}") from None
    if header == b"":
        return None, True
    if header != SQLITE_HEADER:
        raise CorruptDatabaseError(
            f"{path} is not a Scrutiny Desk database (it is not an "
            "SQLite file); it was left untouched"
        )
    try:
        con = sqlite_files.connect_read_only(path)
    except sqlite3.Error as exc:
        if "locked" in str(exc).lower():
            raise LockedDatabaseError(
                f"{path} is locked by another program; close it there and try again"
            ) from None
        raise DatabaseError(f"{path} cannot be opened: {exc}") from None
    try:
        found = con.execute("PRAGMA quick_check").fetchone() if check else ("ok",)
        if not found or found[0] != "ok":
            raise CorruptDatabaseError(
                f"{path} is damaged ({found[0] if found else '?'}); "
                f"it was left untouched. {restore_advice(backup_folder)}"
            )
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return None, not tables
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return (row[0] if row else None), False
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc).lower():
            raise LockedDatabaseError(
                f"{path} is locked by another program; close it there and try again"
            ) from None
        raise CorruptDatabaseError(
            f"{path} is damaged or not a database ({exc}); it was left untouched. "
            f"{restore_advice(backup_folder)}"
        ) from None
    finally:
        con.close()


def restore_advice(backup_folder: Path) -> str:
    """Where the backups are and how to bring one back: said wherever a database fails."""
    return (
        f"Backups are kept in {backup_folder}: restore one with "
        "`scrutiny-desk restore FILE` (or, in a window that opens, File > Restore From "
        "Backup...)."
    )


def _sqlite_engine(path: Path, *, read_only: bool, wal: bool = True) -> Engine:
    # hide_parameters: an error's text never carries a note's words (closed ones included).
    if read_only:
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite_files.connect_read_only(path),
            poolclass=NullPool,
            hide_parameters=True,
        )
    else:
        engine = create_engine(
            URL.create("sqlite", database=str(path)),
            connect_args={"timeout": BUSY_TIMEOUT_S},
            hide_parameters=True,
        )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Transactions are begun by _begin below, not by the driver: so DDL is inside
        # them too (an interrupted upgrade rolls back whole) and a writer can say
        # IMMEDIATE.
        dbapi_connection.isolation_level = None
        dbapi_connection.create_function(
            text_match.SQLITE_FUNCTION, 1, text_match.unicode_lower, deterministic=True
        )
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only and wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        writes = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


# PostgreSQL ---------------------------------------------------------------------


def _open_server(url: URL, backup_folder: Path) -> Database:
    from . import pg_roles  # PostgreSQL's logins and roles: nothing of a SQLite file's

    label = url.render_as_string(hide_password=True)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
        with engine.connect() as con:
            login = pg_roles.connected_login(con)
            revision, empty = _server_revision(con, login.role)
    except NoSuchModuleError:
        raise DatabaseError(f"No driver for {url.drivername}; use postgresql+psycopg://") from None
    except (OperationalError, DBAPIError) as exc:
        raise DatabaseError(f"Cannot connect to {label}: {_first_line(exc)}") from None
    try:
        if login.managed and revision != head_revision():
            _refuse_unknown(revision, empty, label, backup_folder)
            raise DatabaseError(
                f"{label} was made by an older version of Scrutiny Desk (schema "
                f"{revision or 'none'}); its administrator upgrades it with "
                "`scrutiny-desk admin init-postgres URL`"
            )
    except BaseException:
        engine.dispose()
        raise
    db = _ready(engine, revision, empty, label, backup_folder)
    db.user, db.role, db.managed = login.user, login.role, login.managed
    if login.role is not DbRole.CLERK:
        db.read_only = True
        db.read_only_reason = f"your database login is a {login.role.words}"
    return db


def _ready(
    engine: Engine, revision: str | None, empty: bool, label: str, backup_folder: Path
) -> Database:
    """Refuse or upgrade; the engine is disposed if the database cannot be used."""
    try:
        _refuse_unknown(revision, empty, label, backup_folder)
        if revision != head_revision():
            _upgrade(engine, label)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, label)


def _server_revision(con: Any, role: DbRole = DbRole.CLERK) -> tuple[str | None, bool]:
    from . import pg_roles

    if role is DbRole.PUBLIC_READER:  # may read no table but the public projection
        return pg_roles.schema_revision(con), False
    names = set(inspect(con).get_table_names())
    if "alembic_version" not in names:
        return None, not (names & {"reviews", "meetings"}) and not names
    row = con.execute(text("SELECT version_num FROM alembic_version")).first()
    return (row[0] if row else None), False


# Shared -------------------------------------------------------------------------


def _refuse_unknown(revision: str | None, empty: bool, label: str, backup_folder: Path) -> None:
    if revision is None and not empty:
        raise CorruptDatabaseError(
            f"{label} is not a Scrutiny Desk database; it was left untouched. "
            f"{restore_advice(backup_folder)}"
        )
    if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
        raise NewerDatabaseError(
            f"{label} was made by a newer version of Scrutiny Desk "
            f"(schema {revision}); install the newer version to open it. "
            f"It was left untouched. {restore_advice(backup_folder)}"
        )


def _driver(connection: Connection) -> Any:
    """The driver's own connection: a PRAGMA sent there runs outside any transaction."""
    raw = connection.connection.driver_connection
    assert raw is not None
    return raw


def migrate(connection: Connection) -> None:
    """Run the migrations up to the head inside ``connection``'s open transaction; on
    PostgreSQL holding the migration lock first. ``pg_roles.init_postgres`` calls it as
    the owner role, so that what the migrations make belongs to the owner."""
    from alembic import command

    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _upgrade(engine: Engine, label: str) -> None:
    """Bring the schema to the head in one transaction: all of it, or none of it."""
    try:
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                # A migration that rebuilds a table (Alembic's batch mode) drops the old
                # one; with foreign keys on, that DROP would cascade to every child row
                # (agenda items, note links ...). SQLite's own advice: keys off, outside
                # the transaction, for the schema change; check them before committing.
                _driver(connection).execute("PRAGMA foreign_keys=OFF")
            try:
                with connection.begin():
                    migrate(connection)
                    if sqlite:
                        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                        if broken is not None:
                            raise DatabaseError(
                                f"{label} could not be prepared: the upgrade would leave a "
                                f"row of {broken[0]} pointing at nothing; nothing was changed"
                            )
            finally:
                if sqlite:
                    _driver(connection).execute("PRAGMA foreign_keys=ON")
    except OperationalError as exc:
        if "locked" in str(exc.orig).lower():
            raise LockedDatabaseError(
                f"{label} is locked by another program; close it there and try again"
            ) from None
        raise DatabaseError(f"{label} could not be prepared: {_first_line(exc)}") from None
