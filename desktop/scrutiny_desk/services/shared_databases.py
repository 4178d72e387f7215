"""Choosing a database: what is remembered of it, what it is called, and its password.

The window's File menu and its start-up use these, so a shared database is named the
same way everywhere (``user@host/database``) and remembered without its password. The
password is joined to the address only to connect (``store.server_url``); it may be
kept in the system keyring (service "Scrutiny Desk", key ``user@host:port/database``)
when one is usable, and nowhere else: not in settings, the recent list or the log.
``keyring`` is imported on first use, so the start of the app does not wait for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain.errors import ScrutinyError
from ..domain.server_address import ServerAddress

KEYRING_SERVICE = "Scrutiny Desk"


class PasswordStoreError(ScrutinyError):
    """The system keyring refused to keep or give back a password."""


def connection_target(address: ServerAddress, password: str | None) -> str:
    """What ``Services.open`` is given to connect to a shared database."""
    from ..store import server_url  # SQLAlchemy's URL: imported when a URL is made or read

    return server_url.server_url(address, password)


def address_of(target: str) -> ServerAddress | None:
    """The shared database a target names (no password); None for a file."""
    if "://" not in target:
        return None  # a file
    from ..store import server_url

    return server_url.address_of(target)


def is_shared(target: str) -> bool:
    return "://" in target


def remembered_target(target: str) -> str:
    """How a database is kept in the recent list: a file by its absolute path, a shared
    database by its URL with no password."""
    if is_shared(target):
        from ..store import server_url

        return server_url.without_password(target)
    return str(Path(target).expanduser().absolute())


def display_name(target: str) -> str:
    """Short name for the status bar and menus: the file's name, or ``user@host/db``.
    Works on an open database's label too (its password is already hidden there)."""
    if is_shared(target):
        address = address_of(target)
        return address.label if address is not None else remembered_target(target)
    return Path(target).name


# The system keyring ----------------------------------------------------------------


def _backend() -> Any | None:
    """The keyring backend, if it can really keep a password (not the "fail" one)."""
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return None
    try:
        priority = float(backend.priority)
    except Exception:  # a backend that cannot say is not one to trust with a password
        return None
    return backend if priority > 0 else None


def keyring_name() -> str | None:
    """The usable keyring's name ("Windows Credential Manager"...); None if none."""
    backend = _backend()
    return None if backend is None else str(getattr(backend, "name", type(backend).__name__))


def saved_password(address: ServerAddress) -> str | None:
    """The password kept for that database, if a keyring holds one."""
    backend = _backend()
    if backend is None:
        return None
    from keyring.errors import KeyringError

    try:
        password = backend.get_password(KEYRING_SERVICE, address.keyring_user)
    except KeyringError:
        return None
    return password if isinstance(password, str) and password else None


def remember_password(address: ServerAddress, password: str) -> None:
    """Keep the password in the system keyring; PasswordStoreError if it cannot."""
    backend = _backend()
    if backend is None:
        raise PasswordStoreError(
            "No system keyring is available to keep the password; it will be asked "
            "at each connection."
        )
    from keyring.errors import KeyringError

    try:
        backend.set_password(KEYRING_SERVICE, address.keyring_user, password)
    except KeyringError as exc:
        raise PasswordStoreError(
            f"The system keyring did not keep the password ({type(exc).__name__}); "
            "it will be asked at the next connection."
        ) from None
