"""The modules of the pages and meeting tabs, imported before their first use, in idle
slices of the GUI thread.

The window builds a page (and imports its feature package) when the clerk first goes
to it (``pages.py``), and a meeting tab when first chosen: a start that shows the first
meetings sooner. The first visit then imports ten to thirty modules on the GUI thread,
each read once more by PySide's import hook (PYSIDE-2029): 20-100 ms in which the
window does not answer. Once the first meetings have arrived, ``WarmUp`` imports those
modules ahead of the clerk, one module per turn of the event loop (a 0 ms timer chain),
the modules a module imports before it, so that no turn holds the GUI thread for more
than one module (a few milliseconds). Building the page itself is left to its first
visit.

- On the GUI thread only: a worker importing them made the GUI thread wait on the
  import lock for whatever the worker was importing.
- Never while the task runner is busy: an import releases Python's lock (the GIL) at
  every file it stats or reads and waits up to the switch interval to take it back
  from a worker running Python, and the reads the clerk waits for come first.
- Only this package's modules and the standard library's: a module that needs another
  package not imported yet (a renderer) is left, with what imports it, to its first use.
- Nothing is imported twice, and a module that fails to import is left for its first
  use to report.
- No garbage collection during a turn's import, and what it made is then frozen
  (``start_gc``), as a start's modules are: it lives as long as the process, and left
  in the collector's sight the next full collection walked it on the GUI thread (36 ms
  in the GUI bench, its longest stall).
"""

from __future__ import annotations

import importlib
import logging
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ...start_gc import collections_paused
from ..shared.tasks import SynchronousTaskRunner, TaskRunner

log = logging.getLogger(__name__)

_UI = "scrutiny_desk.ui"
#: The pages in navigation order (``pages.build_page``), then the meeting tabs built at
#: first use (``MainWindow._build_*_tab``).
MODULES = (
    f"{_UI}.overview.overview_page",
    f"{_UI}.terms.terms_page",
    f"{_UI}.witnesses.witnesses_page",
    f"{_UI}.evidence.evidence_page",
    f"{_UI}.notes.notes_page",
    f"{_UI}.coverage.coverage_page",
    f"{_UI}.recommendations.recommendations_page",
    f"{_UI}.report.report_page",
    f"{_UI}.follow_up.tracker_page",
    f"{_UI}.panel.panel_page",
    f"{_UI}.personal_data.personal_data_page",
    f"{_UI}.audit.log_page",
    f"{_UI}.attendance.attendance_tab",
    f"{_UI}.minutes.minutes_tab",
    f"{_UI}.live_notes.live_notes_tab",
    f"{_UI}.invitations.invitations_tab",
)
#: How long the runner must have been idle before the first import: the first
#: meetings are painted first.
START_DELAY_MS = 100
#: Sources read in one turn stop after this long (a read is a fraction of a millisecond)
TURN_S = 0.004


class WarmUp(QObject):
    """Imports ``modules`` (and what they import) one per event loop turn while
    ``runner`` is idle, from ``start()`` on; ``done`` once there is nothing left."""

    def __init__(
        self,
        runner: TaskRunner,
        modules: Iterable[str] = MODULES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._stack = list(reversed(list(modules)))  # the next module is on top
        self._plan = _Plan()
        self._started = False
        self.done = False
        #: the modules imported here, in order (for tests)
        self.imported: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        runner.busy_changed.connect(self._on_busy_changed)

    def start(self, *_: object) -> None:
        """Begin (once) when the runner is idle; pause whenever it is busy. (Any
        arguments, from a signal, are ignored.)"""
        if self._started:
            return
        self._started = True
        self._resume(START_DELAY_MS)

    def stop(self) -> None:
        """Import nothing more (the window has closed)."""
        self._stack.clear()
        self._timer.stop()
        self.done = True

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self._timer.stop()
        elif self._started:
            self._resume(0)

    def _resume(self, delay_ms: int) -> None:
        if not self.done and not self.runner.is_busy():
            self._timer.start(delay_ms)

    def _step(self) -> None:
        """One module imported (after reading, in its source, what it imports), then
        the next turn of the event loop."""
        if self.runner.is_busy():
            return  # resumed when the runner is idle again
        try:
            with collections_paused():  # what an import makes is kept: frozen, as a start's
                self._advance()
        except Exception:  # a head start only: each page imports what it needs anyway
            log.warning("Warm-up stopped", exc_info=True)
            self._stack.clear()
        if self._stack:
            self._timer.start(0)
        else:
            self.done = True

    def _advance(self) -> None:
        began = time.perf_counter()
        while self._stack and time.perf_counter() - began < TURN_S:
            name = self._stack[-1]
            if name in sys.modules or self._plan.left(name):
                self._stack.pop()
                continue
            missing = self._plan.missing(name)
            if missing is None:  # its imports are not known yet: read them (a text scan)
                self._plan.read(name)
                continue
            if self._plan.left(name):  # it needs what is left to first use
                self._stack.pop()
                continue
            if missing:
                self._stack.extend(reversed(missing))
                continue
            self._stack.pop()
            self._import(name)
            return

    def _import(self, name: str) -> None:
        try:
            importlib.import_module(name)
        except Exception:  # its first use imports it again and reports the error
            log.debug("Warm-up left %s to its first use", name, exc_info=True)
            self._plan.leave(name)
            return
        self.imported.append(name)


class _Plan:
    """What each module of this package imports at its top level, read from its source."""

    def __init__(self) -> None:
        root = sys.modules["scrutiny_desk"].__file__
        assert root is not None
        self._root = Path(root).parent
        self._imports: dict[str, list[str] | None] = {}  # None: needs another package
        self._left: set[str] = set()
        self._reading: set[str] = set()  # on the way down (an import cycle stops here)

    def left(self, name: str) -> bool:
        """Left to its first use (it needs another package, or failed)."""
        return name in self._left

    def leave(self, name: str) -> None:
        self._left.add(name)

    def missing(self, name: str) -> list[str] | None:
        """The modules ``name`` imports that are not imported yet, in order (None: its
        source has not been read). A module whose imports are left is left too."""
        if name not in self._imports:
            return None
        imports = self._imports[name]
        if imports is None or any(self.left(i) for i in imports):
            self.leave(name)
            return []
        return [i for i in imports if i not in sys.modules and i not in self._reading]

    def read(self, name: str) -> None:
        """Read what ``name`` imports at its top level, from its source."""
        self._reading.add(name)
        path = self._path(name)
        try:
            source = path.read_text(encoding="utf-8") if path is not None else None
        except (OSError, ValueError):
            source = None
        if path is None or source is None:
            self._imports[name] = []  # imported as it is: its import says what fails
            return
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        self._imports[name] = self._imported_by(name, package, source)

    def _path(self, name: str) -> Path | None:
        parts = name.split(".")
        if parts[0] != "scrutiny_desk":
            return None
        base = self._root.joinpath(*parts[1:])
        for path in (base.with_suffix(".py"), base / "__init__.py"):
            if path.is_file():
                return path
        return None

    def _imported_by(self, name: str, package: str, source: str) -> list[str] | None:
        """The modules of this package that the top-level import statements of
        ``source`` import (its parent packages first); None if one of them imports
        another package not imported yet. Statements at the start of a line only:
        not those under ``if TYPE_CHECKING:`` or in functions, which are indented.
        (A text scan, not ``ast.parse``: parsing the largest modules took 10-30 ms.)"""
        parts = name.split(".")
        found = [".".join(parts[:n]) for n in range(2, len(parts))]
        for match in _IMPORT.finditer(source):
            dots, module, names, plain = match.group("dots", "module", "names", "plain")
            if plain is not None:
                plain = plain.split("#")[0]
                imported = [n.split(" as ")[0].strip() for n in plain.split(",")]
            else:
                if dots:
                    base = package.split(".")
                    base = base[: len(base) - len(dots) + 1]
                    module = ".".join(base + ([module] if module else []))
                imported = [module]
                words = re.sub(r"#[^\n]*", "", names).strip().strip("()")
                for word in words.replace("\\", " ").split(","):
                    word = word.split(" as ")[0].strip()
                    if word and self._path(f"{module}.{word}") is not None:
                        imported.append(f"{module}.{word}")
            for each in filter(None, imported):
                top = each.partition(".")[0]
                if top == "scrutiny_desk":
                    if self._path(each) is not None and each not in found:
                        found.append(each)
                elif each not in sys.modules and top not in sys.stdlib_module_names:
                    return None  # another package, not imported yet: left to first use
        return found


#: An import statement at the start of a line: ``from .x import (a, b)`` (over several
#: lines inside brackets) or ``import x, y``.
_IMPORT = re.compile(
    r"^(?:from[ \t]+(?P<dots>\.*)(?P<module>[\w.]*)[ \t]+import[ \t]+"
    r"(?P<names>\([^)]*\)|[^\n]*)|import[ \t]+(?P<plain>[^\n]+))",
    re.MULTILINE,
)


def warm_up_for(runner: TaskRunner, parent: QObject | None = None) -> WarmUp | None:
    """A warm-up for the window's runner; None with the synchronous runner (tests,
    where every import is done already and timing is not the point)."""
    if isinstance(runner, SynchronousTaskRunner):
        return None
    return WarmUp(runner, parent=parent)
