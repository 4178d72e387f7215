"""A step made of three calls, for tests of the Editor and the window's reloads.

The app's own actions are named ``Step`` classes of their features; a test that
only needs some service calls as one undo step wraps them here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrutiny_desk.ui.shared.commands import Step


class CallStep(Step):
    def __init__(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        redo: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(text)
        self._do, self._undo, self._redo = do, undo, redo or do

    def do(self) -> Any:
        return self._do()

    def undo(self) -> Any:
        return self._undo()

    def redo(self) -> Any:
        return self._redo()
