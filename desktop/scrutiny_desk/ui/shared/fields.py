"""What the edit dialogs share: a problem shown beside its field, titles capped at
``MAX_TITLE`` characters, and remembered geometry.

A dialog checks its fields as the clerk types (the same rules the services apply, from
``domain``), shows each problem in words under the field it is about, and keeps OK
disabled while any remains. A problem only the service can find (a clash with what a
colleague saved meanwhile) comes back as a ``ValidationError`` naming the field; the
dialog shows that beside the field too and stays open. A problem is never clipped: its
label wraps and the dialog grows to show it whole.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette, QValidator
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QSizePolicy, QToolTip, QWidget

from ...domain.errors import Problem
from ...domain.links import link_problem
from ...domain.rules import MAX_TITLE, text_problem

# Dark red on a light window, light red on a dark one: readable on both.
_ON_LIGHT = QColor(164, 38, 44)
_ON_DARK = QColor(255, 153, 153)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Fields", text)


class ProblemLabel(QLabel):
    """A problem with one field, in words; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        # As wide as the field above it: a wrapped label otherwise picks a narrow column.
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(self.tr("Problem"))
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.WindowText, _ON_DARK if dark else _ON_LIGHT)
        self.setPalette(palette)
        self.hide()

    def show_problem(self, problem: str | None) -> None:
        self.setText(problem or "")
        self.setAccessibleDescription(problem or "")
        self.setVisible(bool(problem))
        if problem:
            QTimer.singleShot(0, self, self._make_room)

    def _make_room(self) -> None:
        """Grow the window, if need be, until the wrapped problem shows whole."""
        window = self.window()
        layout = window.layout()
        if layout is None or not window.isVisible() or not self.isVisible():
            return
        layout.activate()
        width = window.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        needed = max(needed, layout.totalMinimumSize().height())
        if window.height() < needed:
            window.resize(width, needed)

    def problem(self) -> str | None:
        parent = self.parentWidget()
        shown = self.isVisible() if parent is None else self.isVisibleTo(parent)
        return self.text() if shown and self.text() else None


class _LengthCap(QValidator):
    """Refuses an edit that would make the text longer than ``limit``, and says so."""

    reached = Signal()

    def __init__(self, limit: int, parent: QObject) -> None:
        super().__init__(parent)
        self.limit = limit

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:  # type: ignore[override]  # PySide6 returns the (state, text, pos) tuple; the stubs say State
        if len(text) <= self.limit:
            return QValidator.State.Acceptable, text, pos
        self.reached.emit()
        return QValidator.State.Invalid, text, pos


def cap_length(edit: QLineEdit, limit: int = MAX_TITLE) -> ProblemLabel:
    """Let the clerk type or paste at most ``limit`` characters into ``edit``; when an
    edit would go past that it is not taken and the note returned says "At most 200
    characters." Place the note under the field (it is hidden until then):
    ``form.addRow("", cap_length(self.title_edit))``. A longer text the program sets (a
    title imported from a file) is kept whole, never cut short unseen."""
    note = ProblemLabel()
    note.setObjectName("lengthCapNote")
    note.setAccessibleName(_tr("Note"))
    cap = _LengthCap(limit, edit)
    edit.setValidator(cap)
    message = _tr("At most {limit} characters: a longer text is not taken.").format(limit=limit)
    cap.reached.connect(lambda: note.show_problem(message))
    edit.textChanged.connect(lambda text: note.show_problem(None) if len(text) < limit else None)
    return note


def cap_cell_editor(edit: QLineEdit, limit: int = MAX_TITLE) -> None:
    """``cap_length`` for an editor inside a table, where there is no room for a note:
    the same message shows as a tooltip at the field."""
    cap = _LengthCap(limit, edit)
    edit.setValidator(cap)
    message = _tr("At most {limit} characters: a longer text is not taken.").format(limit=limit)
    cap.reached.connect(
        lambda: QToolTip.showText(edit.mapToGlobal(edit.rect().bottomLeft()), message, edit)
    )


def show_service_problems(
    problems: Sequence[Problem], beside: Mapping[str, ProblemLabel], general: ProblemLabel
) -> None:
    """Problems a service found, each as a sentence under the field it names (``beside``:
    field -> its label); those naming no field shown there, together, in ``general``."""
    others: list[str] = []
    for problem in problems:
        label = beside.get(problem.path)
        if label is not None:
            label.show_problem(problem.message[:1].upper() + problem.message[1:] + ".")
        else:
            others.append(str(problem))
    general.show_problem("\n".join(others) or None)


def required_text_problem(value: str, what: str) -> str | None:
    """A required text, in a clerk's words: "Enter the name." or why it cannot be kept."""
    if not value.strip():
        return _tr("Enter {what}.").format(what=what)
    return optional_text_problem(value)


def optional_text_problem(value: str) -> str | None:
    why = text_problem(value)
    return _sentence(_tr("This text"), why) if why else None


def email_field_problem(value: str) -> str | None:
    """An e-mail address may be left empty; if given it must look like one."""
    text = value.strip()
    if not text:
        return None
    from ...domain.people_records import email_problem  # not at start: the first address

    why = text_problem(text) or email_problem(text)
    return _sentence(_tr("This address"), why) if why else None


def link_field_problem(value: str) -> str | None:
    """A web link may be left empty; if given it must be an http or https address
    (``domain.links``, the rule the services apply)."""
    text = value.strip()
    why = link_problem(text) if text else None
    return _sentence(_tr("This link"), why) if why else None


def _sentence(subject: str, why: str) -> str:
    """A service's reason ("is longer than ...", '"x" is not ...') as a sentence."""
    if why.startswith(("is ", "contains ", "must ", "has ")):
        return f"{subject} {why}."
    return f"{why[0].upper()}{why[1:]}."


def remember_geometry(
    dialog: QDialog, load: Callable[[], QByteArray], store: Callable[[QByteArray], None]
) -> None:
    """Restore the dialog's size and place now, and keep them when it closes."""
    geometry = load()
    if not geometry.isEmpty():
        dialog.restoreGeometry(geometry)
    dialog.finished.connect(lambda _result: store(dialog.saveGeometry()))
