"""The papers' Welsh catalogue: compiled as committed, and complete for every message
the code prints (found by Babel's extractor, and by rendering Welsh papers through a
PaperText that records every message it is asked for)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from babel.messages.pofile import read_po

from scrutiny_desk.domain.enums import PaperLanguage
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.exports.agenda_pdf import render_agenda
from scrutiny_desk.exports.minutes_pdf import render_minutes
from scrutiny_desk.exports.paper_text import PaperText, Phrase

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "translations" / "cy" / "LC_MESSAGES" / "papers.po"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "translations", ROOT / "packaging" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["translations"] = module
    spec.loader.exec_module(module)
    return module


def test_the_committed_mo_is_the_po_compiled() -> None:
    assert PO.with_suffix(".mo").read_bytes() == _tool().compiled(PO), (
        "papers.mo is out of date: run `make translations`"
    )


def test_every_message_the_code_names_is_translated() -> None:
    tool = _tool()
    found = tool.messages()
    assert len(found) > 100  # the extractor reads the paper modules
    assert "Page {number} of {total}" in found and ("Witness:", "Witnesses:") in found
    assert tool.missing(PO) == []


def test_a_new_untranslated_message_is_caught(tmp_path: Path) -> None:
    tool = _tool()
    po = tmp_path / "papers.po"
    text = PO.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Membership"\nmsgstr "Aelodaeth"', ""), encoding="utf-8")
    assert tool.missing(po) == ["Membership"]


def test_welsh_plurals_have_every_form() -> None:
    with PO.open("rb") as f:
        catalogue = read_po(f)
    assert catalogue.num_plurals == 6
    for message in catalogue:
        if message.id and message.pluralizable:
            assert len(message.string) == 6 and all(message.string), message.id


class Recording(PaperText):
    """A Welsh PaperText that notes every message it translates."""

    def __init__(self) -> None:
        super().__init__(PaperLanguage.WELSH)
        self.asked: set[str] = set()

    def phrase(self, message: str, **fields: Any) -> Phrase:
        self.asked.add(message)
        return super().phrase(message, **fields)

    def plural(self, count: int, one: str, many: str, **fields: Any) -> str:
        self.asked.add(one)
        return super().plural(count, one, many, **fields)


def test_rendering_welsh_papers_asks_only_for_translated_messages(sample_view) -> None:  # type: ignore[no-untyped-def]
    with PO.open("rb") as f:
        catalogue = read_po(f)
    text = Recording()
    for meeting in ("ev1", "ev3"):
        for audience in (Audience.PUBLIC, Audience.PANEL):
            view = sample_view(meeting, audience)
            render_agenda(view, "https://example.org/join", text=text)
            render_minutes(view, text=text)
    assert len(text.asked) > 40
    untranslated = sorted(
        m for m in text.asked if not (catalogue.get(m) and catalogue.get(m).string)
    )
    assert untranslated == []
