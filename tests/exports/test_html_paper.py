"""Papers as accessible HTML: structure, languages and what each audience sees, read
back with the standard library's parser."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from scrutiny_desk.domain.enums import PaperLanguage
from scrutiny_desk.domain.views import Audience, MeetingView, PersonView, TorRef
from scrutiny_desk.exports import html_paper
from scrutiny_desk.exports.paper_blocks import Run, Text
from scrutiny_desk.exports.paper_content_agenda import agenda_paper
from scrutiny_desk.exports.paper_content_minutes import minutes_paper
from scrutiny_desk.exports.paper_text import ENGLISH, PaperText
from scrutiny_desk.services import publishing
from scrutiny_desk.services.container import Services
from tests.exports.conftest import _sample
from tests.exports.html_read import check_accessible_structure, headings, parse
from tests.services.test_confidentiality import PRINTS, SAMPLE_CLOSED, SAMPLE_NEVER_PUBLIC

SampleView = Callable[[str, Audience], MeetingView]


def words(html: str) -> str:
    return " ".join(parse(html).find("main").text.split())


@pytest.mark.parametrize("key", ["ev3", "ev4"])
def test_public_agenda_and_minutes_show_only_the_public_view(
    sample_view: SampleView, key: str
) -> None:
    view = sample_view(key, Audience.PUBLIC)
    for paper, html in (
        ("agenda", html_paper.render_html(agenda_paper(view, ENGLISH))),
        ("minutes", html_paper.render_html(minutes_paper(view, ENGLISH))),
    ):
        root = check_accessible_structure(html)
        text = words(html)
        for place in PRINTS[paper]:
            for secret in SAMPLE_CLOSED[key].get(place, []):
                if place != "slot":  # times are checked by the canary, off the grid
                    assert secret not in text, f"public {paper} of {key}: {secret!r}"
        for secret in SAMPLE_NEVER_PUBLIC:
            assert secret not in text
        assert "NOT FOR PUBLICATION" not in text
        # The closed item keeps its public title and exemption, and says in words that
        # it is closed (never by colour alone).
        assert "heard in private" in text and "Schedule 12A" in text
        assert "Closed item: not open to the press and public" in text
        assert root.find("html").attrs["lang"] == "en-GB"


def test_panel_agenda_marks_closed_items_in_words(sample_view: SampleView) -> None:
    view = sample_view("ev3", Audience.PANEL)
    html = html_paper.render_html(agenda_paper(view, ENGLISH))
    root = check_accessible_structure(html)
    text = words(html)
    for place in PRINTS["agenda"]:
        for shown in SAMPLE_CLOSED["ev3"][place]:
            assert shown in text
    markers = [p.text for p in root.iter("p") if p.attrs.get("class") == "marker"]
    assert any(m.startswith("NOT FOR PUBLICATION by virtue of paragraph") for m in markers)
    assert any(p.attrs.get("class") == "confidential" for p in root.iter("p"))  # PANEL COPY


def test_agenda_structure_follows_the_paper(sample_view: SampleView) -> None:
    view = sample_view("ev3", Audience.PUBLIC)
    html = html_paper.render_html(agenda_paper(view, ENGLISH))
    root = parse(html)
    found = headings(root)
    assert found[0] == (1, f"Agenda: {view.title}")
    assert root.find("title").text == f"Agenda: {view.title}"
    assert [h for level, h in found if level == 2] == ["Membership", "Enquiries", "Agenda"]
    parts = [h for level, h in found if level == 3]
    assert parts == [
        "Part 1 – items open to the press and public",
        "Part 2 – items not open to the press and public",
    ]
    items = [h for level, h in found if level == 4]
    assert items[0].startswith("1. ") and "Exclusion of the press and public" in items
    # Terms of reference and members as lists and field lists, not loose lines.
    assert any(ul.find("li").text[:3] in ("3.4", "2.4", "3.1") for ul in root.iter("ul"))
    labels = [dt.text for dt in root.iter("dt")]
    assert {"Date:", "Time:", "Chair:", "Members:", "Contact officer:"} <= set(labels)


def test_minutes_show_attendance_resolutions_and_actions(sample_view: SampleView) -> None:
    view = sample_view("ev4", Audience.PUBLIC)
    html = html_paper.render_html(minutes_paper(view, ENGLISH))
    root = check_accessible_structure(html)
    assert [h for level, h in headings(root) if level == 2][:2] == [
        "Attendance",
        "Items of business",
    ]
    text = words(html)
    assert "Present:" in text
    numbers = [i.minute_number for i in view.items if i.minute_number]
    for number in numbers:
        assert any(h.startswith(f"{number}. ") for _, h in headings(root))
    actions = [t for t in root.iter("table") if t.find("caption").text == "Actions agreed"]
    if view.actions and any(not a.closed for a in view.actions):
        (table,) = actions
        assert [th.text for th in table.find("thead").iter("th")] == ["Action", "Owner", "Due by"]


def test_a_minute_with_a_resolution_and_the_close(
    make_view: Callable[..., MeetingView], make_item: Callable[..., object]
) -> None:
    from scrutiny_desk.domain.views import ResolutionView, VoteView

    item = make_item(
        3,
        "Bus fares",
        minute="The panel discussed fares.",
        resolutions=(ResolutionView("That fares be frozen.", VoteView(5, 1, 0)),),
        witnesses=(PersonView("Jo Bloggs", "Director", "Buses Ltd"),),
        tor=(TorRef("1.1", "To look at fares"),),
        minute_number="12/26",
    )
    view = make_view(
        audience=Audience.PUBLIC,
        items=(item,),
        began=datetime(2025, 3, 3, 14, 2),
        ended=datetime(2025, 3, 3, 16, 32),
    )
    html = html_paper.render_html(minutes_paper(view, ENGLISH))
    check_accessible_structure(html)
    text = words(html)
    assert "12/26. Bus fares" in text
    assert "RESOLVED – That fares be frozen." in text
    assert "DRAFT - subject to approval" in text
    assert "The meeting began at 2.02 pm and ended at 4.32 pm." in text
    assert "Jo Bloggs, Director, Buses Ltd" in text


def test_urgency_prints_on_the_agenda(make_view: Callable[..., MeetingView]) -> None:
    view = make_view(
        audience=Audience.PUBLIC,
        agenda_published_on=date(2025, 2, 28),
        clear_days=1,
        urgency="The bus operator's figures arrived on 27 February",
    )
    text = words(html_paper.render_html(agenda_paper(view, ENGLISH)))
    assert "Published on 28 February 2025, one clear day before the meeting." in text
    assert "Reason for urgency: The bus operator's figures arrived on 27 February" in text


def test_bilingual_paper_marks_each_language(
    make_view: Callable[..., MeetingView], make_item: Callable[..., object]
) -> None:
    item = make_item(1, "Bus fares", title_cy="Prisiau bysiau")
    view = make_view(audience=Audience.PUBLIC, title_cy="Sesiwn dystiolaeth", items=(item,))
    html = html_paper.render_html(agenda_paper(view, PaperText(PaperLanguage.BILINGUAL)))
    root = check_accessible_structure(html)
    assert root.find("html").attrs["lang"] == "cy"  # Welsh first
    h1 = root.find("h1")
    welsh = "".join(t for t, lang in h1.runs() if lang == "cy")
    english = [t for t, lang in h1.runs() if lang == "en-GB"]
    assert "Sesiwn dystiolaeth" in welsh and "Evidence session" not in welsh
    assert english == ["Evidence session"]
    assert h1.text.startswith("Agenda: ")  # "Agenda" is Welsh too: printed once, as on paper
    item_heading = next(h for h in root.iter("h3") if "Bus fares" in h.text)
    assert item_heading.text == "1. Prisiau bysiau / Bus fares"
    assert ("Bus fares", "en-GB") in list(item_heading.runs())
    # Every fixed text in English is marked as English too.
    membership = next(h for h in root.iter("h2") if "Membership" in h.text)
    assert ("Membership", "en-GB") in list(membership.runs())


def test_welsh_paper_marks_an_english_only_title(make_view: Callable[..., MeetingView]) -> None:
    view = make_view(audience=Audience.PUBLIC)  # no Welsh title given
    html = html_paper.render_html(agenda_paper(view, PaperText(PaperLanguage.WELSH)))
    root = check_accessible_structure(html)
    assert root.find("html").attrs["lang"] == "cy"
    assert ("Evidence session", "en-GB") in list(root.find("h1").runs())


def test_runs_in_the_page_language_carry_no_lang_and_text_is_escaped() -> None:
    text = Text.of("<b>&", Run("Saesneg", "en-GB"), Run(" Cymraeg", "cy"))
    assert html_paper.text(text, "cy") == '&lt;b&gt;&amp;<span lang="en-GB">Saesneg</span> Cymraeg'


def test_action_plan_and_coverage_tables() -> None:
    from scrutiny_desk.exports.paper_content_review import action_plan_paper

    review = _sample()
    plan = publishing.action_plan_view(review, Audience.PUBLIC, date(2008, 6, 1))
    html = html_paper.render_html(action_plan_paper(plan, ENGLISH))
    root = check_accessible_structure(html)
    (table,) = root.iter("table")
    assert [th.text for th in table.find("thead").iter("th")] == [
        "No.",
        "Recommendation",
        "Lead",
        "Timeframe",
        "Status",
        "Latest progress",
    ]
    rows = list(table.find("tbody").iter("tr"))
    assert len(rows) == len(plan.recommendations) > 0
    assert [r.find("th").text for r in rows] == [str(r.number) for r in plan.recommendations]
    assert all(td.text != "Draft" for r in rows for td in r.iter("td"))  # no drafts


def test_coverage_tables_have_captions_and_header_cells(sqlite_services: Services) -> None:
    from scrutiny_desk.exports.paper_content_review import coverage_paper

    review_id = sqlite_services.reviews.import_sample()
    view = sqlite_services.coverage.matrix(review_id, Audience.PUBLIC)
    html = html_paper.render_html(coverage_paper(view, ENGLISH))
    root = check_accessible_structure(html)
    captions = [t.find("caption").text for t in root.iter("table")]
    with_notes = [r for r in view.rows if r.notes]
    assert captions == [
        "Notes on each term of reference",
        *(f"Sources of the notes on {r.number}" for r in with_notes),
        "Meetings",
        "Witnesses",
        "Evidence",
    ]
    assert [h for level, h in headings(root) if level == 2] == [
        "Summary",
        "Terms of reference with no evidence yet",
        "Sources for each term of reference",
        "Sources",
    ]
    summary = next(root.iter("table"))
    assert [r.find("th").text for r in summary.find("tbody").iter("tr")] == [
        r.number for r in view.rows
    ]
    assert "Public version: counts only open material" in words(html)


@pytest.mark.parametrize(
    "broken",
    [
        "<h1>A</h1><h3>skipped</h3>",
        "<h2>no h1 first</h2>",
        "<h1>A</h1><h1>B</h1>",
        "<h1>A</h1><table><thead><tr><td>x</td></tr></thead><tbody></tbody></table>",
        "<h1>A</h1><table><caption>c</caption><thead><tr><th>x</th></tr></thead></table>",
        '<h1>A</h1><script src="https://example.org/x.js"></script>',
    ],
)
def test_the_structure_check_catches_a_fault(broken: str) -> None:
    page = (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><title>T</title>'
        "<style>@media print {} @page {}</style></head>"
        f"<body><main>{broken}</main></body></html>"
    )
    with pytest.raises(AssertionError):
        check_accessible_structure(page)
    check_accessible_structure(page.replace(broken, "<h1>A</h1>"))  # the page itself is fine


def test_characters_html_does_not_allow_become_spaces() -> None:
    text = Text.of("a\x02b\x85c\ufffed\ud800e\tf\ng")
    assert html_paper.text(text, "en-GB") == "a b c d e\tf\ng"
