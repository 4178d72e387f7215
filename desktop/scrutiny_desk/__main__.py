"""Entry point: the desktop app with no command, the command line with one."""

from __future__ import annotations

import atexit
import os
import sys


def main(argv: list[str] | None = None) -> int:
    """The exit status; as the program itself (``argv`` None), a command ends the
    process at once when it has finished (``_leave``)."""
    args = sys.argv[1:] if argv is None else argv
    from .cli_parser import build_parser  # light: --version and --help import no more

    parsed, _rest = build_parser().parse_known_args(args)
    if parsed.command is None and not _rest:
        from .app import run_gui

        return run_gui(parsed.db)
    from .cli import main as cli_main

    status = cli_main(args)
    if argv is None:
        _leave(status)
    return status


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
