"""Where a shared (PostgreSQL) database is: what the clerk types in Connect to Shared
Database and what the recent list keeps. It never holds the password: that is given
at each connection, or kept in the system keyring, and is joined to the address only
in ``store.server_url`` to make the connection's URL.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PORT = 5432
#: libpq's ``sslmode`` values the window offers, strictest last.
SSL_MODES = ("disable", "prefer", "require", "verify-ca", "verify-full")
DEFAULT_SSL_MODE = "require"


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    database: str
    user: str
    sslmode: str = DEFAULT_SSL_MODE

    @property
    def label(self) -> str:
        """What the status bar and the recent list show: ``user@host/database``."""
        return f"{self.user}@{self.host}/{self.database}"

    @property
    def keyring_user(self) -> str:
        """The key of its password in the system keyring: ``user@host:port/database``."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"
