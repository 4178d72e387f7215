"""Who is signed in to a shared database, and as what: said in the status bar of
either window and when a connection is made.

On PostgreSQL the identity is the database's ``session_user`` and the role the group
role the login holds (``services.db.user``, ``services.db.role``): what the audit
trail records and what the database lets it do. A SQLite file has one user, the
operating-system account, who is its clerk: nothing is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from ...domain.roles import DbRole
from ...services.container import Services


def _tr(text: str) -> str:
    return QCoreApplication.translate("signed_in", text)


def role_name(role: DbRole) -> str:
    """The role in a word or two: "clerk", "reader", "public reader"."""
    return {
        DbRole.CLERK: _tr("clerk"),
        DbRole.READER: _tr("reader"),
        DbRole.PUBLIC_READER: _tr("public reader"),
    }[role]


def role_scope(role: DbRole) -> str:
    """What a login with that role may do, in a sentence."""
    return {
        DbRole.CLERK: _tr("You may read and change everything in this database."),
        DbRole.READER: _tr(
            "You may read everything and export every paper, the panel's included, but "
            "change nothing: no edits, approvals, imports or invitations."
        ),
        DbRole.PUBLIC_READER: _tr(
            "You may read and export only what the public may see: each meeting's public "
            "agenda and minutes. Panel papers and closed business are not open to this login."
        ),
    }[role]


def is_shared(services: Services) -> bool:
    return services.db.dialect == "postgresql"


def signed_in_text(services: Services) -> str:
    """ "Signed in as alice (reader)"; empty on a SQLite file."""
    if not is_shared(services):
        return ""
    return _tr("Signed in as {user} ({role})").format(
        user=services.db.user, role=role_name(services.db.role)
    )


def connected_message(services: Services) -> str:
    """Said in the status bar once a shared database is open; empty on a SQLite file."""
    if not is_shared(services):
        return ""
    return _tr("Connected as {user}, a {role}. {scope}").format(
        user=services.db.user,
        role=role_name(services.db.role),
        scope=role_scope(services.db.role),
    )


def signed_in_label(services: Services) -> QLabel | None:
    """The status bar's "Signed in as …" label (its tooltip says what the role may do);
    None on a SQLite file."""
    text = signed_in_text(services)
    if not text:
        return None
    label = QLabel(text)
    label.setObjectName("signedInLabel")
    label.setToolTip(role_scope(services.db.role))
    label.setAccessibleName(text)
    label.setAccessibleDescription(role_scope(services.db.role))
    return label
