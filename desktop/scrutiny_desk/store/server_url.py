"""The SQLAlchemy URL of a shared database, and back: the only place an address and a
password are joined.

``server_url`` is what ``open_database`` is given; ``address_of`` reads a URL (typed
with ``--db``, kept in the recent list, or the label of an open database) back into an
address without its password, so nothing that is remembered or shown carries one.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..domain.server_address import DEFAULT_PORT, DEFAULT_SSL_MODE, SSL_MODES, ServerAddress

DRIVER = "postgresql+psycopg"


def server_url(address: ServerAddress, password: str | None) -> str:
    """The URL to connect with: the password included (never shown, never stored)."""
    if address.sslmode not in SSL_MODES:
        raise ValueError(f"unknown sslmode {address.sslmode!r}")
    url = URL.create(
        DRIVER,
        username=address.user,
        password=password or None,
        host=address.host,
        port=address.port,
        database=address.database,
        query={"sslmode": address.sslmode},
    )
    return url.render_as_string(hide_password=False)


def address_of(target: str) -> ServerAddress | None:
    """The address a PostgreSQL URL names, without its password; None for anything else
    (a file path, another kind of URL, a URL with no host)."""
    if "://" not in target:
        return None
    try:
        url = make_url(target)
    except ArgumentError:
        return None
    if url.get_backend_name() != "postgresql" or not url.host or not url.database:
        return None
    sslmode = url.query.get("sslmode", DEFAULT_SSL_MODE)
    if not isinstance(sslmode, str) or sslmode not in SSL_MODES:
        sslmode = DEFAULT_SSL_MODE
    return ServerAddress(
        host=url.host,
        port=url.port or DEFAULT_PORT,
        database=url.database,
        user=url.username or "",
        sslmode=sslmode,
    )


def without_password(target: str) -> str:
    """A URL with its password taken out (other targets as they are): what may be kept."""
    if "://" not in target:
        return target
    try:
        url = make_url(target)
    except ArgumentError:
        return target
    bare = URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    return bare.render_as_string(hide_password=False)
