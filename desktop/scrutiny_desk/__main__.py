"""Entry point: the desktop app with no command, the command line with one.

A windowed Windows program starts with ``sys.stdout`` and ``sys.stderr`` set to None:
``main`` gives it streams that discard what is written, so ``--help``, a command or
its error message cannot crash it, and returns argparse's exit status instead of
raising it. Failures still reach the log (``logs.configure``).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    _give_missing_streams()
    from .cli import build_parser

    try:
        parsed, _rest = build_parser().parse_known_args(args)
    except SystemExit as exc:  # --help, --version, wrong usage: argparse's status
        return _status(exc)
    from . import logs

    logs.configure(verbose=parsed.verbose)
    if parsed.command is None and not _rest:
        from .app import run_gui

        return run_gui(parsed.db)
    from .cli import main as cli_main

    try:
        return cli_main(args)
    except SystemExit as exc:
        return _status(exc)


def _give_missing_streams() -> None:
    """Streams that swallow output where the program has none (pythonw, a windowed
    bundle): writing to None is an AttributeError waiting in every ``print``."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the process)


def _status(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message") prints it and exits 1
    return 1


if __name__ == "__main__":
    sys.exit(main())
