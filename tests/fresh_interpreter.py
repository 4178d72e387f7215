"""What a fresh interpreter does: the start tests' probe (in the test process every
module is imported already).

``last_line_after(code, home)`` runs ``code`` in a new interpreter (offscreen, the
app's home folder ``home``) and returns the last line it prints; ``modules_after``
returns the names of every module imported by then, and ``packages`` their top-level
packages. ``window_start(db, runtime, then)`` is a window's start as the app makes it
(its services open on ``db``, the runtime folder ``runtime``) followed by ``then``,
what the test looks at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path

WINDOW_START = """
import os
os.environ["XDG_RUNTIME_DIR"] = {runtime!r}
from scrutiny_desk.app import application
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.window.main_window import MainWindow

app = application()
services = Services.open({db!r})
"""


def last_line_after(code: str, home: Path) -> str:
    """The last line ``code`` prints, run in a fresh interpreter (offscreen, the app's
    home folder ``home``, no database given by the environment)."""
    env = dict(os.environ, SCRUTINY_DESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env.pop("SCRUTINY_DESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def modules_after(code: str, home: Path) -> set[str]:
    """Every module imported once ``code`` has run in a fresh interpreter."""
    script = textwrap.dedent(code) + textwrap.dedent(
        """
        import json as _json, sys as _sys
        print(_json.dumps(sorted(_sys.modules)))
        """
    )
    return set(json.loads(last_line_after(script, home)))


def packages(modules: Iterable[str]) -> set[str]:
    """The top-level packages of ``modules``."""
    return {m.split(".")[0] for m in modules}


def window_start(db: Path, runtime: Path, then: str) -> str:
    """``WINDOW_START`` for the database ``db`` and the runtime folder ``runtime``,
    followed by the code ``then`` (dedented)."""
    return WINDOW_START.format(db=str(db), runtime=str(runtime)) + textwrap.dedent(then)
