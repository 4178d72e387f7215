"""The question asked before a removal that takes other data with it.

Every page asks the same way: a window-modal Yes/No box naming what is removed, saying
what goes with it ("Its minute will be deleted with it. 3 notes will no longer refer
to it.") and that Undo brings it all back; No is the default, so Enter or Escape
keeps everything. A removal that takes nothing with it is done at once, unasked.

The counts come from ``services.removals``; the words, plurals included, are made
here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from ...domain.errors import ScrutinyError
from ...domain.removal_records import Counts, Part, WhatGoes
from .messages import report_error

_CONTEXT = "RemovalQuestion"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def shortened(text: str, limit: int = 90) -> str:
    """A long title or text cut for the question, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def part_words(part: Part, count: int) -> str:
    """ "1 note", "2 notes", "its minute", "1 piece of evidence" ..."""
    one, many = {
        Part.NOTE: (_tr("1 note"), _tr("{n} notes")),
        Part.AGENDA_ITEM: (_tr("1 agenda item"), _tr("{n} agenda items")),
        Part.EVIDENCE: (_tr("1 piece of evidence"), _tr("{n} pieces of evidence")),
        Part.RECOMMENDATION: (_tr("1 recommendation"), _tr("{n} recommendations")),
        Part.ATTENDANCE: (_tr("1 attendance record"), _tr("{n} attendance records")),
        Part.MINUTE: (_tr("its minute"), _tr("the minutes of {n} items")),
        Part.FILE: (_tr("its attached file"), _tr("{n} attached files")),
        Part.SUB_ITEM: (_tr("1 sub-item"), _tr("{n} sub-items")),
        Part.INTEREST: (
            _tr("1 entry in the register of interests"),
            _tr("{n} entries in the register of interests"),
        ),
    }[part]
    return one if count == 1 else many.format(n=f"{count:,}")


def listed(counts: Counts) -> str:
    """ "3 notes, 2 agenda items and 1 piece of evidence"."""
    words = [part_words(part, n) for part, n in counts]
    if len(words) < 2:
        return "".join(words)
    return _tr("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1])


def what_goes_words(goes: WhatGoes, *, person: bool = False) -> str:
    """What goes with the removal, in sentences ("" when nothing does); ``person``: a
    witness or a member is removed ("them", not "it")."""
    deleted, unlinked = (
        (_tr("{parts} will be deleted with them."), _tr("{parts} will no longer name them."))
        if person
        else (_tr("{parts} will be deleted with it."), _tr("{parts} will no longer refer to it."))
    )
    sentences = []
    if goes.deleted:
        sentences.append(deleted.format(parts=listed(goes.deleted)))
    if goes.unlinked:
        sentences.append(unlinked.format(parts=listed(goes.unlinked)))
    return " ".join(s[:1].upper() + s[1:] for s in sentences)


def ask_before_removing(
    parent: QWidget,
    title: str,
    question: str,
    count: Callable[[], WhatGoes],
    remove: Callable[[], object],
    *,
    person: bool = False,
) -> QMessageBox | None:
    """Ask ``question`` ("Remove the witness “Jane Hill”?") saying what goes with it
    (``count``: a ``services.removals`` read), and call ``remove`` on Yes. When nothing
    goes with it, remove at once. The box, or None when none was needed (or the count
    failed: then the error is shown)."""
    try:
        goes = count()
    except ScrutinyError as exc:
        report_error(parent, title, exc)
        return None
    if goes.nothing:
        remove()
        return None
    undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("removalQuestion")
    box.setInformativeText(
        what_goes_words(goes, person=person)
        + " "
        + _tr("You can undo this with {keys}.").format(keys=undo or "Ctrl+Z")
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    yes = box.button(QMessageBox.StandardButton.Yes)

    def answered(_result: int) -> None:
        if box.clickedButton() is yes:
            remove()

    box.finished.connect(answered)
    box.open()
    return box
