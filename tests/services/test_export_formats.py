"""An agenda or minutes in the format its file name asks for (issue 16): .pdf is the
printed paper, .docx a Word document for a clerk to edit, anything else refused by
name before anything is written. (Until then, ``export agenda -o a.docx`` wrote a PDF
under that name.)

The Word papers are read back with python-docx: Word's styles, the items in order
with the numbers the view gives them, tables with header rows, and both audiences of
the sample, the public copy without its closed business. Then the canary: any valid
review, its free texts marked, and no closed marker anywhere in a public .docx
(paragraphs, tables, headers and footers, properties: every part of the file).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings

from scrutiny_desk.cli import main
from scrutiny_desk.domain.enums import MeetingStatus, PaperLanguage
from scrutiny_desk.domain.errors import ExportError
from scrutiny_desk.domain.records import Review
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.exports.paper_text import PaperText
from scrutiny_desk.exports.pdf_text import NOT_FOR_PUBLICATION
from scrutiny_desk.resources_path import resource_file
from scrutiny_desk.services import codec, publishing
from scrutiny_desk.services.container import Services

from .test_confidentiality import (
    SAMPLE_CLOSED,
    SAMPLE_NEVER_PUBLIC,
    Doc,
    Expectations,
    check_panel_paper,
    check_public,
    marked_reviews,
    sample_ids,
    squeeze,
)

NUMBERED = re.compile(r"(\d+(?:/\d+)?)\. (.*)")  # "4. Title", a minute "4/07. Title"


def read_docx(path: Path) -> Doc:
    """A .docx as a reader sees it (its paragraphs, its tables' cells, every header and
    footer) and, as its furniture, every XML part of the file whole: the properties,
    table captions, fields, anything a renderer might put where no paragraph shows it."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer):
            texts += [p.text for p in part.paragraphs]
    properties = document.core_properties
    texts += [properties.title, properties.subject, properties.keywords, properties.comments]
    with zipfile.ZipFile(path) as package:
        parts = [package.read(n).decode() for n in package.namelist() if n.endswith(".xml")]
    raw = "\n".join(texts)
    return Doc(path.name, squeeze(raw), " ".join(raw.split()), squeeze("\n".join(parts)))


def styled(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name if p.style else "", p.text) for p in docx.Document(str(path)).paragraphs]


# The format by the extension ------------------------------------------------------------


@pytest.mark.parametrize("paper", ["agenda", "minutes"])
@pytest.mark.parametrize("name", ["a.txt", "a.doc", "a.html", "agenda", "a.pdf.bak"])
def test_a_file_of_another_kind_is_refused_by_name_and_nothing_written(
    sqlite_services: Services, tmp_path: Path, paper: str, name: str
) -> None:
    services = sqlite_services
    _, meetings, _ = sample_ids(services)
    noun = "an agenda" if paper == "agenda" else "minutes"
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError) as refused:
        services.exports.publish(paper, meetings["ev3"], Audience.PUBLIC, out / name)
    assert str(refused.value) == f"{out / name}: {noun} can be written as .pdf or .docx"
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("name", ["a.pdf", "A.PDF", "a.docx", "A.DocX"])
def test_the_extension_chooses_the_format(
    sqlite_services: Services, tmp_path: Path, name: str
) -> None:
    services = sqlite_services
    _, meetings, _ = sample_ids(services)
    out = tmp_path / "out"
    out.mkdir()
    written = services.exports.agenda(meetings["ev3"], Audience.PUBLIC, out / name)
    data = written.read_bytes()
    if name.lower().endswith(".pdf"):
        assert data.startswith(b"%PDF-")
    else:
        with zipfile.ZipFile(written) as package:
            assert "word/document.xml" in package.namelist()
    assert [p.name for p in out.iterdir()] == [name]  # no temporary file left


# The sample in Word -----------------------------------------------------------------------

SAMPLE = codec.decode(resource_file("samples/drugs-scrutiny.json").read_bytes())


def numbered_headings(path: Path) -> list[tuple[str, str]]:
    """Each item heading's number and title, in order."""
    return [
        (m.group(1), m.group(2))
        for style, text in styled(path)
        if style.startswith("Heading") and (m := NUMBERED.fullmatch(text))
    ]


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.PANEL])
@pytest.mark.parametrize(
    ("key", "paper"), [("ev3", "agenda"), ("ev3", "minutes"), ("recs", "minutes")]
)
def test_the_sample_items_in_order_with_their_numbers(
    sqlite_services: Services, tmp_path: Path, audience: Audience, key: str, paper: str
) -> None:
    """The agenda numbers its items 1, 2, 3; minutes by the running minute number
    ("4/07") where the review numbers them (the draft minutes of "recs")."""
    services = sqlite_services
    _, meetings, _ = sample_ids(services)
    export = getattr(services.exports, paper)
    path = export(meetings[key], audience, tmp_path / f"{paper}.docx")
    document = docx.Document(str(path))
    paragraphs = styled(path)
    (title,) = [text for style, text in paragraphs if style == "Title"]
    assert document.core_properties.title == title
    assert title.startswith("Agenda: " if paper == "agenda" else "Minutes: ")
    assert document.core_properties.language == "en-GB"
    used = {style for style, _ in paragraphs}
    assert {"Heading 1", "Heading 2", "Field"} <= used
    if paper == "agenda":
        view = publishing.meeting_view(SAMPLE, key, audience)
        expected = [(str(i.number), i.title) for i in view.items]
    else:
        view = services.minutes.printed(meetings[key], audience)
        expected = [(i.minute_number or str(i.number), i.title) for i in view.items]
    assert numbered_headings(path) == expected
    assert len(expected) >= 5
    if key == "recs":
        assert expected[0][0] == "1/07"


@pytest.mark.parametrize("key", sorted(SAMPLE_CLOSED))
@pytest.mark.parametrize("paper", ["agenda", "minutes"])
def test_the_sample_in_word_for_both_audiences(
    sqlite_services: Services, tmp_path: Path, key: str, paper: str
) -> None:
    services = sqlite_services
    _, meetings, _ = sample_ids(services)
    export = getattr(services.exports, paper)
    public_path = export(meetings[key], Audience.PUBLIC, tmp_path / "public.docx")
    panel_path = export(meetings[key], Audience.PANEL, tmp_path / "panel.docx")
    public, panel = read_docx(public_path), read_docx(panel_path)
    places = SAMPLE_CLOSED[key]
    for text in [t for texts in places.values() for t in texts] + SAMPLE_NEVER_PUBLIC:
        assert squeeze(text) not in public.text + public.furniture, f"public {paper}: {text!r}"
    public_items = dict(numbered_headings(public_path))
    closed = next(n for n, title in numbered_headings(panel_path) if title in places["title"])
    assert "heard in private" in public_items[closed]  # the closed item's public title
    assert "Schedule 12A" in public.spaced  # and its exemption
    assert NOT_FOR_PUBLICATION not in public.spaced
    assert all(style != "Not for Publication" for style, _ in styled(public_path))
    public_marks = [text for style, text in styled(public_path) if style == "Closed Item"]
    assert public_marks == ["Closed item: not open to the press and public"]
    assert not "".join(
        p.text for p in docx.Document(str(public_path)).sections[0].header.paragraphs
    )

    for title in places["title"]:
        assert title in panel.spaced
    for place in ("witness", "reason"):
        assert all(text in panel.spaced for text in places[place]), place
    (mark,) = [text for style, text in styled(panel_path) if style == "Closed Item"]
    assert mark.startswith(f"{NOT_FOR_PUBLICATION} by virtue of paragraph")


def test_the_sample_minutes_have_tables_with_header_rows(
    sqlite_services: Services, tmp_path: Path
) -> None:
    services = sqlite_services
    _, meetings, _ = sample_ids(services)
    path = services.exports.minutes(meetings["ev3"], Audience.PANEL, tmp_path / "m.docx")
    (table,) = docx.Document(str(path)).tables  # the actions agreed
    assert table.style is not None and table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == ["Action", "Owner", "Due by"]
    header: Any = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert "Request figures on the time taken to charge" in table.rows[1].cells[0].text


def test_the_panels_agenda_carries_its_label_on_every_page(
    sqlite_services: Services, tmp_path: Path
) -> None:
    services = sqlite_services
    _, meetings, _ = sample_ids(services)
    path = services.exports.agenda(meetings["ev3"], Audience.PANEL, tmp_path / "a.docx")
    header = docx.Document(str(path)).sections[0].header.paragraphs
    label = "PANEL COPY – contains exempt information (paragraph 1)"
    assert [(p.style.name if p.style else None, p.text) for p in header] == [
        ("Not for Publication", label)
    ]
    assert ("Not for Publication", label) in styled(path)  # and under the title


# The command line -------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite3")
    assert main(["--db", path, "sample"]) == 0
    capsys.readouterr()
    return path


def test_cli_writes_word_for_a_docx_name(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.docx"
    assert main(["--db", db, "export", "agenda", "1", "-o", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().err
    with zipfile.ZipFile(out) as package:
        assert "word/document.xml" in package.namelist()
        assert b"w:body" in package.read("word/document.xml")
    styles = [p.style.name for p in docx.Document(str(out)).paragraphs if p.style]
    assert styles.count("Title") == 1 and "Heading 1" in styles


@pytest.mark.parametrize("paper", ["agenda", "minutes"])
def test_cli_refuses_a_name_it_cannot_write(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], paper: str
) -> None:
    out = tmp_path / "out" / "a.txt"
    out.parent.mkdir()
    assert main(["--db", db, "export", paper, "1", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    noun = "an agenda" if paper == "agenda" else "minutes"
    assert f"{out}: {noun} can be written as .pdf or .docx" in err
    assert "Traceback" not in err
    assert list(out.parent.iterdir()) == []


# The canary -------------------------------------------------------------------------------


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(review=marked_reviews())
def test_no_public_word_paper_shows_closed_business(
    sqlite_services: Services, tmp_path_factory: pytest.TempPathFactory, review: Review
) -> None:
    services = sqlite_services
    out = tmp_path_factory.mktemp("docx")
    review_id = services.reviews.import_bytes(codec.encode(review))
    try:
        meetings = {m.key: m.id for m in services.meetings.list(review_id)}
        expect = Expectations(review)
        for meeting in review.meetings:
            papers = ["agenda"]
            if meeting.status not in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
                papers.append("minutes")
            for paper in papers:
                export = getattr(services.exports, paper)
                public = read_docx(
                    export(meetings[meeting.key], Audience.PUBLIC, out / f"{paper}-public.docx")
                )
                must = expect.public_markers(meeting, minutes=paper == "minutes")
                check_public(public, expect, [meeting], must)
                panel = read_docx(
                    export(meetings[meeting.key], Audience.PANEL, out / f"{paper}-panel.docx")
                )
                check_panel_paper(panel, expect, meeting, paper)
    finally:
        services.reviews.delete(review_id)


@pytest.mark.parametrize(
    ("language", "lang"), [(PaperLanguage.WELSH, "cy"), (PaperLanguage.BILINGUAL, "cy")]
)
def test_a_welsh_reviews_word_papers_are_in_welsh(
    sqlite_services: Services, tmp_path: Path, language: PaperLanguage, lang: str
) -> None:
    services = sqlite_services
    review_id = services.reviews.import_bytes(codec.encode(replace(SAMPLE, language=language)))
    meeting = next(m.id for m in services.meetings.list(review_id) if m.key == "ev3")
    path = services.exports.agenda(meeting, Audience.PUBLIC, tmp_path / "agenda.docx")
    document = docx.Document(str(path))
    assert document.core_properties.language == lang
    normal: Any = document.styles["Normal"].element.rPr
    assert normal.find(qn("w:lang")).get(qn("w:val")) == lang
    (title,) = [p for p in document.paragraphs if p.style and p.style.name == "Title"]
    expected = PaperText(language)("Agenda")
    assert title.text.startswith(f"{expected}: "), title.text
