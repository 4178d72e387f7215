"""Writing the interchange format: a review as the canonical JSON text, quickly.

The text is exactly what ``json.dumps(document, indent=2, ensure_ascii=False)`` writes
for the plain form of the review (every field of every record in the records' own
order, nulls for absent optionals, dates ``YYYY-MM-DD``, local times without an
offset, instants with one, enumerations by value, files in standard base64), but
written straight from the records: one layout per kind of record, named once below
in field order, no intermediate dictionaries, and strings escaped by the json module's
own C function. With ``indent`` set, the json module falls back to its pure-Python
encoder, and walking dataclass fields generically cost as much again: a 10,000-note
review took half a second to write.

Each layout is checked against its record's fields when this module is imported: a
field added to a record and not here stops the app at once, never a file short of it.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from datetime import date, datetime
from json.encoder import encode_basestring
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ..domain.invitation_records import CalendarIssue, IssuedTo
from ..domain.localtime import format_instant, format_local
from ..domain.records import (
    Action,
    AgendaItem,
    Attendance,
    Attendee,
    Contact,
    Declaration,
    Evidence,
    EvidenceFile,
    Exclusion,
    Interest,
    Interface,
    ItemReport,
    Meeting,
    Member,
    Milestone,
    MinutesHistoryEntry,
    MonthDay,
    Note,
    ProgressUpdate,
    Recommendation,
    ReportComment,
    ReportConsideration,
    ReportParagraph,
    ReportVersion,
    Resolution,
    Review,
    ReviewReport,
    TorItem,
    Vote,
    VoteCast,
    Witness,
)
from ..domain.view_codec import MinutesSnapshot, report_plain, snapshot_plain

if TYPE_CHECKING:
    from ..domain.report_views import ReportDocView

STEP = "  "  # the format's indentation
_NONE = object()  # an empty list's first record

# A writer turns one field's value into its JSON text; ``indent`` is the indentation
# of the object holding the field (nested values indent one step further).
Writer = Callable[[Any, str], str]


def _text(value: str | None, _indent: str) -> str:
    return "null" if value is None else encode_basestring(value)


def _enum(value: Any, _indent: str) -> str:
    return encode_basestring(value.value)


def _maybe_enum(value: Any, _indent: str) -> str:
    return "null" if value is None else encode_basestring(value.value)


def _whole(value: int, _indent: str) -> str:
    return int.__repr__(value)


def _truth(value: bool, _indent: str) -> str:
    return "true" if value else "false"


def _day(value: date | None, _indent: str) -> str:
    return "null" if value is None else f'"{value.isoformat()}"'


def _time(value: datetime | None, _indent: str) -> str:
    """A time as the format has it: with its offset if it has one, else local."""
    if value is None:
        return "null"
    return f'"{format_instant(value) if value.tzinfo else format_local(value)}"'


def _keys(values: Sequence[str], indent: str) -> str:
    if not values:
        return "[]"
    inner = indent + STEP
    body = f",\n{inner}".join(map(encode_basestring, values))
    return f"[\n{inner}{body}\n{indent}]"


def _file(value: EvidenceFile | None, indent: str) -> str:
    if value is None:
        return "null"
    inner = indent + STEP
    content = base64.b64encode(value.content).decode("ascii")
    return (
        f'{{\n{inner}"name": {encode_basestring(value.name)},\n'
        f'{inner}"media_type": {encode_basestring(value.media_type)},\n'
        f'{inner}"content": "{content}"\n{indent}}}'
    )


def _snapshot(value: MinutesSnapshot | None, indent: str) -> str:
    return "null" if value is None else plain_json(snapshot_plain(value), indent)


def plain_json(value: Any, indent: str) -> str:
    """Any plain JSON value (dicts, lists, text, numbers, true, false, null) laid out
    as ``json.dumps(..., indent=2, ensure_ascii=False)`` lays it out at ``indent``."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value)
    inner = indent + STEP
    if isinstance(value, dict):
        if not value:
            return "{}"
        body = f",\n{inner}".join(
            f"{encode_basestring(k)}: {plain_json(v, inner)}" for k, v in value.items()
        )
        return f"{{\n{inner}{body}\n{indent}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        body = f",\n{inner}".join(plain_json(v, inner) for v in value)
        return f"[\n{inner}{body}\n{indent}]"
    raise TypeError(f"{type(value).__name__} is not a plain JSON value")


class _Layout:
    """How one kind of record is written: its fields in order, each with its writer."""

    def __init__(self, kind: type, columns: Sequence[tuple[str, Writer]]) -> None:
        names = [name for name, _ in columns]
        declared = [f.name for f in fields(kind)]
        if names != declared:
            raise TypeError(f"the layout of {kind.__name__} {names} is not its fields {declared}")
        get = attrgetter(*names)  # one name: the value itself, not a tuple of one
        self.get: Callable[[Any], tuple[Any, ...]] = (
            get if len(names) > 1 else lambda record: (get(record),)
        )
        self.names = tuple(names)
        self.labels = tuple(f"{encode_basestring(name)}: " for name in names)
        self.writers = tuple(writer for _, writer in columns)
        self.write: Writer = _compiled_write(kind, names, self.writers)
        """One record as its JSON object at ``indent``: a function made for the layout."""

    def chunks(
        self, record: Any, indent: str, lists: Mapping[str, Iterable[Any]] | None = None
    ) -> Iterator[str]:
        """As ``write``, in pieces: each entry of a list of records on its own.
        ``lists``: records to write for some of its lists instead of the record's own
        (field name -> the records, as they come)."""
        inner = indent + STEP
        separator = f",\n{inner}"
        given = lists or {}
        yield f"{{\n{inner}"
        for n, (name, label, writer, value) in enumerate(
            zip(self.names, self.labels, self.writers, self.get(record), strict=True)
        ):
            if n:
                yield separator
            layout: Any = getattr(writer, "__self__", None)
            if getattr(writer, "__func__", None) is _Layout.many:  # records
                entry = inner + STEP
                records = iter(given.get(name, value))
                first = next(records, _NONE)
                if first is _NONE:
                    yield label + "[]"
                    continue
                yield f"{label}[\n{entry}{layout.write(first, entry)}"
                for each in records:
                    yield f",\n{entry}{layout.write(each, entry)}"
                yield f"\n{inner}]"
            else:
                yield label + writer(value, inner)
        yield f"\n{indent}}}"

    def one(self, record: Any, indent: str) -> str:
        return "null" if record is None else self.write(record, indent)

    def many(self, records: Iterable[Any], indent: str) -> str:
        inner = indent + STEP
        written = [self.write(r, inner) for r in records]
        if not written:
            return "[]"
        return f"[\n{inner}" + f",\n{inner}".join(written) + f"\n{indent}]"


# The simplest writers, written inline in a layout's function rather than called.
_INLINE: dict[Writer, str] = {
    _text: "(_null if (v{n} := record.{name}) is None else _quoted(v{n}))",
    _enum: "_quoted(record.{name}.value)",
    _maybe_enum: "(_null if (v{n} := record.{name}) is None else _quoted(v{n}.value))",
    _truth: '("true" if record.{name} else "false")',
    _whole: "_int(record.{name})",
}


def _compiled_write(kind: type, names: Sequence[str], writers: Sequence[Writer]) -> Writer:
    """The function writing one record of a layout: its fields' labels and writers
    joined in one expression, the simple writers inline. A generic loop (zip the
    labels, writers and values, call each, join) cost a 100,000-note review's export
    a tenth of a second more. It writes exactly what ``_Layout.chunks`` writes joined."""
    parts = []
    scope: dict[str, Any] = {
        "_null": "null",
        "_quoted": encode_basestring,
        "_int": int.__repr__,
        "STEP": STEP,
    }
    for n, (name, writer) in enumerate(zip(names, writers, strict=True)):
        label = repr(f"{',' if n else ''}\n") + ", inner, " + repr(f"{encode_basestring(name)}: ")
        inline = _INLINE.get(writer)
        if inline is None:
            scope[f"w{n}"] = writer
            value = f"w{n}(record.{name}, inner)"
        else:
            value = inline.format(n=n, name=name)
        parts.append(f"{label}, {value}")
    source = (
        "def write(record, indent):\n"
        "    inner = indent + STEP\n"
        f"    return ''.join(('{{', {', '.join(parts)}, '\\n', indent, '}}'))\n"
    )
    exec(compile(source, f"<layout of {kind.__name__}>", "exec"), scope)
    made: Writer = scope["write"]
    return made


def _tor_children(values: Sequence[TorItem], indent: str) -> str:
    return _TOR.many(values, indent)


_CONTACT = _Layout(Contact, [(f.name, _text) for f in fields(Contact)])
_MEMBER = _Layout(Member, [("key", _text), ("name", _text), ("role", _enum), ("email", _text)])
_TOR = _Layout(TorItem, [("key", _text), ("text", _text), ("children", _tor_children)])
_EXCLUSION = _Layout(Exclusion, [("text", _text)])
_INTERFACE = _Layout(Interface, [("name", _text), ("abbreviation", _text)])
_MILESTONE = _Layout(Milestone, [("date", _day), ("title", _text), ("done", _truth)])
_WITNESS = _Layout(
    Witness,
    [
        ("key", _text),
        ("name", _text),
        ("role", _text),
        ("organisation", _text),
        ("email", _text),
        ("invitation", _enum),
        ("private", _truth),
    ],
)
_ATTENDANCE = _Layout(
    Attendance, [("member", _text), ("status", _enum), ("arrived", _text), ("left", _text)]
)
_ATTENDEE = _Layout(
    Attendee,
    [
        ("key", _text),
        ("kind", _enum),
        ("name", _text),
        ("role", _text),
        ("email", _text),
        ("substitute_for", _text),
        ("arrived", _text),
        ("left", _text),
    ],
)
_DECLARATION = _Layout(
    Declaration,
    [
        ("member", _text),
        ("item", _text),
        ("nature", _text),
        ("category", _enum),
        ("left_room", _truth),
    ],
)
_CAST = _Layout(VoteCast, [("person", _text), ("choice", _enum)])
_VOTE = _Layout(
    Vote,
    [("in_favour", _whole), ("against", _whole), ("abstained", _whole), ("casts", _CAST.many)],
)
_RESOLUTION = _Layout(Resolution, [("text", _text), ("vote", _VOTE.one)])
_INTEREST = _Layout(Interest, [("member", _text), ("text", _text), ("category", _enum)])
_MONTH_DAY = _Layout(MonthDay, [("month", _whole), ("day", _whole)])
_REPORT = _Layout(
    ItemReport,
    [("key", _text), ("title", _text), ("file", _file), ("evidence", _text), ("late", _truth)],
)
_ITEM = _Layout(
    AgendaItem,
    [
        ("key", _text),
        ("title", _text),
        ("kind", _enum),
        ("access", _enum),
        ("closed_reason", _text),
        ("public_title", _text),
        ("exemption", _text),
        ("start", _time),
        ("end", _time),
        ("witnesses", _keys),
        ("tor", _keys),
        ("minute", _text),
        ("resolutions", _RESOLUTION.many),
        ("standard", _maybe_enum),
        ("title_cy", _text),
        ("public_title_cy", _text),
        ("reports", _REPORT.many),
    ],
)
_HISTORY = _Layout(
    MinutesHistoryEntry,
    [("at", _time), ("by", _text), ("event", _enum), ("note", _text), ("snapshot", _snapshot)],
)
_RECIPIENT = _Layout(
    IssuedTo, [("person", _enum), ("key", _text), ("name", _text), ("email", _text)]
)
_ISSUE = _Layout(
    CalendarIssue,
    [
        ("at", _time),
        ("by", _text),
        ("kind", _enum),
        ("uid", _text),
        ("sequence", _whole),
        ("recipients", _RECIPIENT.many),
        ("reason", _text),
    ],
)
_MEETING = _Layout(
    Meeting,
    [
        ("key", _text),
        ("title", _text),
        ("kind", _enum),
        ("start", _time),
        ("end", _time),
        ("venue", _text),
        ("status", _enum),
        ("uid", _text),
        ("sequence", _whole),
        ("attendance", _ATTENDANCE.many),
        ("minutes_status", _enum),
        ("minutes_approved_on", _day),
        ("items", _ITEM.many),
        ("agenda_published_on", _day),
        ("minutes_approved_at", _text),
        ("minutes_history", _HISTORY.many),
        ("minutes_snapshot", _snapshot),
        ("joining_link", _text),
        ("issued", _ISSUE.many),
        ("began", _time),
        ("ended", _time),
        ("attendees", _ATTENDEE.many),
        ("declarations", _DECLARATION.many),
        ("title_cy", _text),
        ("urgency", _text),
    ],
)
_EVIDENCE = _Layout(
    Evidence,
    [
        ("key", _text),
        ("title", _text),
        ("kind", _enum),
        ("witness", _text),
        ("source", _text),
        ("received", _day),
        ("access", _enum),
        ("summary", _text),
        ("tor", _keys),
        ("file", _file),
    ],
)
_NOTE = _Layout(
    Note,
    [
        ("key", _text),
        ("text", _text),
        ("created", _time),
        ("tor", _keys),
        ("meeting", _text),
        ("item", _text),
        ("witnesses", _keys),
        ("evidence", _text),
        ("access", _enum),
    ],
)
_PROGRESS = _Layout(ProgressUpdate, [("date", _day), ("text", _text)])
_RECOMMENDATION = _Layout(
    Recommendation,
    [
        ("key", _text),
        ("text", _text),
        ("lead", _text),
        ("due", _day),
        ("status", _enum),
        ("response", _text),
        ("tor", _keys),
        ("progress", _PROGRESS.many),
        ("notes", _keys),
        ("response_due", _day),
        ("responded_on", _day),
        ("response_outcome", _maybe_enum),
    ],
)
_ACTION = _Layout(
    Action,
    [
        ("key", _text),
        ("text", _text),
        ("owner", _text),
        ("due", _day),
        ("status", _enum),
        ("meeting", _text),
        ("access", _enum),
    ],
)
_PARAGRAPH = _Layout(
    ReportParagraph,
    [
        ("key", _text),
        ("place", _text),
        ("text", _text),
        ("access", _enum),
        ("notes", _keys),
        ("evidence", _keys),
        ("recommendations", _keys),
    ],
)


def _report_content(value: ReportDocView, indent: str) -> str:
    return plain_json(report_plain(value), indent)


_REPORT_VERSION = _Layout(
    ReportVersion,
    [
        ("number", _text),
        ("purpose", _enum),
        ("made", _time),
        ("content", _report_content),
        ("meeting", _text),
        ("note", _text),
    ],
)
_COMMENT = _Layout(
    ReportComment,
    [
        ("version", _text),
        ("paragraph", _text),
        ("member", _text),
        ("text", _text),
        ("received", _day),
    ],
)
_CONSIDERATION = _Layout(
    ReportConsideration,
    [
        ("version", _text),
        ("paragraph", _text),
        ("meeting", _text),
        ("outcome", _enum),
        ("item", _text),
        ("amendment", _text),
    ],
)
_REVIEW_REPORT = _Layout(
    ReviewReport,
    [
        ("title", _text),
        ("paragraphs", _PARAGRAPH.many),
        ("versions", _REPORT_VERSION.many),
        ("comments", _COMMENT.many),
        ("considerations", _CONSIDERATION.many),
        ("submitted_on", _day),
        ("submitted_to", _text),
        ("response_months", _whole),
    ],
)
_REVIEW = _Layout(
    Review,
    [
        ("title", _text),
        ("body", _text),
        ("summary", _text),
        ("status", _enum),
        ("timezone", _text),
        ("contact", _CONTACT.one),
        ("panel", _MEMBER.many),
        ("terms_of_reference", _TOR.many),
        ("exclusions", _EXCLUSION.many),
        ("interfaces", _INTERFACE.many),
        ("milestones", _MILESTONE.many),
        ("witnesses", _WITNESS.many),
        ("meetings", _MEETING.many),
        ("evidence", _EVIDENCE.many),
        ("notes", _NOTE.many),
        ("recommendations", _RECOMMENDATION.many),
        ("actions", _ACTION.many),
        ("clear_days", _whole),
        ("exclusion_resolution", _text),
        ("web_page", _text),
        ("calendar_public_titles", _truth),
        ("quorum", _whole),
        ("minute_numbers", _truth),
        ("year_start", _MONTH_DAY.write),
        ("interests", _INTEREST.many),
        ("language", _enum),
        ("country", _enum),
        ("report", _REVIEW_REPORT.write),
        ("retention_until", _day),
        ("privacy_notice", _text),
    ],
)


def review_chunks(
    format_name: str,
    version: int,
    review: Review,
    lists: Mapping[str, Iterable[Any]] | None = None,
) -> Iterator[str]:
    """The whole file's text in pieces (a record of the review's lists at a time), so
    that a large review's file need never be held whole: joined, ``review_text``.
    ``lists``: some of the review's lists by field name ("notes", "evidence"), written
    as their records come instead of the review's own (a large review's notes and
    files need not all be in memory before the file is written)."""
    yield f'{{\n{STEP}"format": {encode_basestring(format_name)},\n'
    yield f'{STEP}"version": {int.__repr__(version)},\n{STEP}"review": '
    yield from _REVIEW.chunks(review, STEP, lists)
    yield "\n}\n"


def review_text(format_name: str, version: int, review: Review) -> str:
    """The whole file's text: format, version and the review, and a final newline."""
    return "".join(review_chunks(format_name, version, review))
