"""Connect to Shared Database: the team's PostgreSQL server, its database and the
clerk's login, and how the connection is protected (libpq's ``sslmode``, in words).

The password is typed here for each connection, unless the system keyring keeps it:
the "Remember the password in …" box is offered only when a usable keyring exists.
The dialog hands back the address and the password; it stores nothing itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.server_address import DEFAULT_PORT, DEFAULT_SSL_MODE, SSL_MODES, ServerAddress
from ..shared.fields import ProblemLabel, remember_geometry, required_text_problem
from ..shared.settings import Settings


@dataclass(frozen=True)
class ConnectRequest:
    """What the clerk asked for: never kept as it is (it holds the password)."""

    address: ServerAddress
    password: str
    remember: bool


class ConnectDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        keyring_name: str | None,
        address: ServerAddress | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(self.tr("Connect to Shared Database"))
        intro = QLabel(
            self.tr(
                "Your council's IT team gives you these details. The password is asked "
                "each time unless it is kept in your system's keyring."
            )
        )
        intro.setWordWrap(True)

        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("hostEdit")
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("portSpin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.database_edit = QLineEdit()
        self.database_edit.setObjectName("databaseEdit")
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("userEdit")
        self.ssl_combo = QComboBox()
        self.ssl_combo.setObjectName("sslCombo")
        for mode in SSL_MODES:
            self.ssl_combo.addItem(self.ssl_label(mode), mode)
        self.ssl_combo.setCurrentIndex(SSL_MODES.index(DEFAULT_SSL_MODE))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box: QCheckBox | None = None
        if keyring_name:
            self.remember_box = QCheckBox(
                self.tr("Remember the password in {keyring}").format(keyring=keyring_name)
            )
            self.remember_box.setObjectName("rememberBox")

        self.problems: dict[QLineEdit, ProblemLabel] = {}
        form = QFormLayout()
        for label, edit in (
            (self.tr("&Server:"), self.host_edit),
            (self.tr("&Database:"), self.database_edit),
            (self.tr("&User name:"), self.user_edit),
        ):
            form.addRow(label, edit)
            problem = ProblemLabel()
            form.addRow("", problem)
            self.problems[edit] = problem
        form.insertRow(2, self.tr("P&ort:"), self.port_spin)
        form.addRow(self.tr("&Security:"), self.ssl_combo)
        form.addRow(self.tr("&Password:"), self.password_edit)
        if self.remember_box is not None:
            form.addRow("", self.remember_box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("&Connect"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(460, 0)
        remember_geometry(
            self,
            lambda: settings.connect_dialog_geometry,
            lambda g: setattr(settings, "connect_dialog_geometry", g),
        )
        if address is not None:
            self.show_address(address)

    def ssl_label(self, mode: str) -> str:
        """libpq's sslmode in a clerk's words, the mode itself in brackets for IT."""
        labels = {
            "disable": self.tr("Not encrypted (disable)"),
            "prefer": self.tr("Encrypted if the server offers it (prefer)"),
            "require": self.tr("Encrypted (require)"),
            "verify-ca": self.tr("Encrypted, server's certificate checked (verify-ca)"),
            "verify-full": self.tr("Encrypted, certificate and server name checked (verify-full)"),
        }
        return labels[mode]

    def show_address(self, address: ServerAddress) -> None:
        """Fill in a database connected to before; the password is still to be typed."""
        self.host_edit.setText(address.host)
        self.port_spin.setValue(address.port)
        self.database_edit.setText(address.database)
        self.user_edit.setText(address.user)
        self.ssl_combo.setCurrentIndex(SSL_MODES.index(address.sslmode))
        self.password_edit.setFocus()

    def request(self) -> ConnectRequest:
        return ConnectRequest(
            ServerAddress(
                host=self.host_edit.text().strip(),
                port=self.port_spin.value(),
                database=self.database_edit.text().strip(),
                user=self.user_edit.text().strip(),
                sslmode=str(self.ssl_combo.currentData()),
            ),
            self.password_edit.text(),
            self.remember_box is not None and self.remember_box.isChecked(),
        )

    def accept(self) -> None:
        """Connect only with a server, a database and a user name, each named if missing."""
        names = {
            self.host_edit: self.tr("the server's name or address"),
            self.database_edit: self.tr("the database's name"),
            self.user_edit: self.tr("your user name"),
        }
        first_bad: QLineEdit | None = None
        for edit, what in names.items():
            problem = required_text_problem(edit.text(), what)
            self.problems[edit].show_problem(problem)
            if problem and first_bad is None:
                first_bad = edit
        if first_bad is not None:
            first_bad.setFocus()
            return
        super().accept()
