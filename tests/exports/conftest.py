"""Fixtures for the paper renderers: views of the shipped sample, small hand-built
views for edge cases, and a reader that turns PDF bytes back into checkable facts."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from scrutiny_desk.domain.enums import (
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
)
from scrutiny_desk.domain.records import Review
from scrutiny_desk.domain.views import (
    Audience,
    ContactView,
    ItemView,
    MeetingView,
    MemberView,
)
from scrutiny_desk.resources_path import resource_file
from scrutiny_desk.services import codec, publishing


def normal(text: str) -> str:
    """Extracted text with every run of white space (line breaks included) as one space."""
    return " ".join(text.replace("\xa0", " ").split())


class Paper:
    """A rendered PDF read back with pypdf."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = [normal(page.extract_text()) for page in self.reader.pages]
        self.text = " ".join(self.pages)

    def pages_with(self, needle: str) -> set[int]:
        """1-based numbers of the pages whose text contains the needle."""
        return {n for n, text in enumerate(self.pages, start=1) if needle in text}

    @property
    def outline(self) -> list[tuple[str, int]]:
        """Every bookmark, depth first, with the 1-based page it opens."""
        found: list[tuple[str, int]] = []

        def walk(entries: list[Any]) -> None:
            for entry in entries:
                if isinstance(entry, list):
                    walk(entry)
                else:
                    assert isinstance(entry, Destination)
                    page = self.reader.get_destination_page_number(entry)
                    found.append((str(entry.title), page + 1))

        walk(self.reader.outline)
        return found

    @property
    def fonts(self) -> list[tuple[str, bool]]:
        """(base font name, embedded?) for every font every page uses."""
        seen = []
        for page in self.reader.pages:
            resources = page["/Resources"].get_object()
            for ref in resources.get("/Font", {}).values():
                font = ref.get_object()
                descriptor = font.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor.get_object()
                    for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                seen.append((str(font["/BaseFont"]), embedded))
        return seen

    @property
    def lang(self) -> str:
        return str(self.reader.trailer["/Root"]["/Lang"])


@pytest.fixture
def read_pdf() -> Callable[[bytes], Paper]:
    return Paper


@cache
def _sample() -> Review:
    return codec.decode(resource_file("samples/drugs-scrutiny.json").read_bytes())


@pytest.fixture
def sample_view() -> Callable[[str, Audience], MeetingView]:
    """A view of one meeting of the shipped sample review, as publishing builds it."""

    def build(meeting: str, audience: Audience) -> MeetingView:
        return publishing.meeting_view(_sample(), meeting, audience)

    return build


def _item(number: int, title: str, **changes: Any) -> ItemView:
    base = ItemView(
        number=number,
        title=title,
        kind=ItemKind.OTHER,
        closed=False,
        exemption=None,
        reason=None,
        start=None,
        end=None,
        witnesses=(),
        tor=(),
        minute=None,
    )
    return dataclasses.replace(base, **changes)


def _view(**changes: Any) -> MeetingView:
    start, end = datetime(2025, 3, 3, 14, 0), datetime(2025, 3, 3, 16, 30)
    base = MeetingView(
        audience=Audience.PANEL,
        body="Testshire County Council",
        review_title="Bus Services Review",
        title="Evidence session",
        kind=MeetingKind.EVIDENCE,
        status=MeetingStatus.SCHEDULED,
        timezone="Europe/London",
        start=start,
        end=end,
        start_utc=start.replace(tzinfo=UTC),
        end_utc=end.replace(tzinfo=UTC),
        venue="Council Chamber, County Hall",
        uid="0b6f1a7e-test",
        sequence=0,
        contact=ContactView(
            name="Sam Clerk",
            role="Scrutiny Officer",
            address="County Hall",
            phone="01234 567890",
            fax=None,
            minicom=None,
            email="scrutiny@testshire.example",
        ),
        members=(
            MemberView("Cllr Ada Chair", MemberRole.CHAIR, None),
            MemberView("Cllr Ben Vice", MemberRole.VICE_CHAIR, None),
            MemberView("Cllr Cy Member", MemberRole.MEMBER, None),
        ),
        items=(_item(1, "Apologies for absence"),),
        attendance=(),
        witnesses_heard=(),
        actions=(),
        minutes_status=MinutesStatus.DRAFT,
        minutes_approved_on=None,
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture
def make_view() -> Callable[..., MeetingView]:
    """A small hand-built view; keyword arguments replace its fields."""
    return _view


@pytest.fixture
def make_item() -> Callable[..., ItemView]:
    """make_item(number, title, **fields): an open item unless told otherwise."""
    return _item
