"""Making the files of the invitation register: one planned file rendered for its
recipients, and many files written so that all of them appear or none does.

A panel file goes to the members it names (the meeting's UID, the SEQUENCE the plan
gives); a witness's file is their own (their UID and slot). What each file may say is
decided in ``publishing`` (the views); the renderers in ``exports`` draw only that.

Writing many files: each is written and flushed under a temporary name first; only
when all are complete does the caller's step (recording them in the register, in one
transaction) run, and then all are renamed into place. A failure at any point removes
the temporary files and every file already renamed, so no partial set is left.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .. import leftovers
from ..domain.enums import MemberRole
from ..domain.errors import ExportError
from ..domain.invitation_records import IssueKind, PersonKind, PlannedFile
from ..domain.records import Review, Witness
from ..domain.views import Audience, MemberView
from . import publishing
from .files import OPEN_ELSEWHERE, TEMPORARY_PREFIX, remove_leftovers

if TYPE_CHECKING:
    from ..exports.calendar_ics import Organizer

CALENDAR_SUFFIXES = (".ics", ".eml")


def render(
    review: Review,
    meeting_key: str,
    planned: PlannedFile,
    organizer: Organizer,
    now: datetime,
    *,
    email: bool,
) -> bytes:
    """The bytes of one planned file (.eml with ``email``, else .ics); ValueError from
    a renderer (an address that cannot be used) becomes an ExportError."""
    from ..exports import calendar_ics, email_eml

    cancel = planned.kind is IssueKind.CANCELLATION
    try:
        if planned.person is PersonKind.WITNESS:
            to = planned.recipients[0]
            review = _with_witness(review, to.key, to.name, to.email)
            view = publishing.witness_view(review, meeting_key, to.key, planned.sequence)
            view = replace(view, witness=replace(view.witness, email=to.email))
            if cancel:
                draw = (
                    email_eml.render_witness_cancellation_email
                    if email
                    else calendar_ics.render_witness_cancellation
                )
            else:
                draw = (
                    email_eml.render_witness_invite_email
                    if email
                    else calendar_ics.render_witness_invite
                )
            return draw(view, organizer, now)
        panel = publishing.meeting_view(review, meeting_key, Audience.PANEL)
        roles = {m.key: m.role for m in review.panel}
        members = tuple(
            MemberView(to.name, roles.get(to.key, MemberRole.MEMBER), to.email)
            for to in planned.recipients
        )
        panel = replace(panel, members=members, sequence=planned.sequence)
        if cancel:
            mdraw = (
                email_eml.render_cancellation_email if email else calendar_ics.render_cancellation
            )
        else:
            mdraw = email_eml.render_invite_email if email else calendar_ics.render_invite
        return mdraw(panel, organizer, now)
    except ValueError as exc:
        raise ExportError(str(exc)) from None


def _with_witness(review: Review, key: str, name: str, email: str) -> Review:
    """The review with this witness in it: one taken off the agenda, or deleted since,
    is still sent their cancellation by the name and address they were issued."""
    if any(w.key == key for w in review.witnesses):
        return review
    return replace(review, witnesses=(*review.witnesses, Witness(key, name, email=email)))


@contextmanager
def all_or_none(
    folder: str | os.PathLike[str], files: Sequence[tuple[str, bytes]]
) -> Iterator[Callable[[], tuple[Path, ...]]]:
    """Write every file under a temporary name in ``folder``; the block then records
    them and calls the function it is given to rename them all into place. If the block
    fails (before or after the renaming), every temporary file and every file renamed
    is removed; the error goes on."""
    target = Path(folder).expanduser().absolute()
    if not target.is_dir():
        raise ExportError(f"Cannot write into {target}: the folder does not exist")
    remove_leftovers(target)
    temps: list[tuple[str, Path]] = []
    placed: list[Path] = []
    try:
        for name, data in files:
            temps.append((_write_temporary(target, name, data), target / name))

        def place() -> tuple[Path, ...]:
            for temp, final in temps:
                if final.exists() and not os.access(final, os.W_OK):
                    raise ExportError(f"Cannot replace {final}: the file is read-only")
                try:
                    os.replace(temp, final)
                except PermissionError:
                    if not final.exists():
                        raise ExportError(
                            f"Cannot write {final}: you may not write there"
                        ) from None
                    raise ExportError(f"{final} {OPEN_ELSEWHERE}.") from None
                except OSError as exc:
                    raise ExportError(f"Cannot write {final}: {exc.strerror or exc}") from None
                placed.append(final)
            return tuple(placed)

        yield place
    except BaseException:
        for temp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        for path in placed:
            with contextlib.suppress(OSError):
                path.unlink()
        raise


def _write_temporary(folder: Path, name: str, data: bytes) -> str:
    try:
        fd, temp = tempfile.mkstemp(
            prefix=leftovers.name_start(TEMPORARY_PREFIX), suffix=".part", dir=folder
        )
    except OSError as exc:
        raise ExportError(
            f"Cannot write {folder / name}: {_why(exc, folder)}; nothing was written"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise ExportError(f"Cannot write {folder / name}: {_why(exc, folder)}") from None
    return temp


def _why(exc: OSError, where: Path) -> str:
    import errno

    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"you may not write to {where}"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def organizer_of(review: Review) -> Organizer:
    """Who sends the invitations: the review's contact officer, who must have an
    address (addresses are never invented)."""
    from ..exports.calendar_ics import Organizer

    email = ((review.contact.email if review.contact else None) or "").strip()
    if not email:
        raise ExportError(
            "The review has no contact officer e-mail address. Fill in the contact "
            "officer's e-mail in the review's details: calendar files name it as the "
            "organiser, and addresses are never invented."
        )
    return Organizer(email=email, name=review.contact.name if review.contact else None)


def is_email(path: str | os.PathLike[str]) -> bool:
    """Whether an invitation at ``path`` is an e-mail (.eml) or a calendar file (.ics)."""
    suffix = Path(path).suffix.lower()
    if suffix not in CALENDAR_SUFFIXES:
        raise ExportError(
            f"{path}: an invitation is written as .ics (a calendar file) or "
            ".eml (a ready-to-send e-mail)"
        )
    return suffix == ".eml"
