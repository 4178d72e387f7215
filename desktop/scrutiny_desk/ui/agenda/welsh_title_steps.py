"""Welsh Titles… as one undo step: an item's Welsh title (``update_item``) and, for a
closed item, its Welsh public title (``close_item`` with the closure as it stands).

Usually only one of the two changes, and the step is that one service call; when both
do, the second is refused only by a colleague's change in between, and the first is
then put back, so the step is whole or nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ...domain.agenda_records import ItemRecord
from ...domain.errors import ScrutinyError
from ..shared.commands import Step
from .welsh_title_dialog import WelshTitles

if TYPE_CHECKING:
    from ...services.agenda import AgendaService


def _tr(text: str) -> str:
    return QCoreApplication.translate("WelshTitleSteps", text)


def titles_of(item: ItemRecord) -> WelshTitles:
    return WelshTitles(item.title_cy, item.public_title_cy)


class SetWelshTitles(Step):
    def __init__(
        self, agenda: AgendaService, item: ItemRecord, before: WelshTitles, after: WelshTitles
    ) -> None:
        super().__init__(_tr("Welsh titles of “{title}”").format(title=item.title))
        self._agenda = agenda
        self._review_id, self._key = item.review_id, item.key
        self._before, self._after = before, after

    def _apply(self, wanted: WelshTitles, was: WelshTitles) -> ItemRecord:
        from ...services.agenda import ItemChanges

        record = self._agenda.find(self._review_id, self._key)
        if wanted.title_cy != was.title_cy:
            changes = ItemChanges(title_cy=wanted.title_cy or "")
            record = self._agenda.update_item(record.id, record.version, changes)
        if wanted.public_title_cy != was.public_title_cy and record.is_closed:
            try:
                record = self._agenda.close_item(
                    record.id,
                    record.version,
                    record.closed_reason or "",
                    record.exemption,
                    record.public_title,
                    wanted.public_title_cy,
                )
            except ScrutinyError:
                if wanted.title_cy != was.title_cy:
                    back = self._agenda.find(self._review_id, self._key)
                    self._agenda.update_item(
                        back.id, back.version, ItemChanges(title_cy=was.title_cy or "")
                    )
                raise
        return record

    def do(self) -> ItemRecord:
        return self._apply(self._after, self._before)

    def undo(self) -> ItemRecord:
        return self._apply(self._before, self._after)
