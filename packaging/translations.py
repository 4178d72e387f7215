"""Compile the papers' translation catalogues (resources/translations/*/LC_MESSAGES/
papers.po) to the .mo files the app reads, with Babel: ``make translations``. The .mo
files are committed; a test fails when one no longer matches its .po, and when the code
prints a message the catalogue lacks (``messages``: Babel's extractor over the modules
that word papers).

``python packaging/translations.py --missing`` lists the messages a catalogue lacks."""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1] / "resources" / "translations"
SOURCE = Path(__file__).resolve().parents[1] / "desktop" / "scrutiny_desk"
#: the modules whose fixed texts papers, calendar files and e-mails print
PAPER_MODULES = (
    "domain/procedure_wording.py",
    "exports/agenda_pdf.py",
    "exports/minutes_pdf.py",
    "exports/minutes_people.py",
    "exports/pdf_items.py",
    "exports/pdf_pages.py",
    "exports/pdf_style.py",
    "exports/pdf_text.py",
    "exports/paper_text.py",
    "exports/action_plan_pdf.py",
    "exports/coverage_pdf.py",
    "exports/calendar_ics.py",
    "exports/email_eml.py",
    "exports/paper_content.py",
    "exports/paper_content_agenda.py",
    "exports/paper_content_minutes.py",
    "exports/paper_content_review.py",
    "services/invitation_files.py",
)
#: how the code names a message: ``text(...)``/``t(...)``/``one(...)`` (a PaperText or
#: ``Words``), ``w(...)`` (``paper_content.Words``), ``.phrase``, ``.plural(count, one,
#: many)``, and ``N_`` for constants
KEYWORDS = {
    "text": None,
    "t": None,
    "one": None,
    "w": None,
    "self": None,
    "phrase": None,
    "plural": (2, 3),
    "N_": None,
}


def messages() -> set[str | tuple[str, str]]:
    """Every message the paper modules name: a string, or (singular, plural)."""
    from babel.messages.extract import extract

    found: set[str | tuple[str, str]] = set()
    for module in PAPER_MODULES:
        with (SOURCE / module).open("rb") as f:
            for _, message, _, _ in extract("python", f, keywords=KEYWORDS):
                if isinstance(message, tuple):
                    if all(isinstance(m, str) for m in message):
                        found.add((message[0], message[1]))
                elif isinstance(message, str) and message:
                    found.add(message)
    return found


def missing(po: Path) -> list[str | tuple[str, str]]:
    """The messages the code prints that ``po`` has no translation for."""
    with po.open("rb") as f:
        catalogue = read_po(f)
    out: list[str | tuple[str, str]] = []
    for message in sorted(messages(), key=str):
        key = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(key)
        if (
            entry is None
            or not entry.string
            or entry.fuzzy
            or (
                isinstance(message, tuple)
                and not (isinstance(entry.string, tuple) and all(entry.string))
            )
        ):
            out.append(message)
    return out


def compiled(po: Path) -> bytes:
    with po.open("rb") as f:
        catalogue = read_po(f)
    out = BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def main() -> int:
    if "--missing" in sys.argv[1:]:
        for po in sorted(ROOT.glob("*/LC_MESSAGES/*.po")):
            for message in missing(po):
                print(po.parent.parent.name, repr(message))
        return 0
    for po in sorted(ROOT.glob("*/LC_MESSAGES/*.po")):
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(po.with_suffix(".mo").relative_to(ROOT.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
