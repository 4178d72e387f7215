"""What a service call changed: the topics its committed writes touched.

``with recording() as topics: services.notes.capture(...)`` leaves in ``topics`` the
``domain.topics.Topic``s the call's transactions wrote (decided by the store from the
rows written, see ``store.changes``). The window's Editor records each user action, its
undo and its redo this way and tells the pages; the command line has no need to.
"""

from __future__ import annotations

from ..store.changes import recording

__all__ = ["recording"]
