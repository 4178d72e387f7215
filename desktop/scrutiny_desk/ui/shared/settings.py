"""The app's settings, each declared once with its key, type and default.

``Settings`` wraps a ``QSettings`` INI file in the config folder (``paths.config_dir``,
which ``SCRUTINY_DESK_HOME`` redirects: tests and portable installs get a private
file). Reading a setting never fails: a missing value, or one a person mangled by
hand, reads as the default.

    settings = Settings()
    settings.last_review_id = 3
    settings.last_review_id  # -> 3, an int, also after a restart
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar, cast, overload

from PySide6.QtCore import QByteArray, QSettings

from ...paths import config_dir

T = TypeVar("T")

FILE_NAME = "scrutiny-desk.ini"


class Setting(Generic[T]):
    """A declared setting: read and written as an attribute of ``Settings``."""

    def __init__(self, key: str, kind: type[T], default: T, doc: str = "") -> None:
        self.key = key
        self.kind: type[T] = kind
        self.default: T = default
        self.__doc__ = doc

    @overload
    def __get__(self, obj: None, owner: type) -> Setting[T]: ...
    @overload
    def __get__(self, obj: Settings, owner: type) -> T: ...
    def __get__(self, obj: Settings | None, owner: type) -> Setting[T] | T:
        if obj is None:
            return self
        return self.convert(obj.store.value(self.key))

    def __set__(self, obj: Settings, value: T) -> None:
        if not isinstance(value, self.kind):
            raise TypeError(
                f"setting {self.key} takes {self.kind.__name__}, not {type(value).__name__}"
            )
        # QSettings saves the file (with an fsync) at the next turn of the event loop
        # after any write, of the same value too: a start that sets what is stored
        # already would pay it as its window first appears.
        if obj.store.contains(self.key) and self.__get__(obj, type(obj)) == value:
            return
        obj.store.setValue(self.key, value)

    def convert(self, raw: Any) -> T:
        """The stored value as this setting's type; the default if absent or unreadable."""
        default: Any = self.default
        if isinstance(default, QByteArray):  # a copy: callers may change what they get
            default = QByteArray(default)
        if raw is None:
            return cast(T, default)
        value: Any
        try:
            if self.kind is QByteArray:
                value = raw if isinstance(raw, QByteArray) else QByteArray(bytes(raw))
            elif self.kind is bool:
                value = (
                    raw
                    if isinstance(raw, bool)
                    else {"true": True, "false": False}[str(raw).strip().lower()]
                )
            elif self.kind is int:
                value = int(raw)
            else:
                value = str(raw)
        except (TypeError, ValueError, KeyError):
            return cast(T, default)
        return cast(T, value)


class Settings:
    """Every setting of the app. Add one by declaring it here, nowhere else."""

    window_geometry = Setting(
        "main_window/geometry", QByteArray, QByteArray(), "Size and position of the main window"
    )
    window_state = Setting(
        "main_window/state", QByteArray, QByteArray(), "Toolbars and docks of the main window"
    )
    splitter_state = Setting(
        "main_window/splitter",
        QByteArray,
        QByteArray(),
        "Share of the meetings table and the agenda",
    )
    last_review_id = Setting(
        "session/last_review_id",
        int,
        0,
        "The review shown last (0: none yet); shown again at start",
    )
    last_import_folder = Setting(
        "session/last_import_folder", str, "", "Where the last review file was imported from"
    )
    last_export_folder = Setting(
        "session/last_export_folder", str, "", "Where the last agenda, minutes or invitation went"
    )
    last_database = Setting(
        "databases/last",
        str,
        "",
        "The database open last (a file path, or a shared database's URL without its "
        "password); opened again at start unless --db or SCRUTINY_DESK_DB says otherwise",
    )
    recent_databases = Setting(
        "databases/recent",
        str,
        "[]",
        "File > Open Recent: a JSON list of databases, most recent first, no passwords",
    )
    last_database_folder = Setting(
        "databases/last_folder", str, "", "Where the last database file was opened or made"
    )
    connect_dialog_geometry = Setting(
        "dialogs/connect_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the Connect to Shared Database dialog",
    )

    review_dialog_geometry = Setting(
        "dialogs/review_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the New Review and Review Details dialog",
    )
    member_dialog_geometry = Setting(
        "dialogs/member_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the panel member dialog",
    )
    attendee_dialog_geometry = Setting(
        "dialogs/attendee_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the dialog of a substitute, officer or other person present",
    )
    declaration_dialog_geometry = Setting(
        "dialogs/declaration_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the declaration of interest dialog",
    )
    interest_dialog_geometry = Setting(
        "dialogs/interest_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the registered interest dialog",
    )
    witness_dialog_geometry = Setting(
        "dialogs/witness_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the witness dialog",
    )
    close_item_dialog_geometry = Setting(
        "dialogs/close_item_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the Close Item dialog",
    )
    urgency_dialog_geometry = Setting(
        "dialogs/urgency_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the Reason for Urgency dialog",
    )
    welsh_titles_dialog_geometry = Setting(
        "dialogs/welsh_titles_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the agenda item's Welsh Titles dialog",
    )
    evidence_report_dialog_geometry = Setting(
        "dialogs/evidence_report_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the Report from the Evidence Register dialog",
    )
    item_people_dialog_geometry = Setting(
        "dialogs/item_people_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the Witnesses and Terms of Reference dialog",
    )
    approve_minutes_dialog_geometry = Setting(
        "dialogs/approve_minutes_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the Approve Minutes and Reopen Minutes dialogs",
    )

    meeting_dialog_geometry = Setting(
        "dialogs/meeting_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the New Meeting and Edit Meeting dialog",
    )
    series_dialog_geometry = Setting(
        "dialogs/series_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the New Series dialog",
    )
    progress_dialog_geometry = Setting(
        "dialogs/progress_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the recommendation progress update dialog",
    )
    recommendation_links_dialog_geometry = Setting(
        "dialogs/recommendation_links_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the recommendation's terms of reference and notes dialog",
    )
    paste_tor_dialog_geometry = Setting(
        "dialogs/paste_tor_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the Paste Terms of Reference dialog",
    )
    restore_dialog_geometry = Setting(
        "dialogs/restore_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the Restore From Backup dialog",
    )
    send_updates_dialog_geometry = Setting(
        "dialogs/send_updates_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of the Send Updates dialog",
    )
    history_dialog_geometry = Setting(
        "dialogs/history_geometry",
        QByteArray,
        QByteArray(),
        "Size and position of a record's History window",
    )
    help_window_geometry = Setting(
        "help/geometry", QByteArray, QByteArray(), "Size and position of the user guide's window"
    )
    meetings_view = Setting(
        "meetings/view", str, "list", "How the Meetings page shows them: list or calendar"
    )

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else config_dir() / FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.store = QSettings(str(self.path), QSettings.Format.IniFormat)

    @classmethod
    def declared(cls) -> list[Setting[Any]]:
        return [v for v in vars(cls).values() if isinstance(v, Setting)]

    def reset(self, setting: Setting[Any]) -> None:
        self.store.remove(setting.key)

    def sync(self) -> None:
        """Write pending changes to the file now (Qt also does so at exit)."""
        self.store.sync()
