"""The log (logs.py): where it is, what it keeps, and that closed material never reaches
it, on both backends, however the failure happens."""

from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from scrutiny_desk import logs, paths
from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.errors import ConflictError, ScrutinyError, ValidationError
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import note_edits
from tests.logged import read_log

#: A closed note's words, which must never be written to the log.
SECRET = "Zanzibar-quill informant named in closed session"
SECRET_KEY = "zqxclosedkey"

log = logging.getLogger("scrutiny_desk.tests")


def test_the_log_folder_follows_the_home_like_the_others(private_home: Path) -> None:
    assert paths.log_dir() == private_home / "logs"


def test_configure_writes_one_rotating_utf8_file_with_time_level_and_logger(
    log_file: Path, private_home: Path
) -> None:
    assert log_file == private_home / "logs" / "scrutiny-desk.log"
    assert logs.configure() == log_file  # a second call adds nothing
    ours = [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
    assert len(ours) == 1
    [handler] = ours
    assert (handler.maxBytes, handler.backupCount, handler.encoding) == (1_000_000, 5, "utf-8")
    log.error("Réunion du comité: ünïcode kept")
    text = read_log(log_file)
    assert "INFO scrutiny_desk.logs: Scrutiny Desk" in text  # the start line
    [line] = [x for x in text.splitlines() if "Réunion" in x]
    assert line.startswith(("2025-", "2026-", "2027-", "2028-"))  # the time first
    assert " ERROR scrutiny_desk.tests: Réunion du comité: ünïcode kept" in line


def test_the_file_rotates_at_a_megabyte_keeping_five(log_file: Path) -> None:
    for n in range(7 * 1100):
        log.warning("%05d %s", n, "x" * 900)
    folder = log_file.parent
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["scrutiny-desk.log"] + [f"scrutiny-desk.log.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size <= 1_000_000 for p in folder.iterdir())


def test_without_a_log_folder_it_carries_on_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the home should be")
    monkeypatch.setenv("SCRUTINY_DESK_HOME", str(blocker))
    try:
        assert logs.configure() is None
        log.error("nowhere to go")  # neither raises nor falls back to stderr
    finally:
        logs.reset()
    err = capsys.readouterr().err
    assert "no log file" in err and "carrying on" in err
    assert "nowhere to go" not in err


def raise_in_a_function_named_so() -> None:
    raise RuntimeError(f"failed while holding {SECRET}")


def test_an_uncaught_exception_is_logged_with_its_traceback(log_file: Path) -> None:
    assert sys.excepthook is not sys.__excepthook__
    try:
        raise_in_a_function_named_so()
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    text = read_log(log_file)
    assert "CRITICAL scrutiny_desk.logs: Uncaught exception: RuntimeError" in text
    assert "Traceback (most recent call last):" in text
    assert "in raise_in_a_function_named_so" in text
    assert SECRET not in text


def test_an_exception_ending_a_thread_is_logged_with_its_traceback(log_file: Path) -> None:
    thread = threading.Thread(target=raise_in_a_function_named_so, name="worker-7")
    thread.start()
    thread.join()
    text = read_log(log_file)
    assert "Uncaught exception in thread worker-7: RuntimeError" in text
    assert "in raise_in_a_function_named_so" in text
    assert SECRET not in text


def test_a_traceback_keeps_the_chain_and_the_safe_details_only(log_file: Path) -> None:
    try:
        try:
            open(log_file.parent / f"{SECRET}.pdf", "rb")  # noqa: SIM115
        except OSError as exc:
            raise ScrutinyError(f"{SECRET}.pdf cannot be read") from exc
    except ScrutinyError as exc:
        logs.log_failure(log, "Export", exc)
    text = read_log(log_file)
    assert "WARNING scrutiny_desk.tests: Export: scrutiny_desk.domain.errors.ScrutinyError" in text
    assert "FileNotFoundError ([Errno 2] No such file or directory)" in text
    assert "The above exception was the direct cause" in text
    assert SECRET not in text


def test_a_failure_logged_twice_keeps_one_traceback(log_file: Path) -> None:
    error = ValueError(SECRET)
    try:
        raise error
    except ValueError:
        logs.log_failure(log, "Background task", error)
        logs.log_failure(log, "Reported", error)
    text = read_log(log_file)
    assert text.count("Traceback") == 1
    assert "Reported: ValueError (traceback above)" in text
    assert SECRET not in text


def test_closed_text_in_a_failed_write_and_in_a_refusal_stays_out_of_the_log(
    log_file: Path, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On both backends: PostgreSQL's own message names the row it refused, and the
    statement's parameters hold the note; ValidationError messages quote input."""
    review = services.reviews.import_sample()
    notes = services.notes
    note = notes.capture(review, SECRET, ["scale"], access=Access.CLOSED, key=SECRET_KEY)
    assert note.access is Access.CLOSED

    # A write that fails in the database (the same key again, past the service's
    # check): the store turns the IntegrityError into a ConflictError quoting it.
    assert services.db.engine.hide_parameters
    real_slot = note_edits.append_slot
    monkeypatch.setattr(note_edits, "append_slot", lambda *a: (real_slot(*a)[0], False))
    with pytest.raises(ConflictError) as failed_write:
        notes.capture(review, SECRET, ["scale"], access=Access.CLOSED, key=SECRET_KEY)
    assert "clashes with data already saved" in str(failed_write.value)
    logs.log_failure(log, "Capture note", failed_write.value)
    monkeypatch.undo()

    # A bug in the middle of that write, whose message quotes the note.
    def broken(*_args: object) -> None:
        raise KeyError(SECRET)

    monkeypatch.setattr(note_edits, "append_slot", broken)
    with pytest.raises(KeyError) as bug:
        notes.capture(review, SECRET, ["scale"], access=Access.CLOSED)
    logs.log_failure(log, "Capture note", bug.value)
    monkeypatch.undo()

    # A refusal whose message quotes the clerk's input.
    with pytest.raises(ValidationError) as refused:
        notes.capture(review, SECRET, [SECRET_KEY], access=Access.CLOSED)
    assert SECRET_KEY in str(refused.value)
    logs.log_failure(log, "Capture note", refused.value)

    text = read_log(log_file)
    assert "WARNING scrutiny_desk.tests: Capture note: " in text
    assert "scrutiny_desk.domain.errors.ConflictError\n" in text
    assert "ERROR scrutiny_desk.tests: Capture note: KeyError" in text
    assert "in broken" in text
    assert "ValidationError (fields: tor)" in text
    assert text.count("Traceback (most recent call last):") == 3
    assert "in capture" in text  # the service's frame
    assert SECRET not in text and SECRET_KEY not in text
