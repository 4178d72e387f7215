"""Entry point: the desktop app with no command, the command line with one.

A windowed Windows program starts with ``sys.stdout`` and ``sys.stderr`` set to None:
``main`` gives it streams that discard what is written, so ``--help``, a command or
its error message cannot crash it, and returns argparse's exit status instead of
raising it. Failures still reach the log (``logs.configure``).
"""

from __future__ import annotations

import atexit
import os
import sys
from contextlib import nullcontext

from .start_gc import collections_paused


def main(argv: list[str] | None = None) -> int:
    """The exit status; as the program itself (``argv`` None), a command ends the
    process at once when it has finished (``_leave``)."""
    args = sys.argv[1:] if argv is None else argv
    _give_missing_streams()
    # The program's start (its imports: the window's or the command's) runs with no
    # garbage collections, and what it made is frozen after (``start_gc``): it lives
    # until the process ends and is never garbage. Left to the collector, each full
    # collection a long command triggers (building a large review's records) walked
    # its objects again, some 400,000. A caller's own process (a test) is left alone.
    with collections_paused() if argv is None else nullcontext():
        from .cli_parser import build_parser, window_options  # light: --help imports no more

        parsed, _rest = window_options(args), []
        if parsed is None:  # a command, --help, --version, or a mistake: the whole line
            try:
                parsed, _rest = build_parser().parse_known_args(args)
            except SystemExit as exc:  # --help, --version, wrong usage: argparse's status
                return _status(exc)
        from . import logs

        logs.configure(verbose=parsed.verbose)
        if parsed.command is None and not _rest:
            from .app import run_gui
        else:
            from .cli import main as cli_main
    if parsed.command is None and not _rest:
        return run_gui(parsed.db)
    try:
        status = cli_main(args)
    except SystemExit as exc:
        status = _status(exc)
    if argv is None:
        _leave(status)
    return status


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


def _leave(status: int) -> None:
    """End the process now that the command is done, skipping the interpreter's teardown.

    Freeing every module and object one by one (SQLAlchemy's above all) took 0.4 s
    after each command had finished, a third of a short command's time, and did
    nothing the clerk needs. By now the command has closed its database (``cli.main``
    closes it however it ends) and written its files whole (``write_atomically``);
    what Python would still do that matters is run here first: the exit handlers
    (logging's flush and close, weakref finalizers such as temporary folders' removal)
    and flushing standard output and error. Only the freeing of memory is skipped,
    which the operating system does at once."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe: nothing more can be said
                status = status or 1
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
