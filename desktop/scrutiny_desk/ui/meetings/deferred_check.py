"""The checks of a meeting dialog that need the database, run after a pause in typing.

A keystroke must never wait on the database: on a shared PostgreSQL every query is a
round trip over the network. So a dialog checks what it can at once from the fields
alone (``field_problems``), and asks ``DeferredCheck`` for the rest: once the clerk
has paused for ``DELAY_MS`` the service check runs on ``workspace.runner``, off the GUI
thread, under one task key, so a newer check supersedes one still running.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ...domain.errors import Problem, ScrutinyError
from ...domain.meeting_records import ScheduleWarning, meeting_problems
from ..shared.tasks import TaskRunner

#: How long typing must pause before the database is asked.
DELAY_MS = 300

#: Every local time exists in UTC: with it the field check leaves the clock-change gaps
#: of the review's own zone (which needs the database to know) to the deferred check.
_NO_GAPS = "UTC"

Check = Callable[[Any], tuple[Sequence[Problem], Sequence[ScheduleWarning]]]


def field_problems(title: str, start: Any, end: Any, venue: str | None) -> list[Problem]:
    """What is wrong with a meeting's fields by themselves (a title, an end after the
    start, text that can be saved): the domain's rules, without the database."""
    try:
        return meeting_problems(title=title, start=start, end=end, venue=venue, zone=_NO_GAPS)
    except OverflowError as exc:
        return [Problem("", str(exc))]


class DeferredCheck(QObject):
    """Runs ``check(values)`` on the runner once ``request`` has not been called for
    ``DELAY_MS``; ``checked`` brings the values checked, the problems and the clashes."""

    #: (values, problems, warnings)
    checked = Signal(object, object, object)

    def __init__(
        self, runner: TaskRunner, check: Check, key: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._check = check
        self._key = key
        self._values: Any = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self._on_timeout)

    def request(self, values: Any) -> None:
        """Check these values once typing pauses (a later request replaces them)."""
        self._values = values
        self.timer.start()

    def cancel(self) -> None:
        """No check pending and no outcome delivered (the dialog is closing)."""
        self.timer.stop()
        self._runner.discard(self._key)

    def _on_timeout(self) -> None:
        values = self._values
        self._runner.submit(
            partial(self._check, values),
            partial(self._on_done, values),
            partial(self._on_error, values),
            key=self._key,
        )

    def _on_done(
        self, values: Any, outcome: tuple[Sequence[Problem], Sequence[ScheduleWarning]]
    ) -> None:
        problems, warnings = outcome
        self.checked.emit(values, list(problems), list(warnings))

    def _on_error(self, values: Any, exc: Exception) -> None:
        if not isinstance(exc, (ScrutinyError, OverflowError)):
            raise exc
        self.checked.emit(values, [Problem("", str(exc))], [])
