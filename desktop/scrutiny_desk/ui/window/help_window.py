"""The user guide, read offline in a window of its own (F1, Help > User Guide).

The guide is HTML shipped under ``resources/help/`` (``guide.html`` and its
``images/``), so a checkout, an installed wheel and the bundle read the same file.
A ``QTextBrowser`` shows it: Qt's rich text renders the guide's headings, lists,
tables and screenshots without a web engine. The contents list beside it is read
from the guide's own second-level headings and their anchors, so it cannot drift from
the text. Links inside the guide move within it (Back and Forward remember them);
links to the web open in the system's browser.

There is one help window, made the first time it is asked for and shown again after
that (``guide.Guide``, the F1 action, imports this module then); it is not modal, so the
clerk can follow the steps in the main window with the guide open beside it, and it
remembers its size and place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QSignalBlocker, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QTextBlock,
    QTextDocument,
    QTextFragment,
)
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QWidget,
)

from ...resources_path import resource_file
from ..shared.settings import Settings

#: The guide, under resources/.
GUIDE = "help/guide.html"
#: Schemes that leave the guide for another program.
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})


def guide_url() -> QUrl:
    return QUrl.fromLocalFile(str(resource_file(GUIDE)))


def sections(document: QTextDocument) -> list[tuple[str, str]]:
    """The guide's sections as (anchor, heading text): each second-level heading that
    carries an anchor (``<h2 id="…">``), in order."""
    found = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            names = [
                name
                for fragment in _fragments(block)
                for name in fragment.charFormat().anchorNames()
            ]
            if names:
                found.append((names[0], block.text().strip()))
        block = block.next()
    return found


def _fragments(block: QTextBlock) -> Iterator[QTextFragment]:
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            yield fragment
        iterator += 1


class HelpWindow(QMainWindow):
    """The guide with its contents, Back, Forward and Home."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("Scrutiny Desk — User Guide"))
        self.settings = settings
        #: Opens a link that leaves the guide; tests replace it.
        self.open_external: Callable[[QUrl], bool] = QDesktopServices.openUrl

        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setOpenLinks(False)  # links are followed in _on_anchor_clicked
        self.browser.anchorClicked.connect(self._on_anchor_clicked)
        self.browser.sourceChanged.connect(self._on_source_changed)

        self.contents = QListWidget()
        self.contents.setObjectName("helpContents")
        self.contents.setAccessibleName(self.tr("Contents"))
        self.contents.setWordWrap(True)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.itemActivated.connect(self._on_section_chosen)
        self.contents.itemClicked.connect(self._on_section_chosen)

        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 870])
        self.setCentralWidget(splitter)
        self._build_toolbar()

        self.browser.setSource(guide_url())
        for anchor, title in sections(self.browser.document()):
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, anchor)
            self.contents.addItem(item)

        geometry = settings.help_window_geometry
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1120, 760)  # the pictures at a readable size

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Navigation"), self)
        bar.setObjectName("helpToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.back_action = self._action(
            self.tr("&Back"), QKeySequence.StandardKey.Back, self.browser.backward
        )
        self.forward_action = self._action(
            self.tr("&Forward"), QKeySequence.StandardKey.Forward, self.browser.forward
        )
        self.home_action = self._action(self.tr("&Home"), "Alt+Home", self.go_home)
        self.back_action.setEnabled(False)
        self.forward_action.setEnabled(False)
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        bar.addActions([self.back_action, self.forward_action, self.home_action])
        self.addToolBar(bar)

    def _action(
        self, text: str, keys: QKeySequence.StandardKey | str, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text.replace('&', '')} ({shown})")
        action.triggered.connect(slot)
        return action

    # Moving about the guide ---------------------------------------------------------

    def title(self) -> str:
        """The guide's title (its <title>)."""
        return self.browser.documentTitle()

    def show_section(self, anchor: str) -> None:
        """Go to a section by its anchor ("" for the top), remembered by Back."""
        url = QUrl(guide_url())
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)
        if not anchor:
            self.browser.verticalScrollBar().setValue(0)

    def go_home(self) -> None:
        self.show_section("")

    def _on_section_chosen(self, item: QListWidgetItem) -> None:
        self.show_section(item.data(Qt.ItemDataRole.UserRole))

    def _on_anchor_clicked(self, url: QUrl) -> None:
        target = self.browser.source().resolved(url)
        if target.scheme() in EXTERNAL_SCHEMES:
            self.open_external(target)
        elif target.isLocalFile() and target.toLocalFile() == guide_url().toLocalFile():
            self.show_section(target.fragment())
        else:  # nothing else is linked from the guide; a file would open outside
            self.open_external(target)

    def _on_source_changed(self, url: QUrl) -> None:
        """Keep the contents list on the section shown."""
        with QSignalBlocker(self.contents):
            self.contents.clearSelection()
            for row in range(self.contents.count()):
                item = self.contents.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == url.fragment():
                    self.contents.setCurrentItem(item)

    # Qt overrides ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.help_window_geometry = self.saveGeometry()
        super().closeEvent(event)
