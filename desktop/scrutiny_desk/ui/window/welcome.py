"""What a new, empty database shows: a welcome and the ways to get a review in, the
one a clerk starting real work wants first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Centred welcome with "Create a review…" (the default), "Load the sample review"
    and "Import a review file…"."""

    new_review_requested = Signal()
    load_sample_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")

        self.logo = QLabel()
        icon = QGuiApplication.windowIcon()
        if not icon.isNull():
            self.logo.setPixmap(icon.pixmap(64, 64))
        self.logo.setVisible(not icon.isNull())

        self.heading = QLabel(self.tr("Welcome to Scrutiny Desk"))
        self.heading.setObjectName("emptyStateHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)

        self.intro = QLabel(
            self.tr(
                "Scrutiny Desk keeps the meetings, agendas, witnesses and evidence of your "
                "scrutiny reviews in one place."
            )
        )
        self.intro.setWordWrap(True)

        self.message = QLabel(self.tr("There are no reviews in this database yet."))
        self.message.setObjectName("emptyStateMessage")
        bold = self.message.font()
        bold.setBold(True)
        self.message.setFont(bold)

        self.hint = QLabel(
            self.tr(
                "Create a review to start work on one, try Scrutiny Desk with the sample "
                "review (a drugs scrutiny built from the Metropolitan Police Authority's "
                "public review page), or import a review file (JSON) exported from Scrutiny "
                "Desk."
            )
        )
        self.hint.setWordWrap(True)

        self.read_only_note = QLabel()
        self.read_only_note.setWordWrap(True)
        self.read_only_note.hide()

        self.new_button = QPushButton(self.tr("&Create a review…"))
        self.new_button.setObjectName("createReviewButton")
        self.new_button.setAccessibleName(self.tr("Create a review"))
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_review_requested)
        self.sample_button = QPushButton(self.tr("Load the &sample review"))
        self.sample_button.setAccessibleName(self.tr("Load the sample review"))
        self.sample_button.clicked.connect(self.load_sample_requested)
        self.import_button = QPushButton(self.tr("&Import a review file…"))
        self.import_button.setAccessibleName(self.tr("Import a review file"))
        self.import_button.clicked.connect(self.import_requested)

        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        for button in self.buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(self.logo)
        for label in (self.heading, self.intro, self.message, self.hint, self.read_only_note):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(label)
        column.addSpacing(6)
        column.addLayout(buttons)

        # A fixed width, so the wrapped paragraphs know their height.
        panel = QWidget()
        panel.setFixedWidth(560)
        panel.setLayout(column)

        # Centred by stretches, not by an alignment flag: an aligned item gets its
        # size hint's height, which is too short for the wrapped paragraphs.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)

        self.setAccessibleName(self.tr("No reviews yet"))

    def buttons(self) -> list[QPushButton]:
        """In the order they show: the one for real work first."""
        return [self.new_button, self.sample_button, self.import_button]

    def set_enabled(self, enabled: bool) -> None:
        for button in self.buttons():
            button.setEnabled(enabled)

    def set_read_only(self, reason: str | None) -> None:
        """With a reason, nothing can be added: say why and disable the buttons."""
        self.set_enabled(reason is None)
        self.read_only_note.setVisible(reason is not None)
        if reason is not None:
            self.read_only_note.setText(
                self.tr(
                    "This database is open read-only ({reason}), so no review can be added to it."
                ).format(reason=reason)
            )
