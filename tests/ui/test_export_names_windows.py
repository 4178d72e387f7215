"""Exports as Windows meets them: names made from titles are never device names nor end
in a dot or space, and a paper open in another program is named in the message box,
the old file untouched (simulated: ``os.replace`` raises PermissionError as Windows'
winerror 32 does)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from scrutiny_desk import paths
from scrutiny_desk.domain.file_names import is_windows_device_name
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services import files
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.export_names import file_name, safe_file_name

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

EV3 = "Evidence session 3: criminal justice and treatment"
DEVICE_TITLES = ["CON", "prn", "Aux", "NUL", "com1", "LPT9", "aux.pdf", "NUL.", "CON ", "Com3.txt"]


@pytest.mark.parametrize("title", DEVICE_TITLES)
def test_a_title_never_becomes_a_device_name(title: str) -> None:
    made = safe_file_name(title)
    assert not is_windows_device_name(made)
    assert not made.endswith((".", " "))
    assert made.lower().startswith(title.strip(" .").split(".")[0].lower() + "_")


@pytest.mark.parametrize(
    ("who", "audience", "expected"),
    [
        ("CON", Audience.PUBLIC, "2007-03-26 EV3 - invitation - CON_.eml"),
        ("Dr A. Smith.", Audience.PUBLIC, "2007-03-26 EV3 - invitation - Dr A. Smith.eml"),
        ('Chief Supt "Jo" Bloggs?', Audience.PANEL, None),
    ],
)
def test_file_names_hold_nothing_windows_refuses(
    who: str, audience: Audience, expected: str | None
) -> None:
    made = file_name("2007-03-26 EV3", "invitation", ".eml", audience, who)
    if expected is not None:
        assert made == expected
    assert not set(made) & set('<>:"/\\|?*')
    assert not is_windows_device_name(made) and not made.endswith((".", " "))


def test_the_programme_of_a_review_titled_like_a_device(
    make_window: WindowFactory, sample_services: Services
) -> None:
    edits = sample_services.review_edits
    edits.update_details(1, edits.details(1).version, ReviewChanges(title="NUL"))
    window = make_window(sample_services)
    assert window.exports.shown.review_title() == "NUL"
    window.exports.programme_action.trigger()
    dialog = window.exports.dialog
    assert dialog is not None
    assert Path(dialog.path_edit.text()).name == "NUL_ - programme.ics"
    dialog.reject()


def test_an_agenda_open_in_another_program_is_named_in_the_message(
    make_window: WindowFactory, sample_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(sample_services)
    opened: list[Path] = []
    window.exports.opener = lambda path: opened.append(path) is None
    meeting = next(m for m in sample_services.meetings.list(1) if m.title == EV3)
    assert window.select_meeting(meeting.id)
    target = paths.export_dir() / "2007-03-26 Evidence session 3 - agenda.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"%PDF the copy open in a viewer")

    def replace(source: str, destination: str | os.PathLike[str]) -> None:
        raise PermissionError(errno.EACCES, "being used by another process")

    monkeypatch.setattr(files.os, "replace", replace)
    window.exports.export_agenda_action.trigger()
    dialog = window.exports.dialog
    assert dialog is not None and Path(dialog.path_edit.text()) == target
    monkeypatch.setattr(dialog, "confirm_overwrite", lambda path: True)
    dialog.ok_button.click()

    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    (box,) = [b for b in boxes if b.objectName() == "errorMessage"]
    assert box.text() == "The agenda could not be exported"
    assert box.informativeText() == (
        f"{target} is open in another program, perhaps Word or a PDF viewer: close it "
        "there and try again."
    )
    assert box.icon() is QMessageBox.Icon.Warning  # the clerk can act on it: not a bug
    assert opened == []
    assert target.read_bytes() == b"%PDF the copy open in a viewer"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    box.close()
