"""Read-only record tables, set up one way everywhere: whole rows, one selection,
Tab to leave, arrows to move, and a bold caption whose mnemonic focuses the table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

FIT = QHeaderView.ResizeMode.ResizeToContents
STRETCH = QHeaderView.ResizeMode.Stretch


def record_table(
    model: QAbstractItemModel, name: str, columns: dict[int, QHeaderView.ResizeMode]
) -> QTableView:
    """A table over ``model`` with the accessible ``name`` and each column's resize mode."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    view.setCornerButtonEnabled(False)
    view.verticalHeader().hide()
    # Room between a right-aligned time and the title beside it, and the focus frame
    # of ui.window.style drawn whole (the rows would paint over half of it).
    view.setStyleSheet(
        "QTableView::item { padding-left: 6px; padding-right: 6px; }"
        "QTableView { border: 2px solid palette(midlight); }"
        "QTableView:focus { border-color: palette(highlight); }"
    )
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(40)
    for column, mode in columns.items():
        header.setSectionResizeMode(column, mode)
    return view


def caption(text: str, buddy: QWidget) -> QLabel:
    """A bold heading for ``buddy``; "&Meetings" makes Alt+M focus it."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setBuddy(buddy)
    return label


def fit_to_rows_shown(view: QTableView, rows: int = 20) -> None:
    """Size the ResizeToContents columns from about a screenful of rows, not Qt's
    default of 1,000: over a paged model (``ui.shared.paged``) every row measured is a
    row read, and every cell measured asks the model for eight roles on the GUI thread.
    With 50 rows, a 3,000-meeting list asked 6,490 times as it first appeared and 4,490
    at each sort; with 20, 2,890 and 2,580. (Not 0, "the rows on show": a view out of
    sight, the list behind the calendar, then measures every row it has.)"""
    view.horizontalHeader().setResizeContentsPrecision(rows)
