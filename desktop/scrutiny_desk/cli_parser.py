"""The command line's arguments, apart from what runs them: light to import.

``scrutiny-desk --version`` and ``--help``, and ``__main__`` deciding between the
window and a command, need only this module: argparse and the standard library, no
SQLAlchemy, no services (``cli.py`` imports those to run a command). So nothing here
imports the rest of the app but its version (and, to build the commands, the two
light modules that add theirs). The window's start parses its two options alone
(``window_options``) and builds no command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .paths import DB_ENV

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
AUDIENCES = ("public", "panel")
"""The audiences a paper can be for, the default first: ``domain.views.Audience``'s
values (a test keeps them the same; importing the domain here would slow --help)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _NotTheWindow(Exception):
    """The arguments are not a start of the window's (``window_options``)."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotTheWindow(message)


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    """The options a start of the window takes, which every command takes too."""
    parser.add_argument("--verbose", action="store_true", help="log progress on stderr")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"database file or SQLAlchemy URL (default: ${DB_ENV}, else the "
        "SQLite file in your data folder)",
    )


def window_options(args: Sequence[str]) -> argparse.Namespace | None:
    """``args`` parsed, if they start the window (``--db`` and ``--verbose`` at most),
    with ``command`` None; None for anything else (a command, ``--help``,
    ``--version``, a mistake), which the whole command line parses and reports
    (``build_parser``). The window's start so builds none of the commands' parsers."""
    parser = _WindowParser(add_help=False, allow_abbrev=False)
    _add_window_options(parser)
    try:
        parsed, rest = parser.parse_known_args(list(args))
    except _NotTheWindow:
        return None
    if rest:
        return None
    parsed.command = None
    return parsed


@cache
def build_parser() -> argparse.ArgumentParser:
    """The whole command line, built once a process: ``__main__`` parses it to choose
    between the window and a command, then ``cli.main`` again to run the command
    (parsing changes nothing in the parser; building it is a few milliseconds)."""
    parser = _Parser(
        prog="scrutiny-desk",
        description="Scrutiny Desk: meetings and evidence sessions for scrutiny panels. "
        "With no command, starts the desktop app.",
    )
    from . import cli_audit, cli_personal_data

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_window_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    cli_personal_data.add_commands(commands)

    commands.add_parser("sample", help="import the shipped sample review; print its id")
    p = commands.add_parser("import", help="import a review file; print the new review's id")
    p.add_argument("file", metavar="FILE.json")
    p = commands.add_parser("export-review", help="export a whole review as JSON")
    p.add_argument("review", metavar="REVIEW", type=_positive_int)
    p.add_argument("-o", "--output", metavar="FILE.json", required=True)

    _add_export_commands(commands)
    p = commands.add_parser(
        "programme-folder",
        help="the folder where a review's public programme (.ics) is kept current; "
        "with FOLDER, publish there now and after every change; with --off, stop",
    )
    p.add_argument("review", metavar="REVIEW", type=_positive_int)
    where = p.add_mutually_exclusive_group()
    where.add_argument("folder", metavar="FOLDER", nargs="?", type=Path)
    where.add_argument("--off", action="store_true", help="stop publishing the programme")
    _add_backup_commands(commands)
    cli_audit.add_parser(commands, _positive_int)

    p = commands.add_parser(
        "parse-tor", help="print the tree that pasting this text as terms of reference would make"
    )
    p.add_argument("file", metavar="FILE.txt", help="UTF-8 text; - reads standard input")
    p.add_argument("--json", action="store_true", help='print [{"number", "text", "children"}]')

    p = commands.add_parser(
        "search", help="find notes, minutes, items, evidence, witnesses and recommendations"
    )
    p.add_argument("review", metavar="REVIEW", type=_positive_int)
    p.add_argument("text", metavar="TEXT", help="words to find; each matches the start of a word")
    p.add_argument("--json", action="store_true", help="print a JSON array of hits")

    _add_admin_commands(commands)
    p = commands.add_parser("list", help="list reviews, meetings or witnesses")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=_Parser)
    q = what.add_parser("reviews", help="every review in the database")
    q.add_argument("--json", action="store_true", help="print a JSON array")
    for name in ("meetings", "witnesses"):
        q = what.add_parser(name, help=f"the {name} of one review")
        q.add_argument("--review", metavar="REVIEW", type=_positive_int, required=True)
        q.add_argument("--json", action="store_true", help="print a JSON array")
    return parser


def _add_export_commands(commands: Any) -> None:
    p = commands.add_parser("export", help="agenda, minutes, invitations and the programme")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=_Parser)
    audiences = list(AUDIENCES)
    for name, noun in (("agenda", "the agenda"), ("minutes", "the minutes")):
        q = what.add_parser(name, help=f"{noun} of a meeting as PDF or Word, by the extension")
        q.add_argument("meeting", metavar="MEETING", type=_positive_int)
        q.add_argument(
            "--audience",
            choices=audiences,
            default=AUDIENCES[0],
            help="public (the default: safe to publish) or panel (includes "
            "closed business, marked NOT FOR PUBLICATION)",
        )
        q.add_argument("-o", "--output", metavar="FILE.pdf|FILE.docx", required=True)
    for name, noun in (("invite", "invitation"), ("cancellation", "cancellation")):
        q = what.add_parser(
            name, help=f"a meeting's calendar {noun} (.ics) or ready-to-send e-mail (.eml)"
        )
        q.add_argument("meeting", metavar="MEETING", type=_positive_int)
        q.add_argument(
            "--witness",
            metavar="WITNESS",
            type=_positive_int,
            help=f"the witness's own {noun}, covering only their slot",
        )
        q.add_argument("-o", "--output", metavar="FILE.ics|FILE.eml", required=True)
    q = what.add_parser(
        "updates",
        help="what each person needs now (invitations, updates, cancellations), from the "
        "meeting and its invitation register: one file for the panel, one per witness",
    )
    q.add_argument("meeting", metavar="MEETING", type=_positive_int)
    q.add_argument("-o", "--output", metavar="FOLDER", required=True, help="an existing folder")
    q.add_argument(
        "--ics",
        action="store_true",
        help="calendar files (.ics) instead of ready-to-send e-mails (.eml, the default)",
    )
    q.add_argument(
        "--dry-run", action="store_true", help="print what would be written; write nothing"
    )
    q = what.add_parser(
        "coverage", help="a review's coverage of its terms of reference, with the gaps (PDF)"
    )
    q.add_argument("review", metavar="REVIEW", type=_positive_int)
    q.add_argument(
        "--audience",
        choices=audiences,
        default=AUDIENCES[0],
        help="public (the default: counts only open material) or panel (counts closed "
        "material too, marked NOT FOR PUBLICATION)",
    )
    q.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    q = what.add_parser(
        "action-plan",
        help="a review's recommendations: lead, timeframe, status and latest progress (PDF)",
    )
    q.add_argument("review", metavar="REVIEW", type=_positive_int)
    q.add_argument(
        "--audience",
        choices=audiences,
        default=AUDIENCES[0],
        help="public (the default: no draft recommendations) or panel (drafts marked)",
    )
    q.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    q = what.add_parser(
        "report",
        help="a review's report: print PDF, Word, or a folder of accessible HTML and "
        "tagged PDF, by the name given",
    )
    q.add_argument("review", metavar="REVIEW", type=_positive_int)
    q.add_argument(
        "--audience",
        choices=audiences,
        default=AUDIENCES[0],
        help="public (the default: no closed material; refused while an open paragraph "
        "quotes closed material) or panel (closed paragraphs marked NOT FOR PUBLICATION)",
    )
    q.add_argument(
        "--version",
        metavar="NUMBER",
        help='a frozen version ("0.2", "final"); without it, the working draft',
    )
    q.add_argument("-o", "--output", metavar="FILE.pdf|FILE.docx|FOLDER", required=True)
    q = what.add_parser(
        "pack", help="a meeting's agenda pack: the agenda, then each item's reports (PDF)"
    )
    q.add_argument("meeting", metavar="MEETING", type=_positive_int)
    q.add_argument(
        "--audience",
        choices=audiences,
        default=AUDIENCES[0],
        help="public (the default: no report of a closed item) or panel (all reports)",
    )
    q.add_argument(
        "--supplementary",
        action="store_true",
        help="the late reports only, numbered on from the agenda pack's last page",
    )
    q.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    q = what.add_parser("calendar", help="a review's programme of meetings (.ics)")
    q.add_argument("review", metavar="REVIEW", type=_positive_int)
    q.add_argument("--audience", choices=audiences, default=AUDIENCES[0])
    q.add_argument("-o", "--output", metavar="FILE.ics", required=True)
    q = what.add_parser(
        "publish",
        help="a meeting's public agenda, and its minutes once it has them, as accessible "
        "HTML and tagged PDF in a folder; records the agenda's publication date",
    )
    q.add_argument("meeting", metavar="MEETING", type=_positive_int)
    q.add_argument("-o", "--output", metavar="FOLDER", required=True, help="created if new")
    q.add_argument(
        "--urgency",
        metavar="TEXT",
        help="the reason for urgency, which the agenda prints: needed when publishing now "
        "gives fewer clear days than the review requires",
    )
    q = what.add_parser(
        "publish-review",
        help="a review's public coverage report and action plan as accessible HTML and "
        "tagged PDF in a folder",
    )
    q.add_argument("review", metavar="REVIEW", type=_positive_int)
    q.add_argument("-o", "--output", metavar="FOLDER", required=True, help="created if new")


def _add_admin_commands(commands: Any) -> None:
    p = commands.add_parser("admin", help="prepare a shared PostgreSQL database and its roles")
    what = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    q = what.add_parser("init-postgres", help="make or upgrade the database, roles and grants")
    q.add_argument("url", metavar="URL", help="postgresql+psycopg:// URL, as an administrator")
    q = what.add_parser("grant", help="give a login one role: clerk, reader or public-reader")
    q.add_argument("login", metavar="LOGIN")
    q.add_argument("role", metavar="ROLE", help="clerk, reader or public-reader")
    q.add_argument("--db", dest="admin_db", metavar="URL", help=f"default: ${DB_ENV}")
    q = what.add_parser("roles", help="list the server's logins and the role each holds")
    q.add_argument("--db", dest="admin_db", metavar="URL", help=f"default: ${DB_ENV}")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a whole number)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (ids start at 1)")
    return value


def _add_backup_commands(commands: Any) -> None:
    p = commands.add_parser(
        "backup",
        help="back up the database now (SQLite: a checked copy; PostgreSQL: every "
        "review as a file); print what was written",
    )
    p.add_argument("--folder", metavar="DIR", type=Path, help=_FOLDER_HELP)
    p = commands.add_parser(
        "restore",
        help="replace the database's contents with a backup, after backing up the "
        "database as it is (SQLite only)",
    )
    p.add_argument("file", metavar="FILE", type=Path, help="a backup of a Scrutiny Desk database")
    p.add_argument("--folder", metavar="DIR", type=Path, help=_FOLDER_HELP)
    p = commands.add_parser("backups", help="list the backups of the database (SQLite)")
    p.add_argument("--folder", metavar="DIR", type=Path, help=_FOLDER_HELP)
    p.add_argument("--json", action="store_true", help="print a JSON array")


_FOLDER_HELP = (
    "the backups folder (default: the one chosen in the app, else backups/ in the data folder)"
)
