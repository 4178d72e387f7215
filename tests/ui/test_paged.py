"""PagedTableModel: ids through the runner, rows fetched a page at a time on demand."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrutiny_desk.ui.shared.display import IdRole
from scrutiny_desk.ui.shared.paged import SCREEN_ROWS, Column, Order, PagedTableModel
from scrutiny_desk.ui.shared.tasks import SynchronousTaskRunner, ThreadedTaskRunner

pytestmark = pytest.mark.gui


@dataclass(frozen=True)
class Thing:
    id: int
    name: str


class Store:
    """A table of things, counting what is asked of it."""

    def __init__(self, n: int) -> None:
        self.things = {i: Thing(i, f"thing {i:05d}") for i in range(1, n + 1)}
        self.id_queries: list[Order] = []
        self.fetched: list[int] = []

    def ids(self, order: Order, words: str = "") -> list[int]:
        self.id_queries.append(order)
        chosen = [t for t in self.things.values() if words in t.name]
        if order.key == "name":
            chosen.sort(key=lambda t: t.name, reverse=order.descending)
        return [t.id for t in chosen]

    def fetch(self, ids: Sequence[int]) -> list[Thing]:
        self.fetched.extend(ids)
        return [self.things[i] for i in ids if i in self.things]


def make(store: Store) -> PagedTableModel[Thing]:
    model: PagedTableModel[Thing] = PagedTableModel(
        SynchronousTaskRunner(),
        [
            Column("Name", lambda t: t.name, sort="name", tooltip=lambda t: f"Thing {t.id}"),
            Column("Number", lambda t: str(t.id), align=Qt.AlignmentFlag.AlignRight),
        ],
        fetch=store.fetch,
        order=Order("id"),
    )
    return model


def test_ten_thousand_ids_read_only_the_pages_shown(qtbot: QtBot) -> None:
    store = Store(10_000)
    model = make(store)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    with qtbot.waitSignal(model.loaded) as loaded:
        model.set_query(store.ids)
    assert loaded.args == [10_000]
    assert model.rowCount() == 10_000
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    assert 0 < len(store.fetched) <= 200  # the first page only
    assert model.index(0, 0).data() == "thing 00001"
    view.scrollToBottom()
    QApplication.processEvents()
    view.viewport().repaint()
    assert model.index(9_999, 0).data() == "thing 10000"
    assert len(store.fetched) <= 400  # the first page and the last
    assert len(model.page_reads) <= 2
    assert model.index(9_999, 1).data(IdRole) == 10_000
    assert model.row_of_id(5_000) == 4_999


def test_a_header_click_reads_the_ids_again_in_the_new_order(qtbot: QtBot) -> None:
    store = Store(1_000)
    model = make(store)
    model.set_query(store.ids)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert store.id_queries[-1] == Order("name", descending=True)
    assert model.index(0, 0).data() == "thing 01000"
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # not sortable: the default order
    assert store.id_queries[-1] == Order("id")
    assert model.index(0, 0).data() == "thing 00001"


def test_sorting_keeps_the_selected_record(qtbot: QtBot) -> None:
    store = Store(300)
    model = make(store)
    model.set_query(store.ids)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setCurrentIndex(model.index(9, 0))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.record(view.currentIndex().row()) == Thing(10, "thing 00010")
    assert view.currentIndex().row() == 290


def test_a_new_filter_keeps_the_selection_by_id(qtbot: QtBot) -> None:
    store = Store(500)
    model = make(store)
    model.set_query(store.ids)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.keep_selection(view.selectionModel())
    view.selectionModel().setCurrentIndex(
        model.index(119, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert model.total() == 500
    model.set_query(lambda order: store.ids(order, "thing 001"), lambda: len(store.things))
    assert model.rowCount() == 100
    assert model.total() == 500  # "100 of 500"
    assert model.record(view.currentIndex().row()) == Thing(120, "thing 00120")
    assert view.selectionModel().isRowSelected(view.currentIndex().row())
    model.set_query(lambda order: store.ids(order, "thing 002"))
    assert not view.currentIndex().isValid()  # the record is not in this list
    model.set_query(None)
    assert model.rowCount() == 0
    assert not model.is_loaded()


def test_the_first_page_and_the_selected_rows_come_with_the_ids(qtbot: QtBot) -> None:
    store = Store(5_000)
    model = make(store)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.keep_selection(view.selectionModel())
    model.set_query(store.ids)
    assert sorted(store.fetched) == list(range(1, 201))
    view.setCurrentIndex(model.index(3_210, 0))
    store.fetched.clear()
    model.sort(0, Qt.SortOrder.DescendingOrder)  # a new order: read with the ids
    row = view.currentIndex().row()
    assert row == 5_000 - 3_211
    assert len(store.fetched) == 400  # the first page and the selected row's
    assert model.record(row) == Thing(3_211, "thing 03211")
    assert len(store.fetched) == 400  # nothing more to read


def test_while_a_worker_is_busy_pages_are_read_on_a_worker_too(qtbot: QtBot) -> None:
    store = Store(1_000)
    runner = ThreadedTaskRunner(max_threads=2)
    model: PagedTableModel[Thing] = PagedTableModel(
        runner, [Column("Name", lambda t: t.name)], fetch=store.fetch, order=Order("id")
    )
    with qtbot.waitSignal(model.loaded):
        model.set_query(store.ids)
    assert model.index(0, 0).data() == "thing 00001"  # read with the ids
    # Runner idle: a screenful read here, the rest of the page on a worker.
    with qtbot.waitSignal(model.dataChanged) as rest:
        assert model.index(300, 0).data() == "thing 00301"
    assert model.blocking_reads == [(SCREEN_ROWS, model.blocking_reads[0][1])]
    assert rest.args[0].row() == 200
    qtbot.waitUntil(lambda: not runner.is_busy())
    assert all(model.is_read(row) for row in range(200, 400))
    report_done = threading.Event()
    runner.submit(report_done.wait, lambda _r: None, lambda _e: None)  # a slow report
    assert model.index(700, 0).data() is None  # blank until its page arrives
    with qtbot.waitSignal(model.dataChanged) as changed:
        pass
    assert changed.args[0].row() == 600
    assert model.index(700, 0).data() == "thing 00701"
    assert len(model.blocking_reads) == 1  # the GUI thread read nothing more
    assert model.record(950) == Thing(951, "thing 00951")  # one row, at once
    assert model.blocking_reads[-1][0] == 1
    report_done.set()
    runner.shutdown()


def test_refresh_ids_reads_one_row_again_in_place(qtbot: QtBot) -> None:
    store = Store(1_000)
    model = make(store)
    model.set_query(store.ids)
    assert model.index(500, 0).data() == "thing 00501"
    queries = len(store.id_queries)
    store.things[501] = Thing(501, "renamed")
    assert model.index(500, 0).data() == "thing 00501"  # cached
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.refresh_ids([501])
    assert changed.args[0].row() == changed.args[1].row() == 500
    assert model.index(500, 0).data() == "renamed"
    assert len(store.id_queries) == queries  # no ids query
    assert store.fetched[-1] == 501


def test_a_deleted_record_shows_an_empty_row_until_the_reload(qtbot: QtBot) -> None:
    store = Store(300)
    model = make(store)
    model.set_query(store.ids)  # the first page is read with the ids
    del store.things[3], store.things[250]
    assert model.record(2) == Thing(3, "thing 00003")  # as read
    assert model.record(249) is None
    assert model.index(249, 0).data() is None
    assert model.index(250, 0).data() == "thing 00251"
    model.reload()
    assert model.rowCount() == 298
    assert model.index(2, 0).data() == "thing 00004"


def test_columns_give_headers_tooltips_and_alignment(qtbot: QtBot) -> None:
    store = Store(3)
    model = make(store)
    model.set_query(store.ids)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "Thing 2"
    assert model.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "Thing 2"
    assert Qt.AlignmentFlag(model.index(1, 1).data(Qt.ItemDataRole.TextAlignmentRole)) & (
        Qt.AlignmentFlag.AlignRight
    )
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_passes_the_model_tester_through_loads_sorts_and_filters(
    qtmodeltester: ModelTester, qtbot: QtBot
) -> None:
    store = Store(450)
    model = make(store)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    model.set_query(store.ids)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.set_query(lambda order: store.ids(order, "thing 003"))
    model.refresh_ids([300])
    model.reload()
    model.set_query(None)


def test_several_selected_rows_stay_selected_through_a_new_filter(qtbot: QtBot) -> None:
    store = Store(300)
    model = make(store)
    model.set_query(store.ids)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
    model.keep_selection(view.selectionModel())
    rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (99, 100, 101, 120, 250):  # things 100, 101, 102, 121, 251
        view.selectionModel().select(model.index(row, 0), rows)
    model.set_query(lambda order: store.ids(order, "thing 001"))  # things 100..199
    chosen = sorted(i.row() for i in view.selectionModel().selectedRows())
    assert [model.id_at(r) for r in chosen] == [100, 101, 102, 121]
