"""A shared database's public reader, on a real PostgreSQL with non-superuser logins.

The shipped sample has a canary planted in every free text (``Marks``: "ZQX0001 ..."),
its approved minutes kept afresh from the planted text, and is imported by a clerk's
login of a managed database (``admin init-postgres``). Then, as a public reader:

* the catalogue lists the tables it may read (any column, any schema): in the app's
  schema only the public projection; and no canary of closed material (``Expectations``
  of the confidentiality tests: closed items, evidence, notes, actions, paragraphs,
  declarations; the names of witnesses heard only in private; every e-mail address),
  nor any of the sample's own closed words, is in any row of any table it can read,
  while the public markers are;
* its public agenda and minutes (PDF and Word) of every meeting are byte-identical to
  the clerk's with the same clock; every other export is refused with a clear message,
  and nothing is written, to disk or to the database;
* a reader exports the panel's papers, byte-identical to the clerk's.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Connection, create_engine, text

from scrutiny_desk.domain.enums import Access, InterestCategory
from scrutiny_desk.domain.errors import ExportError, NotPermittedError
from scrutiny_desk.domain.public_records import PublicPaperKind
from scrutiny_desk.domain.records import Declaration, Review
from scrutiny_desk.domain.roles import DbRole
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services import codec
from scrutiny_desk.services.approved_minutes import build_snapshot
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.exporting import ExportService
from tests.conftest import PostgresServer, sample_bytes
from tests.managed_pg import Managed, managed_database

from .test_confidentiality import (
    NOW,
    SAMPLE_CLOSED,
    SAMPLE_NEVER_PUBLIC,
    Expectations,
    Marks,
    markers,
    squeeze,
)

CLOSED_DECLARATION = Declaration(
    "sumray", "ev3-user", "A relative is treated by the service", InterestCategory.OTHER_REGISTRABLE
)


def planted(review: Review) -> Review:
    """The review with a canary at the front of every free text it has (and every
    e-mail address a canary), its approved minutes kept afresh from the planted text
    (the sample's report versions keep their own words). The sample has no declaration
    on a closed item: one is added, so that every kind of closed material has one."""
    marks = Marks()
    review = replace(
        review,
        meetings=tuple(
            replace(m, declarations=(*m.declarations, CLOSED_DECLARATION)) if m.key == "ev3" else m
            for m in review.meetings
        ),
    )

    def mark(value: str | None) -> str | None:
        return None if value is None else marks.text(value)

    def address(value: str | None) -> str | None:
        return None if value is None else f"{marks.new()}@example.org"

    meetings = tuple(
        replace(
            m,
            title=marks.text(m.title),
            title_cy=mark(m.title_cy),
            urgency=mark(m.urgency),
            venue=mark(m.venue),
            items=tuple(
                replace(
                    i,
                    title=marks.text(i.title),
                    closed_reason=mark(i.closed_reason),
                    public_title=mark(i.public_title),
                    exemption=mark(i.exemption),
                    title_cy=mark(i.title_cy),
                    public_title_cy=mark(i.public_title_cy),
                    reports=tuple(replace(r, title=marks.text(r.title)) for r in i.reports),
                    minute=mark(i.minute),
                    resolutions=tuple(replace(r, text=marks.text(r.text)) for r in i.resolutions),
                )
                for i in m.items
            ),
            attendees=tuple(
                replace(a, name=marks.text(a.name), role=mark(a.role), email=address(a.email))
                for a in m.attendees
            ),
            declarations=tuple(replace(d, nature=marks.text(d.nature)) for d in m.declarations),
        )
        for m in review.meetings
    )
    marked = replace(
        review,
        title=marks.text(review.title),
        panel=tuple(
            replace(p, name=marks.text(p.name), email=address(p.email)) for p in review.panel
        ),
        witnesses=tuple(
            replace(
                w,
                name=marks.text(w.name),
                role=mark(w.role),
                organisation=mark(w.organisation),
                email=address(w.email),
            )
            for w in review.witnesses
        ),
        meetings=meetings,
        evidence=tuple(
            replace(e, title=marks.text(e.title), source=mark(e.source), summary=mark(e.summary))
            for e in review.evidence
        ),
        notes=tuple(replace(n, text=marks.text(n.text)) for n in review.notes),
        recommendations=tuple(
            replace(r, text=marks.text(r.text), response=mark(r.response))
            for r in review.recommendations
        ),
        actions=tuple(
            replace(a, text=marks.text(a.text), owner=mark(a.owner)) for a in review.actions
        ),
        report=replace(
            review.report,
            paragraphs=tuple(replace(p, text=marks.text(p.text)) for p in review.report.paragraphs),
        ),
    )
    return replace(
        marked,
        meetings=tuple(
            m
            if m.minutes_snapshot is None
            else replace(m, minutes_snapshot=build_snapshot(marked, m.key))
            for m in marked.meetings
        ),
    )


def canaries(review: Review) -> dict[str, set[str]]:
    """What the public may never read of the planted review, by kind: closed
    material, the witnesses heard only in private, every e-mail address."""
    expect = Expectations(review)
    closed_items = {i.key for i in expect.closed_items()}
    closed_evidence = {e.key for e in review.evidence if e.access is Access.CLOSED}
    found = {
        "closed items": {
            m
            for i in expect.closed_items()
            for m in markers(i.title, i.closed_reason, i.minute, *(r.text for r in i.resolutions))
        },
        "declarations on closed items": markers(
            *(d.nature for m in review.meetings for d in m.declarations if d.item in closed_items)
        ),
        "closed evidence": markers(
            *(t for e in review.evidence if e.key in closed_evidence for t in (e.title, e.summary))
        ),
        "closed notes": markers(
            *(
                n.text
                for n in review.notes
                if n.access is Access.CLOSED
                or n.item in closed_items
                or n.evidence in closed_evidence
            )
        ),
        "closed actions": markers(*(a.text for a in review.actions if a.access is Access.CLOSED)),
        "closed paragraphs": markers(
            *(p.text for p in review.report.paragraphs if p.access is Access.CLOSED)
        ),
        "witnesses heard only in private": expect.all_witness_markers()
        - expect.heard_in_open(review.meetings),
        "e-mail addresses": markers(
            *(p.email for p in review.panel),
            *(w.email for w in review.witnesses),
            *(a.email for m in review.meetings for a in m.attendees),
        ),
    }
    assert (
        set().union(*found.values())
        <= expect.confidential()
        | found["witnesses heard only in private"]
        | found["e-mail addresses"]
    )
    return found


@dataclass
class Shared:
    managed: Managed
    review: Review
    review_id: int
    clerk: str  # the logins' URLs
    reader: str
    public: str

    def services(self, url: str) -> Services:
        return Services.open(url)


@pytest.fixture(scope="module")
def shared(postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    managed = managed_database(postgres)
    review = planted(codec.decode(sample_bytes()))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCRUTINY_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        try:
            clerk = managed.login(DbRole.CLERK)
            services = Services.open(clerk)
            try:
                review_id = services.reviews.import_bytes(codec.encode(review))
            finally:
                services.close()
            yield Shared(
                managed,
                review,
                review_id,
                clerk,
                managed.login(DbRole.READER),
                managed.login(DbRole.PUBLIC_READER),
            )
        finally:
            managed.drop()


@pytest.fixture
def public(shared: Shared) -> Iterator[Services]:
    services = Services.open(shared.public)
    yield services
    services.close()


@pytest.fixture
def clerk(shared: Shared) -> Iterator[Services]:
    services = Services.open(shared.clerk)
    yield services
    services.close()


def readable_tables(con: Connection) -> dict[tuple[str, str], list[str]]:
    """Every relation (table, view, materialised view, foreign table) of any schema in
    which the connected login may SELECT a column, from the catalogue, with those
    columns (a catalogue table may grant some columns only)."""
    rows = con.execute(
        text(
            "SELECT n.nspname, c.relname, a.attname FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
            " AND has_column_privilege(c.oid, a.attnum, 'SELECT')"
            " ORDER BY 1, 2, a.attnum"
        )
    ).all()
    found: dict[tuple[str, str], list[str]] = {}
    for schema, name, column in rows:
        found.setdefault((str(schema), str(name)), []).append(str(column))
    return found


def every_row(con: Connection, schema: str, name: str, columns: list[str]) -> list[str]:
    """Every row of a relation the login may read, as text (the columns it may read)."""
    listed = ", ".join(f'"{c}"' for c in columns)
    query = f'SELECT ROW({listed})::text FROM "{schema}"."{name}"'
    return [str(r) for r in con.execute(text(query)).scalars()]


def test_the_public_reader_reads_no_canary_in_any_table(shared: Shared) -> None:
    engine = create_engine(shared.public, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as con:
            superuser = con.execute(
                text("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")
            )
            assert superuser.scalar_one() is False
            tables = readable_tables(con)
            own = {name for schema, name in tables if schema == "public"}
            assert own == {"public_reviews", "public_papers"}
            assert len(tables) > 50  # the catalogue's own tables and views are read too
            read: list[str] = []
            for (schema, name), columns in tables.items():
                read.extend(every_row(con, schema, name, columns))
    finally:
        engine.dispose()
    everything = "\n".join(read)
    found = set(markers(everything))
    kinds = canaries(shared.review)
    assert all(kinds.values()), [kind for kind, planted in kinds.items() if not planted]
    closed = set().union(*kinds.values()) | Expectations(shared.review).confidential()
    leaks = {
        marker: ([k for k, v in kinds.items() if marker in v], context(everything, marker))
        for marker in sorted(found & closed)
    }
    assert not leaks, leaks
    words = [
        t
        for places in SAMPLE_CLOSED.values()
        for p, ts in places.items()
        if p != "slot"  # times: the views keep them as ISO 8601
        for t in ts
        if " " in t  # "SOCA" alone is named in the public recommendations too
    ]
    squeezed = squeeze(everything)
    for phrase in words + SAMPLE_NEVER_PUBLIC:
        assert squeeze(phrase) not in squeezed, (phrase, context(squeezed, squeeze(phrase)))
    # The checks can fail: the public reader does read the public words.
    expect = Expectations(shared.review)
    public = markers(shared.review.title) | expect.public_markers(shared.review.meetings[0], True)
    assert public and public <= found


def context(text: str, marker: str) -> str:
    at = text.index(marker)
    return text[max(0, at - 60) : at + 60]


def fixed(services: Services) -> ExportService:
    return ExportService(services.db, clock=lambda: NOW)


def test_public_reader_exports_are_the_clerks_byte_for_byte(
    shared: Shared, public: Services, clerk: Services, tmp_path: Path
) -> None:
    assert public.db.role is DbRole.PUBLIC_READER
    [listed] = public.public_papers.reviews()
    assert listed.id == shared.review_id
    meetings = public.public_papers.meetings(shared.review_id)
    assert [m.id for m in meetings] == sorted(m.id for m in clerk.meetings.list(shared.review_id))
    compared = 0
    for meeting in meetings:
        for paper in PublicPaperKind:
            for suffix in (".pdf", ".docx"):
                mine = tmp_path / f"public-{meeting.id}-{paper}{suffix}"
                theirs = tmp_path / f"clerk-{meeting.id}-{paper}{suffix}"
                if paper not in meeting.papers:  # a meeting that did not take place
                    with pytest.raises(ExportError):
                        fixed(clerk).publish(paper, meeting.id, Audience.PUBLIC, theirs)
                    with pytest.raises(ExportError, match="no public minutes"):
                        fixed(public).publish(paper, meeting.id, Audience.PUBLIC, mine)
                    assert not mine.exists()
                    continue
                fixed(clerk).publish(paper, meeting.id, Audience.PUBLIC, theirs)
                fixed(public).publish(paper, meeting.id, Audience.PUBLIC, mine)
                assert mine.read_bytes() == theirs.read_bytes(), (mine, theirs)
                compared += 1
            if paper in meeting.papers:
                pdf = PdfReader(tmp_path / f"public-{meeting.id}-{paper}.pdf")
                assert squeeze(meeting.title) in squeeze(pdf.pages[0].extract_text())
    assert compared == 4 * 6 + 2 * 2  # six meetings took place, two did not
    # each public export is in the audit trail under the public reader's own login
    engine = create_engine(shared.managed.admin_url)
    try:
        with engine.connect() as con:
            actors = con.execute(
                text("SELECT actor FROM audit_log WHERE action = 'exported' AND detail LIKE :a"),
                {"a": '%"audience": "public"%'},
            ).scalars()
            assert list(actors).count(public.db.user) == compared
    finally:
        engine.dispose()


REFUSED: dict[str, object] = {
    "panel agenda": lambda s, m, r, p: s.exports.agenda(m, Audience.PANEL, p / "a.pdf"),
    "panel minutes": lambda s, m, r, p: s.exports.minutes(m, Audience.PANEL, p / "m.docx"),
    "programme": lambda s, m, r, p: s.exports.calendar(r, Audience.PUBLIC, p / "p.ics"),
    "report": lambda s, m, r, p: s.exports.report(r, p / "r.pdf", audience=Audience.PUBLIC),
    "review file": lambda s, m, r, p: s.reviews.export_file(r, p / "review.json"),
    "review bytes": lambda s, m, r, p: s.reviews.export_bytes(r),
    "coverage": lambda s, m, r, p: s.coverage.export_pdf(r, Audience.PUBLIC, p / "c.pdf"),
    "pack": lambda s, m, r, p: s.packs.export_pack(m, Audience.PUBLIC, p / "pack.pdf"),
    "action plan": lambda s, m, r, p: s.recommendations.export_action_plan(
        r, Audience.PUBLIC, p / "plan.pdf", date(2030, 1, 1)
    ),
    "invitation": lambda s, m, r, p: s.exports.send_invite(m, p / "i.ics"),
    "cancellation": lambda s, m, r, p: s.exports.send_cancellation(m, p / "c.ics"),
    "updates": lambda s, m, r, p: s.invitations.send_updates(m, p / "out"),
    "web meeting": lambda s, m, r, p: s.web_publishing.publish_meeting(m, p / "web"),
    "web review": lambda s, m, r, p: s.web_publishing.publish_review(r, p / "site"),
}


def audit_rows(shared: Shared) -> int:
    engine = create_engine(shared.managed.admin_url)
    try:
        with engine.connect() as con:
            return int(con.execute(text("SELECT count(*) FROM audit_log")).scalar_one())
    finally:
        engine.dispose()


@pytest.mark.parametrize("what", sorted(REFUSED))
def test_the_public_reader_is_refused_every_other_export(
    what: str, shared: Shared, public: Services, tmp_path: Path
) -> None:
    meeting = public.public_papers.meetings(shared.review_id)[1].id
    out = tmp_path / "out"
    out.mkdir()
    before = audit_rows(shared)
    with pytest.raises(NotPermittedError) as refused:
        REFUSED[what](public, meeting, shared.review_id, out)  # type: ignore[operator]
    message = str(refused.value)
    assert message.startswith("Your database login is a public reader: it may export only")
    assert "Ask a clerk for " in message
    assert list(out.iterdir()) == []
    assert audit_rows(shared) == before


def test_a_reader_exports_the_panels_papers(
    shared: Shared, clerk: Services, tmp_path: Path
) -> None:
    reader = Services.open(shared.reader)
    try:
        assert reader.db.role is DbRole.READER and reader.db.read_only
        ids = [m.id for m in clerk.meetings.list(shared.review_id)]
        held = [m.id for m in clerk.meetings.list(shared.review_id) if m.status.value == "held"]
        for meeting, (paper, suffix) in itertools.product(
            held[:3], (("agenda", ".pdf"), ("minutes", ".pdf"), ("minutes", ".docx"))
        ):
            mine = fixed(reader).publish(
                paper, meeting, Audience.PANEL, tmp_path / f"r{meeting}{paper}{suffix}"
            )
            theirs = fixed(clerk).publish(
                paper, meeting, Audience.PANEL, tmp_path / f"c{meeting}{paper}{suffix}"
            )
            assert mine.path.read_bytes() == theirs.path.read_bytes()
        assert len(ids) == 8
        report = reader.exports.report(
            shared.review_id, tmp_path / "report.pdf", audience=Audience.PANEL
        )
        assert len(PdfReader(report).pages) > 1
    finally:
        reader.close()
