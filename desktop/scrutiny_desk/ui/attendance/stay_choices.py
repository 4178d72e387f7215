"""The choices of an arrival and a departure: the meeting's items in the order of
business, with "From the start" before them and "To the end" after them.

A stay is stored as item keys (``domain.records.Attendance``), None meaning the start
or the end; the window shows each item by its printed number and title.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

#: (what the clerk reads, the item's key; "" for the start or the end: a combo box
#: finds "" again, where it cannot find None)
Choice = tuple[str, str]


def _tr(text: str) -> str:
    return QCoreApplication.translate("StayChoices", text)


def item_label(number: int, title: str) -> str:
    """``4. Evidence from the Police``: an item as the order of business numbers it."""
    return f"{number}. {title}"


def from_the_start() -> str:
    return _tr("From the start")


def to_the_end() -> str:
    return _tr("To the end")


def item_key(data: object) -> str | None:
    """The item key a choice holds (None: the start or the end)."""
    return data if isinstance(data, str) and data else None


def arrival_choices(items: Sequence[Choice]) -> list[Choice]:
    return [(from_the_start(), ""), *items]


def departure_choices(items: Sequence[Choice]) -> list[Choice]:
    return [*items, (to_the_end(), "")]
