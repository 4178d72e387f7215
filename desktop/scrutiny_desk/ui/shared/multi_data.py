"""Every role of a cell in one call from Qt, for a Python item model.

A view's delegate asks seven roles of every cell it paints or measures (font,
alignment, colour, check state, icon, text, background). Qt asks them together
(``QAbstractItemModel.multiData``), but a model that only implements ``data`` is
called once per role: seven calls into Python per cell, each of which waits for
Python's lock (up to 5 ms) while a worker thread runs Python. A model whose
``multiData`` is ``fill_roles`` over its own ``data`` is called once per cell, with
the same values::

    def multiData(self, index: Index, roleDataSpan: RoleData) -> None:
        fill_roles(self.data, index, roleDataSpan)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex
RoleData = QModelRoleDataSpan | QModelRoleData


def roles_asked(span: RoleData) -> list[QModelRoleData]:
    """The role slots of a ``multiData`` call (a span, or one slot)."""
    if isinstance(span, QModelRoleData):
        return [span]
    # The span is a sequence in PySide (len and []), which its stubs do not say.
    return [span[n] for n in range(len(span))]  # type: ignore[arg-type,index]


def fill_roles(data: Callable[[Index, int], Any], index: Index, span: RoleData) -> None:
    """Fill each role slot with ``data(index, role)`` (None: no value)."""
    for slot in roles_asked(span):
        value = data(index, slot.role())
        if value is None:
            slot.clearData()
        else:
            slot.setData(value)
