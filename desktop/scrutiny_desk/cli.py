"""The command line: the same services as the GUI, for scripts.

Exit codes: 0 success, 1 bad input or a database that cannot be used (a clear message
on stderr), 2 wrong usage (argparse). No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import cli_audit, cli_backups, cli_personal_data, logs
from .cli_parser import EXIT_ERROR, EXIT_OK, build_parser
from .domain.errors import ScrutinyError
from .domain.localtime import format_local
from .domain.wording import joined, plural
from .services.container import Services

# What one command alone needs (the administration's, the papers', parsing terms of
# reference, search's marking) is imported by its handler: a command's process imports
# only its own (``export-review`` is timed whole, start to exit, in ``make bench``).

_log = logging.getLogger(__name__)

__all__ = ["HANDLERS", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "parse-tor":  # needs no database
        return _parse_tor(args)
    if args.command == "admin":  # prepares the database: never opened as the app opens it
        from . import cli_admin

        return cli_admin.main(args)
    handler = HANDLERS[args.command]
    try:
        services = Services.open(args.db)
    except ScrutinyError as exc:
        if args.command == "restore":  # a damaged database is what backups are for
            try:
                restored = cli_backups.restore_damaged(args, exc)
            except ScrutinyError as failed:
                return _fail(failed)
            if restored is not None:
                return restored
        return _fail(exc)
    try:
        cli_backups.print_database_notes(services)
        return handler(services, args)
    except ScrutinyError as exc:
        return _fail(exc)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so plainly, with no traceback for the user
        logs.log_failure(_log, f"Command {args.command} failed", exc)
        print(
            f"scrutiny-desk: unexpected error ({type(exc).__name__}: {exc}); nothing was "
            "saved. Please report this.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    finally:
        services.close()


def _fail(exc: ScrutinyError) -> int:
    logs.log_failure(_log, "Command refused", exc)
    print(f"scrutiny-desk: {exc}", file=sys.stderr)
    return EXIT_ERROR


def _sample(services: Services, _args: argparse.Namespace) -> int:
    print(services.reviews.import_sample())
    return EXIT_OK


def _import(services: Services, args: argparse.Namespace) -> int:
    print(services.reviews.import_file(args.file))
    return EXIT_OK


def _export_review(services: Services, args: argparse.Namespace) -> int:
    path = services.reviews.export_file(args.review, args.output)
    print(f"Wrote {path}", file=sys.stderr)
    return EXIT_OK


def _export(services: Services, args: argparse.Namespace) -> int:
    from .domain.views import Audience

    exports = services.exports
    private: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    if args.what in ("agenda", "minutes", "calendar"):
        target = args.review if args.what == "calendar" else args.meeting
        paper = "programme" if args.what == "calendar" else args.what
        written = exports.publish(paper, target, Audience(args.audience), args.output)
        path, private = written.path, written.private_witnesses
    elif args.what in ("invite", "cancellation"):
        send = exports.send_invite if args.what == "invite" else exports.send_cancellation
        written = send(args.meeting, args.output, witness_id=args.witness)
        path, warnings = written.path, written.warnings
    elif args.what == "updates":
        return _updates(services, args)
    elif args.what == "pack":
        pack = services.packs.export_pack(
            args.meeting, Audience(args.audience), args.output, args.supplementary
        )
        path = pack.path
    elif args.what in ("publish", "publish-review"):
        web = services.web_publishing
        if args.what == "publish":
            done = web.publish_meeting(args.meeting, args.output, urgency=args.urgency)
        else:
            done = web.publish_review(args.review, args.output)
        path, warnings = done.folder, done.warnings
    elif args.what == "coverage":
        path = services.coverage.export_pdf(args.review, Audience(args.audience), args.output)
    elif args.what == "report":
        path = exports.report(
            args.review, args.output, audience=Audience(args.audience), version=args.version
        )
    elif args.what == "action-plan":
        path = services.recommendations.export_action_plan(
            args.review, Audience(args.audience), args.output
        )
    else:
        raise ValueError(f"unknown export {args.what!r}")
    print(f"Wrote {path}", file=sys.stderr)
    _warn(warnings)
    if private:
        print(
            f"scrutiny-desk: warning: {path.name} names to the public "
            f"{joined(private)}, who asked to give evidence in private; close the items they "
            "are heard under if they are to be heard in private",
            file=sys.stderr,
        )
    return EXIT_OK


def _programme_folder(services: Services, args: argparse.Namespace) -> int:
    feeds = services.programme_feeds
    if args.off:
        feeds.set_folder(args.review, None)
        print(f"Review {args.review}'s programme is no longer published", file=sys.stderr)
    elif args.folder is not None:
        path = feeds.set_folder(args.review, args.folder)
        print(f"Wrote {path}; it is rewritten after every change to the meetings", file=sys.stderr)
    else:
        folder = feeds.folder(args.review)
        print("none" if folder is None else folder)
    if feeds.problem:
        print(f"scrutiny-desk: warning: {feeds.problem}", file=sys.stderr)
    return EXIT_OK


def _updates(services: Services, args: argparse.Namespace) -> int:
    """Send Updates: one line per file on stdout (what, to whom, the file's name), the
    warnings on stderr; with --dry-run nothing is written or recorded."""
    from .domain.invitation_plan import issued_line

    email = not args.ics
    plan = services.invitations.plan_updates(args.meeting, email=email)
    if not args.dry_run and plan.files:
        plan = services.invitations.send_updates(
            args.meeting, args.output, email=email, expected=plan
        ).plan
    for f in plan.files:
        print(f"{issued_line(f)}: {f.file_name}")
    _warn(plan.warnings)
    if not plan.files:
        print(plan.nothing_to_send, file=sys.stderr)
    elif args.dry_run:
        print(f"Nothing written (--dry-run): {plural(len(plan.files), 'file')}", file=sys.stderr)
    else:
        folder = Path(args.output).expanduser().absolute()
        print(f"Wrote {plural(len(plan.files), 'file')} to {folder}", file=sys.stderr)
    return EXIT_OK


def _warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        print(f"scrutiny-desk: warning: {warning}", file=sys.stderr)


def _list(services: Services, args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]]
    if args.what == "reviews":
        rows = [
            {
                "id": r.id,
                "key": None,
                "title": r.title,
                "body": r.body,
                "status": r.status.value,
                "meetings": r.meeting_count,
            }
            for r in services.reviews.list()
        ]
        columns = ("id", "title", "status", "meetings")
    elif args.what == "meetings":
        rows = [
            {
                "id": m.id,
                "key": m.key,
                "title": m.title,
                "start": format_local(m.start),
                "end": format_local(m.end),
                "venue": m.venue,
                "status": m.status.value,
                "kind": m.kind.value,
                "open_items": m.open_items,
                "closed_items": m.closed_items,
            }
            for m in services.meetings.list(args.review)
        ]
        columns = ("id", "key", "start", "end", "status", "title")
    else:
        rows = [
            {
                "id": w.id,
                "key": w.key,
                "title": w.name,
                "role": w.role,
                "organisation": w.organisation,
                "email": w.email,
                "appearances": w.appearances,
            }
            for w in services.witnesses.list(args.review)
        ]
        columns = ("id", "key", "title", "organisation")
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        _print_table(rows, columns)
    return EXIT_OK


def _parse_tor(args: argparse.Namespace) -> int:
    from .domain.tor_parse import as_json_tree, as_outline, parse_tor

    name = "standard input" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as exc:
        print(f"scrutiny-desk: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except UnicodeDecodeError as exc:
        print(
            f"scrutiny-desk: {name} is not UTF-8 text (byte {exc.start + 1} cannot be read); "
            "save it as UTF-8 and try again",
            file=sys.stderr,
        )
        return EXIT_ERROR
    parsed = parse_tor(text)
    if args.json:
        print(json.dumps(as_json_tree(parsed), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(as_outline(parsed))
    return EXIT_OK


def _search(services: Services, args: argparse.Namespace) -> int:
    from .domain.search_text import marked

    results = services.search.search(args.review, args.text)
    if args.json:
        hits = [
            {"kind": h.kind, "key": h.key, "title": h.title, "text": h.text,
             "spans": [list(s) for s in h.spans], "closed": h.closed}
            for h in results.hits
        ]  # fmt: skip
        print(json.dumps(hits, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not results.groups:
        print(f"Nothing matches {args.text!r}", file=sys.stderr)
    for group in results.groups:
        shown = "" if group.total == len(group.hits) else f", first {len(group.hits)} shown"
        print(f"{group.label} ({group.total}{shown})")
        for hit in group.hits:
            print(f"  {hit.title}{'  [CLOSED]' if hit.closed else ''}")
            print(f"    {marked(hit.text, hit.spans, '**', '**')}")
    return EXIT_OK


def _print_table(rows: list[dict[str, Any]], columns: Sequence[str]) -> None:
    cells = [[("" if r[c] is None else str(r[c])) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[n]) for row in cells]) for n, c in enumerate(columns)]
    print("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


HANDLERS: dict[str, Callable[[Services, argparse.Namespace], int]] = {
    "sample": _sample,
    "import": _import,
    "export-review": _export_review,
    "list": _list,
    "export": _export,
    "search": _search,
    "programme-folder": _programme_folder,
    "backup": cli_backups.backup,
    "restore": cli_backups.restore,
    "backups": cli_backups.list_backups,
    "audit": cli_audit.run,
    "personal-data": cli_personal_data.personal_data,
    "erase-witness": cli_personal_data.erase_witness,
}
