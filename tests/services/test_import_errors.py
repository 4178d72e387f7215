"""Malformed review files are refused whole, with every problem named by its path.

Each case mutates a copy of the spec's example (or its raw bytes) so that it breaks
exactly one rule, imports it into a database that already holds the shipped sample,
and checks three things: a ValidationError, the path and message of the problem, and
that not one row of any table changed. Every case runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from scrutiny_desk.cli import main
from scrutiny_desk.domain.errors import Problem, ValidationError
from scrutiny_desk.domain.rules import MAX_ATTACHMENT_BYTES
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services.codec import CURRENT_VERSION
from scrutiny_desk.services.container import Services
from scrutiny_desk.store.orm import Base

from .old_versions import as_version_6, as_version_7, as_version_8

Make = Callable[[bytes], bytes]
Expect = tuple[str, str]  # (problem path, phrase of its message)
_DELETE = object()
BACKENDS = ("sqlite", "postgresql")  # as in tests/conftest.py


# Helpers ----------------------------------------------------------------------------


def table_counts(services: Services) -> dict[str, int]:
    """Rows in every table of the schema."""
    with services.db.reading() as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def _steps(path: str) -> list[str | int]:
    """Split a path: "review.meetings[0].items" -> ["review", "meetings", 0, "items"]."""
    return [
        int(index) if index else name for name, index in re.findall(r"([A-Za-z_]+)|\[(\d+)\]", path)
    ]


def _walk(document: Any, path: str) -> tuple[Any, str | int]:
    steps = _steps(path)
    node = document
    for step in steps[:-1]:
        node = node[step]
    return node, steps[-1]


def edit(*changes: tuple[str, Any]) -> Make:
    """Set (or with _DELETE remove) fields of the example, by path from the file's root."""

    def make(example: bytes) -> bytes:
        document = json.loads(example)
        for path, value in changes:
            parent, last = _walk(document, path)
            if value is _DELETE:
                del parent[last]
            else:
                parent[last] = value
        return json.dumps(document, indent=2).encode("utf-8")

    return make


def append(path: str, value: Any) -> Make:
    """Append to a list of the example."""

    def make(example: bytes) -> bytes:
        document = json.loads(example)
        parent, last = _walk(document, path)
        parent[last].append(value)
        return json.dumps(document, indent=2).encode("utf-8")

    return make


def whole(value: Callable[[dict[str, Any]], Any]) -> Make:
    """Replace the whole document with something built from it."""

    def make(example: bytes) -> bytes:
        return json.dumps(value(json.loads(example))).encode("utf-8")

    return make


def raw(change: Callable[[bytes], bytes]) -> Make:
    """Change the file's bytes; the change must take effect."""

    def make(example: bytes) -> bytes:
        changed = change(example)
        assert changed != example
        return changed

    return make


def replace_once(old: bytes, new: bytes) -> Make:
    return raw(lambda data: data.replace(old, new, 1))


def nested_tor(depth: int) -> dict[str, Any]:
    """A terms-of-reference chain ``depth`` levels deep."""
    node: dict[str, Any] = {"key": f"deep{depth - 1}", "text": "Deepest"}
    for level in range(depth - 2, -1, -1):
        node = {"key": f"deep{level}", "text": "Deeper", "children": [node]}
    return node


@dataclass(frozen=True)
class Case:
    id: str
    make: Make
    expect: tuple[Expect, ...]
    xfail: str | None = None

    def param(self) -> Any:
        marks = [pytest.mark.xfail(reason=self.xfail, strict=True)] if self.xfail else []
        return pytest.param(self, id=self.id, marks=marks)


def case(id: str, make: Make, *expect: Expect, xfail: str | None = None) -> Case:
    return Case(id, make, expect, xfail)


M0, M1 = "review.meetings[0]", "review.meetings[1]"
UID0 = "3f0b6d1e-0c51-4f7e-9a57-1d6a1c0e2a11"
NEW_UID = "7d9a3c52-65a4-4b0e-8d33-0f3e2b8b9c01"
# codec.MAX_DEPTH is 32: the first value deeper than that, in a fourth top-level tor item.
DEEP_PATH = "review.terms_of_reference[3]" + ".children[0]" * 15

# The cases ----------------------------------------------------------------------------

CASES = [
    # References of every kind.
    case(
        "ref-item-witness",
        edit((f"{M0}.items[1].witnesses", ["w9"])),
        (f"{M0}.items[1].witnesses[0]", 'no witness with key "w9"'),
    ),
    case(
        "ref-item-tor",
        edit((f"{M1}.items[1].tor", ["forensics", "t9"])),
        (f"{M1}.items[1].tor[1]", 'no terms-of-reference item with key "t9"'),
    ),
    case(
        "ref-attendance-member",
        edit((f"{M1}.attendance[1].member", "nobody")),
        (f"{M1}.attendance[1].member", 'no panel member with key "nobody"'),
    ),
    case(
        "ref-evidence-witness",
        edit(("review.evidence[0].witness", "w9")),
        ("review.evidence[0].witness", 'no witness with key "w9"'),
    ),
    case(
        "ref-evidence-tor",
        edit(("review.evidence[0].tor", ["scale", "t9"])),
        ("review.evidence[0].tor[1]", 'no terms-of-reference item with key "t9"'),
    ),
    case(
        "ref-note-tor",
        edit(("review.notes[2].tor", ["t9"])),
        ("review.notes[2].tor[0]", 'no terms-of-reference item with key "t9"'),
    ),
    case(
        "ref-note-meeting",
        edit(("review.notes[2].meeting", "m9")),
        ("review.notes[2].meeting", 'no meeting with key "m9"'),
    ),
    case(
        "ref-note-item",
        edit(("review.notes[2].item", "i9")),
        ("review.notes[2].item", 'no agenda item with key "i9"'),
    ),
    case(
        "ref-note-witness",
        edit(("review.notes[2].witness", "w9")),
        ("review.notes[2].witness", 'no witness with key "w9"'),
    ),
    case(
        "ref-note-evidence",
        edit(("review.notes[0].evidence", "e9")),
        ("review.notes[0].evidence", 'no evidence with key "e9"'),
    ),
    case(
        "ref-recommendation-tor",
        edit(("review.recommendations[1].tor", ["practice", "t9"])),
        ("review.recommendations[1].tor[1]", 'no terms-of-reference item with key "t9"'),
    ),
    case(
        "ref-action-meeting",
        edit(("review.actions[0].meeting", "m9")),
        ("review.actions[0].meeting", 'no meeting with key "m9"'),
    ),
    case(
        "ref-listed-twice",
        edit((f"{M0}.items[2].tor", ["impact", "impact"])),
        (f"{M0}.items[2].tor[1]", '"impact" is listed twice'),
    ),
    case(
        "ref-attendance-twice",
        edit((f"{M1}.attendance[1].member", "sumray")),
        (f"{M1}.attendance[1].member", '"sumray" is recorded twice'),
    ),
    case(
        "note-item-of-another-meeting",
        edit(("review.notes[0].item", "ev2-forensics")),
        ("review.notes[0].meeting", 'item "ev2-forensics" belongs to meeting "ev2", not "ev1"'),
    ),
    # Duplicate keys.
    case(
        "dup-panel",
        edit(("review.panel[5].key", "sumray")),
        (
            "review.panel[5].key",
            'duplicate panel member key "sumray" (first used at review.panel[0])',
        ),
    ),
    case(
        "dup-witness",
        append("review.witnesses", {"key": "cps", "name": "Another"}),
        ("review.witnesses[3].key", 'duplicate witness key "cps"'),
    ),
    case(
        "dup-tor-across-depths",
        edit(("review.terms_of_reference[2].children[2].key", "strategy")),
        (
            "review.terms_of_reference[2].children[2].key",
            'duplicate terms-of-reference key "strategy"',
        ),
    ),
    case(
        "dup-tor-top-level-after-child",
        append("review.terms_of_reference", {"key": "scale", "text": "Again"}),
        ("review.terms_of_reference[3].key", 'duplicate terms-of-reference key "scale"'),
    ),
    case(
        "dup-meeting",
        edit((f"{M1}.key", "ev1")),
        (f"{M1}.key", 'duplicate meeting key "ev1" (first used at review.meetings[0])'),
    ),
    case(
        "dup-item-across-meetings",
        edit((f"{M1}.items[0].key", "ev1-apologies")),
        (
            f"{M1}.items[0].key",
            'duplicate item key "ev1-apologies" (first used at review.meetings[0].items[0])',
        ),
    ),
    case(
        "dup-meeting-uid-in-file",
        edit((f"{M1}.uid", UID0)),
        (f"{M1}.uid", f'duplicate meeting uid "{UID0}"'),
    ),
    case(
        "dup-evidence",
        append(
            "review.evidence", {"key": "q1", "title": "Again", "kind": "written", "access": "open"}
        ),
        ("review.evidence[1].key", 'duplicate evidence key "q1"'),
    ),
    case(
        "dup-note",
        edit(("review.notes[2].key", "n1")),
        ("review.notes[2].key", 'duplicate note key "n1"'),
    ),
    case(
        "dup-recommendation",
        edit(("review.recommendations[1].key", "r1")),
        ("review.recommendations[1].key", 'duplicate recommendation key "r1"'),
    ),
    case(
        "dup-action",
        append("review.actions", {"key": "a1", "text": "Again", "status": "open"}),
        ("review.actions[1].key", 'duplicate action key "a1"'),
    ),
    # Wrong types.
    case(
        "type-sequence-string",
        edit((f"{M0}.sequence", "1")),
        (f"{M0}.sequence", "'1' is not of type 'integer', 'null'"),
    ),
    case(
        "type-sequence-negative",
        edit((f"{M0}.sequence", -1)),
        (f"{M0}.sequence", "-1 is less than the minimum of 0"),
    ),
    case(
        "type-done-string",
        edit(("review.milestones[0].done", "yes")),
        ("review.milestones[0].done", "'yes' is not of type 'boolean'"),
    ),
    case(
        "type-title-null",
        edit(("review.title", None)),
        ("review.title", "None is not of type 'string'"),
    ),
    case("type-title-blank", edit(("review.title", "   ")), ("review.title", "must not be empty")),
    case(
        "type-panel-not-list",
        edit(("review.panel", {"key": "sumray"})),
        ("review.panel", "{'key': 'sumray'} is not of type 'array'"),
    ),
    case("type-version-string", edit(("version", "1")), ("version", "must be a whole number")),
    case(
        "missing-required-field",
        edit((f"{M0}.items[1].kind", _DELETE)),
        (f"{M0}.items[1]", "'kind' is missing"),
    ),
    # Bad enumerations.
    case(
        "enum-meeting-kind",
        edit((f"{M0}.kind", "hearing")),
        (f"{M0}.kind", '"hearing" is not one of "evidence", "deliberative", "visit"'),
    ),
    case(
        "enum-review-status",
        edit(("review.status", "finished")),
        ("review.status", '"finished" is not one of "scoping"'),
    ),
    case(
        "enum-recommendation-status",
        edit(("review.recommendations[0].status", "accepted")),
        ("review.recommendations[0].status", '"accepted" is not one of'),
    ),
    case(
        "enum-member-role",
        edit(("review.panel[1].role", "Chair")),
        ("review.panel[1].role", '"Chair" is not one of "chair", "vice-chair", "member"'),
    ),
    # Dates and times.
    case(
        "date-impossible",
        edit(("review.milestones[0].date", "2007-02-30")),
        ("review.milestones[0].date", '"2007-02-30" is not a date (YYYY-MM-DD)'),
    ),
    case(
        "date-impossible-minutes",
        edit((f"{M0}.minutes_approved_on", "2007-13-01")),
        (f"{M0}.minutes_approved_on", '"2007-13-01" is not a date'),
    ),
    case(
        "time-impossible-hour",
        edit((f"{M0}.start", "2007-03-22T25:00")),
        (f"{M0}.start", '"2007-03-22T25:00" is not a local date and time'),
    ),
    case(
        "time-impossible-item",
        edit((f"{M0}.items[1].end", "2007-03-22T15:60")),
        (f"{M0}.items[1].end", '"2007-03-22T15:60" is not a local date and time'),
    ),
    case(
        "time-nonexistent-local",
        edit((f"{M1}.start", "2007-03-25T01:30"), (f"{M1}.end", "2007-03-25T03:00")),
        (
            f"{M1}.start",
            "2007-03-25T01:30 does not exist in Europe/London (the clocks go forward then)",
        ),
    ),
    case(
        "time-nonexistent-item-slot",
        edit(
            (f"{M1}.start", "2007-03-25T00:30"),
            (f"{M1}.end", "2007-03-25T03:00"),
            (f"{M1}.items[1].start", "2007-03-25T01:00"),
            (f"{M1}.items[1].end", "2007-03-25T02:30"),
        ),
        (f"{M1}.items[1].start", "2007-03-25T01:00 does not exist in Europe/London"),
    ),
    case(
        "created-without-offset",
        edit(("review.notes[0].created", "2007-03-22T14:40:00")),
        ("review.notes[0].created", "'2007-03-22T14:40:00' does not match"),
    ),
    case(
        "end-before-start",
        edit((f"{M1}.end", "2007-04-19T09:00")),
        (f"{M1}.end", "must be after the start (2007-04-19T10:00)"),
    ),
    case(
        "end-equals-start",
        edit((f"{M1}.end", "2007-04-19T10:00")),
        (f"{M1}.end", "must be after the start"),
    ),
    case(
        "slot-end-before-start",
        edit((f"{M0}.items[1].end", "2007-03-22T14:00")),
        (f"{M0}.items[1].end", "must be after the slot's start"),
    ),
    case(
        "slot-outside-meeting",
        edit((f"{M0}.items[1].start", "2007-03-22T13:00")),
        (
            f"{M0}.items[1].start",
            "the slot must lie inside its meeting (2007-03-22T14:00 to 2007-03-22T16:30)",
        ),
    ),
    case(
        "slot-ends-after-meeting",
        edit((f"{M0}.items[2].end", "2007-03-22T16:45")),
        (f"{M0}.items[2].start", "the slot must lie inside its meeting"),
    ),
    case(
        "slot-only-start",
        edit((f"{M1}.items[1].start", "2007-04-19T10:30")),
        (f"{M1}.items[1].end", "a slot needs both a start and an end"),
    ),
    case(
        "slot-only-end",
        edit((f"{M0}.items[1].start", None)),
        (f"{M0}.items[1].start", "a slot needs both a start and an end"),
    ),
    # Conditional rules.
    case(
        "two-chairs",
        edit(("review.panel[3].role", "chair")),
        (
            "review.panel[3].role",
            'a panel has at most one chair; "Richard Sumray" is chair already',
        ),
    ),
    case(
        "closed-item-without-reason",
        edit((f"{M0}.items[2].closed_reason", None)),
        (f"{M0}.items[2].closed_reason", "a closed item needs a reason"),
    ),
    case(
        "closed-item-blank-reason",
        edit((f"{M0}.items[2].closed_reason", " \n ")),
        (f"{M0}.items[2].closed_reason", "a closed item needs a reason"),
    ),
    case(
        "agreed-recommendation-without-lead-and-due",
        edit(("review.recommendations[1].status", "agreed")),
        ("review.recommendations[1].lead", 'a recommendation that is "agreed" needs a lead'),
        ("review.recommendations[1].due", 'a recommendation that is "agreed" needs a due date'),
    ),
    case(
        "implemented-recommendation-blank-lead",
        edit(
            ("review.recommendations[0].status", "implemented"),
            ("review.recommendations[0].lead", "  "),
        ),
        ("review.recommendations[0].lead", 'a recommendation that is "implemented" needs a lead'),
    ),
    case(
        "note-empty-tor",
        edit(("review.notes[2].tor", [])),
        ("review.notes[2].tor", "[] should be non-empty"),
    ),
    case(
        "note-no-tor",
        edit(("review.notes[2].tor", _DELETE)),
        ("review.notes[2]", "'tor' is missing"),
    ),
    case(
        "approved-minutes-without-date",
        edit((f"{M0}.minutes_approved_on", None)),
        (f"{M0}.minutes_approved_on", "is required when the minutes are approved"),
    ),
    # Unknown fields, format and version.
    case(
        "unknown-top-level-field", edit(("comment", "hello")), ("(file)", 'unknown field "comment"')
    ),
    case(
        "unknown-review-field", edit(("review.colour", "red")), ("review", 'unknown field "colour"')
    ),
    case(
        "unknown-nested-field",
        edit((f"{M0}.items[1].room", "B")),
        (f"{M0}.items[1]", 'unknown field "room"'),
    ),
    case(
        "unknown-contact-field",
        edit(("review.contact.twitter", "@mpa")),
        ("review.contact", 'unknown field "twitter"'),
    ),
    case(
        "newer-version",
        edit(("version", CURRENT_VERSION + 1)),
        ("version", f"is {CURRENT_VERSION + 1}, from a newer Scrutiny Desk"),
    ),
    case("version-zero", edit(("version", 0)), ("version", "0 is not a format version")),
    case(
        "wrong-format",
        edit(("format", "scrutiny-desk.meeting")),
        ("format", 'must be "scrutiny-desk.review"'),
    ),
    case("missing-format", edit(("format", _DELETE)), ("format", 'must be "scrutiny-desk.review"')),
    # Not a JSON object at all.
    case("not-json", raw(lambda _: b"title: Drugs Scrutiny\n"), ("(file)", "is not JSON")),
    case("truncated-json", raw(lambda data: data[: len(data) // 2]), ("(file)", "is not JSON")),
    case(
        "not-utf8",
        replace_once(b'"Drugs Scrutiny"', '"Drugs Scrutiny \u00e9"'.encode("latin-1")),
        ("(file)", "is not UTF-8 text (byte "),
    ),
    case(
        "utf16",
        raw(lambda data: data.decode("utf-8").encode("utf-16")),
        ("(file)", "is not UTF-8 text (byte 0)"),
    ),
    case("empty-file", raw(lambda _: b""), ("(file)", "is empty")),
    case("blank-file", raw(lambda _: b"\xef\xbb\xbf \n\t\n"), ("(file)", "is empty")),
    case(
        "json-array",
        whole(lambda document: [document]),
        ("(file)", "is not a Scrutiny Desk review (expected a JSON object)"),
    ),
    case(
        "json-string",
        raw(lambda _: b'"scrutiny-desk.review"'),
        ("(file)", "is not a Scrutiny Desk review (expected a JSON object)"),
    ),
    case(
        "duplicate-field-name",
        replace_once(
            b'"title": "Drugs Scrutiny",', b'"title": "Other",\n    "title": "Drugs Scrutiny",'
        ),
        ("(file)", 'has the field "title" twice in one object'),
    ),
    case(
        "nan",
        replace_once(b'"sequence": 1', b'"sequence": NaN'),
        ("(file)", "contains NaN, which JSON does not allow"),
    ),
    case(
        "infinity",
        replace_once(b'"sequence": 1', b'"sequence": -Infinity'),
        ("(file)", "contains -Infinity"),
    ),
    case(
        "nested-too-deeply-for-json",
        raw(lambda _: b"[" * 100_000 + b"]" * 100_000),
        ("[0]" * 33, "is nested too deeply"),  # as deep as codec.MAX_DEPTH allows, and one
    ),
    case(
        "nested-10000-deep-in-a-field",
        replace_once(b'"sequence": 1', b'"sequence": ' + b"[" * 10_000 + b"]" * 10_000),
        (f"{M0}.sequence" + "[0]" * 29, "is nested too deeply"),
    ),
    case(
        "number-of-5000-digits",
        replace_once(b'"sequence": 1', b'"sequence": ' + b"9" * 5_000),
        (f"{M0}.sequence", "is a number of 5,000 digits, too long to be read"),
    ),
    case(
        "negative-number-of-5000-digits-in-a-list",
        replace_once(b'"sequence": 1', b'"sequence": [0, -' + b"9" * 5_000 + b"]"),
        (f"{M0}.sequence[1]", "is a number of 5,000 digits"),
    ),
    case(
        "tor-nested-too-deeply",
        append("review.terms_of_reference", nested_tor(20)),
        (DEEP_PATH, "is nested too deeply"),
    ),
    # Text that cannot be stored.
    case(
        "nul-in-title",
        edit(("review.title", "Drugs\u0000 Scrutiny")),
        ("review.title", "contains a NUL character, which cannot be stored"),
    ),
    case(
        "nul-in-key",
        edit(("review.witnesses[2].key", "fo\u0000rensic")),
        ("review.witnesses[2].key", "contains a NUL character"),
    ),
    case(
        "surrogate-in-note",
        replace_once(b'"Charging delays', b'"\\ud800Charging delays'),
        (
            "review.notes[0].text",
            "contains an unpaired surrogate (invalid Unicode), which cannot be stored",
        ),
    ),
    case(
        "low-surrogate-in-minute",
        replace_once(b'"Apologies were received', b'"Apologies \\udc00were received'),
        (f"{M0}.items[0].minute", "contains an unpaired surrogate"),
    ),
    case(
        "surrogate-in-field-name",
        replace_once(b'"contact": {', b'"contact": {"na\\ud800me": "x", '),
        ("review.contact", "a field name contains an unpaired surrogate"),
    ),
    # Time zones.
    case(
        "unknown-time-zone",
        edit(("review.timezone", "Mars/Olympus")),
        ("review.timezone", '"Mars/Olympus" is not a known IANA time zone'),
    ),
    case(
        "hostile-time-zone",
        edit(("review.timezone", "../../../etc/passwd")),
        ("review.timezone", '"../../../etc/passwd" is not a known IANA time zone'),
    ),
    case(
        "time-zone-wrong-case",
        edit(("review.timezone", "europe/london")),
        ("review.timezone", '"europe/london" is not a known IANA time zone'),
    ),
    # Limits of the columns and of the calendar, found while writing these tests.
    case(
        "key-longer-than-column",
        edit(("review.witnesses[2].key", "k" * 201), (f"{M1}.items[1].witnesses", ["k" * 201])),
        ("review.witnesses[2].key", ""),
    ),
    case(
        "sequence-beyond-int4",
        edit((f"{M0}.sequence", 2**31)),
        (f"{M0}.sequence", ""),
    ),
    case(
        "sequence-beyond-int64",
        edit((f"{M0}.sequence", 2**63)),
        (f"{M0}.sequence", ""),
    ),
    case(
        "created-before-year-1-utc",
        edit(("review.notes[0].created", "0001-01-01T00:30:00+01:00")),
        ("review.notes[0].created", ""),
    ),
    case(
        "meeting-after-year-9999-utc",
        edit(
            ("review.timezone", "America/New_York"),
            (f"{M1}.start", "9999-12-31T20:00"),
            (f"{M1}.end", "9999-12-31T23:00"),
        ),
        (f"{M1}.end", ""),
    ),
    case(
        "tor-nested-300-deep",
        append("review.terms_of_reference", nested_tor(300)),
        (DEEP_PATH, "is nested too deeply"),
    ),
    case(
        "tor-nested-300-deep-and-a-schema-error",
        lambda example: edit((f"{M0}.sequence", "1"))(
            append("review.terms_of_reference", nested_tor(300))(example)
        ),
        (DEEP_PATH, "is nested too deeply"),
    ),
    case(
        "empty-time-zone",
        edit(("review.timezone", "")),
        ("review.timezone", '"" is not a known IANA time zone'),
    ),
]


# Version 3 ------------------------------------------------------------------------------
# These start from the shipped sample (a version 3 file) with its meeting UIDs removed, so
# that it could be imported beside the copy the database already holds.

SAMPLE = resource_path("samples/drugs-scrutiny.json")
E4 = "review.evidence[4]"  # the visit note, which has a file attached
R2 = "review.recommendations[2]"


def as_v6(*changes: tuple[str, Any]) -> Make:
    """The shipped sample (UIDs removed) as version 6 wrote it, then changed."""

    def make(_example: bytes) -> bytes:
        document = as_version_6(as_version_7(as_version_8(json.loads(SAMPLE.read_bytes()))))
        for meeting in document["review"]["meetings"]:
            meeting["uid"] = None
        return edit(*changes)(json.dumps(document).encode("utf-8"))

    return make


def v3(*changes: tuple[str, Any]) -> Make:
    def make(_example: bytes) -> bytes:
        document = json.loads(SAMPLE.read_bytes())
        for meeting in document["review"]["meetings"]:
            meeting["uid"] = None
        return edit(*changes)(json.dumps(document).encode("utf-8"))

    return make


FILE = {"name": "a.pdf", "media_type": "application/pdf", "content": "JVBERi0xLjQK"}
OVER_LIMIT = base64.b64encode(bytes(MAX_ATTACHMENT_BYTES + 1)).decode("ascii")

CASES += [
    case("v3-the-sample-itself", v3(("review.title", " ")), ("review.title", "must not be empty")),
    case(
        "v3-note-witness-unknown",
        v3(("review.notes[0].witnesses", ["mps-drugs", "w9"])),
        ("review.notes[0].witnesses[1]", 'no witness with key "w9"'),
    ),
    case(
        "v3-note-witness-twice",
        v3(("review.notes[0].witnesses", ["cps", "cps"])),
        ("review.notes[0].witnesses[1]", '"cps" is listed twice'),
    ),
    case(
        "v3-note-old-witness-field",
        v3(("review.notes[0].witness", "cps")),
        ("review.notes[0]", 'unknown field "witness"'),
    ),
    case(
        "v2-note-new-witnesses-field",
        edit(("version", 2), ("review.notes[2].witnesses", ["cps"])),
        ("review.notes[2]", 'unknown field "witnesses"'),
    ),
    case(
        "v3-note-witnesses-not-a-list",
        v3(("review.notes[0].witnesses", "cps")),
        ("review.notes[0].witnesses", "'cps' is not of type 'array'"),
    ),
    case(
        "v3-recommendation-note-unknown",
        v3((f"{R2}.notes", ["n6", "n99"])),
        (f"{R2}.notes[1]", 'no note with key "n99"'),
    ),
    case(
        "v3-recommendation-note-twice",
        v3((f"{R2}.notes", ["n6", "n6"])),
        (f"{R2}.notes[1]", '"n6" is listed twice'),
    ),
    case(
        "v3-progress-bad-date",
        v3((f"{R2}.progress[0].date", "2007-02-30")),
        (f"{R2}.progress[0].date", '"2007-02-30" is not a date (YYYY-MM-DD)'),
    ),
    case(
        "v3-progress-blank-text",
        v3((f"{R2}.progress[0].text", "  ")),
        (f"{R2}.progress[0].text", "must not be empty"),
    ),
    case(
        "v3-progress-missing-date",
        v3((f"{R2}.progress[0].date", _DELETE)),
        (f"{R2}.progress[0]", "'date' is missing"),
    ),
    case(
        "v3-progress-unknown-field",
        v3((f"{R2}.progress[0].by", "MPS")),
        (f"{R2}.progress[0]", 'unknown field "by"'),
    ),
    case(
        "v3-file-bad-base64",
        v3((f"{E4}.file.content", "not base64!")),
        (f"{E4}.file.content", "is not valid base64"),
    ),
    case(
        "v3-file-base64-without-padding",
        v3((f"{E4}.file.content", "JVBERi0xLjQ")),
        (f"{E4}.file.content", "is not valid base64"),
    ),
    case(
        "v3-file-base64-with-line-breaks",
        v3((f"{E4}.file.content", "JVBE\nRi0xLjQK")),
        (f"{E4}.file.content", "is not valid base64"),
    ),
    case(
        "v3-file-name-empty",
        v3((f"{E4}.file.name", "")),
        (f"{E4}.file.name", "'' should be non-empty"),
    ),
    case(
        "v3-file-name-blank",
        v3((f"{E4}.file.name", "  ")),
        (f"{E4}.file.name", "must not be empty"),
    ),
    case(
        "v3-file-name-with-folder",
        v3((f"{E4}.file.name", "../../etc/passwd")),
        (f"{E4}.file.name", "must be a file name only, without folders"),
    ),
    case(
        "v3-file-name-windows-folder",
        v3((f"{E4}.file.name", "C:\\Users\\clerk\\note.txt")),
        (f"{E4}.file.name", "must be a file name only, without folders"),
    ),
    case(
        "v3-file-name-control-character",
        v3((f"{E4}.file.name", "note\u0007.txt")),
        (f"{E4}.file.name", "must be a file name only"),
    ),
    case(
        "v3-file-media-type",
        v3((f"{E4}.file.media_type", "text")),
        (f"{E4}.file.media_type", '"text" is not a media type such as "application/pdf"'),
    ),
    case(
        "v3-file-missing-content",
        v3((f"{E4}.file.content", _DELETE)),
        (f"{E4}.file", "'content' is missing"),
    ),
    case(
        "v3-file-unknown-field",
        v3((f"{E4}.file.size", 10)),
        (f"{E4}.file", 'unknown field "size"'),
    ),
    case(
        "v2-evidence-file",
        edit(("version", 2), ("review.evidence[0].file", FILE)),
        ("review.evidence[0]", 'unknown field "file"'),
    ),
    case(
        "v3-file-over-the-limit",
        v3((f"{E4}.file.content", OVER_LIMIT)),
        (f"{E4}.file.content", "the file is 20.1 MB; an attached file may be at most 20 MB"),
    ),
]


# Version 6: the procedural record, on the shipped sample's "recs" meeting (its
# attendees: holloway substitutes for hockney, ashraf-malik and okafor are officers,
# marsh is also present; mccartney arrived at item 3, prem left after item 4).

RECS = "review.meetings[6]"
VOTE = f"{RECS}.items[4].resolutions[0].vote"  # by name: sumray, barnes, mccartney,
# howlett, holloway; whittaker left the room, prem had left
v6 = v3

CASES += [
    case(
        "v6-quorum-zero",
        v6(("review.quorum", 0)),
        ("review.quorum", "0 is less than the minimum of 1"),
    ),
    case(
        "v6-year-start-30-february",
        v6(("review.year_start", {"month": 2, "day": 30})),
        ("review.year_start", "must be a day from 1 to 29 of that month"),
    ),
    case(
        "v6-interest-of-no-member",
        v6(("review.interests[0].member", "nobody")),
        ("review.interests[0].member", 'no panel member with key "nobody"'),
    ),
    case(
        "v6-interest-blank",
        v6(("review.interests[1].text", "  ")),
        ("review.interests[1].text", "must not be empty"),
    ),
    case(
        "v6-interest-category-unknown",
        v6(("review.interests[1].category", "pecuniary")),
        ("review.interests[1].category", '"pecuniary" is not one of "disclosable-pecuniary"'),
    ),
    case(
        "v6-arrived-at-another-meetings-item",
        v6((f"{RECS}.attendance[3].arrived", "ev4-jrf")),
        (f"{RECS}.attendance[3].arrived", "is not an item of this meeting"),
    ),
    case(
        "v6-left-before-arriving",
        v6((f"{RECS}.attendance[3].left", "recs-declarations")),
        (f"{RECS}.attendance[3].left", "is before the item the person arrived at"),
    ),
    case(
        "v6-attendee-left-at-another-meetings-item",
        v6((f"{RECS}.attendees[3].left", "ev4-soca")),
        (f"{RECS}.attendees[3].left", "is not an item of this meeting"),
    ),
    case(
        "v6-attendee-key-of-a-member",
        v6((f"{RECS}.attendees[3].key", "sumray")),
        (f"{RECS}.attendees[3].key", '"sumray" is the key of a panel member'),
    ),
    case(
        "v6-attendee-key-used-at-another-meeting",
        v6(("review.meetings[5].attendees", [{"key": "okafor", "kind": "officer", "name": "P"}])),
        (
            f"{RECS}.attendees[2].key",
            'duplicate attendee key "okafor" (first used at review.meetings[5].attendees[0])',
        ),
    ),
    case(
        "v6-attendee-blank-name",
        v6((f"{RECS}.attendees[2].name", " ")),
        (f"{RECS}.attendees[2].name", "must not be empty"),
    ),
    case(
        "v6-substitute-for-nobody",
        v6((f"{RECS}.attendees[0].substitute_for", None)),
        (f"{RECS}.attendees[0].substitute_for", "a substitute names the member they attend for"),
    ),
    case(
        "v6-substitute-for-no-member",
        v6((f"{RECS}.attendees[0].substitute_for", "nobody")),
        (f"{RECS}.attendees[0].substitute_for", 'no panel member with key "nobody"'),
    ),
    case(
        "v6-officer-attending-for-a-member",
        v6((f"{RECS}.attendees[1].substitute_for", "hockney")),
        (f"{RECS}.attendees[1].substitute_for", "only a substitute attends for a member"),
    ),
    case(
        "v6-declaration-by-someone-also-present",
        v6((f"{RECS}.declarations[0].member", "marsh")),
        (
            f"{RECS}.declarations[0].member",
            'no panel member, nor substitute at this meeting, with key "marsh"',
        ),
    ),
    case(
        "v6-declaration-on-another-meetings-item",
        v6((f"{RECS}.declarations[1].item", "ev4-jrf")),
        (f"{RECS}.declarations[1].item", 'no item of this meeting with key "ev4-jrf"'),
    ),
    case(
        "v6-declaration-with-a-nul",
        v6((f"{RECS}.declarations[1].nature", "Employment\u0000")),
        (f"{RECS}.declarations[1].nature", "contains a NUL character"),
    ),
    case(
        "v6-vote-by-a-member-who-had-left",
        v6((f"{VOTE}.casts[4].person", "prem")),
        (f"{VOTE}.casts[4]", "Aneeta Prem was not present for item 5 and cannot vote on it"),
    ),
    case(
        "v6-vote-by-an-officer",
        v6((f"{VOTE}.casts[0].person", "okafor")),
        (f"{VOTE}.casts[0]", "okafor was not present for item 5 and cannot vote on it"),
    ),
    case(
        "v6-vote-by-name-twice",
        v6((f"{VOTE}.casts[1].person", "sumray")),
        (f"{VOTE}.casts[1]", "Richard Sumray is named twice"),
    ),
    case(
        "v6-vote-counts-not-the-tallies",
        v6((f"{VOTE}.in_favour", 4)),
        (VOTE, "the counts must be the tallies of the names"),
    ),
    case(
        "v6-vote-counts-above-those-present",
        v6((f"{RECS}.items[4].resolutions[1].vote.in_favour", 7)),
        (
            f"{RECS}.items[4].resolutions[1].vote",
            "7 votes recorded, but only 6 members present for item 5",
        ),
    ),
    case(
        "v6-resolution-blank",
        v6((f"{RECS}.items[3].resolutions[0].text", "\t")),
        (f"{RECS}.items[3].resolutions[0].text", "must not be empty"),
    ),
    case(
        "v6-standard-report-item",
        v6((f"{RECS}.items[3].standard", "apologies")),
        (f"{RECS}.items[3].standard", "only a procedural item is a standard item"),
    ),
    case(
        "v6-ended-before-it-began",
        v6((f"{RECS}.ended", "2007-05-14T13:00")),
        (f"{RECS}.ended", "must be after the meeting began"),
    ),
    case(
        "v6-began-in-the-skipped-hour",
        v6((f"{RECS}.began", "2007-03-25T01:30"), (f"{RECS}.ended", None)),
        (f"{RECS}.began", "2007-03-25T01:30 does not exist in Europe/London"),
    ),
    case(
        "v5-file-with-the-fields-of-version-6",
        as_v6(("version", 5)),
        ("review", 'unknown fields "interests", "minute_numbers", "quorum", "year_start"'),
        (M0, 'unknown fields "attendees", "began", "declarations", "ended"'),
        (f"{M0}.attendance[0]", 'unknown fields "arrived", "left"'),
        (f"{M0}.items[0]", 'unknown fields "resolutions", "standard"'),
    ),
]


# Version 7: the papers' language, the body's country, Welsh titles and reports, on the
# shipped sample's report (a held PDF on item 4 of its "recs" meeting).

REPORT = f"{RECS}.items[3].reports[0]"
v7 = v3
NOT_A_PDF = base64.b64encode(b"PK\x03\x04 a Word file renamed").decode("ascii")
ANOTHER = {"key": "recs-findings-report", "title": "Again", "file": FILE}

CASES += [
    case(
        "v6-file-with-the-fields-of-version-7",
        v7(("version", 6)),
        ("review", 'unknown fields "country", "language"'),
        (M0, 'unknown fields "title_cy", "urgency"'),
        (f"{M0}.items[0]", 'unknown fields "public_title_cy", "reports", "title_cy"'),
    ),
    case(
        "v7-language-unknown",
        v7(("review.language", "fr")),
        ("review.language", '"fr" is not one of "en", "cy", "cy-en"'),
    ),
    case(
        "v7-country-unknown",
        v7(("review.country", "scotland")),
        ("review.country", '"scotland" is not one of "england", "wales"'),
    ),
    case(
        "v7-welsh-title-with-a-nul",
        v7((f"{RECS}.items[3].title_cy", "Crynodeb\u0000")),
        (f"{RECS}.items[3].title_cy", "contains a NUL character"),
    ),
    case(
        "v7-report-with-a-file-and-evidence",
        v7((f"{REPORT}.evidence", "visit-note")),
        (REPORT, "a report is either a file held with the item (file) or a piece of evidence"),
    ),
    case(
        "v7-report-with-neither-file-nor-evidence",
        v7((f"{REPORT}.file", None)),
        (REPORT, "a report is either a file held with the item (file) or a piece of evidence"),
    ),
    case(
        "v7-report-of-unknown-evidence",
        v7((f"{REPORT}.file", None), (f"{REPORT}.evidence", "nothing")),
        (f"{REPORT}.evidence", 'no evidence with key "nothing"'),
    ),
    case(
        "v7-report-of-evidence-without-a-file",
        v7((f"{REPORT}.file", None), (f"{REPORT}.evidence", "borough-survey")),
        (f"{REPORT}.evidence", 'the evidence "borough-survey" has no file attached'),
    ),
    case(
        "v7-report-of-evidence-not-a-pdf",
        v7((f"{REPORT}.file", None), (f"{REPORT}.evidence", "visit-note")),
        (
            f"{REPORT}.evidence",
            'the file of the evidence "visit-note" ("visit-note.txt") is not a PDF',
        ),
    ),
    case(
        "v7-held-report-of-another-type",
        v7((f"{REPORT}.file.media_type", "text/plain")),
        (f"{REPORT}.file", '"summary-of-evidence.pdf" is not a PDF'),
    ),
    case(
        "v7-held-report-said-to-be-a-pdf-but-not-one",
        v7((f"{REPORT}.file.content", NOT_A_PDF)),
        (f"{REPORT}.file", '"summary-of-evidence.pdf" is not a PDF'),
    ),
    case(
        "v7-held-report-over-20-mb",
        v7((f"{REPORT}.file.content", OVER_LIMIT)),
        (f"{REPORT}.file.content", "the file is 20.1 MB; an attached file may be at most 20 MB"),
    ),
    case(
        "v7-report-key-twice",
        v7((f"{RECS}.items[4].reports", [ANOTHER])),
        (
            f"{RECS}.items[4].reports[0].key",
            f'duplicate report key "recs-findings-report" (first used at {REPORT})',
        ),
    ),
    case(
        "v7-report-blank-title",
        v7((f"{REPORT}.title", " ")),
        (f"{REPORT}.title", "must not be empty"),
    ),
    case(
        "v7-report-unknown-field",
        v7((f"{REPORT}.pages", 2)),
        (REPORT, 'unknown field "pages"'),
    ),
]


# Tests ------------------------------------------------------------------------------


def assert_refused(services: Services, data: bytes, expect: tuple[Expect, ...]) -> None:
    before = table_counts(services)
    try:
        review_id = services.reviews.import_bytes(data)
    except ValidationError as caught:
        error = caught
    else:
        services.reviews.delete(review_id)  # keep a shared database as it was
        pytest.fail("the file was imported")
    message = str(error)
    for path, phrase in expect:
        assert f"{path}: {phrase}" in message, message
        assert any(p.path == path and phrase in p.message for p in error.problems), message
    assert table_counts(services) == before


def _sample_with_a_register() -> bytes:
    """The shipped sample with one invitation issued for its first meeting, so that
    every table holds rows (the sample has no register: nothing was issued from it)."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from scrutiny_desk.domain.invitation_records import (
        CalendarIssue,
        IssuedTo,
        IssueKind,
        PersonKind,
    )
    from scrutiny_desk.services import codec

    sample = codec.decode(resource_path("samples/drugs-scrutiny.json").read_bytes())
    first, chair = sample.meetings[0], sample.panel[0]
    issue = CalendarIssue(
        datetime(2007, 1, 2, 9, tzinfo=UTC),
        "clerk",
        IssueKind.INVITATION,
        first.uid or "",
        first.sequence,
        (IssuedTo(PersonKind.MEMBER, chair.key, chair.name, "chair@example.org"),),
    )
    meetings = (replace(first, issued=(issue,)), *sample.meetings[1:])
    return codec.encode(replace(sample, meetings=meetings))


@pytest.fixture(scope="module", params=BACKENDS)
def prefilled(
    request: pytest.FixtureRequest,
    sqlite_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Services]:
    """One database per backend for this module, already holding the shipped sample
    (with a register entry).

    Sharing it between cases is sound because every case checks that it left every
    table as it found it; it saves creating a PostgreSQL database per case.
    """
    drop: Callable[[], None] = lambda: None  # noqa: E731
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("import-errors") / "scrutiny-desk.sqlite3"
        shutil.copyfile(sqlite_template, path)
        target = str(path)
    else:
        server = request.getfixturevalue("postgres")
        name = server.create()
        target = server.url(name)
        drop = lambda: server.drop(name)  # noqa: E731
    services = Services.open(target)
    try:
        services.reviews.import_bytes(_sample_with_a_register())
        counts = table_counts(services)
        # the public projection is kept only where the roles are in force (init-postgres)
        if not services.db.managed:
            counts = {t: n for t, n in counts.items() if not t.startswith("public_")}
        assert min(counts.values()) > 0
        yield services
    finally:
        services.close()
        drop()


def test_case_ids_are_unique_and_many() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len([c for c in CASES if not c.xfail]) >= 30


def test_the_unchanged_example_is_accepted(services: Services, example_bytes: bytes) -> None:
    """The baseline every case mutates is valid after re-serialisation."""
    services.reviews.import_bytes(edit()(example_bytes))
    assert table_counts(services)["reviews"] == 1


@pytest.mark.parametrize("bad", [c.param() for c in CASES])
def test_malformed_file_is_refused_and_nothing_is_written(
    prefilled: Services, example_bytes: bytes, bad: Case
) -> None:
    assert_refused(prefilled, bad.make(example_bytes), bad.expect)


def _copy_with_other_keys(example: bytes, uids: list[str]) -> bytes:
    """The example under another title, its meetings and items renamed, with these UIDs."""
    text = example.decode("utf-8")
    for old in ("ev1-apologies", "ev1-cps", "ev1-user", "ev2-minutes", "ev2-forensics"):
        text = text.replace(f'"{old}"', f'"copy-{old}"')
    text = text.replace('"ev1"', '"cp1"').replace('"ev2"', '"cp2"')
    document = json.loads(text)
    document["review"]["title"] = "Drugs Scrutiny (copy)"
    for meeting, uid in zip(document["review"]["meetings"], uids, strict=True):
        meeting["uid"] = uid
    return json.dumps(document, indent=2).encode("utf-8")


def test_meeting_uids_held_by_another_review_are_refused(
    services: Services, example_bytes: bytes
) -> None:
    first = services.reviews.import_bytes(example_bytes)
    generated = services.reviews.document(first).meetings[1].uid
    assert generated
    both = _copy_with_other_keys(example_bytes, [UID0, generated])
    assert_refused(
        services,
        both,
        (
            (
                "review.meetings[0].uid",
                f'meeting UID "{UID0}" is already held by review {first} "Drugs Scrutiny"',
            ),
            (
                "review.meetings[1].uid",
                f'meeting UID "{generated}" is already held by review {first} "Drugs Scrutiny"',
            ),
        ),
    )
    one = _copy_with_other_keys(example_bytes, [NEW_UID, generated])
    assert_refused(
        services,
        one,
        (
            (
                "review.meetings[1].uid",
                f'meeting UID "{generated}" is already held by review {first} "Drugs Scrutiny"',
            ),
        ),
    )
    # With fresh UIDs the same copy is welcome.
    fresh = _copy_with_other_keys(example_bytes, [NEW_UID, None])  # type: ignore[list-item]
    services.reviews.import_bytes(fresh)
    assert len(services.reviews.list()) == 2


# Long bad values ----------------------------------------------------------------------
# A 10 MB value quoted whole made a 10 MB message, which froze the window for 109 s.

MB = 1_000_000
LONG_VALUES = [
    case(
        "type-10mb-string-for-a-number",
        edit((f"{M0}.sequence", "x" * (10 * MB))),
        (f"{M0}.sequence", "'xxxxx"),
        (f"{M0}.sequence", "xxxxx…[9,999,902 characters left out]…xxxxx"),
        (f"{M0}.sequence", "xxxxx' is not of type 'integer', 'null'"),
    ),
    case(
        "enum-long",
        edit((f"{M0}.kind", "h" * MB)),
        (f"{M0}.kind", "characters left out]…hhhhh"),
        (f"{M0}.kind", 'hhhhh" is not one of "evidence", "deliberative", "visit", "other"'),
    ),
    case(
        "unknown-field-long-name",
        edit(("review.witnesses[0]." + "f" * MB, 1)),
        ("review.witnesses[0]", 'unknown field "ffff'),
    ),
    case(
        "unknown-fields-many",
        edit(*((f"review.witnesses[0].x{c}", 1) for c in "abcdefghijkl")),
        (
            "review.witnesses[0]",
            'unknown fields "xa", "xb", "xc", "xd", "xe", "xf", "xg", "xh", "xi", "xj" and 2 more',
        ),
    ),
    case(
        "duplicate-field-long-name",
        replace_once(
            b'"contact": {', b'"contact": {"' + b"n" * MB + b'": 1, "' + b"n" * MB + b'": 2, '
        ),
        ("(file)", 'has the field "nnnn'),
    ),
    case(
        "time-zone-long",
        edit(("review.timezone", "Europe/" + "y" * (MB - 100))),
        ("review.timezone", '"Europe/yyyyy'),
        ("review.timezone", 'yyyyy" is not a known IANA time zone'),
    ),
    case(
        "date-long",
        edit(("review.milestones[0].date", "2007-02-30" + " " * MB)),
        ("review.milestones[0].date", "'2007-02-30      "),
        ("review.milestones[0].date", "      ' does not match '^[0-9]{4}-"),
    ),
]


@pytest.mark.parametrize("bad", [c.param() for c in LONG_VALUES])
def test_a_long_bad_value_is_quoted_short(
    prefilled: Services, example_bytes: bytes, bad: Case
) -> None:
    before = table_counts(prefilled)
    with pytest.raises(ValidationError) as caught:
        prefilled.reviews.import_bytes(bad.make(example_bytes))
    problems = caught.value.problems
    for path, phrase in bad.expect:
        assert any(p.path == path and phrase in p.message for p in problems), problems
    assert all(len(p.message) < 200 for p in problems), problems
    assert len(str(caught.value)) < 500
    assert table_counts(prefilled) == before


def test_problems_beyond_a_hundred_are_counted_not_listed(
    services: Services, example_bytes: bytes
) -> None:
    many = whole(
        lambda d: {
            **d,
            "review": {
                **d["review"],
                "witnesses": [{"key": f"w{n}", "name": "A", "seat": 1} for n in range(5000)],
            },
        }
    )
    with pytest.raises(ValidationError) as caught:
        services.reviews.import_bytes(many(example_bytes))
    problems = caught.value.problems
    assert len(problems) == 101
    assert problems[0].message == 'unknown field "seat"'
    assert problems[-1] == Problem("(file)", "has 4,900 more problems")


THREE_PROBLEMS = edit(
    (f"{M0}.items[1].witnesses", ["w9"]),
    ("review.panel[3].role", "chair"),
    ("review.actions[0].meeting", "m9"),
)
THREE_SCHEMA_PROBLEMS = edit(
    (f"{M0}.sequence", "1"),
    (f"{M1}.items[0].room", "B"),
    ("review.notes[1].access", "secret"),
)


@pytest.mark.parametrize(
    "make, paths",
    [
        pytest.param(
            THREE_PROBLEMS,
            ["review.panel[3].role", f"{M0}.items[1].witnesses[0]", "review.actions[0].meeting"],
            id="rules",
        ),
        pytest.param(
            THREE_SCHEMA_PROBLEMS,
            [f"{M0}.sequence", f"{M1}.items[0]", "review.notes[1].access"],
            id="schema",
        ),
    ],
)
def test_three_problems_are_reported_together(
    prefilled: Services, example_bytes: bytes, make: Make, paths: list[str]
) -> None:
    before = table_counts(prefilled)
    with pytest.raises(ValidationError) as caught:
        prefilled.reviews.import_bytes(make(example_bytes))
    assert [p.path for p in caught.value.problems] == paths
    lines = str(caught.value).splitlines()
    assert len(lines) == 3
    for line, path in zip(lines, paths, strict=True):
        assert line.startswith(f"{path}: ")
    assert table_counts(prefilled) == before


# The command line -------------------------------------------------------------------

CLI_FILES = [
    pytest.param(
        THREE_PROBLEMS,
        ["review.panel[3].role", f"{M0}.items[1].witnesses[0]", "review.actions[0].meeting"],
        id="three-rule-problems",
    ),
    pytest.param(
        THREE_SCHEMA_PROBLEMS,
        [f"{M0}.sequence", f"{M1}.items[0]", "review.notes[1].access"],
        id="three-schema-problems",
    ),
    pytest.param(replace_once(b'"sequence": 1', b'"sequence": NaN'), ["(file)"], id="nan"),
    pytest.param(
        edit((f"{M0}.sequence", 2**63)),
        [f"{M0}.sequence"],
        id="huge-sequence",
    ),
]


@pytest.mark.parametrize("make, paths", CLI_FILES)
def test_cli_import_of_malformed_file_fails_cleanly(
    sqlite_target: str,
    tmp_path: Path,
    example_bytes: bytes,
    capsys: pytest.CaptureFixture[str],
    make: Make,
    paths: list[str],
) -> None:
    bad = tmp_path / "bad review.json"
    bad.write_bytes(make(example_bytes))
    code = main(["--db", sqlite_target, "import", str(bad)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith("scrutiny-desk: ")
    for path in paths:
        assert f"{path}: " in err
    assert main(["--db", sqlite_target, "list", "reviews", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
