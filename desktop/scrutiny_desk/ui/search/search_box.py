"""One search box for the whole review, in the main toolbar, with a drop-down list of
results as you type (like a quick-open box): grouped by kind under headings, the
matched words in bold, closed material with the padlock and tint.

The query runs through ``workspace.runner`` off the GUI thread, 150 ms after the last
key; a newer query supersedes an older one, whose results are dropped. The keyboard
stays in the box: Down/Up (and Page Down/Up) move through the results, Enter opens
the current one (``window.reveal(kind, key)``), Escape closes the list (again: clears
the box). Ctrl+Shift+F (``focus_action``) comes to the box from anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from ..shared.workspace import Workspace

if TYPE_CHECKING:  # the search's words come with the first search, not at start
    from ...domain.search_text import SearchHit, SearchResults
    from .search_model import SearchResultsModel
    from .search_popup import SearchPopup

DEBOUNCE_MS = 150
POPUP_MIN_WIDTH = 560
POPUP_MAX_HEIGHT = 480
_PAD = 6


class SearchBox(QLineEdit):
    """The toolbar's search box. ``opened(kind, key)`` when a result is opened."""

    opened = Signal(str, str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(180)
        self.setMaximumWidth(420)
        self.setAccessibleName(self.tr("Search the review"))
        self.results: SearchResults | None = None
        self._review_id: int | None = None
        self._results_review: int | None = None  # the review ``results`` are from

        self.focus_action = QAction(self.tr("&Search Review…"), workspace.window)
        self.focus_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.focus_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.focus_action.setStatusTip(
            self.tr(
                "Find notes, minutes, agenda items, evidence, witnesses, recommendations and "
                "actions"
            )
        )
        self.focus_action.triggered.connect(self.focus_box)
        workspace.window.addAction(self.focus_action)
        keys = self.focus_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.setPlaceholderText(self.tr("Search the review ({keys})").format(keys=keys))
        self.setToolTip(
            self.tr(
                "Notes, minutes, agenda items, evidence, witnesses, recommendations and "
                "actions that hold every word typed (each word matches the start of a word). "
                "Down chooses a result, Enter opens it, Escape closes the list. "
                "{keys} comes here from anywhere."
            ).format(keys=keys)
        )

        self._failing = False  # the last search failed: said once, not at every key
        #: the drop-down list, built when first needed (``popup``): not at start
        self._popup: SearchPopup | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(self._on_text_edited)
        self.textChanged.connect(self._on_text_changed)
        workspace.editor.changed.connect(self._on_data_changed)

    @property
    def popup(self) -> SearchPopup:
        """The drop-down list, built (its modules imported) the first time it is needed."""
        if self._popup is None:
            from .search_popup import SearchPopup

            self._popup = SearchPopup(self.workspace.window)
            self._popup.view.clicked.connect(self._on_result_clicked)
        return self._popup

    @property
    def model(self) -> SearchResultsModel:
        """The results the list shows."""
        return self.popup.model

    def _clear_results(self) -> None:
        """No results to show (nothing to clear while the list was never built)."""
        self.results = None
        if self._popup is not None:
            self._popup.model.set_results(None)
        self.close_results()

    def sizeHint(self) -> QSize:
        """Wide enough for a few words (a menu-bar corner or toolbar gives it this)."""
        return QSize(300, super().sizeHint().height())

    # What is searched ---------------------------------------------------------------

    def review_id(self) -> int | None:
        """The review shown: ``set_review``'s, else the main window's current one."""
        if self._review_id is not None:
            return self._review_id
        current = getattr(self.workspace.window, "current_review_id", None)
        return current() if callable(current) else None

    def set_review(self, review_id: int | None) -> None:
        """Search this review (None: the window's current review); clears the results."""
        self._review_id = review_id
        self._clear_results()

    def focus_box(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
        if self.results is not None and self.text().strip():
            self.show_results()

    def search_now(self) -> None:
        """Run the query now (the timer does this 150 ms after the last key)."""
        self._timer.stop()
        review_id = self.review_id()
        query = self.text()
        from ...domain.search_text import query_words

        if review_id is None or not query_words(query):
            self.workspace.runner.discard("search-box")
            self._clear_results()
            return
        search = self.workspace.services.search

        def on_done(results: SearchResults) -> None:
            if results.query != self.text():
                return  # the box changed meanwhile: a newer query is on its way
            self._failing = False
            self.results = results
            self._results_review = review_id
            self.model.set_results(results)
            self._select_row(self._first_hit_row())
            if self.hasFocus():
                self.show_results()

        self.workspace.runner.submit(
            lambda: search.search(review_id, query),
            on_done,
            self._on_search_failed,
            key="search-box",
        )

    # The list -----------------------------------------------------------------------

    def show_results(self) -> None:
        """Drop the list down under the box, inside the main window."""
        window = self.popup.host
        view = self.popup.view
        width = min(max(self.width(), POPUP_MIN_WIDTH), window.width() - 2 * _PAD)
        height = sum(view.sizeHintForRow(r) for r in range(self.model.rowCount())) + 4
        # through the screen: the box need not sit inside the window the list floats over
        below = window.mapFromGlobal(self.mapToGlobal(QPoint(0, self.height() + 2)))
        # right-aligned with the box when the box sits at the right (the menu bar corner)
        left = min(below.x(), below.x() + self.width() - width, window.width() - width - _PAD)
        room = window.height() - below.y() - _PAD
        self.popup.setGeometry(
            max(_PAD, left), below.y(), width, max(60, min(height, POPUP_MAX_HEIGHT, room))
        )
        # the window's events watched only while the list is down (every event of
        # the window goes through a Python filter on it: a hundred as it first shows)
        window.installEventFilter(self)
        self.popup.show()
        self.popup.raise_()
        current = view.currentIndex()
        if not current.isValid() or current.row() == self._first_hit_row():
            view.scrollToTop()  # the first heading too
        else:
            view.scrollTo(current)

    def close_results(self) -> None:
        if self._popup is not None:
            self._popup.hide()
            self._popup.host.removeEventFilter(self)

    def results_shown(self) -> bool:
        """Whether the list is down."""
        return self._popup is not None and self._popup.isVisible()

    def current_hit(self) -> SearchHit | None:
        index = self.popup.view.currentIndex()
        return self.model.hit(index.row()) if index.isValid() else None

    def open_current(self) -> bool:
        """Go to the current result (else the first); False if there is none."""
        hit = self.current_hit()
        if hit is None:
            rows = self.model.hit_rows()
            hit = self.model.hit(rows[0]) if rows else None
        if hit is None:
            return False
        self.close_results()
        reveal = getattr(self.workspace.window, "reveal", None)
        shown = reveal(hit.kind, hit.key) if callable(reveal) else True
        if shown is False:
            status = getattr(self.workspace.window, "statusBar", None)
            if callable(status):
                status().showMessage(self.tr("That result cannot be shown here"))
        self.opened.emit(hit.kind, hit.key)
        return True

    def _first_hit_row(self) -> int | None:
        rows = self.model.hit_rows()
        return rows[0] if rows else None

    def _select_row(self, row: int | None) -> None:
        view = self.popup.view
        if row is None:
            view.setCurrentIndex(QModelIndex())
            return
        index = self.model.index(row, 0)
        view.setCurrentIndex(index)
        view.scrollTo(index)

    def _move(self, step: int) -> None:
        rows = self.model.hit_rows()
        if not rows:
            return
        if not self.popup.isVisible():
            self.show_results()
            return
        current = self.popup.view.currentIndex().row()
        if current not in rows:
            target = rows[0] if step > 0 else rows[-1]
        else:
            at = rows.index(current) + step
            target = rows[max(0, min(len(rows) - 1, at))]
        self._select_row(target)

    # Qt events ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_PageDown: 8,
            Qt.Key.Key_PageUp: -8,
        }
        if key in steps and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self._move(steps[Qt.Key(key)])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive():
                self.search_now()  # Enter straight after typing: search first
            if self.open_current():
                return
        if key == Qt.Key.Key_Escape:
            if self.results_shown():
                self.close_results()
            elif self.text():
                self.clear()
            else:
                self.clearFocus()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.text() and self.results is not None and self._results_review != self.review_id():
            self.search_now()  # another review is shown now

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._popup is not None and not self._popup.underMouse():
            self.close_results()  # a click on the list keeps it: it takes no focus

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.workspace.window and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.WindowDeactivate,
            QEvent.Type.Hide,
        ):
            self.close_results()
        return False

    def hideEvent(self, event: Any) -> None:
        self.close_results()
        super().hideEvent(event)

    # Slots --------------------------------------------------------------------------

    def _on_text_edited(self, _text: str) -> None:
        self._timer.start()

    def _on_text_changed(self, text: str) -> None:
        if not text:  # the clear button, or clear()
            self.search_now()

    def _on_result_clicked(self, index: QModelIndex) -> None:
        if self.model.hit(index.row()) is not None:
            self._select_row(index.row())
            self.open_current()

    def _on_data_changed(self, _topics: object) -> None:
        if self.results is not None and self.text():
            self._timer.start()  # what was found may have changed

    def _on_search_failed(self, exc: Exception) -> None:
        self._clear_results()
        if not self._failing:  # once, not again at every key while the cause lasts
            self._failing = True
            self.workspace.report_error(self.tr("The search failed"), exc)
