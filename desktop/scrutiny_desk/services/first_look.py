"""The services of a start that shows the first meetings before the store is open.

``FirstLookServices.start`` takes a first look at a SQLite file (``store.first_look``:
plain ``sqlite3``, no SQLAlchemy) and gives services whose every service is a stand-in
(``PendingService``) until the store is open. A stand-in answers the few calls a window
makes before its first meetings are on screen (``_early``) from the first look; any
other call waits for the store:

- on a worker thread it waits until the window says the first meetings are shown
  (``may_open``): an import of SQLAlchemy on a worker would take the interpreter's lock
  from the GUI thread showing them. Then it opens the store itself, or waits for the
  thread opening it.
- on the GUI thread it opens the store at once, or waits for the worker opening it,
  inside ``waiting`` (the window shows the busy cursor). From the first meetings shown
  until the store is open, the GUI thread's imports of the window's and the services'
  modules wait for it the same way (``_ImportsWait``); the warm-up of the pages'
  modules waits anyway, the window's runner being busy with the opening.

The window opens the store on a worker right after the first meetings are shown
(``open_in_background``), then calls ``opened`` on the GUI thread: live updates start if the
window asked for them, and if the file changed between the first look and the opening
(another program wrote), the next ``live_updates.poll`` says every topic changed, so
the window reads everything again by its usual path. From then on each stand-in passes
everything to the real service.

A few methods the window keeps a reference to while it is built, and calls only later,
are bound late (``LATE``): their reference calls the real service when called.
``tests/ui/test_first_look_start.py`` starts the app with SQLAlchemy refused until the
first meetings are shown, so a call the window makes early that is not in ``_early``
fails there; each call that waits for the store is logged (debug level).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import DatabaseError
from ..domain.roles import DbRole
from ..domain.topics import EVERYTHING, Topics
from ..start_gc import collections_paused
from ..store.first_look import FirstLook
from ..store.os_user import current_user
from .container import Services

if TYPE_CHECKING:
    from ..domain.listing_records import ListedMeeting, MeetingFilter
    from ..domain.personal_data_records import RetentionState
    from ..domain.records import ReviewSummary
    from ..store.db import Database

log = logging.getLogger(__name__)

#: Methods the window keeps a reference to while it is built, called only later.
LATE: dict[str, frozenset[str]] = {
    "meetings": frozenset({"agenda"}),
    "meeting_edits": frozenset({"warnings"}),
}
#: At the latest, a worker waiting for the first meetings to be shown opens the store
#: after this long anyway.
MAY_OPEN_TIMEOUT_S = 5.0


class PendingDatabase:
    """What a window reads of ``services.db`` before the store is open: what the store
    would say of a SQLite file it can write (``FirstLook.open`` takes no other)."""

    dialect = "sqlite"
    role = DbRole.CLERK
    read_only = False
    read_only_reason = ""
    managed = False
    interrupted_upgrade = None

    def __init__(self, services: FirstLookServices, label: str, path: Path, user: str) -> None:
        self._services = services
        self.label = label
        self.sqlite_file = path
        self.user = user

    def __getattr__(self, name: str) -> Any:
        return getattr(self._services.store("db." + name), name)


class PendingService:
    """One service before the store is open: ``early`` answers, the rest waits."""

    def __init__(self, services: FirstLookServices, name: str, early: dict[str, Any]) -> None:
        self._services = services
        self._name = name
        self._early = early
        self._real: Any = None
        self._lock = threading.Lock()

    def real(self, why: str = "") -> Any:
        """The real service (the store opened first if it is not yet)."""
        if self._real is None:
            self._services.store(why or self._name)
            with self._lock:
                if self._real is None:
                    prop = Services.__dict__[self._name]
                    assert isinstance(prop, cached_property)
                    self._real = prop.func(self._services)
        return self._real

    def __getattr__(self, attr: str) -> Any:
        if self._services.pending:
            if attr in self._early:
                return self._early[attr]
            if attr in LATE.get(self._name, ()):
                return lambda *a, **k: getattr(self.real(), attr)(*a, **k)
        return getattr(self.real(f"{self._name}.{attr}"), attr)


class FirstLookServices(Services):
    """``Services`` over a SQLite file whose store opens after the window shows."""

    def __init__(self, look: FirstLook, target: str) -> None:
        # (not the dataclass's __init__: there is no Database yet)
        self._look = look
        self._target = target
        self._lock = threading.RLock()
        self._may_open = threading.Event()
        self._closing = False
        self._changed = False
        self._live_asked = False
        self.pending = True
        """True until the store is open and ``opened`` has run on the GUI thread."""
        self.waiting: Callable[[], contextlib.AbstractContextManager[object]] = (
            contextlib.nullcontext
        )
        """What the GUI thread waits for the store inside (the window's busy cursor)."""
        self._db: Database | None = None
        self._imports_wait = _ImportsWait(self)
        path = look.path
        self.db = PendingDatabase(self, target, path, current_user())  # type: ignore[assignment]
        early = self._early()
        for name, prop in Services.__dict__.items():
            if isinstance(prop, cached_property):
                self.__dict__[name] = PendingService(self, name, early.get(name, {}))

    @classmethod
    def start(cls, target: str) -> Services | None:
        """Services for a first look at ``target``; None when the store must open it
        first (a URL, or a file ``FirstLook.open`` declines)."""
        path = Path(target)
        if "://" in target or not path.is_absolute():  # (the label would differ)
            return None
        look = FirstLook.open(path)
        return None if look is None else cls(look, target)

    # What is answered before the store opens -----------------------------------------

    def _early(self) -> dict[str, dict[str, Any]]:
        look = self._look

        def reviews_list() -> list[ReviewSummary]:
            return look.reviews()

        def meeting_ids(
            review_id: int,
            flt: MeetingFilter | None = None,
            order: str = "start",
            descending: bool = False,
        ) -> list[int]:
            plain = flt is None or (flt.status is None and not flt.words)
            if plain and order == "start" and not descending:
                return look.meeting_ids(review_id)
            return self._real("listing").meeting_ids(review_id, flt, order, descending)  # type: ignore[no-any-return]

        def meetings(ids: Sequence[int], today: date) -> list[ListedMeeting]:
            return listed_meetings(look, ids, today)

        def retention(review_id: int) -> RetentionState:
            found = look.retention(review_id)
            if found is None:  # no such review: the store says so, as it always does
                return self._real("personal_data").retention(review_id)  # type: ignore[no-any-return]
            return found

        def network_warning() -> str | None:
            from ..store.network_share import MOUNTINFO, network_share

            if network_share(look.path, MOUNTINFO) is None:
                return None
            return self._real("backups").network_warning()  # type: ignore[no-any-return]

        def live_start() -> None:
            self._live_asked = True

        def live_close() -> None:
            self._live_asked = False

        def nothing(*_: object, **__: object) -> None:
            return None

        return {
            "reviews": {"list": reviews_list},
            "personal_data": {"retention": retention},
            "listing": {"meeting_ids": meeting_ids, "meetings": meetings},
            "backups": {
                "interrupted_upgrade": nothing,
                "network_warning": network_warning,
                "is_sqlite": True,
                "can_restore": True,
                "database_file": lambda: Path(self._target),
            },
            "live_updates": {
                "start": live_start,
                "close": live_close,
                "fileno": nothing,
                "poll": nothing,
                "started": False,
                "instance": None,
            },
        }

    def _real(self, name: str) -> Any:
        service = self.__dict__[name]
        assert isinstance(service, PendingService)
        return service.real(name)

    # The store -----------------------------------------------------------------------

    def may_open(self) -> None:
        """The first meetings are shown: a worker may import and open the store now,
        and the GUI thread imports no module of the window or the services until it is
        open (``_ImportsWait``)."""
        if not self._may_open.is_set() and not self._closing:
            sys.meta_path.insert(0, self._imports_wait)
        self._may_open.set()

    def store(self, why: str) -> Database:
        """The open store, opened now if need be (see the module for who waits)."""
        if self._db is not None:
            return self._db
        log.debug("First look: %s waits for the store", why)
        if threading.current_thread() is threading.main_thread():
            with self.waiting():
                db = self.open_store()
            self.opened()
            return db
        if not self._may_open.wait(MAY_OPEN_TIMEOUT_S):
            log.info("The first meetings were not shown in time: %s opens the store", why)
        return self.open_store()

    def open_store(self) -> Database:
        """Open the store (any thread, once; a second caller waits for the first)."""
        with self._lock:
            if self._db is None:
                if self._closing:
                    raise DatabaseError("The database closed before it was opened")
                self._changed = not self._look.unchanged()
                with collections_paused():
                    from ..store.db import open_database
                # Frozen here too: on the runner's worker collections are off already
                # (``ui.shared.tasks``), and a pause inside that freezes nothing; left
                # unfrozen, the next full collection walks all of SQLAlchemy on the
                # GUI thread (a stall of 50-120 ms after the open).
                gc.freeze()
                if self._closing:  # the app ended during the import: nothing to open
                    raise DatabaseError("The database closed before it was opened")
                self._db = open_database(self._target)
                self.db = self._db  # the real services are made on it
            return self._db

    def open_in_background(self) -> None:
        """The window's task once its first meetings are shown: the store opened, or
        nothing if the window closed first (no error to tell anyone about then)."""
        try:
            self.open_store()
        except DatabaseError:
            if not self._closing:
                raise

    def opened(self) -> None:
        """On the GUI thread, once the store is open: the real services take over."""
        if not self.pending:
            return
        self.open_store()
        self.pending = False
        self._imports_wait.remove()
        live = self.__dict__["live_updates"]
        if self._live_asked:
            live.real().start()
        # Checked before the opening and again now that the live updates hear changes
        # (a change in between would be in the listener's starting point, never heard).
        self._changed = self._changed or not self._look.unchanged()
        if self._changed:  # another program wrote since the first look
            real_poll = live.real().poll

            def poll_once(review_id: int | None = None) -> Topics | None:
                del live.__dict__["poll"]  # the real poll from now on
                found = real_poll(review_id)
                return EVERYTHING if found is None else EVERYTHING | found

            live.__dict__["poll"] = poll_once

    def built(self) -> list[str]:
        return [
            name
            for name, value in vars(self).items()
            if isinstance(value, PendingService) and value._real is not None
        ]

    def abandon(self) -> None:
        """The app or the window ends: a worker waiting for the store gives up."""
        self._closing = True
        self._may_open.set()
        self._imports_wait.remove()

    def close(self) -> None:
        """Close the store if it opened (a worker opening it finishes first)."""
        self.abandon()
        with self._lock:
            db = self._db
        if db is None:
            return  # never opened: the file is as it was found, its record too
        live = self.__dict__["live_updates"]
        if live._real is not None:
            live._real.close()
        db.close()


class _ImportsWait:
    """While the store opens on a worker, a module of the window or the services that
    the GUI thread imports (the clerk opens a page: its feature package) waits for it,
    under the busy cursor: many of them import the store, and the GUI thread would
    otherwise wait on the import lock of a module the worker is importing, with no
    busy cursor, or (two modules each waiting for the other) fail. A meta-path finder
    that finds nothing itself; the store and the domain are never waited for (the
    worker's opening imports them, and the store imports neither the window nor the
    services, so the worker never waits for a module the GUI thread holds here)."""

    WAITING = ("scrutiny_desk.ui.", "scrutiny_desk.services.")

    def __init__(self, services: FirstLookServices) -> None:
        self._services = services

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        services = self._services
        if (
            services._db is None
            and not services._closing
            and name.startswith(self.WAITING)
            and threading.current_thread() is threading.main_thread()
        ):
            log.debug("First look: import %s waits for the store", name)
            try:  # (not ``store``: ``opened`` would take this finder off the list that
                # the import system is going through; the window's task calls it)
                with services.waiting():
                    services.open_store()
            except DatabaseError:
                log.debug("First look: the store did not open for %s", name, exc_info=True)
        return None  # found by the usual finders

    def remove(self) -> None:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(self)  # type: ignore[arg-type]


def listed_meetings(look: FirstLook, ids: Sequence[int], today: date) -> list[ListedMeeting]:
    """``ListingService.meetings`` from the first look (a test compares the two)."""
    from ..domain.listing_records import ListedMeeting
    from ..domain.meeting_records import agenda_deadline
    from ..store.meeting_rows import placed_meeting, summary_of
    from .calendar_rules import clear_day_exclusions

    rows = look.meetings(ids)
    clear: dict[int, int] = {}
    for row in rows:
        if row.review_id not in clear:
            found = look.review_settings(row.review_id)
            assert found is not None  # a meeting's review exists (a foreign key)
            clear[row.review_id] = found[1]
    is_holiday = clear_day_exclusions()
    by_id = {
        row.id: ListedMeeting(
            summary_of(row),
            agenda_deadline(placed_meeting(row), clear[row.review_id], today, is_holiday),
        )
        for row in rows
    }
    return [by_id[i] for i in ids if i in by_id]
