"""The command line's ``audit REVIEW``: a review's audit trail, newest first, as a
table (when, who, what was done to which record, the fields or paper) or JSON.

Light to import: ``cli_parser`` adds the command from here, so only the standard
library is imported at the top; the services when it runs.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .services.container import Services

EXIT_OK = 0
ACTIONS = (
    "created",
    "changed",
    "deleted",
    "approved",
    "reopened",
    "imported",
    "exported",
    "erased",
)
"""``domain.audit_records.AuditAction``'s values (a test keeps them the same)."""
COLUMNS = ("when", "who", "action", "what", "detail")


def add_parser(commands: Any, review_id: Callable[[str], int]) -> None:
    p = commands.add_parser(
        "audit",
        help="a review's audit trail, newest first: who created, changed, deleted, "
        "approved, reopened, imported and exported what, and when",
    )
    p.add_argument("review", metavar="REVIEW", type=review_id)
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--action", choices=ACTIONS, help="only this kind of action")
    p.add_argument("--user", metavar="USER", help="only what this database user did")
    p.add_argument(
        "--kind",
        metavar="KIND",
        help='only this kind of record: "witness", "agenda item", "meeting"...',
    )
    p.add_argument(
        "--since", metavar="DATE", type=_day, help="only from this day on (YYYY-MM-DD, UTC)"
    )
    p.add_argument(
        "--limit", metavar="N", type=_count, default=500, help="at most N lines (default 500)"
    )


def run(services: Services, args: argparse.Namespace) -> int:
    from .domain.audit_records import AuditAction, AuditQuery
    from .domain.errors import NotFoundError
    from .services.audit import detail_words, kind_of, kind_words

    query = AuditQuery(
        review_id=args.review,
        action=AuditAction(args.action) if args.action else None,
        actor=args.user,
        record_kind=kind_of(args.kind) if args.kind else None,
        since=datetime.combine(args.since, datetime.min.time(), UTC) if args.since else None,
        limit=args.limit,
    )
    entries = services.audit.review_log(query)
    if not entries and not services.audit.review_log(AuditQuery(review_id=args.review, limit=1)):
        services.reviews.summary(args.review)  # NotFoundError names a review never here
        raise NotFoundError(f"Review {args.review} has no audit trail in this database")
    labels = services.audit.labels(entries)
    rows = [
        {
            "when": e.at.strftime("%Y-%m-%d %H:%M:%S UTC"),
            "who": e.actor,
            "action": e.action.value,
            "what": f"{kind_words(e.record_kind)} {_quoted(labels[(e.record_kind, e.record_id)])}",
            "detail": detail_words(e),
        }
        for e in entries
    ]
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "at": e.at.isoformat(),
                        "actor": e.actor,
                        "action": e.action.value,
                        "record_kind": e.record_kind,
                        "record_id": e.record_id,
                        "kind": kind_words(e.record_kind),
                        "label": labels[(e.record_kind, e.record_id)],
                        "review_id": e.review_id,
                        "detail": _detail_json(e.detail),
                    }
                    for e in entries
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    if not rows:
        print("Nothing in the audit trail matches", flush=True)
        return EXIT_OK
    cells = [[r[c] for c in COLUMNS] for r in rows]
    widths = [max([len(c)] + [len(row[n]) for row in cells]) for n, c in enumerate(COLUMNS)]
    print("  ".join(c.upper().ljust(w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def _quoted(label: str) -> str:
    return label if label.startswith(("(", "#")) else f'"{label}"'


def _detail_json(detail: str) -> Any:
    """An export's detail as the JSON object it is; other details as text."""
    if detail.startswith("{"):
        try:
            return json.loads(detail)
        except ValueError:
            pass
    return detail


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of lines (1 or more)")
    return value
