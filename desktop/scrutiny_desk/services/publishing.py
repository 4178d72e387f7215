"""Audience views: the one place that decides what each audience may see.

Public (anything published): a closed item shows only its public title, that it is
closed and its exemption; its witnesses, slot, terms of reference, minute and reason
are dropped; a witness heard only under closed items does not appear; closed actions
never appear. Panel (members and officers): everything, closed items marked. Witness:
the meeting's heading and that witness's own items, with no other witness named.
Action plan: the public sees every recommendation but the drafts; the panel sees the
drafts too, marked; no supporting note is named in either.
Format version 3: no view carries an attached file (so closed evidence's file never
reaches the public); a witness attributed only to closed notes (closed themselves, on a
closed item or on closed evidence) is not named publicly (tests/services/
test_publishing_v3.py).
Calendars (issue 14), shared with assistants and delegates: with the review's setting
"calendar entries show public titles only" (on by default) every calendar file shows
closed items as the public sees them and names no witness who asked to give evidence in
private; with it off the panel's files are the panel's view, marked confidential when
they hold closed business. A private witness's own invitation always shows public titles
and no other item (``calendar_view``, ``witness_calendar_view``,
``calendar_programme_view``).
The procedural record (issue 15, worded and shaped in ``procedure_views`` with this
module's decision): an item the audience sees only by its public title has no
resolution, vote or minute, and a declaration on it keeps its member, item number,
public title and category but not its nature; attendance, substitutes, officers and
others present, votes' names and quorum are not closed material; the exclusion
minute appears for both audiences; a witness's papers carry none of it.
Before a step that publishes: what opening a closed item would make public
(``what_opening_publishes``; its notes stay closed, ``note_access``), and whom a public
paper names who asked to give evidence in private (``private_witnesses_named``).
The review's report (issue 17): ``report_view``, in ``publishing_report`` for size.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from ..domain import procedure_wording
from ..domain.agenda_records import ItemRecord
from ..domain.coverage import CoverageFacts, SourceFact, matrix
from ..domain.deadlines import count_clear_days
from ..domain.disclosure_records import ItemOpening
from ..domain.enums import Access, RecommendationStatus
from ..domain.errors import NotFoundError
from ..domain.localtime import to_utc
from ..domain.recommendation_records import is_overdue, status_words
from ..domain.records import AgendaItem, Meeting, Review, Witness
from ..domain.report_version_records import response_due
from ..domain.structure import printed_order, walk_tor
from ..domain.views import (
    CLOSED_TITLE,
    ActionPlanView,
    ActionView,
    Audience,
    CalendarProgramme,
    CalendarView,
    ContactView,
    CoverageView,
    ItemView,
    MeetingView,
    MemberView,
    PersonView,
    ProgrammeView,
    ProgressView,
    RecommendationView,
    ReportView,
    TorRef,
    WitnessView,
)
from . import procedure_views, report_minutes
from .calendar_rules import clear_day_exclusions
from .publishing_report import report_view as report_view

_WITNESS_UID_NAMESPACE = uuid.UUID("6d1c3f0e-5a0b-4c53-9a57-2b1d6a1c0e2a")


def meeting_view(
    review: Review, meeting_key: str, audience: Audience, *, first_minute: int | None = None
) -> MeetingView:
    """The meeting's agenda and minutes as ``audience`` may see them. ``first_minute``:
    the number of the meeting's first minute, given by callers whose review is cut down
    to the meeting (``meeting_papers``); a whole review counts it from its meetings."""
    meeting = _meeting(review, meeting_key)
    if audience is Audience.WITNESS:
        raise ValueError("a witness view needs the witness: use witness_view()")
    return _build(review, meeting, audience, list(meeting.items), None, first_minute=first_minute)


def witness_view(
    review: Review, meeting_key: str, witness_key: str, sequence: int | None = None
) -> WitnessView:
    """The witness's own invitation. Its SEQUENCE is the meeting's: the services raise
    that whenever the meeting or any item's slot or witnesses change, so it rises
    whenever this witness's slot can have changed, and never goes back."""
    return _witness_view(review, meeting_key, witness_key, sequence, public_titles=False)


def _witness_view(
    review: Review, meeting_key: str, witness_key: str, sequence: int | None, public_titles: bool
) -> WitnessView:
    meeting = _meeting(review, meeting_key)
    witness = _witness(review, witness_key)
    own = [i for i in meeting.items if witness_key in i.witnesses]
    view = _build(review, meeting, Audience.WITNESS, own, witness_key, public_titles=public_titles)
    slots = [(i.start, i.end) for i in own if i.start is not None and i.end is not None]
    start = min((s for s, _ in slots), default=meeting.start)
    end = max((e for _, e in slots), default=meeting.end)
    return WitnessView(
        meeting=view,
        witness=_person(witness),
        witness_key=witness_key,
        slot_start=start,
        slot_end=end,
        slot_start_utc=to_utc(start, review.timezone),
        slot_end_utc=to_utc(end, review.timezone),
        uid=witness_uid(view.uid, witness_key),
        sequence=meeting.sequence if sequence is None else sequence,
    )


def witness_uid(meeting_uid: str, witness_key: str) -> str:
    """Stable, and different for each witness of a meeting."""
    return str(uuid.uuid5(_WITNESS_UID_NAMESPACE, f"{meeting_uid}/{witness_key}"))


def programme_view(review: Review, audience: Audience) -> ProgrammeView:
    if audience is Audience.WITNESS:
        raise ValueError("a programme is public or for the panel")
    meetings = sorted(review.meetings, key=lambda m: (m.start, m.key))
    return ProgrammeView(
        audience=audience,
        body=review.body,
        review_title=review.title,
        timezone=review.timezone,
        contact=_contact(review),
        meetings=tuple(_build(review, m, audience, list(m.items), None) for m in meetings),
    )


# Calendar files (issue 14) ---------------------------------------------------------------
#
# Calendars are shared with assistants and delegates, and a subscribed programme is
# read by whoever holds its address. With the review's setting "calendar entries show
# public titles only" (on by default) every calendar file shows closed items as the
# public sees them and names no witness who asked to give evidence in private, even
# the panel's. With it off, the panel's files carry the panel's view, marked
# confidential when they hold closed business. A private witness's own invitation
# always shows public titles and nothing of other items, whatever the setting.


def calendar_view(review: Review, meeting_key: str, sequence: int | None = None) -> CalendarView:
    """The panel's invitation (update, cancellation) to a meeting. ``sequence``
    replaces the meeting's SEQUENCE (the invitation register decides it)."""
    meeting = _meeting(review, meeting_key)
    items = list(meeting.items)
    if review.calendar_public_titles:
        view = _build(
            review,
            meeting,
            Audience.PANEL,
            items,
            None,
            public_titles=True,
            unnamed=_private_witnesses(review),
        )
        confidential = False
    else:
        view = _build(review, meeting, Audience.PANEL, items, None)
        confidential = _closed_business(review, items)
    if sequence is not None:
        view = replace(view, sequence=sequence)
    return CalendarView(view, confidential, meeting.joining_link)


def witness_calendar_view(
    review: Review, meeting_key: str, witness_key: str, sequence: int | None = None
) -> CalendarView:
    """A witness's own invitation: their UID, SEQUENCE and slot (``witness_view``) and
    their own items only. A witness who asked to give evidence in private always gets
    the public titles of their items and no item numbers (which would tell that there
    is other business); any other witness follows the review's setting, and their
    invitation is confidential when it shows a closed item's real title."""
    witness = _witness(review, witness_key)
    public_titles = witness.private or review.calendar_public_titles
    own = _witness_view(review, meeting_key, witness_key, sequence, public_titles)
    meeting = _meeting(review, meeting_key)
    closed = any(i.is_closed for i in meeting.items if witness_key in i.witnesses)
    return CalendarView(
        own.meeting,
        confidential=closed and not public_titles,
        joining_link=meeting.joining_link,
        witness=own,
        numbered=not witness.private,
    )


def calendar_programme_view(review: Review, audience: Audience) -> CalendarProgramme:
    """Every meeting of the review for a subscribed calendar. With public titles only,
    both audiences get public titles and no private witness; otherwise the public gets
    the public view and the panel the panel's, each meeting with closed business
    marked confidential."""
    if audience is Audience.WITNESS:
        raise ValueError("a programme is public or for the panel")
    titles_only = review.calendar_public_titles
    unnamed = _private_witnesses(review) if titles_only else frozenset()
    events = []
    for meeting in sorted(review.meetings, key=lambda m: (m.start, m.key)):
        items = list(meeting.items)
        view = _build(
            review,
            meeting,
            audience,
            items,
            None,
            public_titles=True if titles_only else None,
            unnamed=unnamed,
        )
        confidential = (
            audience is Audience.PANEL and not titles_only and _closed_business(review, items)
        )
        events.append(CalendarView(view, confidential, meeting.joining_link, review.web_page))
    return CalendarProgramme(audience, review.title, review.web_page, tuple(events))


def joining_link(review: Review, meeting_key: str) -> str | None:
    """An online or hybrid meeting's link: public, printed on every agenda."""
    return _meeting(review, meeting_key).joining_link


def _private_witnesses(review: Review) -> frozenset[str]:
    return frozenset(w.key for w in review.witnesses if w.private)


def _closed_business(review: Review, items: Sequence[AgendaItem]) -> bool:
    """A closed item, or a witness who asked to give evidence in private."""
    private = _private_witnesses(review)
    return any(i.is_closed or private.intersection(i.witnesses) for i in items)


def _witness(review: Review, key: str) -> Witness:
    witness = next((w for w in review.witnesses if w.key == key), None)
    if witness is None:
        raise NotFoundError(f'There is no witness "{key}" in this review')
    return witness


def _meeting(review: Review, key: str) -> Meeting:
    meeting = next((m for m in review.meetings if m.key == key), None)
    if meeting is None:
        raise NotFoundError(f'There is no meeting "{key}" in this review')
    return meeting


def _contact(review: Review) -> ContactView | None:
    c = review.contact
    if c is None:
        return None
    return ContactView(c.name, c.role, c.address, c.phone, c.fax, c.minicom, c.email)


def _person(w: Witness) -> PersonView:
    return PersonView(w.name, w.role, w.organisation, w.email)


def _build(
    review: Review,
    meeting: Meeting,
    audience: Audience,
    items: Sequence[AgendaItem],
    only_witness: str | None,
    *,
    public_titles: bool | None = None,
    unnamed: frozenset[str] = frozenset(),
    first_minute: int | None = None,
) -> MeetingView:
    """``public_titles``: closed items as the public sees them (by default, for the
    public only); ``unnamed``: witnesses named on no item (the private ones, in a
    calendar that shows public titles only); ``first_minute``: the number of the
    meeting's first minute, for a review cut down to that meeting (else counted from
    the review's meetings).

    The procedural record (issue 15) follows the same decision: an item seen only by
    its public title has no resolution and no minute, and a declaration on it has its
    nature withheld; attendance, substitutes, officers and others present, votes' names
    and quorum are not closed material. A witness's papers carry none of it."""
    public = audience is Audience.PUBLIC
    closed_evidence = {e.key for e in review.evidence if e.access is Access.CLOSED}
    witness = audience is Audience.WITNESS
    titles_only = public if public_titles is None else public_titles
    witnesses = {w.key: w for w in review.witnesses}
    tor = {
        item.key: TorRef(number, item.text) for number, item in walk_tor(review.terms_of_reference)
    }
    ordered = printed_order(list(meeting.items), lambda i: i.is_closed)
    numbers = {i.key: n for n, i in enumerate(ordered, start=1)}
    shown_items = [i for i in ordered if i.key in {i.key for i in items}]
    hidden = frozenset(i.key for i in shown_items if titles_only and i.is_closed)
    shown = procedure_views.Shown(
        numbers={i.key: numbers[i.key] for i in shown_items},
        titles={
            i.key: (i.public_title or CLOSED_TITLE) if i.key in hidden else i.title
            for i in shown_items
        },
        hidden=hidden,
    )
    people = procedure_views.names(review, meeting)
    attendance = () if witness else procedure_views.attendance(review, meeting, numbers)
    attendees = () if witness else procedure_views.attendees(review, meeting, numbers)
    declarations = () if witness else procedure_views.declarations(meeting, people, shown)
    minute_numbers = procedure_views.minute_numbers(review, meeting, ordered, first_minute)
    quorum = procedure_views.quorum(meeting, review)

    views: list[ItemView] = []
    heard: dict[str, PersonView] = {}
    for item in shown_items:
        concealed = item.key in hidden
        keys = [k for k in item.witnesses if only_witness in (None, k) and k not in unnamed]
        # A witness's own invitation names them under their own items, closed or not.
        named = not concealed or only_witness is not None
        people_heard = tuple(_person(witnesses[k]) for k in keys) if named else ()
        if not concealed:
            for k in keys:
                heard.setdefault(k, _person(witnesses[k]))
        worded = (
            None
            if witness
            else procedure_views.worded_minute(item, meeting, attendance, attendees, declarations)
        )
        at = quorum.get(item.key)
        views.append(
            ItemView(
                number=numbers[item.key],
                title=shown.titles[item.key],
                # the Welsh follows the English: a hidden item shows only its public one
                title_cy=item.public_title_cy if concealed else item.title_cy,
                kind=item.kind,
                closed=item.is_closed,
                exemption=item.exemption,
                reason=None if public or concealed else item.closed_reason,
                start=None if concealed else item.start,
                end=None if concealed else item.end,
                witnesses=people_heard,
                tor=() if concealed else tuple(tor[k] for k in item.tor),
                minute=None if concealed else (worded or item.minute),
                considered=None
                if concealed or witness
                else report_minutes.considered(review, meeting.key, item.key, audience),
                resolutions=()
                if concealed or witness
                else procedure_views.resolutions(item, people),
                minute_number=minute_numbers.get(item.key),
                present=None if at is None else at.present,
                quorate=True if at is None else at.quorate,
                standard=item.standard,
                worded=worded is not None and not concealed,
                # Agenda packs print these reports' files and no others (``packs``).
                # A report that is closed evidence is the panel's, whatever the item.
                reports=()
                if concealed or witness
                else tuple(
                    ReportView(r.key, r.title, r.late)
                    for r in item.reports
                    if not (public and r.evidence in closed_evidence)
                ),
            )
        )

    actions = (
        ()
        if witness
        else tuple(
            ActionView(a.text, a.owner, a.due, a.status, a.access is Access.CLOSED)
            for a in review.actions
            if a.meeting == meeting.key and not (titles_only and a.access is Access.CLOSED)
        )
    )
    closed = [i for i in shown_items if i.is_closed]
    paragraphs = procedure_wording.exempt_paragraphs(i.exemption for i in closed)
    panel = tuple(MemberView(m.name, m.role, None if public else m.email) for m in review.panel)
    published = meeting.agenda_published_on
    assert meeting.uid is not None, "meetings are given a UID when they are stored"
    return MeetingView(
        audience=audience,
        body=review.body,
        review_title=review.title,
        title=meeting.title,
        title_cy=meeting.title_cy,
        urgency=meeting.urgency,
        kind=meeting.kind,
        status=meeting.status,
        timezone=review.timezone,
        start=meeting.start,
        end=meeting.end,
        start_utc=to_utc(meeting.start, review.timezone),
        end_utc=to_utc(meeting.end, review.timezone),
        venue=meeting.venue,
        uid=meeting.uid,
        sequence=meeting.sequence,
        contact=_contact(review),
        members=panel,
        items=tuple(views),
        attendance=attendance,
        witnesses_heard=tuple(heard.values()),
        actions=actions,
        minutes_status=meeting.minutes_status,
        minutes_approved_on=meeting.minutes_approved_on,
        exclusion_resolution=review.exclusion_resolution,
        began=None if witness else meeting.began,
        ended=None if witness else meeting.ended,
        attendees=attendees,
        declarations=declarations,
        quorum=None if witness else review.quorum,
        quorum_notes=() if witness else procedure_wording.quorum_notes(views, review.quorum),
        agenda_published_on=published,
        clear_days=_clear_days(published, meeting.start.date()),
        exempt_paragraphs=paragraphs,
        copy_label=None
        if public or witness
        else procedure_wording.copy_label(paragraphs, any(i.key not in hidden for i in closed)),
        exclusion_minute=procedure_wording.exclusion_resolution(
            [i.exemption for i in closed], review.exclusion_resolution
        )
        if closed and not witness
        else None,
    )


_COUNTED_WEEKS = 8


def _clear_days(published: date | None, meeting_day: date) -> int | None:
    """The clear days the agenda gave (the publication statement), counted when it was
    published in the weeks before the meeting; None when it was not published, or long
    before (a date typed in the wrong year), which costs a count of every day between."""
    if published is None or (meeting_day - published).days > 7 * _COUNTED_WEEKS:
        return None
    return count_clear_days(published, meeting_day, clear_day_exclusions())


def action_plan_view(review: Review, audience: Audience, today: date) -> ActionPlanView:
    """The recommendations for the action plan. The public sees every recommendation
    but the drafts (not yet the panel's); the panel sees the drafts too, marked.
    Recommendations have no access of their own, and the plan names no supporting
    note, so no closed note reaches either paper."""
    if audience is Audience.WITNESS:
        raise ValueError("an action plan is public or for the panel")
    tor = {item.key: TorRef(n, item.text) for n, item in walk_tor(review.terms_of_reference)}
    shown = []
    sent, months = review.report.submitted_on, review.report.response_months
    for number, r in enumerate(review.recommendations, start=1):
        draft = r.status is RecommendationStatus.DRAFT
        if draft and audience is Audience.PUBLIC:
            continue
        latest = r.progress[-1] if r.progress else None
        shown.append(
            RecommendationView(
                number=number,
                text=r.text,
                lead=r.lead,
                due=r.due,
                status=status_words(r.status),
                draft=draft,
                overdue=is_overdue(r.status, r.due, today),
                response=r.response,
                latest=None if latest is None else ProgressView(latest.date, latest.text),
                tor=tuple(tor[k] for k in r.tor if k in tor),
                response_outcome=None if r.response_outcome is None else r.response_outcome.value,
                responded_on=r.responded_on,
                response_due=None
                if r.response_outcome
                else response_due(r.response_due, sent, months),
            )
        )
    return ActionPlanView(
        audience=audience,
        body=review.body,
        review_title=review.title,
        as_of=today,
        contact=_contact(review),
        recommendations=tuple(shown),
    )


def coverage_view(facts: CoverageFacts, audience: Audience, generated: datetime) -> CoverageView:
    """Terms of reference against sources. The panel sees everything, closed evidence
    and closed notes marked. The public counts only open material: closed notes (their
    own access, or on a closed item or closed evidence) are not counted, closed
    evidence has no column, and a witness appears only if seen in open material (an
    open note, an open agenda item or open evidence they gave)."""
    if audience is Audience.WITNESS:
        raise ValueError("coverage is for the public or the panel")
    if audience is Audience.PANEL:
        sources: list[SourceFact] = [*facts.meetings, *facts.witnesses, *facts.evidence]
        return matrix(
            facts, audience, generated, sources=sources, notes=facts.notes, planned=facts.planned
        )
    notes = [n for n in facts.notes if not n.closed]
    evidence = [e for e in facts.evidence if not e.closed]
    seen = {k for n in notes for k in n.witnesses}
    seen.update(k for k, closed in facts.appearances if not closed)
    seen.update(e.witness for e in evidence if e.witness)
    witnesses = [w for w in facts.witnesses if w.key in seen]
    return matrix(
        facts,
        audience,
        generated,
        sources=[*facts.meetings, *witnesses, *evidence],
        notes=notes,
        planned=[p for p in facts.planned if not p.closed],
    )


# Before a step that publishes -----------------------------------------------------------


def what_opening_publishes(item: ItemRecord, notes: int) -> ItemOpening:
    """What public papers would show once this closed item is opened: its real title
    (not its public title), the witnesses heard under it and its minute. ``notes`` is how
    many notes it has: they stay closed (closed stays closed: ``note_access``)."""
    private = set(item.private_witnesses)
    return ItemOpening(
        key=item.key,
        title=item.title,
        public_title=item.printed_public_title,
        witnesses=tuple(w.label for w in item.witnesses),
        private_witnesses=tuple(w.label for w in item.witnesses if w.key in private),
        minute=item.minute if (item.minute or "").strip() else None,
        notes=notes,
    )


def public_reading(view: MeetingView) -> MeetingView:
    """A public view as a shared database's public reader may read it (the public
    projection): without the e-mail addresses of the witnesses it names, which a public
    agenda or minutes never prints (a witness's own invitation does) and approved
    minutes kept as they were approved still carry. Renders as ``view`` does."""
    if view.audience is not Audience.PUBLIC:
        raise ValueError("only a public view is read by the public")

    def unreachable(people: tuple[PersonView, ...]) -> tuple[PersonView, ...]:
        return tuple(replace(p, email=None) for p in people)

    return replace(
        view,
        items=tuple(replace(i, witnesses=unreachable(i.witnesses)) for i in view.items),
        witnesses_heard=unreachable(view.witnesses_heard),
    )


def private_witnesses_named(review: Review, views: Sequence[MeetingView]) -> tuple[str, ...]:
    """The witnesses who asked to give evidence in private whom these papers name to the
    public (heard under an open item), by name, once each, in the order they appear.
    Papers for the panel or a witness name nobody to the public: ()."""
    private = {_person(w) for w in review.witnesses if w.private}
    named = (
        person.name
        for view in views
        if view.audience is Audience.PUBLIC
        for item in view.items
        for person in item.witnesses
        if person in private
    )
    return tuple(dict.fromkeys(named))
