"""New Review and Review Details: everything about a review that is not its meetings,
panel or witnesses, on eight tabs.

Review (title, body, status, time zone, summary, public web page), Contact Officer,
Papers (clear days before a meeting by which its agenda is published, the wording of
the resolution excluding the press and public, and whether calendar entries show
public titles only), then the exclusions, interfaces and milestones as
short lists to add to, remove from and reorder; Procedure (``procedure_settings``) and
Privacy (the retention date and the witnesses' privacy notice, ``privacy_settings``).

Each field is checked as the clerk types, with the services' own rules; a problem is
shown under its field, the tab holding it carries a warning sign, and Save stays
disabled. A new time zone is checked against every meeting's times here too, since a
meeting at a time the zone skips would be refused. The dialog does not save: ``save``
does, and the dialog closes once it has (or shows what the service found, and stays).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import ReviewStatus
from ...domain.errors import Problem
from ...domain.localtime import DEFAULT_TIMEZONE
from ...domain.people_records import ReviewChanges, ReviewDetails
from ...domain.records import (
    DEFAULT_CLEAR_DAYS,
    Contact,
    Exclusion,
    Interface,
    Meeting,
    Milestone,
)
from ...domain.rules import MAX_CLEAR_DAYS
from .fields import (
    ProblemLabel,
    cap_length,
    email_field_problem,
    link_field_problem,
    optional_text_problem,
    remember_geometry,
    required_text_problem,
)
from .privacy_settings import PrivacyPage, PrivacyValues
from .procedure_settings import ProcedurePage, ProcedureValues
from .review_checks import list_problems, review_zones, row_name, zone_problem
from .review_list_tabs import build_list_tabs
from .settings import Settings

#: The resolution offered when the clerk stops using the standard wording.
RESOLUTION_TEMPLATE = (
    "That under Section 100A(4) of the Local Government Act 1972 the press and public be "
    "excluded from the meeting for the following items of business on the grounds that "
    "they involve the likely disclosure of exempt information as defined in paragraphs "
    "{paragraphs} of Part 1 of Schedule 12A to the Act."
)
_CONTACT_FIELDS = ("name", "role", "address", "phone", "fax", "minicom", "email")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewDialog", text)


@dataclass(frozen=True)
class ReviewValues(ProcedureValues, PrivacyValues):
    """Everything the dialog edits, as the services take it."""

    title: str
    body: str | None
    summary: str | None
    status: ReviewStatus
    timezone: str
    contact: Contact | None
    clear_days: int
    exclusion_resolution: str | None
    exclusions: tuple[Exclusion, ...]
    interfaces: tuple[Interface, ...]
    milestones: tuple[Milestone, ...]
    web_page: str | None = None
    calendar_public_titles: bool = True

    def changes_from(self, details: ReviewDetails) -> ReviewChanges:
        """Only what differs from ``details``; the rest is kept."""
        changed = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) != getattr(details, f.name)
        }
        return ReviewChanges(**changed)

    @property
    def has_lists(self) -> bool:
        return bool(self.exclusions or self.interfaces or self.milestones)


#: Saves the values; the problems to show (empty once saved or refused for good).
ReviewSave = Callable[[ReviewValues], Sequence[Problem]]


def status_label(status: ReviewStatus) -> str:
    return {
        ReviewStatus.SCOPING: _tr("Scoping"),
        ReviewStatus.EVIDENCE: _tr("Taking evidence"),
        ReviewStatus.REPORTING: _tr("Reporting"),
        ReviewStatus.MONITORING: _tr("Monitoring"),
        ReviewStatus.CLOSED: _tr("Closed"),
    }[status]


class ReviewDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        save: ReviewSave,
        *,
        details: ReviewDetails | None = None,
        meetings: Sequence[Meeting] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle(self.tr("Review Details") if details else self.tr("New Review"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(760, 580)
        self._save = save
        self._details = details
        self._meetings = list(meetings)
        self._touched: set[str] = set()
        self._problems: dict[str, ProblemLabel] = {}

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self._tab_of: dict[str, int] = {}
        self._build_review_tab()
        self._build_contact_tab()
        self._build_papers_tab()
        self.exclusions_editor, self.interfaces_editor, self.milestones_editor = build_list_tabs(
            self.tabs, self._problems, self._tab_of, self._touch
        )
        self.procedure = ProcedurePage(
            self.tabs, self._problems, self._tab_of, self._touch, details
        )
        self.privacy = PrivacyPage(self.tabs, self._problems, self._tab_of, self._touch, details)

        self.general_problem = ProblemLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save") if details else self.tr("Create Review"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_problem)
        layout.addWidget(self.buttons)

        self._fill(details)
        remember_geometry(
            self,
            lambda: settings.review_dialog_geometry,
            lambda g: setattr(settings, "review_dialog_geometry", g),
        )
        self._check()
        self.title_edit.setFocus()

    # Building ----------------------------------------------------------------------

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _text(self, name: str, lines: int) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        return edit

    def _row(self, form: QFormLayout, key: str, text: str, field: QWidget, tab: int) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)
        problem = ProblemLabel()
        form.addRow("", problem)
        self._problems[key] = problem
        self._tab_of[key] = tab

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return form

    def _build_review_tab(self) -> None:
        page = QWidget()
        tab = self.tabs.addTab(page, self.tr("Re&view"))
        form = self._form()
        self.title_edit = self._line(self.tr("Title"), self.tr("For example, Drugs Scrutiny"))
        self.title_cap_note = cap_length(self.title_edit)
        self.body_edit = self._line(
            self.tr("Body"), self.tr("The council, committee or panel holding the review")
        )
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(self.tr("Status"))
        for status in ReviewStatus:
            self.status_combo.addItem(status_label(status), status.value)
        self.zone_combo = QComboBox()
        self.zone_combo.setAccessibleName(self.tr("Time zone"))
        self.zone_combo.setEditable(True)
        self.zone_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_combo.addItems(list(review_zones()))
        self.zone_combo.setMaxVisibleItems(15)
        completer = QCompleter(self.zone_combo.model(), self.zone_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.zone_combo.setCompleter(completer)
        self.zone_combo.setToolTip(
            self.tr("Meetings keep their times of day when the time zone changes")
        )
        self.summary_edit = self._text(self.tr("Summary"), 8)
        self.web_page_edit = self._line(
            self.tr("Web page"), self.tr("The review's public page, such as https://…")
        )
        self._row(form, "title", self.tr("&Title:"), self.title_edit, tab)
        form.addRow("", self.title_cap_note)
        self._row(form, "body", self.tr("&Body:"), self.body_edit, tab)
        self._row(form, "status", self.tr("&Status:"), self.status_combo, tab)
        self._row(form, "timezone", self.tr("Time &zone:"), self.zone_combo, tab)
        self._row(form, "summary", self.tr("Su&mmary:"), self.summary_edit, tab)
        self._row(form, "web_page", self.tr("Web pa&ge:"), self.web_page_edit, tab)
        page.setLayout(form)
        self.title_edit.textEdited.connect(lambda: self._touch("title"))
        self.body_edit.textEdited.connect(lambda: self._touch("body"))
        self.summary_edit.textChanged.connect(lambda: self._touch("summary"))
        self.web_page_edit.textEdited.connect(lambda: self._touch("web_page"))
        self.zone_combo.currentTextChanged.connect(lambda: self._touch("timezone"))
        self.status_combo.currentIndexChanged.connect(self._check)

    def _build_contact_tab(self) -> None:
        page = QWidget()
        tab = self.tabs.addTab(page, self.tr("&Contact Officer"))
        form = self._form()
        intro = QLabel(
            self.tr(
                "The officer named on agendas and invitations as the person to contact "
                "about the review."
            )
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        labels = {
            "name": (self.tr("&Name:"), self.tr("Name")),
            "role": (self.tr("&Role:"), self.tr("Role")),
            "address": (self.tr("A&ddress:"), self.tr("Address")),
            "phone": (self.tr("&Phone:"), self.tr("Phone")),
            "fax": (self.tr("&Fax:"), self.tr("Fax")),
            "minicom": (self.tr("&Minicom:"), self.tr("Minicom (text phone)")),
            "email": (self.tr("&E-mail:"), self.tr("E-mail address")),
        }
        self.contact_edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        for name in _CONTACT_FIELDS:
            text, accessible = labels[name]
            edit: QLineEdit | QPlainTextEdit
            if name == "address":
                edit = self._text(self.tr("Contact officer's address"), 3)
                edit.textChanged.connect(lambda n=name: self._touch(f"contact.{n}"))
            else:
                edit = self._line(self.tr("Contact officer's {field}").format(field=accessible))
                edit.textEdited.connect(lambda _t, n=name: self._touch(f"contact.{n}"))
            self.contact_edits[name] = edit
            self._row(form, f"contact.{name}", text, edit, tab)
        page.setLayout(form)

    def _build_papers_tab(self) -> None:
        page = QWidget()
        tab = self.tabs.addTab(page, self.tr("&Papers"))

        def note(text: str) -> QLabel:
            label = QLabel(text)
            label.setWordWrap(True)
            return label

        self.clear_days_spin = QSpinBox()
        self.clear_days_spin.setRange(0, MAX_CLEAR_DAYS)
        self.clear_days_spin.setSuffix(self.tr(" clear days"))
        self.clear_days_spin.setAccessibleName(self.tr("Clear days before a meeting"))
        days_label = QLabel(self.tr("Publish each agenda &at least"))
        days_label.setBuddy(self.clear_days_spin)
        days_row = QHBoxLayout()
        days_row.addWidget(days_label)
        days_row.addWidget(self.clear_days_spin)
        days_row.addWidget(QLabel(self.tr("before the meeting.")))
        days_row.addStretch(1)
        publishing = QGroupBox(self.tr("Publishing agendas"))
        publishing_layout = QVBoxLayout(publishing)
        publishing_layout.addLayout(days_row)
        publishing_layout.addWidget(note(self.tr("England: 5; Wales and parish councils: 3")))
        publishing_layout.addWidget(
            note(
                self.tr(
                    "Clear days leave out the day of publication, the day of the meeting, "
                    "weekends and bank holidays."
                )
            )
        )
        self._problems["clear_days"] = ProblemLabel()
        self._tab_of["clear_days"] = tab
        publishing_layout.addWidget(self._problems["clear_days"])

        self.standard_check = QCheckBox(self.tr("&Use the standard wording"))
        self.standard_check.setAccessibleName(self.tr("Use the standard wording"))
        self.resolution_edit = self._text(self.tr("Wording of the resolution"), 4)
        excluding = QGroupBox(self.tr("Resolution to exclude the press and public"))
        excluding_layout = QVBoxLayout(excluding)
        excluding_layout.addWidget(self.standard_check)
        excluding_layout.addWidget(
            note(
                self.tr(
                    "The standard wording excludes the press and public under Section 100A(4) "
                    "of the Local Government Act 1972 and names the Schedule 12A paragraphs "
                    "of the closed items. In your own wording, {paragraphs} is replaced by "
                    "those paragraphs (for example, “1 and 7”)."
                )
            )
        )
        wording_label = QLabel(self.tr("&Wording:"))
        wording_label.setBuddy(self.resolution_edit)
        excluding_layout.addWidget(wording_label)
        excluding_layout.addWidget(self.resolution_edit, 1)
        self._problems["exclusion_resolution"] = ProblemLabel()
        self._tab_of["exclusion_resolution"] = tab
        excluding_layout.addWidget(self._problems["exclusion_resolution"])

        self.public_titles_check = QCheckBox(self.tr("Calendar entries show public titles &only"))
        self.public_titles_check.setAccessibleName(
            self.tr("Calendar entries show public titles only")
        )
        calendars = QGroupBox(self.tr("Invitations and programmes"))
        calendars_layout = QVBoxLayout(calendars)
        calendars_layout.addWidget(self.public_titles_check)
        calendars_layout.addWidget(
            note(
                self.tr(
                    "Calendars are often shared with assistants: when ticked, no calendar "
                    "entry, even the panel's, shows a closed item's title or names a "
                    "private witness."
                )
            )
        )
        layout = QVBoxLayout(page)
        layout.addWidget(publishing)
        layout.addWidget(excluding, 1)
        layout.addWidget(calendars)
        self.standard_check.toggled.connect(self._on_standard_toggled)
        self.resolution_edit.textChanged.connect(lambda: self._touch("exclusion_resolution"))
        self.clear_days_spin.valueChanged.connect(self._check)

    def _fill(self, details: ReviewDetails | None) -> None:
        status = details.status if details else ReviewStatus.SCOPING
        self.status_combo.setCurrentIndex(self.status_combo.findData(status.value))
        self.zone_combo.setCurrentText(details.timezone if details else DEFAULT_TIMEZONE)
        self.clear_days_spin.setValue(details.clear_days if details else DEFAULT_CLEAR_DAYS)
        resolution = details.exclusion_resolution if details else None
        self.standard_check.setChecked(resolution is None)
        self.resolution_edit.setPlainText(resolution or "")
        self.resolution_edit.setEnabled(resolution is not None)
        self.public_titles_check.setChecked(details.calendar_public_titles if details else True)
        if details is None:
            self._touched.clear()
            return
        self.title_edit.setText(details.title)
        self.body_edit.setText(details.body or "")
        self.summary_edit.setPlainText(details.summary or "")
        self.web_page_edit.setText(details.web_page or "")
        contact = details.contact or Contact()
        for name, edit in self.contact_edits.items():
            value = getattr(contact, name) or ""
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(value)
            else:
                edit.setText(value)
        self.exclusions_editor.set_rows((e.text,) for e in details.exclusions)
        self.interfaces_editor.set_rows((i.name, i.abbreviation or "") for i in details.interfaces)
        self.milestones_editor.set_rows((m.date, m.title, m.done) for m in details.milestones)
        self._touched.clear()

    # The answer --------------------------------------------------------------------

    def values(self) -> ReviewValues:
        def text(value: str) -> str | None:
            return value.strip() or None

        contact_values = {
            name: text(edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text())
            for name, edit in self.contact_edits.items()
        }
        contact = (
            Contact(**contact_values)
            if any(v is not None for v in contact_values.values())
            else None
        )
        resolution = (
            None if self.standard_check.isChecked() else text(self.resolution_edit.toPlainText())
        )
        return ReviewValues(
            title=self.title_edit.text().strip(),
            body=text(self.body_edit.text()),
            summary=text(self.summary_edit.toPlainText()),
            status=ReviewStatus(self.status_combo.currentData()),
            timezone=self.zone_combo.currentText().strip(),
            contact=contact,
            clear_days=self.clear_days_spin.value(),
            exclusion_resolution=resolution,
            exclusions=tuple(Exclusion(t.strip()) for (t,) in self.exclusions_editor.values()),
            interfaces=tuple(
                Interface(n.strip(), a.strip() or None) for n, a in self.interfaces_editor.values()
            ),
            milestones=tuple(
                Milestone(d, t.strip(), done) for d, t, done in self.milestones_editor.values()
            ),
            web_page=text(self.web_page_edit.text()),
            calendar_public_titles=self.public_titles_check.isChecked(),
            **self.procedure.values(),
            **self.privacy.values(),
        )

    def show_privacy_tab(self) -> None:
        """Bring the Privacy tab (retention date, privacy notice) to the front."""
        self.tabs.setCurrentWidget(self.privacy)

    def changes(self) -> ReviewChanges:
        """What changed, for Review Details (everything counts as changed for a new one)."""
        if self._details is None:
            return ReviewChanges()
        return self.values().changes_from(self._details)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Problems the service found, each beside its field (by its path)."""
        general: list[str] = []
        by_key: dict[str, list[str]] = {}
        for problem in problems:
            key = problem.path
            if key not in self._problems:
                key = key.split("[", 1)[0]
            message = problem.message[:1].upper() + problem.message[1:]
            if key in self._problems:
                where = problem.path[len(key) :]
                by_key.setdefault(key, []).append(
                    f"{row_name(where)}{message}." if where else f"{message}."
                )
            else:
                general.append(str(problem))
        for key, messages in by_key.items():
            self._problems[key].show_problem("\n".join(messages))
        self.general_problem.show_problem("\n".join(general) or None)
        self._mark_tabs()
        for key in by_key:
            self.tabs.setCurrentIndex(self._tab_of[key])
            break

    # Overrides ---------------------------------------------------------------------

    def accept(self) -> None:
        self._touched.update(self._problems)
        if not self._check():
            first = next((k for k, p in self._problems.items() if p.problem()), None)
            if first is not None:
                self.tabs.setCurrentIndex(self._tab_of[first])
            return
        problems = self._save(self.values())
        if problems:
            self.show_problems(problems)
            return
        super().accept()

    # Checking ----------------------------------------------------------------------

    def _on_standard_toggled(self, standard: bool) -> None:
        self.resolution_edit.setEnabled(not standard)
        if not standard and not self.resolution_edit.toPlainText().strip():
            self.resolution_edit.setPlainText(RESOLUTION_TEMPLATE)
        self._check()

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self._check()

    def _check(self, *_args: object) -> bool:
        found = self._find_problems()
        for key, label in self._problems.items():
            label.show_problem(found.get(key) if key in self._touched else None)
        self.general_problem.show_problem(None)
        self._mark_tabs()
        ok = not found
        self.ok_button.setEnabled(ok)
        return ok

    def _mark_tabs(self) -> None:
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        marked = {self._tab_of[k] for k, label in self._problems.items() if label.problem()}
        for tab in range(self.tabs.count()):
            self.tabs.setTabIcon(tab, warning if tab in marked else QIcon())

    def _find_problems(self) -> dict[str, str]:
        """Every problem now, by field key, in words."""
        values = self.values()
        found: dict[str, str | None] = {
            "title": required_text_problem(self.title_edit.text(), self.tr("the review's title")),
            "body": optional_text_problem(self.body_edit.text()),
            "summary": optional_text_problem(self.summary_edit.toPlainText()),
            "web_page": link_field_problem(self.web_page_edit.text()),
            "timezone": zone_problem(values.timezone, self._details, self._meetings),
        }
        for name, edit in self.contact_edits.items():
            value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            found[f"contact.{name}"] = (
                email_field_problem(value) if name == "email" else optional_text_problem(value)
            )
        if not self.standard_check.isChecked():
            found["exclusion_resolution"] = required_text_problem(
                self.resolution_edit.toPlainText(), self.tr("the wording of the resolution")
            )
        found.update(self.procedure.problems())
        found.update(self.privacy.problems())
        found["exclusions"] = list_problems(
            [(e.text,) for e in values.exclusions], self.tr("Exclusion {n}"), 0
        )
        found["interfaces"] = list_problems(
            [(i.name, i.abbreviation or "") for i in values.interfaces],
            self.tr("Interface {n}"),
            0,
        )
        found["milestones"] = list_problems(
            [(m.title,) for m in values.milestones], self.tr("Milestone {n}"), 0
        )
        return {key: problem for key, problem in found.items() if problem}
