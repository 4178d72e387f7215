"""The Panel page's actions as named undo steps (``ui.shared.commands.Step``).

Each holds the member's review and key and the values before and after, and calls the
panel service. Undo and redo find the member by key (a removed and restored member has
a new id); the first run quotes the version the page read, later runs the version now,
since other steps (a chair handover) may have raised it. Giving a member the chair
while someone else holds it hands the chair over in the same step: the former chair
becomes a member, and undo gives the chair back. After every run the step names the
member to select once the panel is read again (``show``, the page's).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from ...domain.enums import MemberRole
from ...domain.errors import ScrutinyError
from ...domain.people_records import ChairChange, MemberChanges, MemberRecord, MemberSnapshot
from ...services.panel import PanelService
from ..shared.commands import Step
from .member_dialog import MemberValues

#: Select this member once the panel is read again.
Show = Callable[[str | None], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("PanelSteps", text)


def _give_chair_back(panel: PanelService, review_id: int, key: str, change: ChairChange) -> None:
    """Undo ``change``: the chair goes back to whoever held it (or, if nobody did, the
    member ``key`` takes back their role before)."""
    if change.demoted is not None:
        former = panel.find_member(review_id, change.demoted.key)
        panel.make_chair(former.id, former.version, demote_to=change.previous_role)
    else:
        record = panel.find_member(review_id, key)
        panel.update_member(record.id, record.version, MemberChanges(role=change.previous_role))


class _MemberStep(Step):
    """A step on one member of a review, found by key."""

    def __init__(self, text: str, panel: PanelService, member: MemberRecord, show: Show) -> None:
        super().__init__(text)
        self.panel = panel
        self.review_id = member.review_id
        self.key = member.key
        self.show = show
        self._first: MemberRecord | None = member  # as read: its version is quoted once

    def _record(self) -> MemberRecord:
        """The member as the page read them the first time, as they are now after that."""
        first, self._first = self._first, None
        self.show(self.key)
        return first or self.panel.find_member(self.review_id, self.key)


class AddMember(Step):
    """A new member; made chair (the chair before becoming a member) when the dialog
    said chair and someone holds it. Undo removes them (and gives the chair back)."""

    def __init__(
        self,
        panel: PanelService,
        review_id: int,
        values: MemberValues,
        chair: MemberRecord | None,
        show: Show,
    ) -> None:
        super().__init__(_tr("Add {name} to the panel").format(name=values.name))
        self.panel = panel
        self.review_id = review_id
        self.values = values
        self.chair = chair if values.role is MemberRole.CHAIR else None  # hands it over
        self.show = show
        self.key: str | None = None
        self.snapshot: MemberSnapshot | None = None

    def do(self) -> MemberRecord:
        return self._add(None)

    def undo(self) -> None:
        assert self.key is not None
        self.show(self.key)
        added = self.panel.find_member(self.review_id, self.key)
        self.snapshot = self.panel.remove_member(added.id, added.version)
        if self.chair is not None:
            former = self.panel.find_member(self.review_id, self.chair.key)
            self.panel.update_member(
                former.id, former.version, MemberChanges(role=MemberRole.CHAIR)
            )

    def redo(self) -> MemberRecord:
        self.show(self.key)
        if self.chair is not None:
            return self._add(self.key)
        assert self.snapshot is not None
        return self.panel.restore_member(self.snapshot)

    def _add(self, key: str | None) -> MemberRecord:
        v = self.values
        role = MemberRole.MEMBER if self.chair is not None else v.role
        added = self.panel.add_member(self.review_id, v.name, role, v.email, key)
        self.key = added.key
        if self.chair is not None:
            try:
                self.panel.make_chair(added.id, added.version)
            except ScrutinyError:
                now = self.panel.find_member(self.review_id, added.key)
                self.panel.remove_member(added.id, now.version)
                raise
        return added


class EditMember(_MemberStep):
    """The member dialog saved: name, e-mail and role before and after; made chair,
    the chair is handed over (``hand_over``) in the same step."""

    def __init__(
        self,
        panel: PanelService,
        member: MemberRecord,
        forward: MemberChanges,
        backward: MemberChanges,
        hand_over: bool,
        show: Show,
    ) -> None:
        name = member.name if not isinstance(forward.name, str) else forward.name
        super().__init__(_tr("Edit panel member {name}").format(name=name), panel, member, show)
        self.forward, self.backward = forward, backward
        self.hand_over = hand_over
        self.change: ChairChange | None = None

    def do(self) -> MemberRecord:
        record = self._record()
        if self.forward != MemberChanges():
            record = self.panel.update_member(record.id, record.version, self.forward)
        if self.hand_over:
            self.change = self.panel.make_chair(record.id, record.version)
            record = self.change.chair
        return record

    def undo(self) -> None:
        self.show(self.key)
        if self.change is not None:
            _give_chair_back(self.panel, self.review_id, self.key, self.change)
        if self.backward != MemberChanges():
            record = self.panel.find_member(self.review_id, self.key)
            self.panel.update_member(record.id, record.version, self.backward)


class RemoveMember(_MemberStep):
    """The member removed with their attendance; undo restores both under the same key."""

    def __init__(self, panel: PanelService, member: MemberRecord, show: Show) -> None:
        super().__init__(
            _tr("Remove {name} from the panel").format(name=member.name), panel, member, show
        )
        self.snapshot: MemberSnapshot | None = None

    def do(self) -> MemberSnapshot:
        record = self._record()
        self.snapshot = self.panel.remove_member(record.id, record.version)
        return self.snapshot

    def undo(self) -> MemberRecord:
        assert self.snapshot is not None
        self.show(self.key)
        return self.panel.restore_member(self.snapshot)


class MakeChair(_MemberStep):
    """The member made chair; the chair before (if any) becomes a member."""

    def __init__(self, panel: PanelService, member: MemberRecord, show: Show) -> None:
        super().__init__(_tr("Make {name} chair").format(name=member.name), panel, member, show)
        self.change: ChairChange | None = None

    def do(self) -> ChairChange:
        record = self._record()
        self.change = self.panel.make_chair(record.id, record.version)
        return self.change

    def undo(self) -> None:
        assert self.change is not None
        self.show(self.key)
        _give_chair_back(self.panel, self.review_id, self.key, self.change)


class MoveMember(_MemberStep):
    """The member moved from one place on the panel to another (0-based)."""

    def __init__(
        self, panel: PanelService, member: MemberRecord, from_row: int, to_row: int, show: Show
    ) -> None:
        text = _tr("Move {name} up") if to_row < from_row else _tr("Move {name} down")
        super().__init__(text.format(name=member.name), panel, member, show)
        self.from_row, self.to_row = from_row, to_row

    def _move(self, position: int) -> list[MemberRecord]:
        record = self._record()
        return self.panel.move_member(record.id, record.version, position)

    def do(self) -> list[MemberRecord]:
        return self._move(self.to_row)

    def undo(self) -> list[MemberRecord]:
        return self._move(self.from_row)
