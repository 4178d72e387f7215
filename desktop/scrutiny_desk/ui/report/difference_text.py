"""The difference between two versions of the report, as a clerk reads it: one block
per paragraph that differs, headed by its number (and the number it had, when it was
renumbered) and what happened to it, then its words with those added underlined on a
green ground and those taken out struck through on a red one, so that the change reads
without colour too.

It writes into a ``QTextDocument`` (shown read-only in the compare dialog), from the
changes ``domain.report_diff.difference`` finds; nothing here decides what differs.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument

from ...domain.report_diff import ChangeKind, ParagraphChange, WordRun


def _tr(text: str) -> str:
    return QCoreApplication.translate("DifferenceText", text)


#: What happened, in words, in the order a heading lists them.
KIND_WORDS = {
    ChangeKind.ADDED: "added",
    ChangeKind.REMOVED: "removed",
    ChangeKind.CHANGED: "reworded",
    ChangeKind.RENUMBERED: "renumbered",
    ChangeKind.ACCESS: "access changed",
}


def inserted_format() -> QTextCharFormat:
    made = QTextCharFormat()
    made.setFontUnderline(True)
    made.setBackground(QColor(200, 240, 200))
    made.setForeground(QColor(0, 70, 0))
    made.setProperty(QTextCharFormat.Property.UserProperty, "insert")
    return made


def deleted_format() -> QTextCharFormat:
    made = QTextCharFormat()
    made.setFontStrikeOut(True)
    made.setBackground(QColor(250, 210, 210))
    made.setForeground(QColor(120, 0, 0))
    made.setProperty(QTextCharFormat.Property.UserProperty, "delete")
    return made


def _plain() -> QTextCharFormat:
    return QTextCharFormat()


def _heading_format() -> QTextCharFormat:
    made = QTextCharFormat()
    made.setFontWeight(QFont.Weight.Bold)
    return made


def heading(change: ParagraphChange) -> str:
    """ "Paragraph 3.3 (was 3.2): reworded, renumbered"; "Paragraph 4.1 (foreword)"
    for an unnumbered one."""
    number = change.new_number if change.new_number is not None else change.old_number
    if number is None:
        name = _tr("Unnumbered paragraph")
    else:
        name = _tr("Paragraph {number}").format(number=number)
    if (
        ChangeKind.RENUMBERED in change.kinds
        and change.old_number is not None
        and change.old_number != number
    ):
        name += " " + _tr("(was {number})").format(number=change.old_number)
    words = ", ".join(_tr(KIND_WORDS[k]) for k in change.kinds)
    if ChangeKind.ACCESS in change.kinds:
        words = words.replace(
            _tr("access changed"),
            _tr("now closed") if change.new_closed else _tr("now open"),
        )
    return f"{name}: {words}"


def summary(changes: Sequence[ParagraphChange]) -> str:
    """ "3 paragraphs differ: 1 added, 1 reworded, 1 renumbered"; "No differences"."""
    if not changes:
        return _tr("No paragraph differs between these versions.")
    counts = {kind: sum(1 for c in changes if kind in c.kinds) for kind in KIND_WORDS}
    parts = [f"{n} {_tr(KIND_WORDS[kind])}" for kind, n in counts.items() if n]
    head = (
        _tr("1 paragraph differs")
        if len(changes) == 1
        else _tr("{n} paragraphs differ").format(n=len(changes))
    )
    return f"{head}: {', '.join(parts)}."


def _runs(change: ParagraphChange) -> Sequence[WordRun]:
    if change.runs:
        return change.runs
    if ChangeKind.ADDED in change.kinds:
        return (WordRun("insert", change.new_text or ""),)
    if ChangeKind.REMOVED in change.kinds:
        return (WordRun("delete", change.old_text or ""),)
    return (WordRun("equal", change.new_text or change.old_text or ""),)


def write_changes(document: QTextDocument, changes: Sequence[ParagraphChange]) -> None:
    """Replace the document's text with the changes, one block pair per paragraph."""
    document.clear()
    cursor = QTextCursor(document)
    formats = {"insert": inserted_format(), "delete": deleted_format()}
    for index, change in enumerate(changes):
        if index:
            cursor.insertBlock()
            cursor.insertBlock()
        cursor.insertText(heading(change), _heading_format())
        cursor.insertBlock()
        for position, run in enumerate(_runs(change)):
            if position:
                cursor.insertText(" ", _plain())
            cursor.insertText(run.words, formats.get(run.op, _plain()))
    if not changes:
        cursor.insertText(summary(changes), _plain())


def marked_runs(document: QTextDocument) -> list[tuple[str, str]]:
    """The inserted and deleted words of a written document, as (op, words), in order:
    what the clerk sees marked (tests and screen readers' summaries read it)."""
    found: list[tuple[str, str]] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            op = fragment.charFormat().property(QTextCharFormat.Property.UserProperty)
            if op in ("insert", "delete"):
                found.append((str(op), fragment.text()))
            iterator += 1
        block = block.next()
    return found
