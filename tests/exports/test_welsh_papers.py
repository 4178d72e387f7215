"""Welsh and bilingual papers of the sample: the fixed texts in Welsh (Welsh first in a
bilingual paper), dates and times in Welsh, Welsh titles beside the English, the
reason for urgency, and the English paper unchanged."""

from __future__ import annotations

import dataclasses

import pytest

from scrutiny_desk.domain.enums import PaperLanguage
from scrutiny_desk.domain.views import Audience, MeetingView
from scrutiny_desk.exports.agenda_pdf import render_agenda
from scrutiny_desk.exports.minutes_pdf import render_minutes
from scrutiny_desk.exports.paper_text import ENGLISH, PaperText

WELSH = PaperText(PaperLanguage.WELSH)
BOTH = PaperText(PaperLanguage.BILINGUAL)
TITLE_CY = "Sesiwn dystiolaeth: yr heddlu a phartneriaid cyfiawnder troseddol"


def _welsh_titles(view: MeetingView) -> MeetingView:
    items = tuple(
        dataclasses.replace(i, title_cy="Ymddiheuriadau am absenoldeb") if i.number == 1 else i
        for i in view.items
    )
    return dataclasses.replace(view, title_cy=TITLE_CY, items=items)


def test_a_welsh_agenda_prints_its_fixed_texts_and_dates_in_welsh(sample_view, read_pdf) -> None:  # type: ignore[no-untyped-def]
    paper = read_pdf(render_agenda(_welsh_titles(sample_view("ev3", Audience.PANEL)), text=WELSH))
    for welsh in (
        "HYSBYSIAD O GYFARFOD",
        "AELODAETH",
        "Cadeirydd:",
        "Swyddog cyswllt:",
        "Dydd Llun 26 Mawrth 2007",
        "2.00 yp – 5.00 yp",
        "Rhan 1 – eitemau",
        "Gwahardd y wasg a'r cyhoedd",
        "NID I'W GYHOEDDI",
        "Cylch gorchwyl:",
        "Tudalen 1 o",
        "Cyhoeddwyd ar 16 Mawrth 2007",
        "paragraff 1 o Ran 1",
    ):
        assert welsh in paper.text, welsh
    for english in ("NOT FOR PUBLICATION", "Membership", "Page 1 of", "Monday", "2.00 pm"):
        assert english not in paper.text, english
    assert TITLE_CY in paper.text and "Ymddiheuriadau am absenoldeb" in paper.text
    assert paper.reader.metadata.title.startswith(f"Agenda: {TITLE_CY}")
    assert paper.lang == "cy"


def test_a_bilingual_agenda_prints_welsh_before_english(sample_view, read_pdf) -> None:  # type: ignore[no-untyped-def]
    view = _welsh_titles(sample_view("ev3", Audience.PANEL))
    paper = read_pdf(render_agenda(view, text=BOTH))
    for welsh, english in (
        ("AELODAETH", "MEMBERSHIP"),
        ("Dydd Llun 26 Mawrth 2007", "Monday 26 March 2007"),
        ("Swyddog", "Contact officer:"),
        ("Gwahardd y wasg a'r cyhoedd", "Exclusion of the press and public"),
        ("NID I'W GYHOEDDI", "NOT FOR PUBLICATION"),
        ("Tudalen 1 o 3", "Page 1 of 3"),
        (TITLE_CY, "Evidence session 3"),
        ("Ymddiheuriadau am absenoldeb", "Apologies for absence"),
    ):
        assert welsh in paper.text and english in paper.text, (welsh, english)
        assert paper.text.index(welsh) < paper.text.index(english), (welsh, english)
    assert "Agenda / Agenda" not in paper.text  # the same in both: printed once


def test_welsh_and_bilingual_minutes(sample_view, read_pdf) -> None:  # type: ignore[no-untyped-def]
    view = sample_view("ev3", Audience.PANEL)
    welsh = read_pdf(render_minutes(view, text=WELSH))
    for text in ("COFNODION", "PRESENOLDEB", "Yn bresennol:", "EITEMAU BUSNES", "Cadeirydd"):
        assert text in welsh.text, text
    assert "Present:" not in welsh.text and "ATTENDANCE" not in welsh.text
    both = read_pdf(render_minutes(view, text=BOTH))
    assert both.text.index("Yn bresennol:") < both.text.index("Present:")
    assert both.text.index("PRESENOLDEB") < both.text.index("ATTENDANCE")


def test_the_english_paper_is_unchanged(sample_view) -> None:  # type: ignore[no-untyped-def]
    view = sample_view("ev3", Audience.PANEL)
    with_welsh_titles = _welsh_titles(view)
    moment = view.start
    assert render_agenda(view, created=moment) == render_agenda(
        with_welsh_titles, created=moment, text=ENGLISH
    )
    assert render_minutes(view, moment) == render_minutes(with_welsh_titles, moment)


@pytest.mark.parametrize("text", [ENGLISH, WELSH, BOTH])
def test_the_agenda_prints_the_reason_for_urgency(sample_view, read_pdf, text) -> None:  # type: ignore[no-untyped-def]
    view = sample_view("ev3", Audience.PUBLIC)
    assert "urgency" not in read_pdf(render_agenda(view, text=text)).text.lower()
    late = dataclasses.replace(view, urgency="The police report reached us on the Friday.")
    paper = read_pdf(render_agenda(late, text=text))
    label = {
        ENGLISH: "Reason for urgency:",
        WELSH: "Rheswm dros frys:",
        BOTH: "Rheswm dros frys: / Reason for urgency:",
    }[text]
    assert f"{label} The police report reached us on the Friday." in paper.text


def _calendar_view(language_title: bool = True):  # type: ignore[no-untyped-def]
    from scrutiny_desk.domain.views import CalendarView

    from .test_calendar_ics import panel

    view = panel("ev3")
    return CalendarView(_welsh_titles(view) if language_title else view)


def test_a_welsh_calendar_file_says_its_texts_in_welsh() -> None:
    from icalendar import Calendar

    from scrutiny_desk.exports.calendar_ics import panel_attendees, render_request

    from .calendar_checks import NOW, ORGANIZER

    view = _calendar_view()
    people = panel_attendees(view.meeting)
    welsh = Calendar.from_ical(render_request(view, ORGANIZER, NOW, people, text=WELSH))
    event = next(iter(welsh.walk("VEVENT")))
    description = str(event["DESCRIPTION"])
    assert "Dydd Llun 26 Mawrth 2007, 14:00 tan 17:00" in description
    assert "Tyst:" in description and "Witness:" not in description
    assert "Cyswllt: Fauzia Ashraf-Malik" in description and "Contact:" not in description
    assert str(event["SUMMARY"]).endswith(TITLE_CY)
    both = Calendar.from_ical(render_request(view, ORGANIZER, NOW, people, text=BOTH))
    text = str(next(iter(both.walk("VEVENT")))["DESCRIPTION"])
    assert text.index("Dydd Llun 26 Mawrth 2007") < text.index("Monday 26 March 2007")
    english = Calendar.from_ical(render_request(view, ORGANIZER, NOW, people))
    assert "Witness:" in str(next(iter(english.walk("VEVENT")))["DESCRIPTION"])


def test_a_welsh_invitation_email_has_a_welsh_subject_and_body() -> None:
    import email
    import email.policy

    from scrutiny_desk.exports.calendar_ics import panel_attendees
    from scrutiny_desk.exports.email_eml import render_cancel_email, render_request_email

    from .calendar_checks import NOW, ORGANIZER

    view = _calendar_view()
    people = panel_attendees(view.meeting)
    data = render_request_email(view, ORGANIZER, NOW, people, text=WELSH)
    message = email.message_from_bytes(data, policy=email.policy.default)
    subject = str(message["Subject"])
    assert subject.startswith("Gwahoddiad: Drugs Scrutiny: ")
    assert subject.endswith("Dydd Llun 26 Mawrth 2007 14:00")
    plain = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    assert "Cyswllt:" in plain.get_content() and "Contact:" not in plain.get_content()
    assert "Tyst:" in plain.get_content()
    cancel = email.message_from_bytes(
        render_cancel_email(view, ORGANIZER, NOW, people, text=WELSH),
        policy=email.policy.default,
    )
    assert str(cancel["Subject"]).startswith("Wedi'i ganslo: ")


def test_the_services_print_in_the_reviews_language(sqlite_services, read_pdf, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The review's setting (written straight to the store here: its own service is
    another part's) reaches the agenda, the action plan and the coverage report."""
    from datetime import date

    from scrutiny_desk.store import orm

    services = sqlite_services
    review = services.reviews.import_sample()
    with services.db.writing() as session:
        session.get(orm.ReviewRow, review).language = PaperLanguage.WELSH.value
    meeting = services.meeting_edits.find(review, "ev3").id
    agenda = read_pdf(
        services.exports.agenda(meeting, Audience.PUBLIC, tmp_path / "a.pdf").read_bytes()
    )
    assert "HYSBYSIAD O GYFARFOD" in agenda.text and "Tudalen 1 o" in agenda.text
    plan = read_pdf(
        services.recommendations.action_plan_pdf(review, Audience.PUBLIC, date(2008, 4, 15))
    )
    assert "CYNLLUN GWEITHREDU" in plan.text and "ARGYMHELLIAD" in plan.text
    assert "Action plan" not in plan.text and "15 Ebrill 2008" in plan.text
    path = services.coverage.export_pdf(review, Audience.PANEL, tmp_path / "c.pdf")
    coverage = read_pdf(path.read_bytes())
    assert "CWMPAS Y CYLCH GORCHWYL" in coverage.text and "NID I'W GYHOEDDI" in coverage.text
    assert "Coverage report" not in coverage.text


def test_a_welsh_councils_exemption_cites_part_4(make_view, make_item, read_pdf) -> None:  # type: ignore[no-untyped-def]
    from scrutiny_desk.domain.exemptions import exemption_text

    closed = make_item(2, "Staffing", closed=True, exemption=exemption_text(14), reason="Pay")
    view = make_view(items=(make_item(1, "Apologies for absence"), closed))
    english = read_pdf(render_agenda(view))
    assert "by virtue of paragraph 14 of Part 4 of Schedule 12A" in english.text
    assert "paragraph 14 of Part 4 of Schedule 12A to the Act" in english.text
    welsh = read_pdf(render_agenda(view, text=WELSH))
    assert "yn rhinwedd paragraff 14 o Ran 4 o Atodlen 12A" in welsh.text
