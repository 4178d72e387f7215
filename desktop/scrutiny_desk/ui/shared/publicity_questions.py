"""The questions asked before a step that would publish what was private.

Opening a closed agenda item lists what public papers would then show (its real title,
the witnesses heard, its minute) and says its notes stay closed; putting a witness who
asked to give evidence in private on an open item says public papers will name them.
Both are window-modal boxes with Cancel as the default, so Enter or Escape changes
nothing. What would be published is decided in ``services.publishing``; the words are
made here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ...domain.disclosure_records import ItemOpening
from .removal_question import shortened

_CONTEXT = "PublicityQuestion"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _names(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return _tr("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def opening_words(opening: ItemOpening) -> str:
    """What opening the item would publish, one line each, and that its notes stay closed."""
    lines = [
        _tr("The agenda, the minutes and the other public papers would then show:"),
        "• "
        + _tr("its title “{title}” (they now show “{public}”)").format(
            title=shortened(opening.title), public=shortened(opening.public_title)
        ),
    ]
    if opening.witnesses:
        lines.append(
            "• " + _tr("the witnesses heard: {names}").format(names=_names(opening.witnesses))
        )
    if opening.private_witnesses:
        lines.append(
            "   "
            + _tr("({names} asked to give evidence in private)").format(
                names=_names(opening.private_witnesses)
            )
        )
    if opening.minute:
        lines.append("• " + _tr("its minute: “{minute}”").format(minute=shortened(opening.minute)))
    if opening.notes == 1:
        lines.append(_tr("Its note stays closed: it is never published."))
    elif opening.notes:
        lines.append(
            _tr("Its {count} notes stay closed: they are never published.").format(
                count=f"{opening.notes:,}"
            )
        )
    else:
        lines.append(_tr("Notes taken under it later are open unless marked closed."))
    return "\n".join(lines)


def _question(
    parent: QWidget, name: str, title: str, text: str, detail: str, go_text: str
) -> tuple[QMessageBox, object]:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    box.setObjectName(name)
    box.setInformativeText(detail)
    go = box.addButton(go_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box, go


def ask_before_opening(
    parent: QWidget, opening: ItemOpening, open_it: Callable[[], object]
) -> QMessageBox:
    """Ask before opening a closed item to the public, listing what would be published;
    call ``open_it`` on "Open to the Public". The box (already open)."""
    box, go = _question(
        parent,
        "openItemQuestion",
        _tr("Open Item to the Public"),
        _tr("Hear “{title}” in public?").format(title=shortened(opening.title)),
        opening_words(opening),
        _tr("&Open to the Public"),
    )

    def answered(_result: int) -> None:
        if box.clickedButton() is go:
            open_it()

    box.finished.connect(answered)
    box.open()
    return box


def warn_private_witnesses_named(
    parent: QWidget, file_name: str, names: Sequence[str]
) -> QMessageBox:
    """Say, after a public paper was written, that it names witnesses who asked to give
    evidence in private (``services.publishing`` decided whom). The box (already open)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _tr("Paper Names a Witness Heard in Private"),
        _tr("{file} names {names} to the public.").format(file=file_name, names=_names(names)),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("privateWitnessWarning")
    box.setInformativeText(
        _tr(
            "They asked to give evidence in private. Before publishing it, close the items "
            "they are heard under, or check with them that they may be named."
        )
    )
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask_before_hearing_in_public(
    parent: QWidget, names: Sequence[str], item_title: str, go_on: Callable[[], object]
) -> QMessageBox:
    """Ask before putting witnesses who asked to give evidence in private on an open
    item; call ``go_on`` on "Hear in Public". The box (already open)."""
    box, go = _question(
        parent,
        "privateWitnessQuestion",
        _tr("Witness Asked for Privacy"),
        _tr("{names} asked to give evidence in private.").format(names=_names(names)),
        _tr(
            "“{title}” is open: its agenda, minutes and invitations name the witnesses heard "
            "under it to the public. Close the item instead to hear them in private."
        ).format(title=shortened(item_title)),
        _tr("&Hear in Public"),
    )

    def answered(_result: int) -> None:
        if box.clickedButton() is go:
            go_on()

    box.finished.connect(answered)
    box.open()
    return box
