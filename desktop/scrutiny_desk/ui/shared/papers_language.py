"""The papers' language and the body's country, on the Procedure tab of Review Details.

Papers print in English, in Welsh, or in both (Welsh first, as the Welsh Language
Standards expect); the window itself stays in English. The country decides which
paragraphs of Schedule 12A a closed item cites: Part 1 (1 to 7) in England, Part 4
(12 to 18) in Wales. Both are saved with the rest of the details, as one undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSizePolicy

from ...domain.enums import Country, PaperLanguage


def _tr(text: str) -> str:
    return QCoreApplication.translate("PapersLanguage", text)


def language_labels() -> dict[PaperLanguage, str]:
    return {
        PaperLanguage.ENGLISH: _tr("English"),
        PaperLanguage.WELSH: _tr("Cymraeg (Welsh)"),
        PaperLanguage.BILINGUAL: _tr("Bilingual: Welsh first, then English"),
    }


def country_labels() -> dict[Country, str]:
    return {Country.ENGLAND: _tr("England"), Country.WALES: _tr("Wales")}


class LanguageFields:
    """The two choices, added as rows of ``form``."""

    def __init__(self, form: QFormLayout) -> None:
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("papersLanguage")
        self.language_combo.setAccessibleName(_tr("Language of the papers"))
        for language, label in language_labels().items():
            self.language_combo.addItem(label, language.value)
        self.country_combo = QComboBox()
        self.country_combo.setObjectName("bodyCountry")
        self.country_combo.setAccessibleName(_tr("Country of the body"))
        for country, label in country_labels().items():
            self.country_combo.addItem(label, country.value)

        language_label = QLabel(_tr("Papers &language:"))
        language_label.setBuddy(self.language_combo)
        form.addRow(language_label, self.language_combo)
        form.addRow(
            "",
            _note(
                _tr(
                    "Agendas, minutes, packs, calendar entries and e-mails print in this "
                    "language; bilingual papers give the Welsh first. Meetings and items "
                    "may have Welsh titles to print beside the English."
                )
            ),
        )
        country_label = QLabel(_tr("Body's &country:"))
        country_label.setBuddy(self.country_combo)
        form.addRow(country_label, self.country_combo)
        form.addRow(
            "",
            _note(
                _tr(
                    "Closed items cite the exempt information of Schedule 12A: paragraphs 1 "
                    "to 7 (Part 1) in England, paragraphs 12 to 18 (Part 4) in Wales."
                )
            ),
        )

    def connect_changes(self, touch: Callable[[str], None]) -> None:
        """``touch(key)`` marks one changed (connected once the review is shown)."""
        self.language_combo.currentIndexChanged.connect(lambda _i: touch("language"))
        self.country_combo.currentIndexChanged.connect(lambda _i: touch("country"))

    def fill(self, language: PaperLanguage, country: Country) -> None:
        self.language_combo.setCurrentIndex(self.language_combo.findData(language.value))
        self.country_combo.setCurrentIndex(self.country_combo.findData(country.value))

    def language(self) -> PaperLanguage:
        return PaperLanguage(self.language_combo.currentData())

    def country(self) -> Country:
        return Country(self.country_combo.currentData())


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
    return label
