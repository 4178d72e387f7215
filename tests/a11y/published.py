"""Every page a review publishes for the web, written into one folder: each meeting's
public agenda and minutes (a folder per meeting) and the review's coverage report and
action plan. Shared by the accessibility tests and the screenshot script."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.web_publishing import WebPublishingService

SAMPLE = "samples/drugs-scrutiny.json"


def in_language(data: bytes, language: str) -> bytes:
    """A review file with its papers' language replaced ("en", "cy" or "cy-en")."""
    document = json.loads(data)
    document["review"]["language"] = language
    return json.dumps(document).encode()


def sample(language: str) -> bytes:
    return in_language(resource_path(SAMPLE).read_bytes(), language)


def publish_everything(
    services: Services, review_id: int, folder: Path, *, urgency: str | None = None
) -> list[Path]:
    """Publish every meeting (into ``folder/<meeting key>``) and the review (into
    ``folder/review``); the HTML pages written. With ``urgency``, each agenda is
    published on its meeting's day, so it is late and prints that reason; without, a
    month ahead."""
    web = WebPublishingService(services.db)
    folder.mkdir(parents=True, exist_ok=True)
    pages: list[Path] = []
    for meeting in services.meetings.list(review_id):
        ahead = 0 if urgency else 30
        published = web.publish_meeting(
            meeting.id,
            folder / meeting.key,
            urgency=urgency,
            today=meeting.start.date() - timedelta(days=ahead),
        )
        pages += [path for path in published.files if path.suffix == ".html"]
    published = web.publish_review(review_id, folder / "review")
    pages += [path for path in published.files if path.suffix == ".html"]
    return pages
