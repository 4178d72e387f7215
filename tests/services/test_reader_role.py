"""The app on a shared database, connected as each role's login (not a superuser):
what it reads of the role, and the database refusing what the role may not do even
when the app is fooled."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from scrutiny_desk.domain.errors import DatabaseError, ReadOnlyError
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.roles import DbRole
from scrutiny_desk.services.container import Services
from tests.conftest import PostgresServer
from tests.managed_pg import Managed, managed_database, managed_sample

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def shared(
    postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Managed, int]]:
    managed, review_id = managed_sample(postgres, tmp_path_factory.mktemp("home"))
    try:
        yield managed, review_id
    finally:
        managed.drop()


def _admin_rows(managed: Managed, sql: str, **params: object) -> list[tuple[object, ...]]:
    engine = create_engine(managed.admin_url)
    try:
        with engine.connect() as con:
            return [tuple(r) for r in con.execute(text(sql), params)]
    finally:
        engine.dispose()


def _open(url: str) -> Services:
    return Services.open(url)


def test_a_reader_opens_read_only_as_itself(shared: tuple[Managed, int]) -> None:
    managed, review_id = shared
    url = managed.login(DbRole.READER)
    services = _open(url)
    try:
        assert services.db.role is DbRole.READER
        assert services.db.user == managed.logins[-1]
        assert services.db.managed and services.db.read_only
        assert "reader" in services.db.read_only_reason
        assert services.reviews.list()[0].id == review_id  # reads the whole review
    finally:
        services.close()


def test_a_reader_cannot_approve_minutes_even_past_the_app(shared: tuple[Managed, int]) -> None:
    managed, review_id = shared
    meeting_id = _admin_rows(
        managed,
        "SELECT id FROM meetings WHERE review_id = :r AND minutes_approved_on IS NULL "
        "AND status = 'held' ORDER BY id LIMIT 1",
        r=review_id,
    )[0][0]
    assert isinstance(meeting_id, int)
    before = _admin_rows(managed, "SELECT * FROM meetings ORDER BY id")
    services = _open(managed.login(DbRole.READER))
    try:
        minutes = services.minutes.minutes(meeting_id)
        with pytest.raises(ReadOnlyError, match=r"read-only \(your database login is a reader"):
            services.minutes.approve_minutes(meeting_id, minutes.version, date(2027, 1, 19))
        services.db.read_only = False  # a fooled app: the database still refuses
        with pytest.raises(DatabaseError, match="permission denied for table meetings"):
            services.minutes.approve_minutes(meeting_id, minutes.version, date(2027, 1, 19))
    finally:
        services.close()
    assert _admin_rows(managed, "SELECT * FROM meetings ORDER BY id") == before


def test_a_clerk_login_writes_under_its_own_name(shared: tuple[Managed, int]) -> None:
    managed, review_id = shared
    services = _open(managed.login(DbRole.CLERK))
    login = managed.logins[-1]
    try:
        assert (services.db.role, services.db.user, services.db.read_only) == (
            DbRole.CLERK,
            login,
            False,
        )
        details = services.review_edits.details(review_id)
        services.review_edits.update_details(
            review_id, details.version, ReviewChanges(title="Town centre parking, renamed")
        )
    finally:
        services.close()
    assert _admin_rows(
        managed, "SELECT title, updated_by FROM reviews WHERE id = :r", r=review_id
    ) == [("Town centre parking, renamed", login)]
    # the public projection followed, in the clerk's own transaction
    assert _admin_rows(
        managed, "SELECT title FROM public_reviews WHERE review_id = :r", r=review_id
    ) == [("Town centre parking, renamed",)]


def test_a_public_reader_opens_the_database(shared: tuple[Managed, int]) -> None:
    managed, _review_id = shared
    services = _open(managed.login(DbRole.PUBLIC_READER))
    try:
        assert services.db.role is DbRole.PUBLIC_READER
        assert services.db.read_only and services.db.user == managed.logins[-1]
    finally:
        services.close()


def test_a_clerk_is_refused_a_managed_database_left_at_an_older_schema(
    postgres: PostgresServer,
) -> None:
    managed = managed_database(postgres)
    try:
        url = managed.login(DbRole.CLERK)
        engine = create_engine(managed.admin_url)
        with engine.begin() as con:
            con.execute(text("UPDATE alembic_version SET version_num = '0012'"))
        engine.dispose()
        with pytest.raises(DatabaseError, match=r"scrutiny-desk admin init-postgres URL"):
            Services.open(url)
        assert _admin_rows(managed, "SELECT version_num FROM alembic_version") == [("0012",)]
    finally:
        managed.drop()
