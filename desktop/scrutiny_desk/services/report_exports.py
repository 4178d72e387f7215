"""The review's report written as papers for one audience (issue 17): a print PDF
(reportlab), a Word document, or a folder holding the accessible HTML page and its
tagged PDF (``report.html``, ``report.pdf``), chosen by the target's name.

The view is the working draft (``ReportVersionService.working``: built from the review
as it stands) or a frozen version's content (``content``: as it printed), cut for the
audience by ``publishing.report_view``; the renderers print that view and nothing else.

The public report is refused, naming each paragraph and what it quotes, while an open
paragraph quotes closed material word for word (``report_quotes.closed_quotes``). That
holds for a frozen version too, checked against the closed material the review holds
now: a version cannot be changed, so the clerk resolves it in the working draft and
makes a new version; the panel's copy of the version still prints.

Files are written to a temporary name and renamed; a folder is written whole or not
at all (``web_publishing``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from ..domain.enums import Access
from ..domain.errors import ExportError
from ..domain.records import ReportParagraph, Review
from ..domain.report_quotes import closed_quotes
from ..domain.report_views import ReportDocView
from ..domain.views import Audience
from ..store import documents
from ..store.db import Database
from .audit import record_export
from .files import write_atomically
from .publishing_report import report_view
from .report_versions import ReportVersionService

Clock = Callable[[], datetime]

#: what a folder target holds
HTML_NAME, PDF_NAME = "report.html", "report.pdf"

_SOURCES = {
    "note": "a closed note",
    "evidence": "closed evidence",
    "minute": "the minutes of a closed item",
    "resolution": "a resolution of a closed item",
    "paragraph": "a closed paragraph",
}


def _utc_now() -> datetime:
    return datetime.now(UTC)


def export_report(
    db: Database,
    review_id: int,
    path: str | os.PathLike[str],
    *,
    audience: Audience,
    version: str | None = None,
    clock: Clock = _utc_now,
) -> Path:
    """Write the report (``version``: a frozen version's number, "0.2" or "final";
    None: the working draft) for ``audience`` to ``path``: FILE.pdf, FILE.docx, or a
    folder (an existing one, or a name without an extension, created). Returns the file
    or folder written."""
    if audience is Audience.WITNESS:
        raise ExportError("The report is for the public or the panel")
    kind = _kind(path)
    now = clock()
    with db.reading() as session:
        review = documents.load_review(session, review_id)
    versions = ReportVersionService(db)
    if version is None:
        panel = versions.working(review_id, Audience.PANEL, now.date())
    else:
        panel = versions.content(review_id, version, Audience.PANEL)
    if audience is Audience.PUBLIC and (why := refusal(review, panel, version)):
        raise ExportError(why)
    written = _write(report_view(panel, audience), kind, path, now)
    paper = "report" if version is None else f"report version {version}"
    record_export(db, paper, audience, "reviews", review_id, review_id, format=kind)
    return written


def _as_written(review: Review, view: ReportDocView) -> Review:
    """The review with a frozen version's paragraphs as its report's, open and closed
    as that version printed them, for the check of closed quotes (which reads only
    their keys, access and text): an open paragraph quoting a closed one is flagged."""
    paragraphs = tuple(
        ReportParagraph(p.key, "summary", p.text, Access.CLOSED if p.closed else Access.OPEN)
        for p in view.paragraphs()
    )
    return replace(review, report=replace(review.report, paragraphs=paragraphs))


def refusal(review: Review, panel: ReportDocView, version: str | None) -> str | None:
    """Why the public report (``version``: a frozen version's number, None: the
    working draft, whose panel view is ``panel``) cannot be written, naming each open
    paragraph by its number and what it quotes; None when nothing is quoted."""
    checked = review if version is None else _as_written(review, panel)
    flags = closed_quotes(checked)
    if not flags:
        return None
    numbers = {p.key: p.number for p in panel.paragraphs()}
    said = []
    for flag in flags:
        number = numbers.get(flag.paragraph)
        where = f"paragraph {number}" if number else f'the paragraph "{flag.paragraph}"'
        source = _SOURCES.get(flag.source, f"closed {flag.source}")
        said.append(f'{where} quotes {source} ("{flag.words}")')
    what = "the working draft" if version is None else f"version {version}"
    fix = (
        "reword each or mark it closed"
        if version is None
        else "resolve each in the working draft and make a new version"
    )
    return f"The public report cannot be written: in {what}, " + "; ".join(said) + f": {fix}"


def _kind(path: str | os.PathLike[str]) -> str:
    """ "pdf", "docx" or "folder", by the target's name; refused before anything is
    read when it cannot be written."""
    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if target.is_dir() or suffix == "":
        from .web_publishing import _target

        _target(target)
        return "folder"
    if suffix in (".pdf", ".docx"):
        return suffix[1:]
    raise ExportError(f"{path}: the report is written as .pdf, .docx or into a folder")


def _write(view: ReportDocView, kind: str, path: str | os.PathLike[str], now: datetime) -> Path:
    from ..exports.paper_content_report import report_paper
    from ..exports.paper_text import ENGLISH

    if kind == "pdf":
        from ..exports.report_pdf import render_report

        return write_atomically(path, render_report(view, now))
    paper = report_paper(view, ENGLISH)
    if kind == "docx":
        from ..exports.docx_paper import render_paper

        return write_atomically(path, render_paper(paper, now))
    from .web_publishing import _both, _write_folder

    folder, _ = _write_folder(path, _both("report", paper, now), lambda: None)
    return folder
