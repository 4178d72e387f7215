"""The review's recommendations in their order: number, text, lead, due date, status.

An overdue recommendation (agreed or in progress, its due date passed) is marked in
words ("Overdue" beside its status, which a screen reader reads too), in bold, and in
the palette's red on its due date and status. A recommendation holds at most a few
dozen rows, so the model holds them all.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QGuiApplication

from ...domain.enums import RecommendationStatus
from ...domain.recommendation_records import RecommendationEntry
from ..shared.display import OVERDUE_RED, SortRole, bold_font, long_date, one_line
from ..shared.records_table import Column, RecordTableModel

Role = Qt.ItemDataRole
#: The list shows a few lines of a text (``clamped_text``); far more is never drawn.
TEXT_LIMIT = 1000


def status_label(status: RecommendationStatus) -> str:
    """The status in words, translatable."""
    words = {
        RecommendationStatus.DRAFT: QT_TRANSLATE_NOOP("Recommendations", "Draft"),
        RecommendationStatus.AGREED: QT_TRANSLATE_NOOP("Recommendations", "Agreed"),
        RecommendationStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Recommendations", "In progress"),
        RecommendationStatus.IMPLEMENTED: QT_TRANSLATE_NOOP("Recommendations", "Implemented"),
        RecommendationStatus.REJECTED: QT_TRANSLATE_NOOP("Recommendations", "Rejected"),
    }
    return QCoreApplication.translate("Recommendations", str(words[status]))


class RecommendationColumn(IntEnum):
    NUMBER = 0
    TEXT = 1
    LEAD = 2
    DUE = 3
    STATUS = 4


class RecommendationsModel(RecordTableModel[RecommendationEntry]):
    """Holds ``RecommendationEntry`` rows in the review's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent=parent)
        self.columns = tuple(self._columns())

    def _columns(self) -> list[Column[RecommendationEntry]]:
        """The columns, in ``RecommendationColumn`` order: a blank cell says what is
        missing to a screen reader; an overdue one is red and bold."""
        tr = self.tr

        def column(
            header: str,
            text: Callable[[RecommendationEntry], str],
            missing: str = "",
            **more: Any,
        ) -> Column[RecommendationEntry]:
            more.setdefault("tooltip", lambda r: text(r) or None)
            return Column(
                header, lambda r: text(r) or None, accessible=lambda r: text(r) or missing, **more
            )

        def status(rec: RecommendationEntry) -> str:
            words = status_label(rec.status)
            return tr("{status} · Overdue").format(status=words) if rec.overdue else words

        def status_colour(rec: RecommendationEntry) -> Any:
            if rec.overdue:
                return OVERDUE_RED
            if rec.status is RecommendationStatus.DRAFT:
                return QGuiApplication.palette().placeholderText()
            return None

        overdue = {
            Role.ForegroundRole: lambda r: OVERDUE_RED if r.overdue else None,
            Role.FontRole: lambda r: bold_font() if r.overdue else None,
        }
        return [
            column(
                tr("No."),
                lambda r: str(r.number),
                align=Qt.AlignmentFlag.AlignRight,
                roles={SortRole: lambda r: r.number},
            ),
            column(
                tr("Recommendation"),
                lambda r: one_line(r.text, TEXT_LIMIT),
                tooltip=lambda r: r.text,
            ),
            column(tr("Lead"), lambda r: r.lead or "", tr("No lead")),
            column(
                tr("Due"),
                lambda r: long_date(r.due) if r.due else "",  # type: ignore[arg-type]
                tr("No due date"),
                roles={SortRole: lambda r: r.due.isoformat() if r.due else "", **overdue},
            ),
            column(
                tr("Status"),
                status,
                roles={**overdue, Role.ForegroundRole: status_colour},
            ),
        ]
