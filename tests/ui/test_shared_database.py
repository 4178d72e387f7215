"""Connect to Shared Database against a server that demands what a council's does
(TLS, scram-sha-256 over TCP, a login role with a password): the right password
connects, a wrong one or no encryption is refused and the open database stays, and
the password is kept only in a keyring, if one is usable, else asked each time."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from scrutiny_desk.ui.window.connect_dialog import ConnectDialog

from .council_postgres import (
    PASSWORD,
    ROLE,
    CouncilServer,
    council_database_fixture,  # noqa: F401 (a fixture)
    council_server_fixture,  # noqa: F401 (a fixture)
)
from .database_session import (
    SessionFactory,
    error_box,
    make_session_fixture,  # noqa: F401 (a fixture)
)

pytestmark = [pytest.mark.gui, pytest.mark.postgres]


class MemoryKeyring(KeyringBackend):
    """A keyring in memory: the tests never touch a real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def use_keyring() -> Iterator[Callable[[KeyringBackend], None]]:
    before = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(before)


Answer = Callable[[ConnectDialog], None]


class Dialogs:
    """Each Connect dialog shown (``shown``), answered by the next of ``answers``, then
    its Connect button pressed (so its own checks run)."""

    def __init__(self) -> None:
        self.shown: list[ConnectDialog] = []
        self.answers: list[Answer] = []

    def exec(self, dialog: ConnectDialog) -> int:
        self.shown.append(dialog)
        dialog.show()
        self.answers.pop(0)(dialog)
        dialog.connect_button.click()
        return dialog.result()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    answered = Dialogs()
    monkeypatch.setattr(ConnectDialog, "exec", lambda dialog: answered.exec(dialog))
    return answered


def fill(
    server: CouncilServer, database: str, password: str = PASSWORD, sslmode: str = "require"
) -> Answer:
    def typed(dialog: ConnectDialog) -> None:
        dialog.host_edit.setText("127.0.0.1")
        dialog.port_spin.setValue(server.port)
        dialog.database_edit.setText(database)
        dialog.user_edit.setText(ROLE)
        dialog.ssl_combo.setCurrentIndex(dialog.ssl_combo.findData(sslmode))
        dialog.password_edit.setText(password)
        if dialog.remember_box is not None:
            dialog.remember_box.setChecked(True)

    return typed


def no_password_anywhere(session_settings_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert PASSWORD not in session_settings_path.read_text(encoding="utf-8")
    assert PASSWORD not in caplog.text


def test_the_right_password_over_tls_connects_and_the_window_shows_the_database(
    make_session: SessionFactory,
    sqlite_target: str,
    council_server: CouncilServer,
    council_database: str,
    dialogs: Dialogs,
    use_keyring: Callable[[KeyringBackend], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    use_keyring(fail.Keyring())
    session = make_session(sqlite_target)
    first = session.window
    dialogs.answers = [fill(council_server, council_database)]

    session.menu.connect_action.trigger()

    [dialog] = dialogs.shown
    assert dialog.remember_box is None  # no keyring: nothing offered
    assert dialog.ssl_combo.itemText(dialog.ssl_combo.findData("require")) == (
        "Encrypted (require)"
    )
    window = session.window
    assert window is not first
    assert session.services.db.dialect == "postgresql"
    assert session.services.reviews.list() == []  # the schema was made on first open
    label = window.database_label
    assert label.text() == f"Database: {ROLE}@127.0.0.1/{council_database}"
    assert PASSWORD not in label.toolTip() and "***" not in label.toolTip()
    entry = f"postgresql+psycopg://{ROLE}@127.0.0.1:{council_server.port}/{council_database}"
    assert session.recent.entries()[0] == entry + "?sslmode=require"
    session.settings.sync()
    no_password_anywhere(session.settings.path, caplog)
    assert window.stack.currentWidget() is window.empty_state
    window.load_sample()  # the clerk works on it as on a file
    assert session.services.reviews.list()[0].title == "Drugs Scrutiny"


@pytest.mark.parametrize(
    ("password", "sslmode", "why"),
    [
        ("not the password", "require", f'password authentication failed for user "{ROLE}"'),
        (PASSWORD, "disable", "no encryption"),
    ],
    ids=["wrong-password", "no-tls"],
)
def test_a_wrong_password_or_no_tls_is_refused_and_the_open_database_stays(
    password: str,
    sslmode: str,
    why: str,
    make_session: SessionFactory,
    sqlite_target: str,
    council_server: CouncilServer,
    council_database: str,
    dialogs: Dialogs,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    session = make_session(sqlite_target)
    window, services = session.window, session.services
    dialogs.answers = [fill(council_server, council_database, password, sslmode)]

    session.menu.connect_action.trigger()

    box = error_box(window)
    assert box.text() == f"{ROLE}@127.0.0.1/{council_database} could not be opened"
    assert why in box.informativeText()
    assert password not in box.informativeText()
    assert session.window is window and session.services is services
    assert services.reviews.list() == []  # still open and usable
    assert window.database_label.text() == "Database: scrutiny-desk.sqlite3"
    assert session.recent.entries() == [sqlite_target]
    session.settings.sync()
    no_password_anywhere(session.settings.path, caplog)
    assert password not in caplog.text


def test_a_remembered_password_reconnects_from_open_recent_without_asking(
    make_session: SessionFactory,
    sqlite_target: str,
    council_server: CouncilServer,
    council_database: str,
    dialogs: Dialogs,
    use_keyring: Callable[[KeyringBackend], None],
) -> None:
    memory = MemoryKeyring()
    use_keyring(memory)
    session = make_session(sqlite_target)
    dialogs.answers = [fill(council_server, council_database)]
    session.menu.connect_action.trigger()
    [dialog] = dialogs.shown
    assert dialog.remember_box is not None
    assert dialog.remember_box.text() == f"Remember the password in {memory.name}"
    key = f"{ROLE}@127.0.0.1:{council_server.port}/{council_database}"
    assert memory.kept == {("Scrutiny Desk", key): PASSWORD}
    server_entry = session.recent.entries()[0]
    assert session.open_recent(sqlite_target)
    assert session.services.db.dialect == "sqlite"

    assert session.open_recent(server_entry)

    assert len(dialogs.shown) == 1  # nothing asked the second time
    assert session.services.db.dialect == "postgresql"
    label = f"Database: {ROLE}@127.0.0.1/{council_database}"
    assert session.window.database_label.text() == label


def test_with_no_keyring_the_password_is_asked_at_each_connection(
    make_session: SessionFactory,
    sqlite_target: str,
    council_server: CouncilServer,
    council_database: str,
    dialogs: Dialogs,
    use_keyring: Callable[[KeyringBackend], None],
) -> None:
    use_keyring(fail.Keyring())
    session = make_session(sqlite_target)
    dialogs.answers = [fill(council_server, council_database)]
    session.menu.connect_action.trigger()
    server_entry = session.recent.entries()[0]
    assert session.open_recent(sqlite_target)
    asked_with: list[tuple[str, str, str, str]] = []

    def type_password(dialog: ConnectDialog) -> None:
        asked_with.append(
            (
                dialog.host_edit.text(),
                dialog.database_edit.text(),
                dialog.user_edit.text(),
                dialog.password_edit.text(),
            )
        )
        dialog.password_edit.setText(PASSWORD)

    dialogs.answers = [type_password]

    session.menu.recent_menu.aboutToShow.emit()
    [entry] = [a for a in session.menu.recent_menu.actions() if a.data() == server_entry]
    entry.trigger()

    assert asked_with == [("127.0.0.1", council_database, ROLE, "")]  # filled in, bar it
    assert dialogs.shown[-1].remember_box is None
    assert session.services.db.dialect == "postgresql"


def test_the_dialog_names_each_missing_field(
    make_session: SessionFactory, sqlite_target: str, dialogs: Dialogs
) -> None:
    session = make_session(sqlite_target)
    first = session.window
    dialogs.answers = [lambda dialog: None]

    assert not session.connect_shared()

    [dialog] = dialogs.shown
    assert dialog.isVisible()  # Connect did nothing: it stays open
    problems = [dialog.problems[e].problem() for e in dialog.problems]
    assert problems == [
        "Enter the server's name or address.",
        "Enter the database's name.",
        "Enter your user name.",
    ]
    dialog.reject()
    assert session.window is first
