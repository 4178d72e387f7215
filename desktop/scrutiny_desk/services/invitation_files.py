"""Making the files of the invitation register: one planned file rendered for its
recipients, and many files written so that all of them appear or none does.

A panel file goes to the members it names and the substitutes and officers among them
(the meeting's UID, the panel's calendar view, the SEQUENCE the plan gives); a
witness's file is their own (their UID and slot). What each file may say is
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
from ..domain import invitation_plan as rule
from ..domain.errors import ExportError
from ..domain.invitation_records import IssueKind, PersonKind, PlannedFile
from ..domain.personal_data_records import STANDARD_PRIVACY_NOTICE
from ..domain.records import Review, Witness
from ..domain.wording import N_
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
    """The bytes of one planned file (.eml with ``email``, else .ics) for exactly its
    recipients, from the calendar view ``publishing`` decides (the review's "public
    titles only" setting; a private witness's own invitation). ValueError from a
    renderer (an address that cannot be used) becomes an ExportError."""
    from ..exports import calendar_ics, email_eml
    from ..exports.paper_text import PaperText

    text = PaperText(review.language)  # calendar texts in the papers' language
    try:
        attendees = [calendar_ics.attendee(to.name, to.email, to.name) for to in planned.recipients]
        if planned.person is PersonKind.WITNESS:
            to = planned.recipients[0]
            review = _with_witness(review, to.key, to.name, to.email)
            view = publishing.witness_calendar_view(review, meeting_key, to.key, planned.sequence)
            notice = review.privacy_notice or STANDARD_PRIVACY_NOTICE  # version 9
            view = replace(view, privacy_notice=notice)
        else:
            view = publishing.calendar_view(review, meeting_key, planned.sequence)
        people = tuple(a for a in attendees if a is not None)
        if planned.kind is IssueKind.CANCELLATION:
            cancel = email_eml.render_cancel_email if email else calendar_ics.render_cancel
            return cancel(view, organizer, now, people, reason=_told(planned.reason), text=text)
        request = email_eml.render_request_email if email else calendar_ics.render_request
        update = planned.kind is IssueKind.UPDATE
        return request(view, organizer, now, people, update=update, text=text)
    except ValueError as exc:
        raise ExportError(str(exc)) from None


#: What a cancellation tells its reader when the meeting itself goes ahead; a
#: cancelled or postponed meeting's own status line says why otherwise.
ADDRESS_CHANGED_TOLD = N_(
    "Your invitations to this meeting now go to a new e-mail address; this copy is withdrawn."
)
NOT_ATTENDING_TOLD = N_(
    "You are no longer expected at this meeting as a substitute or officer; "
    "this invitation is withdrawn."
)


def _told(reason: str | None) -> str | None:
    from ..exports import calendar_ics

    return {
        rule.NO_LONGER[PersonKind.WITNESS]: calendar_ics.NOT_ON_AGENDA,
        rule.NO_LONGER[PersonKind.MEMBER]: calendar_ics.NOT_ON_PANEL,
        rule.NO_LONGER[PersonKind.ATTENDEE]: NOT_ATTENDING_TOLD,
        rule.ADDRESS_CHANGED: ADDRESS_CHANGED_TOLD,
    }.get(reason or "")


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
    is removed and a file of the same name that was there before is put back; the
    error goes on."""
    target = Path(folder).expanduser().absolute()
    if not target.is_dir():
        raise ExportError(f"Cannot write into {target}: the folder does not exist")
    remove_leftovers(target)
    temps: list[tuple[str, Path]] = []
    placed: list[Path] = []
    kept: list[tuple[Path, str]] = []  # files replaced, under a temporary name until done
    try:
        for name, data in files:
            temps.append((_write_temporary(target, name, data), target / name))

        def place() -> tuple[Path, ...]:
            for temp, final in temps:
                if final.exists():
                    if not os.access(final, os.W_OK):
                        raise ExportError(f"Cannot replace {final}: the file is read-only")
                    _rename(final, temp + ".old", final)
                    kept.append((final, temp + ".old"))
                _rename(temp, final, final)
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
        for final, old in kept:
            with contextlib.suppress(OSError):
                os.replace(old, final)
        raise
    for _, old in kept:
        with contextlib.suppress(OSError):
            os.unlink(old)


def _rename(source: str | Path, destination: str | Path, final: Path) -> None:
    try:
        os.replace(source, destination)
    except PermissionError:
        if not final.exists():
            raise ExportError(f"Cannot write {final}: you may not write there") from None
        raise ExportError(f"{final} {OPEN_ELSEWHERE}.") from None
    except OSError as exc:
        raise ExportError(f"Cannot write {final}: {exc.strerror or exc}") from None


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
