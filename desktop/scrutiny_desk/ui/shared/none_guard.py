"""Keep Python's ``None`` alive under PySide6 6.12 on CPython 3.11.

PySide6 6.12 releases one reference to ``None`` too many when Python code calls
``QModelIndex.data()`` for a role the model has nothing for, when it calls
``QStyledItemDelegate.initStyleOption()``, and when a view paints a Python model whose
``data()`` makes a new ``QFont``. A delegate that calls ``initStyleOption`` does so on
every paint, so a few thousand paints (scrolling the month calendar for a minute) bring
``None``'s count to zero and the interpreter aborts: "Fatal Python error: none_dealloc".

CPython 3.12 made ``None`` immortal (PEP 683) and is not affected. On 3.11 this gives
``None`` the same protection once, at start-up, by adding 2**40 references: more than
any session can release. Measured in tests/ui/test_none_guard.py.
"""

from __future__ import annotations

import ctypes
import sys

#: References added to None: a session would need 10**12 bad releases to use them up.
EXTRA_REFERENCES = 1 << 40


def keep_none_alive() -> None:
    """Make ``None`` as good as immortal on CPython before 3.12 (idempotent)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    if sys.getrefcount(None) >= EXTRA_REFERENCES:
        return
    # ob_refcnt is the first field of every CPython object (Include/object.h).
    ctypes.c_ssize_t.from_address(id(None)).value += EXTRA_REFERENCES
