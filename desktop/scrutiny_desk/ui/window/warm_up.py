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
"""

from __future__ import annotations

import ast
import importlib
import logging
import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

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

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self._timer.stop()
        elif self._started:
            self._resume(0)

    def _resume(self, delay_ms: int) -> None:
        if not self.done and not self.runner.is_busy():
            self._timer.start(delay_ms)

    def _step(self) -> None:
        """One module imported (or one source read for what it imports), then the next
        turn of the event loop."""
        if self.runner.is_busy():
            return  # resumed when the runner is idle again
        while self._stack:
            name = self._stack[-1]
            if name in sys.modules or self._plan.left(name):
                self._stack.pop()
                continue
            missing = self._plan.missing(name)
            if missing is None:  # its imports are not known yet: read them this turn
                self._plan.read(name)
                break
            if self._plan.left(name):  # it needs what is left to first use
                self._stack.pop()
                continue
            if missing:
                self._stack.extend(reversed(missing))
                continue
            self._stack.pop()
            self._import(name)
            break
        if self._stack:
            self._timer.start(0)
        else:
            self.done = True

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
        self._reading.add(name)
        path = self._path(name)
        try:
            tree = ast.parse(path.read_bytes()) if path is not None else None
        except (OSError, SyntaxError, ValueError):
            tree = None
        if path is None or tree is None:
            self._imports[name] = []  # imported as it is: its import says what fails
            return
        self._imports[name] = self._imported_by(name, path, tree)

    def _path(self, name: str) -> Path | None:
        parts = name.split(".")
        if parts[0] != "scrutiny_desk":
            return None
        base = self._root.joinpath(*parts[1:])
        for path in (base.with_suffix(".py"), base / "__init__.py"):
            if path.is_file():
                return path
        return None

    def _imported_by(self, name: str, path: Path, tree: ast.Module) -> list[str] | None:
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: list[str] = []
        parents = name.split(".")
        found += [".".join(parents[:n]) for n in range(2, len(parents))]
        for node in tree.body:  # the top level only: not TYPE_CHECKING, not functions
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                names = [module]
                names += [
                    f"{module}.{a.name}" for a in node.names if self._path(f"{module}.{a.name}")
                ]
            else:
                continue
            for imported in names:
                top = imported.partition(".")[0]
                if top == "scrutiny_desk":
                    if self._path(imported) is not None and imported not in found:
                        found.append(imported)
                elif imported not in sys.modules and top not in sys.stdlib_module_names:
                    return None  # another package, not imported yet: left to first use
        return found


def warm_up_for(runner: TaskRunner, parent: QObject | None = None) -> WarmUp | None:
    """A warm-up for the window's runner; None with the synchronous runner (tests,
    where every import is done already and timing is not the point)."""
    if isinstance(runner, SynchronousTaskRunner):
        return None
    return WarmUp(runner, parent=parent)
