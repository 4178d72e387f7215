"""Approved minutes as they print, frozen: the audience views of a meeting in JSON.

Approving minutes stores the public and the panel view of the meeting
(``services.publishing`` builds them) exactly as they were, numbers included, so that
nothing changed later (the witness register, a renumbering, an erasure) can alter an
approved record. This module turns those views into plain JSON values and back,
losslessly: every field of every view record, in the records' own order; dates as
``YYYY-MM-DD``, times as ISO 8601 (local times without an offset, UTC with one),
enumerations by value, tuples as lists. ``view_text`` is the canonical text the
database keeps; the interchange format (version 4) embeds ``snapshot_plain``.

Reading is strict: an unknown or missing field, or a value of the wrong kind, is a
``SnapshotError`` naming where it is (``panel.items[2].number``).
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import MISSING, dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: reading or writing no snapshot (a review
    # without approved minutes or reports) needs none of the views' records
    from .report_views import ReportDocView
    from .views import Audience, MeetingView


@dataclass(frozen=True)
class MinutesSnapshot:
    """The approved minutes of a meeting for each audience, as they printed."""

    public: MeetingView
    panel: MeetingView

    def view(self, audience: Audience) -> MeetingView:
        from .views import Audience

        if audience is Audience.PUBLIC:
            return self.public
        if audience is Audience.PANEL:
            return self.panel
        raise ValueError("approved minutes are kept for the public and the panel")


class SnapshotError(ValueError):
    """A snapshot that does not read: ``path`` inside it, and what is wrong there."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


# Writing --------------------------------------------------------------------------------


def snapshot_plain(snapshot: MinutesSnapshot) -> dict[str, Any]:
    """``{"public": view, "panel": view}`` as plain JSON values."""
    return {"public": _plain(snapshot.public), "panel": _plain(snapshot.panel)}


def view_text(view: MeetingView) -> str:
    """The canonical JSON text of one view (compact, UTF-8 without escapes): what the
    database keeps for each audience."""
    return json.dumps(_plain(view), ensure_ascii=False, separators=(",", ":"))


def view_plain(view: MeetingView) -> dict[str, Any]:
    """One meeting view, any audience, as plain JSON values (the public projection
    keeps the public views a shared database's public reader prints from)."""
    plain = _plain(view)
    assert isinstance(plain, dict)
    return plain


def report_plain(view: ReportDocView) -> dict[str, Any]:
    """A version of the review's report (version 8) as plain JSON values: its panel
    view, every field, as approved minutes are kept."""
    plain = _plain(view)
    assert isinstance(plain, dict)
    return plain


def report_text(view: ReportDocView) -> str:
    """The canonical JSON text of a version of the report: what the database keeps."""
    return json.dumps(report_plain(view), ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# Reading --------------------------------------------------------------------------------


def snapshot_from_plain(value: Any) -> MinutesSnapshot:
    """A snapshot from plain JSON values; SnapshotError naming what is wrong."""
    from .views import Audience, MeetingView

    if not isinstance(value, dict):
        raise SnapshotError("", "must be an object with the public and the panel minutes")
    extra = sorted(set(value) - {"public", "panel"})
    if extra:
        raise SnapshotError(extra[0], "unknown field")
    views = {}
    for audience in (Audience.PUBLIC, Audience.PANEL):
        if audience.value not in value:
            raise SnapshotError(audience.value, "is missing")
        view = _read(MeetingView, value[audience.value], audience.value)
        if view.audience is not audience:
            raise SnapshotError(f"{audience.value}.audience", f'must be "{audience.value}"')
        views[audience.value] = view
    return MinutesSnapshot(public=views["public"], panel=views["panel"])


def snapshot_from_texts(public: str, panel: str) -> MinutesSnapshot:
    """A snapshot from the texts ``view_text`` wrote for each audience."""
    try:
        loaded = {"public": json.loads(public), "panel": json.loads(panel)}
    except json.JSONDecodeError as exc:
        raise SnapshotError("", f"is not JSON: {exc.msg}") from None
    return snapshot_from_plain(loaded)


def view_from_plain(value: Any, path: str = "") -> MeetingView:
    """One meeting view from plain JSON values (``view_plain``), read as strictly as a
    snapshot; SnapshotError naming what is wrong (under ``path``)."""
    from .views import MeetingView

    return _read(MeetingView, value, path)  # type: ignore[no-any-return]


def report_from_plain(value: Any) -> ReportDocView:
    """A version's content from plain JSON values; SnapshotError naming what is wrong.
    A version is kept as the panel printed it."""
    from .report_views import ReportDocView
    from .views import Audience

    view = _read(ReportDocView, value, "")
    if view.audience is not Audience.PANEL:
        raise SnapshotError("audience", 'must be "panel"')
    return view  # type: ignore[no-any-return]


def report_from_text(text: str) -> ReportDocView:
    """A version's content from the text ``report_text`` wrote."""
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SnapshotError("", f"is not JSON: {exc.msg}") from None
    return report_from_plain(loaded)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(kind: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        if value is None:
            return None
        return _read(options[0], value, path)
    if value is None:
        raise SnapshotError(path, "must not be null")
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(kind)
        if not isinstance(value, list):
            raise SnapshotError(path, "must be a list")
        return tuple(_read(inner, v, f"{path}[{n}]") for n, v in enumerate(value))
    if isinstance(kind, type) and is_dataclass(kind):
        return _record(kind, value, path)
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(value)
        except ValueError:
            raise SnapshotError(path, f"{json.dumps(value)} is not a known value") from None
    if kind is datetime or kind is date:
        if not isinstance(value, str):
            raise SnapshotError(path, "must be a date or time in ISO 8601")
        try:
            return datetime.fromisoformat(value) if kind is datetime else date.fromisoformat(value)
        except ValueError:
            raise SnapshotError(path, f'"{value}" is not a date or time in ISO 8601') from None
    if kind is bool:
        if not isinstance(value, bool):
            raise SnapshotError(path, "must be true or false")
        return value
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise SnapshotError(path, "must be a whole number")
        return value
    if kind is str:
        if not isinstance(value, str):
            raise SnapshotError(path, "must be text")
        return value
    raise SnapshotError(path, f"cannot be read (no reader for {kind!r})")  # pragma: no cover


def _record(cls: type, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise SnapshotError(path, "must be an object")
    names = [f.name for f in fields(cls)]
    extra = [k for k in value if k not in names]
    if extra:
        raise SnapshotError(f"{path}.{extra[0]}", "unknown field")
    hints = _hints(cls)
    given: dict[str, Any] = {}
    for f in fields(cls):
        here = f"{path}.{f.name}"
        if f.name not in value:
            if f.default is MISSING and f.default_factory is MISSING:
                raise SnapshotError(here, "is missing")
            continue
        given[f.name] = _read(hints[f.name], value[f.name], here)
    return cls(**given)
