"""No garbage collections while the program starts: what a start makes is kept.

A start imports SQLAlchemy, maps the tables and defines the records: some 100,000
objects (modules, classes, functions, tables, mappers) that live as long as the
process, and almost no garbage (a few hundred objects in cycles). Each collection the
allocations trigger meanwhile walks the young ones again, for nothing: about a tenth
of importing the store (some 45 ms of 430 ms CPU), paid by every command and by the
window's start. So collections are held off while the start runs, and what it made is
then frozen (``gc.freeze``): moved out of the collector's sight for good, as the
long-lived objects they are, so no later full collection walks them either, nor the
last one, when a process that ends normally (the window) exits: ``python -c "import
scrutiny_desk.services.container"`` spent about a quarter of its CPU there (170 ms of
640 ms; frozen, as little as a process ended by ``os._exit``).

Only the outermost pause acts: a pause inside another, or inside code that turned
collections off for its own reasons, leaves them as it found them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collections_paused"]


@contextmanager
def collections_paused(*, freeze: bool = True) -> Iterator[None]:
    """No collections during the block; what exists when it ends is frozen (unless
    ``freeze`` is False), and collections resume (if they were on when it began).

    Without the freeze it serves work that makes many objects in no cycle, all gone or
    kept when it ends (a whole review read or written: ``services/reviews.py``), whose
    collections would walk them and every other object for nothing."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        gc.enable()
