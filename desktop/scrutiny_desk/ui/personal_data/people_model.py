"""The people a review holds personal data about: its witnesses, then the substitutes,
officers and others present at its meetings (``PersonalDataService.people``).

A short list given whole (a review has tens of people, not thousands). A person
already erased shows the neutral label they carry ("Witness 3") in italics, with
"Erased" beside it, so the clerk sees at a glance whose data is gone.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont, QGuiApplication

from ...domain.personal_data_records import DataSubject, SubjectKind
from ..shared.records_table import Column, RecordTableModel


class PersonColumn(IntEnum):
    NAME = 0
    WHO = 1
    ORGANISATION = 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeopleModel", text)


def kind_text(kind: SubjectKind) -> str:
    """Who the person is to the review, in the window's words."""
    return {
        SubjectKind.WITNESS: _tr("Witness"),
        SubjectKind.SUBSTITUTE: _tr("Substitute"),
        SubjectKind.OFFICER: _tr("Officer in attendance"),
        SubjectKind.ALSO_PRESENT: _tr("Also present"),
    }[kind]


def _italic(person: DataSubject) -> QFont | None:
    if not person.erased:
        return None
    font = QFont(QGuiApplication.font())
    font.setItalic(True)
    return font


def _who(person: DataSubject) -> str:
    who = kind_text(person.kind)
    return _tr("{who} (erased)").format(who=who) if person.erased else who


def _name_tip(person: DataSubject) -> str | None:
    if person.erased:
        return _tr("Erased: name, role, organisation and e-mail now read “{label}”.").format(
            label=person.label
        )
    return " · ".join(filter(None, [person.role, person.organisation, person.email])) or None


class PeopleModel(RecordTableModel[DataSubject]):
    """One row per data subject; ``record(row)`` is the ``DataSubject``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    self.tr("Name"),
                    lambda p: p.name,
                    tooltip=_name_tip,
                    roles={Qt.ItemDataRole.FontRole: _italic},
                ),
                Column(self.tr("Who"), _who),
                Column(self.tr("Organisation"), lambda p: p.organisation or ""),
            ],
            parent=parent,
        )

    def row_of_person(self, person: DataSubject) -> int | None:
        """The row of that person (same kind and key), None if not listed."""
        return next(
            (
                n
                for n, p in enumerate(self.records())
                if p.kind is person.kind and p.key == person.key
            ),
            None,
        )
