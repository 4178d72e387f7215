"""Welsh and bilingual web papers of the sample: the sentences the domain words (the
publication statement, the exclusion resolution, votes, the close), times and dates in
Welsh (Welsh first, then the English, in a bilingual paper), each run marked with its
language; an English paper prints the English as before, with no language marks."""

from __future__ import annotations

from collections.abc import Callable

from scrutiny_desk.domain.enums import PaperLanguage
from scrutiny_desk.domain.views import Audience, MeetingView
from scrutiny_desk.exports import html_paper
from scrutiny_desk.exports.paper_content_agenda import agenda_paper
from scrutiny_desk.exports.paper_content_minutes import minutes_paper
from scrutiny_desk.exports.paper_text import ENGLISH, PaperText
from tests.exports.html_read import Element, check_accessible_structure

SampleView = Callable[[str, Audience], MeetingView]
WELSH = PaperText(PaperLanguage.WELSH)
BOTH = PaperText(PaperLanguage.BILINGUAL)

PUBLISHED_CY = "Cyhoeddwyd ar 13 Ebrill 2007, 5 diwrnod clir cyn y cyfarfod."
PUBLISHED_EN = "Published on 13 April 2007, five clear days before the meeting."
SLOT_CY = "2.15 yp – 3.15 yp"
SLOT_EN = "2.15 pm – 3.15 pm"
EXCLUSION_CY = "Bod y wasg a'r cyhoedd, o dan Adran 100A(4) o Ddeddf Llywodraeth Leol 1972"
EXCLUSION_EN = "That under Section 100A(4) of the Local Government Act 1972 the press and public"
CLOSE_CY = "Dechreuodd y cyfarfod am 2.02 yp a daeth i ben am 3.57 yp."
CLOSE_EN = "The meeting began at 2.02 pm and ended at 3.57 pm."
VOTE_CY = "O blaid 5, yn erbyn 0, yn ymatal 0."
VOTE_EN = "For 5, against 0, abstained 0."


def _runs(root: Element) -> list[tuple[str, str]]:
    """Every text of the page's main content with its language, neighbours of one
    language joined."""
    out: list[tuple[str, str]] = []
    for text, lang in root.find("main").runs():
        if out and out[-1][1] == lang:
            out[-1] = (out[-1][0] + text, lang)
        else:
            out.append((text, lang))
    return out


def _in(runs: list[tuple[str, str]], wanted: str, lang: str) -> int:
    """Where ``wanted`` is said in ``lang`` (its index among the runs); fails if not."""
    for index, (text, its) in enumerate(runs):
        if wanted in " ".join(text.split()) and its == lang:
            return index
    raise AssertionError(f"{wanted!r} not found in {lang}")


def _said(runs: list[tuple[str, str]], wanted: str) -> bool:
    return any(wanted in " ".join(text.split()) for text, _ in runs)


def _page(html: str) -> tuple[Element, list[tuple[str, str]]]:
    root = check_accessible_structure(html)
    return root, _runs(root)


def test_a_bilingual_web_agenda_says_the_domains_sentences_in_welsh_then_english(
    sample_view: SampleView,
) -> None:
    for audience in (Audience.PUBLIC, Audience.PANEL):
        view = sample_view("ev4", audience)
        root, runs = _page(html_paper.render_html(agenda_paper(view, BOTH)))
        assert root.find("html").attrs["lang"] == "cy"
        for welsh, english in (
            (PUBLISHED_CY, PUBLISHED_EN),
            ("Dydd Llun 23 Ebrill 2007", "Monday 23 April 2007"),
            ("2.00 yp – 4.30 yp", "2.00 pm – 4.30 pm"),
            (EXCLUSION_CY, EXCLUSION_EN),
        ):
            assert _in(runs, welsh, "cy") < _in(runs, english, "en-GB"), (welsh, english)
        publication = next(p for p in root.iter("p") if p.attrs.get("class") == "publication")
        assert [lang for _, lang in publication.runs() if _.strip(" /")] == ["cy", "en-GB"]
        if audience is Audience.PANEL:  # the public's closed item shows no time
            assert _in(runs, SLOT_CY, "cy") < _in(runs, SLOT_EN, "en-GB")
            marker = "NID I'W GYHOEDDI yn rhinwedd paragraff 7 o Ran 1 o Atodlen 12A"
            assert _in(runs, marker, "cy") < _in(runs, "NOT FOR PUBLICATION by virtue", "en-GB")
            label = "COPI'R PANEL – yn cynnwys gwybodaeth eithriedig (paragraff 7)"
            assert _in(runs, label, "cy") < _in(runs, "PANEL COPY – contains exempt", "en-GB")


def test_a_welsh_web_agenda_says_them_in_welsh_alone(sample_view: SampleView) -> None:
    view = sample_view("ev4", Audience.PANEL)
    root, runs = _page(html_paper.render_html(agenda_paper(view, WELSH)))
    assert root.find("html").attrs["lang"] == "cy"
    for welsh in (PUBLISHED_CY, SLOT_CY, EXCLUSION_CY, "Dydd Llun 23 Ebrill 2007"):
        _in(runs, welsh, "cy")
    for english in ("Published on", " pm", "That under Section", "PANEL COPY", "April"):
        assert not _said(runs, english), english
    # What the clerk titled in English alone (meeting, items) is marked so; nothing else.
    marked = {text.strip() for text, lang in runs if lang == "en-GB"}
    titles = {view.title, *(i.title for i in view.items)}
    assert marked <= titles, marked - titles


def test_bilingual_and_welsh_web_minutes(sample_view: SampleView) -> None:
    view = sample_view("recs", Audience.PANEL)
    root, runs = _page(html_paper.render_html(minutes_paper(view, BOTH)))
    assert root.find("html").attrs["lang"] == "cy"
    for welsh, english in (
        (CLOSE_CY, CLOSE_EN),
        (VOTE_CY, VOTE_EN),
        ("Dydd Llun 14 Mai 2007", "Monday 14 May 2007"),
    ):
        assert _in(runs, welsh, "cy") < _in(runs, english, "en-GB"), (welsh, english)
    root, runs = _page(html_paper.render_html(minutes_paper(view, WELSH)))
    for welsh in (CLOSE_CY, VOTE_CY):
        _in(runs, welsh, "cy")
    for english in (CLOSE_EN, VOTE_EN, " pm"):
        assert not _said(runs, english), english

    closed = sample_view("ev4", Audience.PANEL)
    root, runs = _page(html_paper.render_html(minutes_paper(closed, BOTH)))
    assert _in(runs, EXCLUSION_CY, "cy") < _in(runs, EXCLUSION_EN, "en-GB")
    approved = "Cymeradwywyd ar 14 Mai 2007 fel cofnod cywir."
    assert _in(runs, approved, "cy") < _in(runs, "Approved on 14 May 2007 as a", "en-GB")


def test_the_english_web_papers_say_what_they_said(sample_view: SampleView) -> None:
    agenda = html_paper.render_html(agenda_paper(sample_view("ev4", Audience.PANEL), ENGLISH))
    minutes = html_paper.render_html(minutes_paper(sample_view("recs", Audience.PANEL), ENGLISH))
    for html, sentences in (
        (agenda, (PUBLISHED_EN, SLOT_EN, EXCLUSION_EN, "NOT FOR PUBLICATION by virtue of")),
        (minutes, (CLOSE_EN, VOTE_EN, "Monday 14 May 2007", "2.00 pm")),
    ):
        root, runs = _page(html)
        assert root.find("html").attrs["lang"] == "en-GB"
        assert {lang for _, lang in runs} == {"en-GB"}  # no run marked apart
        assert "<span lang" not in html
        for sentence in sentences:
            _in(runs, sentence, "en-GB")


def test_a_welsh_web_action_plan_heads_its_table_and_counts_in_welsh() -> None:
    from datetime import date

    from scrutiny_desk.exports.paper_content_review import action_plan_paper
    from scrutiny_desk.services import publishing
    from tests.exports.conftest import _sample

    plan = publishing.action_plan_view(_sample(), Audience.PANEL, date(2008, 6, 1))
    root, runs = _page(html_paper.render_html(action_plan_paper(plan, WELSH)))
    (table,) = root.iter("table")
    heads = [th.text for th in table.find("thead").iter("th")]
    assert heads == [
        "Rhif",
        "Argymhelliad",
        "Arweinydd",
        "Amserlen",
        "Statws",
        "Cynnydd diweddaraf",
    ]
    _in(runs, f"{len(plan.recommendations)} argymhelliad", "cy")
    assert not _said(runs, "recommendations") and not _said(runs, "Agreed")
