"""The programme folder: a setting of this installation per database and review, the
public programme written there at once and again on request, a folder that cannot take
it refused with the field named and nothing lost, and a broken settings file reported
and taken as empty. Each programme is read back with icalendar."""

from __future__ import annotations

import json
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from scrutiny_desk import paths
from scrutiny_desk.domain.enums import MeetingStatus
from scrutiny_desk.domain.errors import ExportError, ValidationError
from scrutiny_desk.domain.localtime import to_utc
from scrutiny_desk.domain.people_records import ReviewChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges
from scrutiny_desk.services.programme_feeds import (
    CONFIG_FILE,
    ProgrammeFeeds,
    programme_file_name,
)
from scrutiny_desk.services.shared_databases import remembered_target

CLOSED_TITLE = "Evidence from a former drug user"  # ev3's closed item, public title differs


@pytest.fixture
def sample(sqlite_services: Services, sample_id: int) -> int:
    return sample_id


@pytest.fixture
def feeds(sqlite_services: Services) -> ProgrammeFeeds:
    return sqlite_services.programme_feeds


def starts(path: Path) -> dict[str, object]:
    """SUMMARY -> DTSTART of each event of the calendar file."""
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["SUMMARY"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}


def start_of(path: Path, title: str) -> object | None:
    """When the event whose SUMMARY holds ``title`` starts; None if there is none."""
    found = [start for summary, start in starts(path).items() if title in summary]
    assert len(found) <= 1
    return found[0] if found else None


def test_setting_a_folder_writes_the_public_programme_at_once(
    sqlite_services: Services, feeds: ProgrammeFeeds, sample: int, tmp_path: Path
) -> None:
    folder = tmp_path / "website"
    folder.mkdir()
    written = feeds.set_folder(sample, folder)
    assert written == folder / "Drugs Scrutiny - programme.ics"
    assert feeds.folder(sample) == folder
    assert start_of(written, "Evidence session 1: the MPS approach to drugs") is not None
    assert CLOSED_TITLE.encode() not in written.read_bytes()  # the public programme only
    assert b"METHOD:PUBLISH" in written.read_bytes()
    kept = json.loads((paths.config_dir() / CONFIG_FILE).read_text("utf-8"))
    target = remembered_target(sqlite_services.db.label)
    assert kept["databases"][target][str(sample)]["folder"] == str(folder)
    assert [p.name for p in folder.iterdir()] == [written.name]  # no temporary file left


def test_rewrite_follows_an_edit_to_a_meeting(
    sqlite_services: Services, feeds: ProgrammeFeeds, sample: int, tmp_path: Path
) -> None:
    written = feeds.set_folder(sample, tmp_path)
    assert written is not None
    meeting = sqlite_services.meeting_edits.find(sample, "responses")  # postponed
    later = meeting.start + timedelta(days=14, hours=1)
    sqlite_services.meeting_edits.edit_meeting(
        meeting.id,
        meeting.version,
        MeetingChanges(
            title="Responses to the report",
            start=later,
            end=later + timedelta(hours=2),
            status=MeetingStatus.SCHEDULED,
        ),
    )
    assert start_of(written, "Responses to the report") is None  # not until rewritten
    assert feeds.rewrite(sample) == written
    assert start_of(written, "Consideration of responses") is None
    # The meetings' times are local (London); the programme gives them in UTC.
    assert start_of(written, "Responses to the report") == to_utc(later, "Europe/London")


def test_rewrite_without_a_folder_writes_nothing(feeds: ProgrammeFeeds, sample: int) -> None:
    assert feeds.folder(sample) is None
    assert feeds.rewrite(sample) is None


def test_the_file_keeps_its_name_when_the_title_changes(
    sqlite_services: Services, feeds: ProgrammeFeeds, sample: int, tmp_path: Path
) -> None:
    written = feeds.set_folder(sample, tmp_path)
    details = sqlite_services.review_edits.details(sample)
    sqlite_services.review_edits.update_details(
        sample, details.version, ReviewChanges(title="Drugs and crime")
    )
    assert feeds.rewrite(sample) == written
    assert programme_file_name("Drugs and crime") != written.name  # a subscriber's address stays


def test_stopping_keeps_the_last_file_and_writes_no_more(
    feeds: ProgrammeFeeds, sample: int, tmp_path: Path
) -> None:
    written = feeds.set_folder(sample, tmp_path)
    assert written is not None
    assert feeds.set_folder(sample, None) is None
    assert feeds.folder(sample) is None
    assert feeds.rewrite(sample) is None
    assert written.exists()


def test_a_missing_folder_is_refused_naming_the_field_and_loses_nothing(
    feeds: ProgrammeFeeds, sample: int, tmp_path: Path
) -> None:
    written = feeds.set_folder(sample, tmp_path)
    assert written is not None
    before = written.read_bytes()
    with pytest.raises(ValidationError) as caught:
        feeds.set_folder(sample, tmp_path / "nowhere")
    assert caught.value.problems[0].path == "folder"
    assert "does not exist" in str(caught.value)
    assert feeds.folder(sample) == tmp_path  # the choice before is kept
    assert written.read_bytes() == before


def test_an_unwritable_folder_is_refused_and_loses_nothing(
    feeds: ProgrammeFeeds, sample: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    feeds.set_folder(sample, good)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    if os.geteuid() == 0:  # root may write anywhere: the check is what is tested
        real_access = os.access
        monkeypatch.setattr(
            "scrutiny_desk.services.programme_feeds.os.access",
            lambda p, mode: False if Path(p) == locked else real_access(p, mode),
        )
    try:
        with pytest.raises(ValidationError) as caught:
            feeds.set_folder(sample, locked)
    finally:
        locked.chmod(0o755)
    assert caught.value.problems[0].path == "folder"
    assert "You may not write to" in str(caught.value)
    assert list(locked.iterdir()) == []
    assert feeds.folder(sample) == good


def test_a_folder_that_went_away_fails_the_rewrite_with_a_message(
    feeds: ProgrammeFeeds, sample: int, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    feeds.set_folder(sample, folder)
    (folder / programme_file_name("Drugs Scrutiny")).unlink()
    folder.rmdir()
    with pytest.raises(ExportError, match="does not exist"):
        feeds.rewrite(sample)
    assert feeds.folder(sample) == folder  # still chosen: it may come back (a drive)


def test_each_database_keeps_its_own_folders(
    sqlite_services: Services, sample: int, tmp_path: Path, sqlite_template: Path
) -> None:
    sqlite_services.programme_feeds.set_folder(sample, tmp_path)
    other_file = tmp_path / "other.sqlite3"
    shutil.copyfile(sqlite_template, other_file)
    other = Services.open(str(other_file))
    try:
        assert other.programme_feeds.folder(sample) is None
    finally:
        other.close()
    assert sqlite_services.programme_feeds.folder(sample) == tmp_path


def test_a_broken_settings_file_is_reported_taken_as_empty_and_set_aside(
    feeds: ProgrammeFeeds, sample: int, tmp_path: Path
) -> None:
    config = paths.config_dir() / CONFIG_FILE
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('{"databases": {"half', "utf-8")
    assert feeds.folder(sample) is None
    assert feeds.problem is not None and str(config) in feeds.problem
    assert feeds.set_folder(sample, tmp_path) is not None
    assert feeds.problem is None
    assert feeds.folder(sample) == tmp_path
    assert (config.parent / (CONFIG_FILE + ".broken")).read_text("utf-8").startswith("{")


def test_a_settings_file_of_another_shape_is_taken_as_empty(
    feeds: ProgrammeFeeds, sample: int
) -> None:
    config = paths.config_dir() / CONFIG_FILE
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[1, 2]", "utf-8")
    assert feeds.folder(sample) is None
    assert feeds.problem is not None
