"""The user guide and its window: F1 opens it, its pictures and links resolve, the
contents move to their sections, and one window is reused."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from scrutiny_desk.resources_path import resource_file
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.window.help_window import HelpWindow
from scrutiny_desk.ui.window.main_window import MainWindow
from tests.ui.conftest import WindowFactory

pytestmark = pytest.mark.gui

GUIDE = resource_file("help/guide.html")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class _Links(HTMLParser):
    """The guide's image sources, link targets and anchors (id or a name)."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.hrefs: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "img":
            self.images.append(found["src"] or "")
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        for name in ("id", "name"):
            if found.get(name) and (name == "id" or tag == "a"):
                self.anchors.add(found[name] or "")


def _links() -> _Links:
    parser = _Links()
    parser.feed(GUIDE.read_text("utf-8"))
    return parser


def _press_f1(qtbot: QtBot, window: MainWindow) -> None:
    """F1 as a clerk presses it: shortcuts reach only the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.meetings_view.setFocus()
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)


def _help_window(qtbot: QtBot, window: object) -> HelpWindow:
    guide = window.guide  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: guide.window is not None and guide.window.isVisible())
    return guide.window


def test_f1_opens_the_guide(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    assert window.guide.window is None  # made when first asked for
    _press_f1(qtbot, window)
    shown = _help_window(qtbot, window)
    assert shown.title() == "Scrutiny Desk: User Guide"
    assert shown.windowTitle() == "Scrutiny Desk — User Guide"
    assert "Taking notes during a session" in shown.browser.toPlainText()
    assert not shown.isModal()
    assert window.isVisible()  # the guide sits beside the window, not over it


def test_help_menu_lists_the_guide_above_about(
    make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts[0] == "&User Guide" and texts[-1] == "&About Scrutiny Desk"
    assert window.guide.action.shortcut().toString() == "F1"


def test_a_second_f1_reuses_the_window(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services)
    _press_f1(qtbot, window)
    first = _help_window(qtbot, window)
    first.close()
    assert not first.isVisible()
    _press_f1(qtbot, window)
    assert _help_window(qtbot, window) is first
    assert len(window.findChildren(HelpWindow)) == 1


def test_every_picture_is_a_png_that_exists() -> None:
    images = _links().images
    assert len(images) >= 12  # a picture for most tasks
    for source in images:
        path = GUIDE.parent / source
        assert path.is_file(), source
        assert path.read_bytes()[:8] == PNG_SIGNATURE, source
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 300, source
    shipped = {p.name for p in (GUIDE.parent / "images").glob("*.png")}
    assert shipped == {Path(s).name for s in images}  # none left unused
    assert sum((GUIDE.parent / s).stat().st_size for s in set(images)) < 1_500_000


def test_every_internal_link_has_its_target() -> None:
    links = _links()
    internal = [href for href in links.hrefs if href.startswith("#")]
    assert len(internal) >= 13  # the contents, and links between sections
    for href in internal:
        assert href[1:] in links.anchors, href
    assert all(re.match(r"(#|https://|mailto:)", href) for href in links.hrefs)


def test_the_browser_loads_every_picture(qtbot: QtBot, settings: Settings) -> None:
    """Qt resolves each <img> against the guide's folder (a broken one would be blank)."""
    shown = HelpWindow(settings)
    qtbot.addWidget(shown)
    document = shown.browser.document()
    base = shown.browser.source()
    for source in _links().images:
        resource = document.resource(3, base.resolved(QUrl(source)))  # ImageResource
        assert resource is not None and not QImage.fromData(resource).isNull(), source


def test_contents_list_the_sections_and_move_to_them(qtbot: QtBot, settings: Settings) -> None:
    shown = HelpWindow(settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    titles = [shown.contents.item(row).text() for row in range(shown.contents.count())]
    assert titles[0] == "Getting started"
    assert "Keyboard shortcuts" in titles and len(titles) == 19
    assert "Personal data: subject access, erasure and retention" in titles
    bar = shown.browser.verticalScrollBar()
    assert bar.value() == 0

    row = titles.index("Minutes and approving them")
    item = shown.contents.item(row)
    qtbot.mouseClick(
        shown.contents.viewport(),
        Qt.MouseButton.LeftButton,
        pos=shown.contents.visualItemRect(item).center(),
    )
    assert shown.browser.source().fragment() == "minutes"
    assert bar.value() > 0
    assert abs(bar.value() - _heading_top(shown, "Minutes and approving them")) <= 2
    assert shown.back_action.isEnabled()

    shown.back_action.trigger()
    assert shown.browser.source().fragment() == ""
    assert shown.forward_action.isEnabled()
    shown.forward_action.trigger()
    assert shown.browser.source().fragment() == "minutes"
    shown.home_action.trigger()
    assert bar.value() == 0


def _heading_top(shown: HelpWindow, text: str) -> float:
    """Where a heading starts in the document, in the browser's scroll units."""
    document = shown.browser.document()
    block = document.begin()
    while block.isValid() and (
        block.text().strip() != text or block.blockFormat().headingLevel() != 2
    ):
        block = block.next()
    assert block.isValid(), text
    return document.documentLayout().blockBoundingRect(block).top()


def test_a_link_in_the_text_moves_to_its_section(qtbot: QtBot, settings: Settings) -> None:
    shown = HelpWindow(settings)
    qtbot.addWidget(shown)
    opened: list[QUrl] = []
    shown.open_external = lambda url: opened.append(url) or True
    shown.browser.anchorClicked.emit(QUrl("#live-notes"))
    assert shown.browser.source().fragment() == "live-notes"
    assert shown.contents.currentItem().text() == "Taking notes during a session"
    assert opened == []

    shown.browser.anchorClicked.emit(QUrl("https://www.legislation.gov.uk/ukpga/1972/70"))
    assert [u.toString() for u in opened] == ["https://www.legislation.gov.uk/ukpga/1972/70"]
    assert shown.browser.source().fragment() == "live-notes"  # the guide stays put


def test_the_window_remembers_its_size(qtbot: QtBot, settings: Settings) -> None:
    shown = HelpWindow(settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.resize(700, 500)
    qtbot.waitUntil(lambda: shown.size().width() == 700)
    shown.close()
    assert settings.help_window_geometry != QByteArray()
    again = HelpWindow(settings)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)
