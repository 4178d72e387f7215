"""The list tabs of New Review and Review Details: exclusions, interfaces and
milestones, each a short list to add to, remove from and reorder, with its problem
label (a module of its own so the dialog stays small)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from .fields import ProblemLabel
from .list_editor import Kind, ListColumn, ListEditor


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewDialog", text)


def build_list_tabs(
    tabs: QTabWidget,
    problems: dict[str, ProblemLabel],
    tab_of: dict[str, int],
    touch: Callable[[str], None],
) -> tuple[ListEditor, ListEditor, ListEditor]:
    """Add the three tabs to ``tabs``; their editors (exclusions, interfaces,
    milestones). ``problems`` and ``tab_of`` get each list's label and tab."""
    exclusions = ListEditor(
        [ListColumn(_tr("What the review does not cover, and why"), stretch=True)],
        _tr("Exclusions"),
    )
    interfaces = ListEditor(
        [ListColumn(_tr("Organisation"), stretch=True), ListColumn(_tr("Abbreviation"))],
        _tr("Interfaces"),
    )
    milestones = ListEditor(
        [
            ListColumn(_tr("Date"), Kind.DATE),
            ListColumn(_tr("Milestone"), stretch=True),
            ListColumn(_tr("Done"), Kind.CHECK),
        ],
        _tr("Milestones"),
    )
    for key, title, intro, editor in (
        (
            "exclusions",
            _tr("E&xclusions"),
            _tr("Matters the review deliberately leaves out, each with the reason."),
            exclusions,
        ),
        (
            "interfaces",
            _tr("&Interfaces"),
            _tr("Organisations whose work the review touches on."),
            interfaces,
        ),
        (
            "milestones",
            _tr("Mi&lestones"),
            _tr("Dates the review works towards; tick those that are done."),
            milestones,
        ),
    ):
        page = QWidget()
        tab = tabs.addTab(page, title)
        label = QLabel(intro)
        label.setWordWrap(True)
        problem = ProblemLabel()
        problems[key] = problem
        tab_of[key] = tab
        layout = QVBoxLayout(page)
        layout.addWidget(label)
        layout.addWidget(editor, 1)
        layout.addWidget(problem)
        editor.changed.connect(lambda k=key: touch(k))
    return exclusions, interfaces, milestones
