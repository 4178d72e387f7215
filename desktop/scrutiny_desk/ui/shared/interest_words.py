"""The words of a member's interest that the Attendance tab (declarations) and the
Panel page (the register of interests) both show: its category, as the LGA Model
Councillor Code of Conduct names it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...domain.enums import InterestCategory


def _tr(text: str) -> str:
    return QCoreApplication.translate("InterestWords", text)


def category_label(category: InterestCategory) -> str:
    """``Disclosable pecuniary``: a category as a clerk reads it."""
    return {
        InterestCategory.DISCLOSABLE_PECUNIARY: _tr("Disclosable pecuniary"),
        InterestCategory.OTHER_REGISTRABLE: _tr("Other registrable"),
        InterestCategory.NON_REGISTRABLE: _tr("Non-registrable"),
    }[category]


def category_choices() -> list[tuple[str, InterestCategory]]:
    """Every category, in the Code's order, with its label."""
    return [(category_label(c), c) for c in InterestCategory]
