"""Publishing for the web: a meeting's public agenda and minutes, and a review's
coverage report and action plan, as HTML and tagged PDF in a folder; the agenda's
publication date stamped, with the reason for urgency when too few clear days remain;
nothing written on refusal; the command line; and the canary rule over every file."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings

from scrutiny_desk.cli import main
from scrutiny_desk.domain.errors import ExportError, ValidationError
from scrutiny_desk.domain.records import Review
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import queries
from tests.exports.html_read import check_accessible_structure, parse
from tests.services.test_confidentiality import (
    SAMPLE_CLOSED,
    SAMPLE_NEVER_PUBLIC,
    Expectations,
    marked_reviews,
    markers,
    read_pdf,
    squeeze,
)

# The sample's draft meeting "recs" is on Monday 14 May 2007; the review asks for five
# clear days.
LATE = date(2007, 5, 10)  # Thursday: one clear day (Friday) before the Monday
IN_TIME = date(2007, 4, 20)


def ids(services: Services) -> tuple[int, dict[str, int]]:
    review_id = services.reviews.import_sample()
    return review_id, {m.key: m.id for m in services.meetings.list(review_id)}


def unpublished(services: Services, meeting_id: int) -> None:
    """The agenda not yet marked published, as before a clerk publishes it."""
    version = services.meeting_edits.deadline(meeting_id, IN_TIME).version
    services.meeting_edits.unmark_agenda_published(meeting_id, version)


def stamp(services: Services, meeting_id: int) -> tuple[date | None, str | None]:
    with services.db.reading() as session:
        row = queries.get_meeting_row(session, meeting_id)
        return row.agenda_published_on, row.urgency


def words(path: Path) -> str:
    return " ".join(parse(path.read_text("utf-8")).find("main").text.split())


def test_publishes_the_public_agenda_and_minutes(sqlite_services: Services, tmp_path: Path) -> None:
    _, meetings = ids(sqlite_services)
    folder = tmp_path / "web" / "ev3"
    (tmp_path / "web").mkdir()
    done = sqlite_services.web_publishing.publish_meeting(meetings["ev3"], folder)
    assert done.folder == folder
    names = ["agenda.html", "agenda.pdf", "minutes.html", "minutes.pdf"]
    assert [f.name for f in done.files] == names
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    assert not [p for p in (tmp_path / "web").iterdir() if p != folder]  # no leftovers
    for name in ("agenda.html", "minutes.html"):
        check_accessible_structure((folder / name).read_text("utf-8"))
        text = words(folder / name)
        for places in SAMPLE_CLOSED["ev3"].values():
            for secret in places:
                if not re.fullmatch(r"\d+\.\d+ [ap]m", secret):
                    assert secret not in text, (name, secret)
    for name in ("agenda.pdf", "minutes.pdf"):
        with pikepdf.open(folder / name) as pdf:
            assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "en-GB"
        pdf_text = read_pdf(folder / name).text
        for secret in SAMPLE_NEVER_PUBLIC + SAMPLE_CLOSED["ev3"]["title"]:
            assert squeeze(secret) not in pdf_text
    # A cancelled meeting has no minutes: its agenda alone.
    cancelled = sqlite_services.web_publishing.publish_meeting(meetings["ev2"], tmp_path / "ev2")
    assert [f.name for f in cancelled.files] == ["agenda.html", "agenda.pdf"]
    assert "This meeting has been cancelled." in words(tmp_path / "ev2" / "agenda.html")


def test_publishing_again_replaces_the_files(sqlite_services: Services, tmp_path: Path) -> None:
    _, meetings = ids(sqlite_services)
    folder = tmp_path / "recs"
    sqlite_services.web_publishing.publish_meeting(meetings["recs"], folder)
    (folder / "agenda.html").write_text("old")
    (folder / "notes.txt").write_text("the clerk's own file")
    sqlite_services.web_publishing.publish_meeting(meetings["recs"], folder)
    assert (folder / "agenda.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert (folder / "notes.txt").read_text() == "the clerk's own file"


def test_stamps_the_publication_date(sqlite_services: Services, tmp_path: Path) -> None:
    _, meetings = ids(sqlite_services)
    recs = meetings["recs"]
    unpublished(sqlite_services, recs)
    sqlite_services.web_publishing.publish_meeting(recs, tmp_path / "a", today=IN_TIME)
    assert stamp(sqlite_services, recs) == (IN_TIME, None)
    text = words(tmp_path / "a" / "agenda.html")
    # Working days from 23 April to 11 May, less the May Day bank holiday (7 May).
    assert "Published on 20 April 2007, fourteen clear days before the meeting." in text
    assert "Reason for urgency" not in text
    # Published again later: the first date stands.
    sqlite_services.web_publishing.publish_meeting(recs, tmp_path / "b", today=LATE)
    assert stamp(sqlite_services, recs) == (IN_TIME, None)


def test_too_late_without_a_reason_is_refused_and_writes_nothing(
    sqlite_services: Services, tmp_path: Path
) -> None:
    _, meetings = ids(sqlite_services)
    recs = meetings["recs"]
    unpublished(sqlite_services, recs)
    site = tmp_path / "site"
    site.mkdir()
    folder = site / "recs"
    with pytest.raises(ValidationError) as refused:
        sqlite_services.web_publishing.publish_meeting(recs, folder, today=LATE, urgency="  ")
    (problem,) = refused.value.problems
    assert problem.path == "urgency"
    assert "gives 1 clear day, fewer than the 5 the review requires" in problem.message
    assert "reason for urgency" in problem.message
    assert list(site.iterdir()) == []  # not even a temporary folder
    assert stamp(sqlite_services, recs) == (None, None)


def test_too_late_with_a_reason_stores_and_prints_it(
    sqlite_services: Services, tmp_path: Path
) -> None:
    _, meetings = ids(sqlite_services)
    recs = meetings["recs"]
    unpublished(sqlite_services, recs)
    reason = "The police figures the panel asked for arrived on 9 May"
    sqlite_services.web_publishing.publish_meeting(
        recs, tmp_path / "recs", today=LATE, urgency=reason
    )
    assert stamp(sqlite_services, recs) == (LATE, reason)
    text = words(tmp_path / "recs" / "agenda.html")
    assert "Published on 10 May 2007, one clear day before the meeting." in text
    assert f"Reason for urgency: {reason}" in text
    pdf = read_pdf(tmp_path / "recs" / "agenda.pdf")
    assert f"Reason for urgency: {reason}" in pdf.spaced


def test_a_file_in_the_way_is_refused_by_name(sqlite_services: Services, tmp_path: Path) -> None:
    _, meetings = ids(sqlite_services)
    unpublished(sqlite_services, meetings["recs"])
    in_the_way = tmp_path / "agenda"
    in_the_way.write_text("a file")
    with pytest.raises(ExportError, match="it is a file, not a folder"):
        sqlite_services.web_publishing.publish_meeting(meetings["recs"], in_the_way, today=IN_TIME)
    assert stamp(sqlite_services, meetings["recs"]) == (None, None)  # not stamped either
    with pytest.raises(ExportError, match="does not exist"):
        sqlite_services.web_publishing.publish_meeting(meetings["recs"], tmp_path / "x" / "y")


def test_publishes_the_review(sqlite_services: Services, tmp_path: Path) -> None:
    review_id, _ = ids(sqlite_services)
    done = sqlite_services.web_publishing.publish_review(
        review_id, tmp_path / "review", today=date(2008, 6, 1)
    )
    assert [f.name for f in done.files] == [
        "coverage.html",
        "coverage.pdf",
        "action-plan.html",
        "action-plan.pdf",
    ]
    for name in ("coverage.html", "action-plan.html"):
        check_accessible_structure((tmp_path / "review" / name).read_text("utf-8"))
    assert "Safer Schools" not in words(tmp_path / "review" / "action-plan.html")  # a draft
    for secret in SAMPLE_NEVER_PUBLIC:
        assert secret not in words(tmp_path / "review" / "coverage.html")


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite3")
    assert main(["--db", db, "sample"]) == 0
    out = tmp_path / "site"
    assert main(["--db", db, "export", "publish", "1", "-o", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().err
    assert (out / "agenda.html").is_file() and (out / "agenda.pdf").is_file()
    assert main(["--db", db, "export", "publish-review", "1", "-o", str(tmp_path / "r")]) == 0
    assert (tmp_path / "r" / "coverage.pdf").is_file()
    assert main(["--db", db, "export", "publish", "99", "-o", str(tmp_path / "n")]) != 0
    assert "no meeting with id 99" in capsys.readouterr().err
    assert not (tmp_path / "n").exists()
    with pytest.raises(SystemExit):
        main(["--db", db, "export", "publish", "--help"])
    assert "--urgency TEXT" in capsys.readouterr().out


# The canary rule -------------------------------------------------------------------------

_runs = itertools.count()


def html_text(path: Path) -> str:
    """Everything a reader of the page could find: its text and its title."""
    root = parse(path.read_text("utf-8"))
    return squeeze(root.find("title").text + " " + root.find("main").text)


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(review=marked_reviews())
def test_no_published_page_shows_closed_business(
    sqlite_services: Services, tmp_path: Path, review: Review
) -> None:
    services = sqlite_services
    review_id = services.reviews.import_bytes(codec.encode(review))
    expect = Expectations(review)
    closed = expect.confidential()
    meetings = {m.key: m for m in review.meetings}
    out = tmp_path / str(next(_runs))
    out.mkdir()
    try:
        folders = []
        keys = {}  # meeting keys may hold any character: folders are numbered
        for n, meeting in enumerate(services.meetings.list(review_id)):
            keys[f"m{n}"] = meeting.key
            done = services.web_publishing.publish_meeting(
                meeting.id, out / f"m{n}", urgency="ZQX-urgent"
            )
            folders.append(done)
        folders.append(services.web_publishing.publish_review(review_id, out / "review"))
        for published in folders:
            for path in published.files:
                if path.suffix == ".html":
                    found = markers(html_text(path))
                else:
                    doc = read_pdf(path)
                    found = markers(doc.text) | markers(doc.furniture)
                leaked = found & closed
                assert not leaked, f"{path.relative_to(out)} shows closed {sorted(leaked)}"
                if path.name == "agenda.html":  # and the page is no empty shell
                    must = expect.public_markers(meetings[keys[path.parent.name]], minutes=False)
                    assert must <= found, f"{path.relative_to(out)} lacks {must - found}"
    finally:
        services.reviews.delete(review_id)
