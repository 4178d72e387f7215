"""The services of a first-look start answer as the store's would, wait for the store
for anything else, and see a change made by another program before the store opened."""

from __future__ import annotations

import importlib
import sqlite3
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from scrutiny_desk.domain.errors import DatabaseError
from scrutiny_desk.domain.listing_records import MeetingFilter
from scrutiny_desk.domain.topics import EVERYTHING
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.first_look import FirstLookServices
from scrutiny_desk.store import clean_close
from scrutiny_desk.store.db import open_database

TODAY = date(2026, 12, 7)


def _first_look(target: str) -> FirstLookServices:
    open_database(target).close()  # left cleanly, as the app leaves it
    services = FirstLookServices.start(target)
    assert isinstance(services, FirstLookServices)
    return services


def test_the_early_answers_are_the_stores(sqlite_target: str, sample_id: int) -> None:
    early = _first_look(sqlite_target)
    try:
        reviews = early.reviews.list()
        ids = early.listing.meeting_ids(sample_id)
        ids_plain = early.listing.meeting_ids(sample_id, MeetingFilter(), "start", False)
        listed = early.listing.meetings(ids, TODAY)
        retention = early.personal_data.retention(sample_id)
        facts = (
            early.backups.is_sqlite,
            early.backups.can_restore,
            early.backups.database_file(),
            early.backups.interrupted_upgrade(),
            early.backups.network_warning(),
        )
        db = early.db
        about = (db.label, db.user, db.dialect, db.role, db.read_only, db.read_only_reason)
        more = (db.managed, db.interrupted_upgrade, db.sqlite_file)
        assert early.pending and early.built() == []  # all answered without the store
    finally:
        early.close()
    real = Services.open(sqlite_target)
    try:
        assert reviews == real.reviews.list()
        assert ids == ids_plain == real.listing.meeting_ids(sample_id)
        assert listed == real.listing.meetings(ids, TODAY)
        for mine, theirs in zip(listed, real.listing.meetings(ids, TODAY), strict=True):
            for name in vars(theirs.meeting):
                a, b = getattr(mine.meeting, name), getattr(theirs.meeting, name)
                assert type(a) is type(b), (name, a, b)
        assert retention == real.personal_data.retention(sample_id)
        assert facts == (
            real.backups.is_sqlite,
            real.backups.can_restore,
            real.backups.database_file(),
            real.backups.interrupted_upgrade(),
            real.backups.network_warning(),
        )
        rdb = real.db
        assert about == (
            rdb.label,
            rdb.user,
            rdb.dialect,
            rdb.role,
            rdb.read_only,
            rdb.read_only_reason,
        )
        assert more == (rdb.managed, rdb.interrupted_upgrade, rdb.sqlite_file)
    finally:
        real.close()


def test_any_other_call_opens_the_store_on_the_gui_thread(
    sqlite_target: str, sample_id: int
) -> None:
    services = _first_look(sqlite_target)
    waited: list[str] = []

    class Waiting:
        def __enter__(self) -> None:
            waited.append("busy")

        def __exit__(self, *_: object) -> None:
            waited.append("done")

    services.waiting = Waiting
    try:
        ids = services.listing.meeting_ids(sample_id, MeetingFilter(text="a"))  # not early
        assert waited == ["busy", "done"] and not services.pending
        assert ids == services.listing.meeting_ids(sample_id, MeetingFilter(text="a"))
        assert services.built() == ["listing"]
    finally:
        services.close()
    assert clean_close.as_left(Path(sqlite_target))  # closed cleanly, as ever


def test_a_worker_waits_until_the_first_meetings_are_shown(
    sqlite_target: str, sample_id: int
) -> None:
    services = _first_look(sqlite_target)
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(services.meetings.get(1)))
    try:
        worker.start()
        worker.join(0.3)
        assert worker.is_alive() and services._db is None  # waiting, store not open
        services.may_open()
        worker.join(30)
        assert not worker.is_alive() and found
        services.opened()
        assert not services.pending
    finally:
        services.close()


def test_a_worker_waiting_at_close_gives_up(sqlite_target: str) -> None:
    services = _first_look(sqlite_target)
    errors: list[Exception] = []

    def read() -> None:
        try:
            services.meetings.get(1)
        except Exception as exc:
            errors.append(exc)

    worker = threading.Thread(target=read)
    worker.start()
    services.close()
    worker.join(10)
    assert not worker.is_alive()
    assert errors and "closed before it was opened" in str(errors[0])
    assert services._db is None
    assert clean_close.as_left(Path(sqlite_target))  # untouched: its record stands


def test_a_gui_thread_import_waits_for_the_store_while_it_opens(sqlite_target: str) -> None:
    services = _first_look(sqlite_target)
    try:
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module("scrutiny_desk.ui.no_such_module")
        assert services._db is None  # the first meetings not shown yet: nothing waits
        services.may_open()
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module("scrutiny_desk.ui.no_such_module")
        assert services._db is not None and services.pending  # the window's task: opened
        services.opened()
        assert not services.pending
        assert not any(isinstance(f, type(services._imports_wait)) for f in sys.meta_path)
    finally:
        services.close()


def test_the_windows_open_after_a_close_opens_nothing(sqlite_target: str) -> None:
    services = _first_look(sqlite_target)
    services.may_open()
    services.abandon()  # the window closed before its task ran
    services.open_in_background()  # no error: nobody is waiting for it
    assert services._db is None
    with pytest.raises(DatabaseError):
        services.open_store()  # a call that needs it is told
    services.close()
    assert clean_close.as_left(Path(sqlite_target))


@pytest.mark.parametrize("changed", [False, True])
def test_a_change_by_another_program_before_the_open_refreshes_everything(
    sqlite_target: str, sample_id: int, changed: bool
) -> None:
    services = _first_look(sqlite_target)
    try:
        [before] = services.reviews.list()
        services.live_updates.start()  # the window asks for them at once
        if changed:
            with sqlite3.connect(sqlite_target) as con:
                con.execute("UPDATE reviews SET title = 'Renamed' WHERE id = ?", (sample_id,))
            con.close()
        services.may_open()
        services.open_store()
        services.opened()
        assert services.live_updates.started
        topics = services.live_updates.poll(sample_id)
        assert topics == (EVERYTHING if changed else None)
        assert services.live_updates.poll(sample_id) is None  # once
        [after] = services.reviews.list()
        assert (after.title == "Renamed") is changed and before.title != "Renamed"
    finally:
        services.close()


def test_no_first_look_at_a_url_or_a_relative_path(tmp_path: Path) -> None:
    assert FirstLookServices.start("postgresql+psycopg://u@localhost/db") is None
    assert FirstLookServices.start("sqlite:///" + str(tmp_path / "x.sqlite3")) is None
    assert FirstLookServices.start("relative.sqlite3") is None
