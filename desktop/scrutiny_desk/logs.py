"""The log: what failed and where, with its traceback, for whoever supports the clerk.

A windowed program has no console, so an error box that says "the details are in its
log" needs a log: ``configure`` writes one, rotating, in ``paths.log_dir()``, and logs
every exception nobody caught (on any thread). ``--verbose`` adds the app's INFO and
DEBUG lines on stderr.

The log must never hold closed material, and an exception's message can quote what a
clerk typed (a ValidationError names a title, a KeyError its key, a PostgreSQL error
the row it refused). So a traceback here shows the frames (file, line, function, the
line of code) and each exception's class, but a message only where it comes from code,
never from data: a ValidationError gives the paths of its fields, a database error its
driver's error code, an OSError its errno text. Callers log what failed (the action,
the class), never the clerk's text, and SQLAlchemy's loggers stay at WARNING, where
they print no statements or rows. No Qt and no SQLAlchemy here: the CLI and the window
both use it.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import TextIO

from . import __version__
from .paths import log_dir

LOG_FILE = "scrutiny-desk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: The app's own loggers (``logging.getLogger(__name__)`` under the package).
APP_LOGGER = "scrutiny_desk"
#: Exception classes whose messages are written by code, not built from data.
_SAFE_MESSAGES = (AttributeError, NameError, ImportError, TypeError, NotImplementedError)
_MAX_FIELDS = 10
_FIELD_PATH = re.compile(r"[A-Za-z_]\w*(\[\d+\])*(\.[A-Za-z_]\w*(\[\d+\])*)*")
#: Set on an exception once its traceback is in the log, so it is written once.
_LOGGED = "_scrutiny_desk_logged"

log = logging.getLogger(__name__)


class _Installed:
    """What ``configure`` installed, so a second call adds nothing twice."""

    file: logging.Handler | None = None
    stderr: logging.Handler | None = None
    configured = False


def configure(verbose: bool = False) -> Path | None:
    """Log to the rotating file (and, when ``verbose``, the app's INFO and DEBUG lines
    to stderr), and log every uncaught exception. The log file, or None when its folder
    cannot be made (said on stderr, if there is one): the program carries on without.
    Calling it again changes nothing but adds stderr when ``verbose`` is asked now."""
    root = logging.getLogger()
    app = logging.getLogger(APP_LOGGER)
    if not _Installed.configured:
        _Installed.configured = True
        app.setLevel(logging.INFO)
        # Without a file, a NullHandler keeps logging's last resort from printing
        # every warning on stderr beside the message the command line prints itself.
        _Installed.file = _file_handler() or logging.NullHandler()
        root.addHandler(_Installed.file)
        sys.excepthook = _log_uncaught
        threading.excepthook = _log_uncaught_in_thread
        first = True
    else:
        first = False
    if verbose and _Installed.stderr is None and sys.stderr is not None:
        app.setLevel(logging.DEBUG)
        _Installed.stderr = logging.StreamHandler(sys.stderr)
        _Installed.stderr.setFormatter(SafeFormatter(FORMAT))
        root.addHandler(_Installed.stderr)
        log.debug("Logging to %s", log_file() if _has_file() else "no file")
    if first:
        version = sys.version.split()[0]
        log.info("Scrutiny Desk %s started (Python %s, %s)", __version__, version, sys.platform)
    return log_file() if _has_file() else None


def _has_file() -> bool:
    return not isinstance(_Installed.file, logging.NullHandler | None)


def reset() -> None:
    """Undo ``configure`` (tests): remove its handlers and hooks."""
    root = logging.getLogger()
    for handler in (_Installed.file, _Installed.stderr):
        if handler is not None:
            root.removeHandler(handler)
            handler.close()
    _Installed.file = _Installed.stderr = None
    _Installed.configured = False
    logging.getLogger(APP_LOGGER).setLevel(logging.NOTSET)
    if sys.excepthook is _log_uncaught:
        sys.excepthook = sys.__excepthook__
    if threading.excepthook is _log_uncaught_in_thread:
        threading.excepthook = threading.__excepthook__


def log_file() -> Path:
    return log_dir() / LOG_FILE


def _file_handler() -> logging.Handler | None:
    from logging.handlers import RotatingFileHandler  # only when logging is configured

    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK):
            raise PermissionError(f"{folder} is not writable")
    except OSError as exc:
        _say(f"scrutiny-desk: no log file ({folder}: {exc.strerror or exc}); carrying on")
        return None
    handler = RotatingFileHandler(
        folder / LOG_FILE,
        maxBytes=MAX_BYTES,
        backupCount=BACKUP_COUNT,
        encoding="utf-8",
        delay=True,
    )
    handler.setLevel(logging.INFO)
    handler.setFormatter(SafeFormatter(FORMAT))
    return handler


def _say(text: str) -> None:
    stream: TextIO | None = sys.stderr
    if stream is not None:
        print(text, file=stream)


def mark_logged(error: BaseException) -> None:
    """Note that ``error``'s traceback is in the log (it is not written twice)."""
    with suppress(AttributeError, TypeError):  # an exception class with __slots__
        setattr(error, _LOGGED, True)


def was_logged(error: BaseException) -> bool:
    return bool(getattr(error, _LOGGED, False))


def log_failure(logger: logging.Logger, what: str, error: BaseException) -> None:
    """Log that ``what`` (words of the code, never the clerk's) failed with ``error``:
    an expected refusal (a ScrutinyError) as a warning, anything else as an error, each
    with its traceback the first time, a line naming it after that."""
    from .domain.errors import ScrutinyError

    level = logging.WARNING if isinstance(error, ScrutinyError) else logging.ERROR
    if was_logged(error):
        logger.log(level, "%s: %s (traceback above)", what, describe(error))
        return
    logger.log(level, "%s: %s", what, describe(error), exc_info=error)
    mark_logged(error)


def _log_uncaught(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log.critical("Uncaught exception: %s", describe(error), exc_info=(kind, error, tb))
    mark_logged(error)


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    thread = args.thread.name if args.thread is not None else "?"
    log.critical(
        "Uncaught exception in thread %s: %s",
        thread,
        describe(args.exc_value),
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )
    mark_logged(args.exc_value)


def describe(error: BaseException) -> str:
    """An exception's class, and of its message only what code wrote (see the module
    docstring): what a log line may say about it."""
    name = f"{type(error).__module__}.{type(error).__qualname__}".removeprefix("builtins.")
    detail = _safe_detail(error)
    return f"{name} ({detail})" if detail else name


def _safe_detail(error: BaseException) -> str:
    problems = getattr(error, "problems", None)
    if isinstance(problems, list):  # a ValidationError: the fields, not the words
        paths = [_field(getattr(p, "path", "")) for p in problems]
        more = f" and {len(paths) - _MAX_FIELDS} more" if len(paths) > _MAX_FIELDS else ""
        return "fields: " + ", ".join(paths[:_MAX_FIELDS]) + more
    original = getattr(error, "orig", None)  # SQLAlchemy's wrapper of a driver's error
    if isinstance(original, BaseException):
        code = getattr(original, "sqlite_errorname", None) or getattr(original, "sqlstate", None)
        driver = f"{type(original).__module__}.{type(original).__qualname__}"
        return f"{driver} {code}" if code else driver
    if isinstance(error, OSError) and error.strerror:
        return f"[Errno {error.errno}] {error.strerror}"  # never the file's name
    if isinstance(error, _SAFE_MESSAGES) and not isinstance(error, OSError):
        return str(error).splitlines()[0][:300] if str(error) else ""
    return ""


def _field(path: object) -> str:
    """A problem's path if it names a field (``review.meetings[2].title``); a path made
    of data (a file's name, a key) is left out."""
    text = str(path)
    return text if _FIELD_PATH.fullmatch(text) else "-"


def format_exception(error: BaseException) -> str:
    """A traceback like Python's, but each exception described by ``describe``: its
    frames and classes, none of the data its message may quote."""
    return "".join(_chain(error, set())).rstrip("\n")


def _chain(error: BaseException, seen: set[int]) -> Iterator[str]:
    seen.add(id(error))
    cause, context = error.__cause__, error.__context__
    if cause is not None and id(cause) not in seen:
        yield from _chain(cause, seen)
        yield "\nThe above exception was the direct cause of the following exception:\n\n"
    elif context is not None and not error.__suppress_context__ and id(context) not in seen:
        yield from _chain(context, seen)
        yield "\nDuring handling of the above exception, another exception occurred:\n\n"
    if error.__traceback__ is not None:
        yield "Traceback (most recent call last):\n"
        yield from traceback.format_list(traceback.extract_tb(error.__traceback__))
    yield describe(error) + "\n"
    for n, inner in enumerate(getattr(error, "exceptions", None) or (), 1):
        if isinstance(inner, BaseException) and id(inner) not in seen:
            yield f"\n+-- sub-exception {n} --\n"
            yield from _chain(inner, seen)


class SafeFormatter(logging.Formatter):
    """Writes tracebacks through ``format_exception``: no exception's message. Another
    handler's formatter may have cached its own text of the traceback on the record
    (``exc_text``, with the messages): that one is never used here."""

    def format(self, record: logging.LogRecord) -> str:
        kept = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = kept

    def formatException(self, ei: object) -> str:
        error = ei[1] if isinstance(ei, tuple) and len(ei) == 3 else None
        if isinstance(error, BaseException):
            return format_exception(error)
        return "(no exception)"
