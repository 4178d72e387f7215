"""Settings: declared once, typed, and forgiving of a mangled file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from scrutiny_desk.ui.shared.settings import FILE_NAME, Settings

pytestmark = pytest.mark.gui


def test_defaults_then_values_survive_a_new_instance(private_home: Path) -> None:
    settings = Settings()
    assert settings.path == private_home / "config" / FILE_NAME
    assert settings.last_review_id == 0
    assert settings.last_import_folder == ""
    assert settings.window_geometry.isEmpty()

    settings.last_review_id = 3
    settings.window_geometry = QByteArray(b"\x01\x02")
    settings.sync()
    again = Settings()
    assert again.last_review_id == 3
    assert isinstance(again.last_review_id, int)
    assert bytes(again.window_geometry.data()) == b"\x01\x02"


def test_a_mangled_value_reads_as_the_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[session]\nlast_review_id=seven\n", encoding="utf-8")
    assert Settings(path).last_review_id == 0


def test_a_value_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.ini")
    with pytest.raises(TypeError):
        settings.last_review_id = "3"  # type: ignore[assignment]


def test_every_setting_is_declared_once() -> None:
    keys = [s.key for s in Settings.declared()]
    assert keys and len(keys) == len(set(keys))
    assert all(s.__doc__ for s in Settings.declared())


def test_setting_the_value_stored_writes_nothing(tmp_path: Path) -> None:
    """QSettings saves the file at the next turn of the event loop after any write,
    the same value too (with an fsync): the value already stored is not written."""
    path = tmp_path / "settings.ini"
    path.write_text("[session]\nlast_review_id=3\n[meetings]\nview=list\n", encoding="utf-8")
    settings = Settings(path)
    written: list[str] = []
    setter = settings.store.setValue
    settings.store.setValue = lambda key, value: (written.append(key), setter(key, value))  # type: ignore[method-assign]
    settings.last_review_id = 3
    settings.meetings_view = "list"
    settings.last_import_folder = ""  # the default, but not stored: written
    assert written == ["session/last_import_folder"]
    settings.last_review_id = 4
    assert written[-1] == "session/last_review_id" and settings.last_review_id == 4
