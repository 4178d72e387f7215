"""The type-ahead terms-of-reference picker: matching, and choosing by keyboard alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.records import TorItem
from scrutiny_desk.ui.shared.tor_picker import TorPicker, flatten, match_terms

pytestmark = pytest.mark.gui

TREE = (
    TorItem(
        "strategy",
        "Strategy for drugs",
        (
            TorItem("scale", "Scale of the problem"),
            TorItem("targets", "Performance targets and supply"),
        ),
    ),
    TorItem("response", "Response of the directorates", (TorItem("forensics", "Forensics"),)),
    *(TorItem(f"t{n}", f"Filler {n}") for n in range(3, 11)),
)


def numbers(found: list) -> list[str]:  # type: ignore[type-arg]
    return [c.number for c in found]


def test_matching_by_number_and_words() -> None:
    choices = flatten(TREE)
    assert [c.number for c in choices][:5] == ["1", "1.1", "1.2", "2", "2.1"]
    assert numbers(match_terms(choices, "1.2")) == ["1.2"]
    assert numbers(match_terms(choices, "1")) == ["1", "1.1", "1.2", "10"]
    assert numbers(match_terms(choices, "2.")) == ["2", "2.1"]
    assert numbers(match_terms(choices, "SUPPLY targets")) == ["1.2"]
    assert numbers(match_terms(choices, "forensics")) == ["2.1"]
    # text that begins with the word first
    assert numbers(match_terms(choices, "s"))[:2] == ["1", "1.1"]
    assert match_terms(choices, "nothing like it") == []
    # preferred first among equals; chosen ones left out
    assert numbers(match_terms(choices, "", preferred=["forensics", "scale"]))[:3] == [
        "2.1",
        "1.1",
        "1",
    ]
    assert "1.1" not in numbers(match_terms(choices, "1", exclude=["scale"]))


def test_choose_by_keyboard(qtbot: QtBot) -> None:
    picker = TorPicker()
    qtbot.addWidget(picker)
    picker.set_terms(TREE)
    picker.set_preferred(["forensics"])
    picker.show()
    submitted: list[bool] = []
    picker.submitted.connect(lambda: submitted.append(True))
    with qtbot.waitSignal(picker.changed):
        qtbot.keyClicks(picker.editor, "1.2")
        qtbot.keyClick(picker.editor, Qt.Key.Key_Return)
    assert picker.keys() == ("targets",) and picker.editor.text() == ""
    # words, then Down to the second match
    qtbot.keyClicks(picker.editor, "s")
    qtbot.keyClick(picker.editor, Qt.Key.Key_Down)
    qtbot.keyClick(picker.editor, Qt.Key.Key_Return)
    assert picker.keys() == ("targets", "scale")
    assert picker.numbers() == ("1.2", "1.1")
    # nothing typed: Enter is "save", Backspace removes the last
    qtbot.keyClick(picker.editor, Qt.Key.Key_Return)
    assert submitted == [True]
    qtbot.keyClick(picker.editor, Qt.Key.Key_Backspace)
    assert picker.keys() == ("targets",)
    # Escape empties the field; an unknown number adds nothing
    qtbot.keyClicks(picker.editor, "99")
    qtbot.keyClick(picker.editor, Qt.Key.Key_Return)
    assert picker.keys() == ("targets",)
    qtbot.keyClick(picker.editor, Qt.Key.Key_Escape)
    assert picker.editor.text() == ""
    # the item's own terms are offered first when nothing is typed
    assert picker.matches.index(0, 0).data() == "2.1 Forensics"


def test_chips_click_to_remove_and_tree_changes(qtbot: QtBot, qtmodeltester) -> None:
    picker = TorPicker()
    qtbot.addWidget(picker)
    picker.set_terms(TREE)
    picker.set_keys(["scale", "nope", "forensics", "scale"])
    assert picker.keys() == ("scale", "forensics")
    qtmodeltester.check(picker.matches)
    chip = next(
        c for c in picker.chips.findChildren(QToolButton) if c.accessibleName() == "Remove 1.1"
    )
    chip.click()
    assert picker.keys() == ("forensics",)
    # a click on a match adds it
    index = picker.matches.index(0, 0)
    picker.list.clicked.emit(index)
    assert len(picker.keys()) == 2
    # the tree changes: keys that have gone are dropped
    picker.set_terms(TREE[:1])
    assert picker.keys() == ("strategy",)  # forensics has gone with its branch
    picker.clear()
    assert picker.keys() == ()
