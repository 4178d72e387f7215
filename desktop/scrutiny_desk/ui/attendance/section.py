"""What the Attendance tab's sections share: the meeting they edit, given by the tab.

A section (the people also at the meeting, the declarations) is a small widget with
its model, its table and its actions; it knows the meeting only through this
interface, never the tab or the window."""

from __future__ import annotations

from typing import Any, Protocol

from ...domain.errors import Problem
from ...services.container import Services
from ..shared.commands import Step
from ..shared.workspace import Workspace
from .stay_choices import Choice


class MeetingContext(Protocol):
    workspace: Workspace
    services: Services

    @property
    def meeting_id(self) -> int | None: ...

    def editable(self) -> bool:
        """The meeting is shown, the database writable and the minutes not approved."""
        ...

    def item_choices(self) -> list[Choice]:
        """The meeting's items in the order of business, (label, key)."""
        ...

    def substitutable(self) -> list[Choice]:
        """The panel members a substitute may attend for (not recorded present),
        (name, key)."""
        ...

    def perform(self, step: Step) -> tuple[Any, list[Problem]]: ...
