"""Slow work off the GUI thread, through one helper.

``runner.submit(work, on_done, on_error)`` calls ``work()`` (no Qt, no widgets: a
service call) and then, on the GUI thread, ``on_done(result)`` or ``on_error(exc)``.
Widgets are touched only in those callbacks.

A task may carry a ``key``: a newer task with the same key supersedes it, and the
older one's result is dropped unseen. Loading the meetings of review A and then of
review B can therefore never show A's meetings under B's title, whichever finishes
first. ``discard(key)`` drops a pending result without starting anything.

``ThreadedTaskRunner`` is what the app uses; ``SynchronousTaskRunner`` runs the work
at once on the calling thread, for tests, with the same bookkeeping and callbacks.

``shutdown`` (the window closing) waits for running work to end and drops every
outcome. Work submitted after it is dropped too, unstarted: a view may still ask for a
reload while the window hides (an edit saved as its field loses focus), and nobody is
left to see the answer. Quitting while work runs therefore ends without a traceback.

Every failed task is logged with its traceback where it fails (``logs.log_failure``:
what the work called and the error's class, never the clerk's text); ``report_error``
then adds only which box showed it.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from itertools import count
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ... import logs

T = TypeVar("T")
#: How long a thread running Python keeps Python's lock (the GIL) when another thread
#: wants it (Python's default: 5 ms). See ``ThreadedTaskRunner``.
SWITCH_INTERVAL_S = 0.001
OnError = Callable[[Exception], None]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Task:
    on_done: Callable[[Any], None]
    on_error: OnError
    key: str | None


class TaskRunner(QObject):
    """Bookkeeping and delivery shared by both runners; subclasses start the work."""

    #: True when the first task starts, False when the last one is delivered or dropped.
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = count(1)
        self._tasks: dict[int, _Task] = {}
        self._latest: dict[str, int] = {}
        self._closed = False

    def submit(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: OnError,
        *,
        key: str | None = None,
        priority: int = 0,
    ) -> int:
        """Start ``work``; its outcome goes to one of the callbacks. The task's id.
        Queued work of a higher ``priority`` starts first (a page of rows the clerk
        is looking at before a slow report). After ``shutdown`` the work is dropped."""
        task_id = next(self._ids)
        if self._closed:
            return task_id  # the window has closed: nobody would see the outcome
        if key is not None:
            self._forget(self._latest.get(key))
            self._latest[key] = task_id
        was_idle = not self._tasks
        self._tasks[task_id] = _Task(on_done, on_error, key)
        if was_idle:
            self.busy_changed.emit(True)
        if priority:
            self._start(task_id, work, priority)
        else:  # runners written before priorities take two arguments
            self._start(task_id, work)
        return task_id

    def discard(self, key: str) -> None:
        """Drop the outcome of the pending task with this key, if any."""
        self._forget(self._latest.get(key))

    def is_busy(self) -> bool:
        return bool(self._tasks)

    def hold(self) -> None:
        """Start no work until ``release`` (a runner that runs work at once ignores it)."""

    def release(self) -> None:
        """Start the work held back by ``hold``."""

    def shutdown(self) -> None:
        """Start no more work, drop pending outcomes, wait for running work to end."""
        self._closed = True
        for task_id in list(self._tasks):
            self._forget(task_id)

    def _start(self, task_id: int, work: Callable[[], Any], priority: int = 0) -> None:
        raise NotImplementedError

    def _forget(self, task_id: int | None) -> None:
        task = self._tasks.pop(task_id, None) if task_id is not None else None
        if task is None:
            return
        if task.key is not None and self._latest.get(task.key) == task_id:
            del self._latest[task.key]
        if not self._tasks:
            self.busy_changed.emit(False)

    @Slot(int, bool, object)
    def _finish(self, task_id: int, ok: bool, outcome: Any) -> None:
        task = self._tasks.get(task_id)
        if task is None:  # superseded, discarded or shut down: nobody is waiting
            return
        self._forget(task_id)
        if ok:
            task.on_done(outcome)
        else:
            task.on_error(outcome)


class _GarbageCollection:
    """No automatic garbage collection while a worker runs.

    A collection triggered on a worker thread can reach Qt wrappers that the GUI thread
    is deleting, and crash (seen here about once in twenty runs). Like Anki, we pause
    Python's collector while any job runs and collect on the GUI thread when the last
    one ends. Counted on the GUI thread only (start and end are both handled there)."""

    def __init__(self) -> None:
        self._running = 0
        self._was_enabled = True

    def job_started(self) -> None:
        if self._running == 0:
            self._was_enabled = gc.isenabled()
            gc.disable()
        self._running += 1

    def job_ended(self) -> None:
        self._running = max(0, self._running - 1)
        if self._running == 0 and self._was_enabled:
            gc.enable()
            gc.collect(0)

    def reset(self) -> None:
        """No job runs any more (the pool was drained): collect as usual again."""
        if self._running and self._was_enabled:
            gc.enable()
        self._running = 0


_garbage_collection = _GarbageCollection()


def _attempt(work: Callable[[], Any]) -> tuple[bool, Any]:
    try:
        return True, work()
    except Exception as exc:  # handed to on_error, which decides how to tell the user
        # Logged here, whoever waits for it: a superseded task's failure is a bug too.
        logs.log_failure(log, f"Background task {_name(work)} failed", exc)
        return False, exc


def _name(work: Callable[[], Any]) -> str:
    """What the work calls, from the code: ``ReviewsService.import_file``."""
    while isinstance(work, partial):
        work = work.func
    return getattr(work, "__qualname__", type(work).__qualname__)


class SynchronousTaskRunner(TaskRunner):
    """Runs the work at once, on the calling thread: for tests."""

    def _start(self, task_id: int, work: Callable[[], Any], priority: int = 0) -> None:
        ok, outcome = _attempt(work)
        self._finish(task_id, ok, outcome)


class _Job(QRunnable):
    def __init__(
        self, task_id: int, work: Callable[[], Any], report: Callable[[int, bool, Any], None]
    ) -> None:
        super().__init__()
        self._task_id = task_id
        self._work = work
        self._report = report

    def run(self) -> None:
        ok, outcome = _attempt(self._work)
        # RuntimeError: the runner was deleted while the work ran, so nobody waits.
        with suppress(RuntimeError):
            self._report(self._task_id, ok, outcome)


class ThreadedTaskRunner(TaskRunner):
    """Runs work on a small private thread pool; outcomes arrive on the GUI thread.

    Making one shortens Python's switch interval for the process to
    ``SWITCH_INTERVAL_S``: while a worker runs Python, every call from Qt into Python
    on the GUI thread (a cell painted, a slot) waits until the worker gives up the GIL,
    up to the switch interval each time, and painting a table calls Python hundreds of
    times. At 1 ms the GUI bench's stalls while the pages read were about a third
    shorter, with the reads no slower."""

    # Emitted on a worker thread; the runner lives on the GUI thread, so Qt queues it.
    _finished = Signal(int, bool, object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._finished.connect(self._on_job_ended)
        self._held: list[tuple[int, Callable[[], Any], int]] | None = None

    def hold(self) -> None:
        """Start no work until ``release``: what is submitted meanwhile waits, in order.
        The window holds its runner until its first frame is painted, since a worker
        running Python takes the interpreter's lock from the GUI thread painting it."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        held, self._held = self._held, None
        for task_id, work, priority in held or ():
            if task_id in self._tasks:  # not superseded, discarded or shut down meanwhile
                self._start(task_id, work, priority)

    def _start(self, task_id: int, work: Callable[[], Any], priority: int = 0) -> None:
        if self._held is not None:
            self._held.append((task_id, work, priority))
            return
        _garbage_collection.job_started()
        self._pool.start(_Job(task_id, work, self._finished.emit), priority)

    @Slot(int, bool, object)
    def _on_job_ended(self, task_id: int, ok: bool, outcome: Any) -> None:
        _garbage_collection.job_ended()  # superseded jobs too: their thread is free now
        self._finish(task_id, ok, outcome)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until running work ends (outcomes are delivered later, by events)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        super().shutdown()
        self._held = None
        self._pool.clear()
        self._pool.waitForDone()
        _garbage_collection.reset()
