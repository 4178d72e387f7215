"""What the connected database login may do.

On PostgreSQL the roles are the database's own (``store/pg_roles.py`` makes them and
its row-level security and grants enforce them, psql included); the app reads the
connected role to hide what it may not do. A SQLite file has one user, the clerk.
"""

from __future__ import annotations

from enum import StrEnum


class DbRole(StrEnum):
    CLERK = "clerk"  # reads and writes everything
    READER = "reader"  # panel members and officers: reads everything, writes nothing
    PUBLIC_READER = "public-reader"  # reads only the public projection

    @property
    def writes(self) -> bool:
        return self is DbRole.CLERK

    @property
    def reads_panel(self) -> bool:
        """May read (and export) closed business: the panel's papers, whole reviews."""
        return self is not DbRole.PUBLIC_READER

    @property
    def words(self) -> str:
        return {
            DbRole.CLERK: "clerk (reads and writes everything)",
            DbRole.READER: "reader (reads everything, changes nothing)",
            DbRole.PUBLIC_READER: "public reader (reads only what the public may see)",
        }[self]
