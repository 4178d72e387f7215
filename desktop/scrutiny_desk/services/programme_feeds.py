"""A programme kept current: a folder per review where the public programme (.ics) is
rewritten after every change to the review's meetings, so a calendar subscribed to the
file (on a shared drive, or a website's upload folder) stays current.

The folder is a path on this computer, so it is a setting of this installation, not of
the review: kept in ``programme-folders.json`` in the config folder, keyed by the
database (``shared_databases.remembered_target``: a file by its path, a shared database
by its URL without the password) and the review's id. The file's name is decided from
the review's title when the folder is chosen and kept, so a subscription's address does
not change when the title does. The settings file is written atomically and read
forgivingly: a broken one is reported (``problem``), set aside when the settings are
next saved, and taken as empty meanwhile.

Only the public programme is ever written here (``Audience.PUBLIC``): a folder that
feeds subscriptions is a publication.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from ..domain.errors import Problem, ValidationError
from ..domain.file_names import portable_file_name
from ..domain.views import Audience
from ..store.db import Database
from .exporting import ExportService
from .files import write_atomically
from .reviews import ReviewService
from .shared_databases import remembered_target

CONFIG_FILE = "programme-folders.json"
FORMAT = 1
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Feed:
    """Where one review's public programme is kept current."""

    folder: Path
    file_name: str

    @property
    def path(self) -> Path:
        return self.folder / self.file_name


def programme_file_name(title: str) -> str:
    """ "Drug-related crime - programme.ics": the review's title as a portable name."""
    return portable_file_name(f"{title} - programme.ics", fallback="programme.ics")


class ProgrammeFeeds:
    """The programme folder of each review of one database."""

    def __init__(
        self,
        db: Database,
        exports: ExportService | None = None,
        config_file: Path | None = None,
    ) -> None:
        self.db = db
        self.exports = exports if exports is not None else ExportService(db)
        self._config_file = config_file
        self._database = remembered_target(db.label)
        #: what was wrong with the settings file when it was last read, else None
        self.problem: str | None = None

    @property
    def config_file(self) -> Path:
        """The settings file (in the config folder unless given)."""
        return self._config_file or paths.config_dir() / CONFIG_FILE

    # Reading ------------------------------------------------------------------------

    def feed(self, review_id: int) -> Feed | None:
        """Where the review's programme is kept current; None when it is not."""
        entry = self._entries().get(str(review_id))
        if not isinstance(entry, dict):
            return None
        folder, name = entry.get("folder"), entry.get("file")
        if not (isinstance(folder, str) and folder and isinstance(name, str) and name):
            return None
        return Feed(Path(folder), portable_file_name(name))

    def folder(self, review_id: int) -> Path | None:
        feed = self.feed(review_id)
        return None if feed is None else feed.folder

    # Changing -----------------------------------------------------------------------

    def set_folder(self, review_id: int, folder: str | os.PathLike[str] | None) -> Path | None:
        """Keep the review's public programme current in ``folder`` from now on (None:
        no longer). The programme is written there at once, and the choice kept only
        once it has been: the path written, or None. A folder that is missing or not
        writable is refused with a message, and the choice before is kept."""
        if folder is None:
            self._save(review_id, None)
            return None
        chosen = Path(folder).expanduser().absolute()
        _check_folder(chosen)
        title = ReviewService(self.db).summary(review_id).title
        kept = self.feed(review_id)
        name = kept.file_name if kept is not None else programme_file_name(title)
        feed = Feed(chosen, name)
        written = self._write(review_id, feed)
        self._save(review_id, feed)
        return written

    def rewrite(self, review_id: int) -> Path | None:
        """Write the review's public programme into its folder again, if it has one:
        after a change to its meetings. The path written, or None."""
        feed = self.feed(review_id)
        if feed is None:
            return None
        return self._write(review_id, feed)

    def _write(self, review_id: int, feed: Feed) -> Path:
        # ExportService writes to a temporary name in the folder and renames it.
        return self.exports.calendar(review_id, Audience.PUBLIC, feed.path)

    # The settings file ----------------------------------------------------------------

    def _read(self) -> dict[str, Any]:
        self.problem = None
        path = self.config_file
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            return self._broken(path, type(exc).__name__)
        if not isinstance(data, dict) or not isinstance(data.get("databases", {}), dict):
            return self._broken(path, "not the expected layout")
        if data.get("format", FORMAT) != FORMAT:
            return self._broken(path, f"format {data.get('format')!r}, not {FORMAT}")
        return data

    def _broken(self, path: Path, why: str) -> dict[str, Any]:
        self.problem = (
            f"The programme folders kept in {path} could not be read ({why}); "
            "no programme is being published until a folder is chosen again."
        )
        _log.warning("Programme folders file unreadable: %s", why)
        return {}

    def _entries(self) -> dict[str, Any]:
        entries = self._read().get("databases", {}).get(self._database, {})
        return entries if isinstance(entries, dict) else {}

    def _save(self, review_id: int, feed: Feed | None) -> None:
        data = self._read()
        path = self.config_file
        if self.problem is not None:
            _set_aside(path)
        databases = data.setdefault("databases", {})
        entries = databases.setdefault(self._database, {})
        if feed is None:
            entries.pop(str(review_id), None)
        else:
            entries[str(review_id)] = {"folder": str(feed.folder), "file": feed.file_name}
        if not entries:
            del databases[self._database]
        data["format"] = FORMAT
        text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ValidationError(
                Problem("folder", f"The choice could not be saved in {path.parent}: {exc}")
            ) from None
        write_atomically(path, text.encode("utf-8"))
        self.problem = None


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise ValidationError(Problem("folder", f"{folder} does not exist: choose a folder"))
    if not folder.is_dir():
        raise ValidationError(Problem("folder", f"{folder} is a file, not a folder"))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValidationError(
            Problem("folder", f"You may not write to {folder}: choose a folder you can write to")
        )


def _set_aside(path: Path) -> None:
    """Keep a broken settings file beside the new one (``.broken``), for whoever
    supports the clerk; best effort."""
    with contextlib.suppress(OSError):
        os.replace(path, path.with_name(path.name + ".broken"))
