"""The search box's drop-down list (``search_box.SearchBox.popup``): built at the first
search, so its view, model and delegate are not imported or made at start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QGraphicsDropShadowEffect, QListView, QVBoxLayout, QWidget

from .search_model import SearchResultDelegate, SearchResultsModel


class SearchPopup(QFrame):
    """The drop-down list: a panel floating over the main window (a child of it, not a
    window of its own, so it never takes the keyboard or needs a window manager)."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        #: the window it floats over: its parent, never None (``parentWidget()`` may be)
        self.host = host
        self.setObjectName("searchPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(18)
        shadow.setOffset(0, 3)
        shadow.setColor(QColor(0, 0, 0, 90))
        self.setGraphicsEffect(shadow)
        self.hide()
        self.view = QListView(self)
        self.view.setObjectName("searchResults")
        self.view.setAccessibleName(self.tr("Search results"))
        self.view.setItemDelegate(SearchResultDelegate(self.view))
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setUniformItemSizes(False)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.model = SearchResultsModel(self)  # goes with the view that shows it
        self.view.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.view)
