"""The command line's personal-data commands: ``personal-data REVIEW [--json]`` (who
the review holds personal data about, and what) and ``erase-witness WITNESS
[--review R] [--yes]`` (erasure, after printing the plan and asking). ``cli.py`` adds
them to its parser and its handlers.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .domain.errors import NotFoundError, Problem, ValidationError
from .domain.wording import plural

if TYPE_CHECKING:
    from .domain.personal_data_records import DataSubject, PersonalDataHeld
    from .services.container import Services

EXIT_OK = 0
EXIT_ERROR = 1


def add_commands(commands: Any) -> None:
    p = commands.add_parser(
        "personal-data",
        help="the witnesses, officers and others a review holds personal data about, "
        "and what is held about each",
    )
    p.add_argument("review", type=int, metavar="REVIEW", help="the review's id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = commands.add_parser(
        "erase-witness",
        help="erase a witness's (or an officer's, substitute's or other person's) personal "
        "data: replaced by a neutral label; approved minutes stay as approved. Cannot be undone",
    )
    p.add_argument(
        "witness", metavar="WITNESS", help="the witness's key or id (or an attendee's key)"
    )
    p.add_argument("--review", type=int, metavar="R", help="the review (needed if ambiguous)")
    p.add_argument("--yes", action="store_true", help="erase without asking")


def personal_data(services: Services, args: argparse.Namespace) -> int:
    service = services.personal_data
    held = [service.held(args.review, p) for p in service.people(args.review)]
    retention = service.retention(args.review)
    if args.json:
        document = {
            "review": args.review,
            "retention_until": _plain(retention.effective),
            "people": [_plain(asdict(h)) for h in held],
        }
        for entry in document["people"]:
            entry.pop("retention", None)
            entry.pop("review_id", None)
            entry.pop("review_title", None)
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return EXIT_OK
    until = retention.effective
    print(
        f"{retention.title}: personal data kept until "
        + (f"{until:%d %B %Y}" if until else "six years after the review closes")
    )
    for h in held:
        print(_summary(h))
    return EXIT_OK


def _summary(h: PersonalDataHeld) -> str:
    p = h.person
    who = ", ".join(x for x in (p.name, p.role, p.organisation, p.email) if x)
    counts = [
        plural(len(h.invitations), "invitation"),
        plural(len(h.items), "item or meeting", "items or meetings"),
        plural(len(h.notes), "note"),
        plural(len(h.evidence), "piece of evidence", "pieces of evidence"),
        plural(len(h.mentions), "mention"),
        plural(len(h.approved_minutes), "approved minutes", "approved minutes"),
    ]
    erased = " [erased]" if p.erased else ""
    return f"{p.kind.value:<13} {p.key:<16} {who}{erased}\n{'':30}{'; '.join(counts)}"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def erase_witness(services: Services, args: argparse.Namespace) -> int:
    review_id, person = _find(services, args.witness, args.review)
    plan = services.personal_data.erasure_plan(review_id, person)
    print(f'Erasing the personal data of {person.kind_label} "{person.name}" ({person.key}):')
    for line in plan.changes:
        print(f"- {line}")
    if plan.approved_minutes:
        print(f"\nKept as approved: {plan.exception}")
        for a in plan.approved_minutes:
            print(f"- minutes of {a.meeting_title} ({a.meeting_start:%d %B %Y})")
    edit = plan.mentions_to_edit
    if edit:
        print(
            "\nThe name also appears in free text that erasure does not change; edit it "
            "first if it should go:"
        )
        for m in edit:
            print(f"- {m.where}: {m.text}")
    print(f"\n{plan.warning}")
    if not args.yes:
        try:
            answer = input('Type "erase" to erase, anything else to stop: ')
        except EOFError:
            answer = ""
        if answer.strip().lower() != "erase":
            print("scrutiny-desk: nothing was erased", file=sys.stderr)
            return EXIT_ERROR
    erased = services.personal_data.erase(review_id, plan.person)
    note = (
        ""
        if erased.file_scrubbed or services.db.dialect != "sqlite"
        else (
            " (another program kept the database's WAL open: the name leaves it at its "
            "next checkpoint)"
        )
    )
    changed = plural(erased.rows_changed, "record")
    print(f'Erased: now "{erased.label}" ({changed} changed){note}')
    return EXIT_OK


def _find(services: Services, given: str, review: int | None) -> tuple[int, DataSubject]:
    """The review and the person a key or id names; a clear refusal otherwise."""
    wanted: str | int = int(given) if given.isdigit() else given
    reviews = [review] if review is not None else [r.id for r in services.reviews.list()]
    found: list[tuple[int, DataSubject]] = []
    for review_id in reviews:
        try:
            person = services.personal_data.person(review_id, wanted)
        except NotFoundError:
            if review is not None and isinstance(wanted, int):  # maybe a key of digits
                try:
                    person = services.personal_data.person(review_id, given)
                except NotFoundError:
                    raise NotFoundError(
                        f'Review {review_id} has no witness or attendee "{given}"'
                    ) from None
            elif review is not None:
                raise
            else:
                continue
        found.append((review_id, person))
    if not found:
        raise NotFoundError(f'No review has a witness or attendee "{given}"')
    if len(found) > 1:
        which = ", ".join(str(r) for r, _ in found)
        raise ValidationError(
            Problem("WITNESS", f'"{given}" names someone in reviews {which}: give --review')
        )
    return found[0]
