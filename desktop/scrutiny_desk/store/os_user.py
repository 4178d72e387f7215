"""Who is using the app, by the operating system's account: a module that imports
nothing of the store, so a start can say who edits a SQLite file before the store is
imported (``services.first_look``); ``db.current_user`` is the same function."""

from __future__ import annotations

import os


def current_user() -> str:
    """Who is editing a SQLite file: the operating system's login, from the system's own
    account database (``getpass.getuser`` would believe $USER, which anyone can set).
    On PostgreSQL it is the database's ``session_user`` (``_open_server``)."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        pass
    try:
        return os.getlogin()
    except OSError:
        return "unknown"
