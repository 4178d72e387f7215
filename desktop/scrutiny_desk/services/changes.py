"""What a service call changed: the topics its committed writes touched.

``with recording() as topics: services.notes.capture(...)`` leaves in ``topics`` the
``domain.topics.Topic``s the call's transactions wrote (decided by the store from the
rows written, see ``store.changes``). The window's Editor records each user action, its
undo and its redo this way and tells the pages; the command line has no need to.

The store's module (with SQLAlchemy) is imported at the first recording, not with the
window's modules: a start that shows the first meetings before the store is open
(``store.first_look``) records nothing until then.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from ..domain.topics import Topic

__all__ = ["recording"]


def recording() -> AbstractContextManager[set[Topic]]:
    """Collect the topics of every write committed in this thread inside the block."""
    from ..store.changes import recording as store_recording

    return store_recording()
