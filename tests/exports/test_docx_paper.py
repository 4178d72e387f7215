"""The Word renderer (``exports.docx_paper``): a paper's blocks on Word's own styles,
read back with python-docx.

These papers are made by hand, block by block, so each test shows one mapping: a
heading level to its style, an item to a numbered heading, a table to a grid with a
header row Word repeats, the panel's label to its own style and to every page's header.
The sample's real agenda and minutes, through the service, are in
``tests/services/test_export_formats.py``.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.oxml.ns import qn

from scrutiny_desk.exports import docx_paper
from scrutiny_desk.exports.paper_blocks import (
    BulletList,
    Field,
    Fields,
    Heading,
    Item,
    Paper,
    Paragraph,
    Role,
    Run,
    Table,
    Text,
)

MADE = datetime(2027, 1, 12, 9, 30)
LABEL = Text.of("NOT FOR PUBLICATION")


def t(text: str) -> Text:
    return Text.of(text)


def agenda(confidential: Text | None = None, lang: str = "en-GB") -> Paper:
    return Paper(
        title=t("Agenda: Drugs scrutiny panel"),
        lang=lang,
        confidential=confidential,
        blocks=(
            Heading(1, t("Agenda: Drugs scrutiny panel")),
            *([Paragraph(t("PANEL COPY"), Role.CONFIDENTIAL)] if confidential else []),
            Paragraph(t("A meeting of the panel will be held on"), Role.NOTICE),
            Fields(
                (Field(t("Date"), t("Tuesday 19 January 2027")), Field(t("Venue"), t("Room 1")))
            ),
            Heading(2, t("Membership")),
            BulletList((t("Cllr A (Chair)"), t("Cllr B"))),
            Heading(2, t("Business")),
            Item(3, "1", t("Apologies for absence"), time=t("2.00 pm")),
            Item(
                3,
                "2",
                t("Evidence from the police"),
                (
                    Paragraph(t("To hear from:")),
                    Table(
                        t("Witnesses"),
                        (t("Name"), t("Role")),
                        ((t("Insp. Jones"), t("Drugs lead")), (t("Dr Patel"), t("GP"))),
                        row_headers=True,
                    ),
                ),
            ),
            Item(
                3,
                "3",
                t("Evidence from a former drug user"),
                (BulletList((t("first"), t("second")), ordered=True),),
                marker=LABEL if confidential else t("Private: exempt under paragraph 1"),
            ),
            Heading(3, t("Recommendations")),
            BulletList((t("one"), t("two"), t("three")), ordered=True),
            Paragraph(t("RESOLVED – that the report be noted."), Role.RESOLUTION),
            Paragraph(t("Published on 11 January 2027"), Role.PUBLICATION),
            Paragraph(t("Published late: the report was not ready."), Role.URGENCY),
        ),
    )


def read(paper: Paper) -> Any:
    """The document (Any: python-docx's types make every style and property optional)."""
    return docx.Document(io.BytesIO(docx_paper.render_paper(paper, MADE)))


def styled(document: Any) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_structure_is_on_words_own_styles() -> None:
    paragraphs = styled(read(agenda()))
    assert paragraphs[0] == ("Title", "Agenda: Drugs scrutiny panel")
    assert ("Heading 1", "Membership") in paragraphs
    assert ("Heading 1", "Business") in paragraphs
    assert ("Heading 2", "Recommendations") in paragraphs
    assert ("List Bullet", "Cllr A (Chair)") in paragraphs
    assert ("Note", "2.00 pm") in paragraphs
    assert ("Resolution", "RESOLVED – that the report be noted.") in paragraphs
    assert ("Important", "Published late: the report was not ready.") in paragraphs
    assert ("Note", "Published on 11 January 2027") in paragraphs
    assert ("Caption", "Witnesses") in paragraphs
    # a label and its value, the values lined up on a tab stop
    assert ("Field", "Date\tTuesday 19 January 2027") in paragraphs


def test_items_are_numbered_headings_in_order() -> None:
    headings = [text for style, text in styled(read(agenda())) if style == "Heading 2"]
    assert headings[:3] == [
        "1. Apologies for absence",
        "2. Evidence from the police",
        "3. Evidence from a former drug user",
    ]


def test_each_ordered_list_counts_from_one() -> None:
    document = read(agenda())
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["first", "second", "one", "two", "three"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] and ids[2] == ids[3] == ids[4] and ids[0] != ids[2]
    numbering = document.part.numbering_part.element
    for num_id in {ids[0], ids[2]}:
        num = numbering.num_having_numId(num_id)
        start = num.find(qn("w:lvlOverride")).find(qn("w:startOverride"))
        assert start.get(qn("w:val")) == "1"
    # the same list definition as Word's List Number style, only restarted
    style_num = document.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    assert numbering.num_having_numId(ids[0]).abstractNumId.val == abstract


def test_tables_have_a_header_row_repeated_on_each_page() -> None:
    document = read(agenda())
    (table,) = document.tables
    assert table.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Name", "Role"],
        ["Insp. Jones", "Drugs lead"],
        ["Dr Patel", "GP"],
    ]
    header, *body = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None for r in body)
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    # each row's first cell heads its row
    assert [cell.paragraphs[0].runs[0].bold for cell in body[0].cells] == [True, None]
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption.get(qn("w:val")) == "Witnesses"


def test_the_panels_copy_is_labelled_in_a_style_of_its_own_on_every_page() -> None:
    document = read(agenda(confidential=LABEL))
    style = document.styles[docx_paper.NOT_FOR_PUBLICATION]
    assert style.font.bold and style.element.pPr.find(qn("w:pBdr")) is not None
    header = document.sections[0].header
    assert not header.is_linked_to_previous
    assert [(p.style.name, p.text) for p in header.paragraphs] == [
        ("Not for Publication", "NOT FOR PUBLICATION")
    ]
    paragraphs = styled(document)
    assert paragraphs[1] == ("Not for Publication", "PANEL COPY")
    closed = paragraphs.index(("Heading 2", "3. Evidence from a former drug user"))
    assert paragraphs[closed + 1] == ("Closed Item", "NOT FOR PUBLICATION")
    mark = document.styles[docx_paper.CLOSED_ITEM]
    assert mark.font.bold and mark.element.pPr.find(qn("w:pBdr")) is not None


def test_the_public_copy_has_no_label() -> None:
    document = read(agenda())
    assert all(not p.text for p in document.sections[0].header.paragraphs)
    paragraphs = styled(document)
    assert all(style != "Not for Publication" for style, _ in paragraphs)
    closed = paragraphs.index(("Heading 2", "3. Evidence from a former drug user"))
    # the public's mark, in words the view chose, looks the same as the panel's
    assert paragraphs[closed + 1] == ("Closed Item", "Private: exempt under paragraph 1")


def test_a4_with_margins_and_the_page_number_in_the_footer() -> None:
    section = read(agenda()).sections[0]

    def mm(length: Any) -> Any:  # stored in twentieths of a point
        return round(length.mm)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.left_margin), mm(section.right_margin)) == (25, 20)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    (field,) = section.footer._element.iter(qn("w:fldSimple"))
    assert field.get(qn("w:instr")).strip() == "PAGE"


@pytest.mark.parametrize("lang", ["en-GB", "cy"])
def test_title_and_language(lang: str) -> None:
    document = read(agenda(lang=lang))
    properties = document.core_properties
    assert properties.title == "Agenda: Drugs scrutiny panel"
    assert properties.language == lang
    assert properties.created == properties.modified
    assert properties.created.replace(tzinfo=None) == MADE
    assert "python-docx" not in (properties.author + properties.comments)
    normal = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal.get(qn("w:val")) == lang
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert {e.get(qn("w:val")) for e in defaults.iter(qn("w:lang"))} == {lang}


def test_the_moment_written_is_kept_in_utc() -> None:
    made = datetime(2027, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))  # summer time
    document = docx.Document(io.BytesIO(docx_paper.render_paper(agenda(), made)))
    assert document.core_properties.created == datetime(2027, 7, 1, 9, 0, tzinfo=UTC)


def test_a_bilingual_text_marks_each_language() -> None:
    title = Text.of(Run("Agenda", "cy"), " / ", Run("Agenda", "en-GB"))
    paper = Paper(title, "cy", (Heading(1, title), Paragraph(Text.of(Run("Ymddiheuriadau", "cy")))))
    document = read(paper)
    runs = document.paragraphs[0].runs
    assert [r.text for r in runs] == ["Agenda", " / ", "Agenda"]
    langs = [
        None if r._r.rPr is None else r._r.rPr.find(qn("w:lang")).get(qn("w:val")) for r in runs
    ]
    assert langs == ["cy", None, "en-GB"]


def test_any_text_a_clerk_can_type_is_written() -> None:
    hostile = "a\x00b\x0bc\x1fd\x85e\ufffff\u2028g\r\nh\ti <b>&amp;</b> \u202eRTL 💷"
    paper = Paper(
        Text.of(hostile),
        "en-GB",
        (
            Heading(1, Text.of(hostile)),
            Table(Text.of(hostile), (Text.of(hostile),), ((Text.of(hostile),),)),
        ),
        confidential=Text.of(hostile),
    )
    document = read(paper)
    shown = "a b c d e f\ng\nh\ti <b>&amp;</b> \u202eRTL 💷"
    assert document.paragraphs[0].text == shown
    assert document.tables[0].rows[1].cells[0].text == shown
    assert document.sections[0].header.paragraphs[0].text == shown
    one_line = "a b c d e f g h i <b>&amp;</b> \u202eRTL 💷"
    assert document.core_properties.title == one_line
    caption = document.tables[0]._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption.get(qn("w:val")) == one_line
