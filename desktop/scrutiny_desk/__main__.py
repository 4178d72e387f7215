"""Entry point: the desktop app with no command, the command line with one."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from .cli_parser import build_parser  # light: --version and --help import no more

    parsed, _rest = build_parser().parse_known_args(args)
    if parsed.command is None and not _rest:
        from .app import run_gui

        return run_gui(parsed.db)
    from .cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
