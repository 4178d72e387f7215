"""Table models that hold the ids of a query's rows and fetch the rows in pages.

The pattern of Anki's card browser (``qt/aqt/browser/table/model.py``): a list that
can grow to tens of thousands of rows never loads them all. ``PagedTableModel``

- holds only the ids, in order. ``set_query(load_ids)`` (or ``reload()``, or a click
  on a sortable header) runs ``load_ids(order)`` through ``workspace.runner``, OFF the
  GUI thread: the query filters and sorts in SQL and returns ids, nothing else. The
  same worker task reads the first page and the pages of the selected rows, so the
  list shows its rows and keeps its selection as soon as the ids arrive;
- fetches the rows themselves on demand, from ``data()``: the first time a row is
  asked for, its page (``page_size`` ids, 200 by default) is read with
  ``fetch(ids) -> rows`` by primary key and cached. When no worker runs, a
  screenful of rows from the first one missing (``SCREEN_ROWS``) is read on the GUI
  thread, a few milliseconds, and the rest of the page on a worker; not while Python
  code runs on a worker thread (a slow report): every time the GUI thread wants
  Python's lock (the GIL) back it waits up to 5 ms. So while the threaded runner is
  busy the whole page is read on a worker at a higher priority instead (the rows are
  blank until they arrive, then ``dataChanged``). ``record(row)`` of a row not read
  yet (the selection, a command) reads that one row at once and its page on a
  worker. With the synchronous runner (tests) pages are always read inline. A view
  paints only the rows it shows, so a 30,000-row list costs a page or two (see
  ``shared.tables.fit_to_rows_shown``: Qt measures 1,000 rows to size a column to its
  contents unless told otherwise);
- describes its columns with ``Column`` specs (header, text, tooltip, alignment,
  sort key, extra roles) instead of per-model ``headerData``/``flags`` code: the
  headers, flags and cells of ``records_table.ColumnTableModel``, as the models that
  hold all their records have them;
- keeps the selection across reloads by id (``keep_selection(view.selectionModel())``):
  a reload with the same ids in the same order only repaints, the same ids in a new
  order move the rows (a layout change: selection and persistent indexes follow), and
  different ids reset the model and select the same records again where they remain;
- ``refresh_ids(ids)`` re-reads changed rows in place (no new ids query).

Use::

    class NotesModel(PagedTableModel[NoteEntry]):
        def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
            notes = workspace.services.notes
            super().__init__(
                workspace.runner,
                [
                    Column(self.tr("Created"), lambda n: long_date(n.created), sort="created"),
                    Column(self.tr("Text"), lambda n: n.text, tooltip=lambda n: n.text),
                ],
                fetch=notes.entries,
                order=Order("created"),
                parent=parent,
            )

    model.set_query(lambda order: notes.ids(review_id, NoteFilter(text=words), order.key))
    model.keep_selection(view.selectionModel())
    view.setSortingEnabled(True)  # a header click calls sort(): ids re-read, in SQL order

A new filter is a new query (``set_query`` with another closure); the model re-reads
the ids and keeps the selected records selected. ``loaded`` says how many rows the
query gave; ``failed`` carries the exception of a query that failed. A record deleted
after its id was read shows as an empty row until the next reload (``record`` gives
None for it).

``row_of_key(key)`` finds a record by its ``key`` among the rows read, else through
``model.find_id = lambda key: ...`` (a service lookup by key: undo steps find records
by key). ``is_read(row)`` says whether a row has been read without reading it.

Subclasses may override ``cell(record, column, role)`` for anything the specs cannot
say, and ``accept_rows(rows)`` (GUI thread) to keep more than the records from what
``fetch`` gave (the meetings list keeps each meeting's agenda deadline).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import count
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from .display import IdRole
from .multi_data import RoleData, roles_asked
from .records_table import Column, ColumnTableModel, _id_attribute
from .tasks import SynchronousTaskRunner, TaskRunner

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_ROOT = QModelIndex()
_MISSING = object()  # a cached "this id has no row any more"
_keys = count(1)

#: How many rows one page read fetches.
PAGE_SIZE = 200
#: How many rows a view on show is given from the GUI thread, read there when no
#: worker runs (a tall screenful): the rest of their page is read on a worker.
SCREEN_ROWS = 50


@dataclass(frozen=True)
class Order:
    """How ``load_ids`` must order the ids: a column's sort key, ascending or not."""

    key: str
    descending: bool = False


class PagedTableModel(ColumnTableModel[R]):
    """Ids of a query's rows, the rows fetched in pages on demand (see the module)."""

    #: the ids of a query arrived: how many rows it gave
    loaded = Signal(int)
    #: the ids (and the first rows) have arrived and are about to be shown: before
    #: ``loaded``, and before any view hears of them
    arriving = Signal()
    #: the ids query failed: the exception
    failed = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        columns: Sequence[Column[R]],
        *,
        fetch: Callable[[Sequence[int]], Iterable[Any]],
        order: Order,
        id_of: Callable[[R], int] = _id_attribute,
        row_roles: Mapping[int, Callable[[R], Any]] | None = None,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        """``fetch(ids)`` reads the rows of at most ``page_size`` ids (any order; an id
        without a row is left out; it may run on a worker thread: services only);
        ``order`` is the order before any header click; ``row_roles`` are roles that
        hold across a row (a closed record's tint)."""
        super().__init__(columns, id_of=id_of, row_roles=row_roles, parent=parent)
        self.runner = runner
        self._fetch = fetch
        self.page_size = page_size
        #: rows read on the GUI thread for a view on show (``SCREEN_ROWS``)
        self.page_size_on_screen = min(SCREEN_ROWS, page_size)
        self.default_order = order
        self._order = order
        self._load_ids: Callable[[Order], Sequence[int]] | None = None
        self._count_all: Callable[[], int] | None = None
        self._total = 0
        self._ids: list[int] = []
        self._rows_by_id: dict[int, int] | None = None
        self._cache: dict[int, Any] = {}
        self._loaded = False
        self._task = f"paged-{next(_keys)}"
        self._selections: list[QItemSelectionModel] = []
        #: the id of the record with a key now (None: none), for ``row_of_key`` when the
        #: record has not been read yet: typically one indexed lookup by the service
        self.find_id: Callable[[str], int | None] | None = None
        #: read pages on the runner's worker thread (False: inline, as tests do)
        self.read_off_thread = not isinstance(runner, SynchronousTaskRunner)
        self._pending: set[int] = set()  # first rows of the pages being read
        self._generation = 0  # rises when the ids change: older page reads are dropped
        #: every page read so far: (first row, rows, milliseconds from asking to having
        #: the rows); for tests and the bench
        self.page_reads: list[tuple[int, int, float]] = []
        #: reads that made the GUI thread wait: (rows, milliseconds)
        self.blocking_reads: list[tuple[int, float]] = []

    # The query -------------------------------------------------------------------

    def set_query(
        self,
        load_ids: Callable[[Order], Sequence[int]] | None,
        count_all: Callable[[], int] | None = None,
    ) -> None:
        """Show the rows of this query (None: no rows). ``load_ids(order)`` runs on
        the runner's worker thread and returns the ids in that order; ``count_all()``
        (same task) counts the rows the list would have unfiltered, for "12 of 3,000"
        (``total()``; without it, the rows of the query)."""
        self._load_ids = load_ids
        self._count_all = count_all
        if load_ids is None:
            self.runner.discard(self._task)
            self._loaded = False
            self._total = 0
            self._apply_ids([], ([], []))
            return
        self.reload()

    def reload(self) -> None:
        """Read the ids again (after a change); the rows are read again as shown.

        The same worker task reads the first page and the pages of the records
        selected now, so the list shows rows (and keeps its selection) as soon as the
        ids arrive, with no page read on the GUI thread."""
        load_ids = self._load_ids
        if load_ids is None:
            return
        order, fetch, size, count_all = self._order, self._fetch, self.page_size, self._count_all
        selected = self._selected_ids()

        def work() -> tuple[list[int], int, list[int], list[Any]]:
            ids = list(load_ids(order))
            total = count_all() if count_all is not None else len(ids)
            where = {i: row for row, i in enumerate(ids)} if selected else {}
            firsts = {0} | {where[i] - where[i] % size for i in selected if i in where}
            wanted = [i for first in sorted(firsts) for i in ids[first : first + size]]
            return ids, total, wanted, list(fetch(wanted)) if wanted else []

        self.runner.submit(work, self._on_ids, self._on_failed, key=self._task, priority=1)

    def order(self) -> Order:
        return self._order

    def is_loaded(self) -> bool:
        """The ids of the current query have arrived."""
        return self._loaded

    def total(self) -> int:
        """The rows of the list unfiltered (``count_all``), as of the last ids read."""
        return self._total

    def ids(self) -> tuple[int, ...]:
        return tuple(self._ids)

    def refresh_ids(self, ids: Iterable[int]) -> None:
        """Read these rows again in place (they changed; the ids and order did not)."""
        rows = {i: r for i in ids if (r := self.row_of_id(i)) is not None}
        if not rows:
            return
        for i in rows:
            self._cache.pop(i, None)
        self._read_now(list(rows))
        last = self.columnCount() - 1
        for row in sorted(rows.values()):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    # Records ---------------------------------------------------------------------

    def record(self, row: int) -> R | None:
        """The record of that row (read with its page if need be); None for a row
        whose record has gone since the ids were read."""
        if not 0 <= row < len(self._ids):
            return None
        record_id = self._ids[row]
        if record_id not in self._cache:
            if self.read_off_thread:  # one row here, its neighbours on a worker
                self._read_now([record_id])
                self._request_page(row)  # its neighbours will be wanted next
            else:
                self._read_page(row)
        found = self._cache.get(record_id, _MISSING)
        return None if found is _MISSING else found  # type: ignore[no-any-return]

    def is_read(self, row: int) -> bool:
        """The row's record has been read (no read is started)."""
        return 0 <= row < len(self._ids) and self._ids[row] in self._cache

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of_id(self, record_id: int) -> int | None:
        if self._rows_by_id is None:
            self._rows_by_id = {i: row for row, i in enumerate(self._ids)}
        return self._rows_by_id.get(record_id)

    def row_of_key(self, key: str) -> int | None:
        """The row of the record with that ``key`` attribute: among the rows read, else
        through ``find_id``; None if the list does not show it."""
        found = next(
            (i for i, r in self._cache.items() if r is not _MISSING and r.key == key), None
        )
        if found is None and self.find_id is not None:
            found = self.find_id(key)
        return self.row_of_id(found) if found is not None else None

    def cached(self) -> list[R]:
        """The records read so far (no page is read for this)."""
        return [r for r in self._cache.values() if r is not _MISSING]

    def keep_selection(self, selection: QItemSelectionModel) -> None:
        """Select the same records (and the same current record) after a reload."""
        self._selections.append(selection)

    # Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row = index.row()
        if role == IdRole:
            return self._ids[row]
        record = self._shown_record(row)
        if record is None:
            return None
        return self.cell(record, index.column(), role)

    def multiData(self, index: Index, roleDataSpan: RoleData) -> None:
        """Every role a view asks of a cell at once (a delegate asks seven to paint
        one): one call from Qt instead of one per role, each of which waits for
        Python's lock while a worker runs. The same values as ``data``."""
        wanted = roles_asked(roleDataSpan)
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._ids):
            for role_data in wanted:
                role_data.clearData()
            return
        record: Any = _MISSING
        column = index.column()
        for role_data in wanted:
            role = role_data.role()
            if role == IdRole:
                role_data.setData(self._ids[row])
                continue
            if record is _MISSING:
                record = self._shown_record(row)
            value = None if record is None else self.cell(record, column, role)
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _shown_record(self, row: int) -> R | None:
        """The record of a row on show: read now, or (while a worker runs) None until
        its page arrives."""
        if self._ids[row] not in self._cache:
            if not self.read_off_thread:
                self._read_page(row)
            elif self._worker_busy():
                self._request_page(row)
                return None  # blank until its page arrives
            else:
                self._read_screen(row)
        return self.record(row)

    def _read_screen(self, row: int) -> None:
        """Read here the rows a screen shows from ``row`` on (the first a view asks for
        is the top one missing), and the rest of their pages on a worker: a whole page
        here held the GUI thread 15-25 ms, most of it for rows off the screen."""
        last = min(row + self.page_size_on_screen, len(self._ids)) - 1
        wanted = [i for i in self._ids[row : last + 1] if i not in self._cache]
        began = time.perf_counter()
        self._store(wanted, self._fetch(wanted))
        took = (time.perf_counter() - began) * 1000
        self.page_reads.append((row, len(wanted), took))
        self.blocking_reads.append((len(wanted), took))
        self._request_page(row)
        self._request_page(last)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by that column, in SQL: the ids are read again (not the rows)."""
        key = self.columns[column].sort if 0 <= column < len(self.columns) else None
        wanted = (
            self.default_order if key is None else Order(key, order == Qt.SortOrder.DescendingOrder)
        )
        if wanted != self._order:
            self._order = wanted
            self.reload()

    # Reading ----------------------------------------------------------------------

    def _worker_busy(self) -> bool:
        """Is Python busy on a worker thread, so that a read here would wait for it?"""
        return self.read_off_thread and self.runner.is_busy()

    def accept_rows(self, rows: Iterable[Any]) -> Iterable[R]:
        """The records in what ``fetch`` gave (GUI thread); by default, the same."""
        return rows

    def _read_page(self, row: int) -> None:
        """Read the page of that row here, on the GUI thread."""
        first = row - row % self.page_size
        wanted = [i for i in self._ids[first : first + self.page_size] if i not in self._cache]
        began = time.perf_counter()
        self._store(wanted, self._fetch(wanted))
        took = (time.perf_counter() - began) * 1000
        self.page_reads.append((first, len(wanted), took))
        if self.read_off_thread:
            self.blocking_reads.append((len(wanted), took))

    def _read_now(self, ids: Sequence[int]) -> None:
        """Read these rows at once, on the GUI thread (a few rows: one indexed query)."""
        began = time.perf_counter()
        self._store(ids, self._fetch(ids))
        self.blocking_reads.append((len(ids), (time.perf_counter() - began) * 1000))

    def _store(self, ids: Sequence[int], rows: Iterable[Any]) -> None:
        for i in ids:
            self._cache[i] = _MISSING
        for record in self.accept_rows(rows):
            self._cache[self._id_of(record)] = record

    def _request_page(self, row: int) -> None:
        """Read the page of that row on the worker thread (once)."""
        first = row - row % self.page_size
        if first in self._pending:
            return
        wanted = [i for i in self._ids[first : first + self.page_size] if i not in self._cache]
        if not wanted:
            return
        self._pending.add(first)
        fetch, generation, began = self._fetch, self._generation, time.perf_counter()
        self.runner.submit(
            lambda: list(fetch(wanted)),
            lambda rows: self._on_page(generation, first, wanted, began, rows),
            lambda exc: self._on_page_failed(generation, first, exc),
            priority=1,
        )

    def _on_page(
        self, generation: int, first: int, ids: list[int], began: float, rows: list[Any]
    ) -> None:
        if generation != self._generation:
            return  # the ids changed meanwhile: the rows on show are asked for again
        self._pending.discard(first)
        self._store(ids, rows)
        self.page_reads.append((first, len(ids), (time.perf_counter() - began) * 1000))
        # The rows that arrived, not the whole page: rows read already (a screenful
        # read on the GUI thread) are not painted again for nothing.
        arrived = sorted(r for i in ids if (r := self.row_of_id(i)) is not None)
        last_column = self.columnCount() - 1
        for start, end in _runs(arrived):
            self.dataChanged.emit(self.index(start, 0), self.index(end, last_column))

    def _on_page_failed(self, generation: int, first: int, exc: Exception) -> None:
        if generation == self._generation:
            self._pending.discard(first)
            self.failed.emit(exc)

    def _on_ids(self, loaded: tuple[list[int], int, list[int], list[Any]]) -> None:
        ids, self._total, read, rows = loaded
        self.arriving.emit()
        self._loaded = True
        self._apply_ids(ids, (read, rows))
        self.loaded.emit(len(ids))

    def _selected_ids(self) -> list[int]:
        """The ids of the current and selected rows of the views kept (few: a page's
        worth at most)."""
        found: list[int] = []
        for selection in self._selections:
            if not shiboken6.isValid(selection) or selection.model() is not self:
                continue
            rows = {selection.currentIndex().row()}
            rows.update(index.row() for index in selection.selectedIndexes()[:500])
            found.extend(i for r in rows if (i := self.id_at(r)) is not None)
        return found

    def _on_failed(self, exc: Exception) -> None:
        self.failed.emit(exc)

    def _apply_ids(self, ids: list[int], read: tuple[list[int], list[Any]]) -> None:
        """The new ids, with the rows read with them (the first page, the selection's)."""
        old = self._ids
        self._cache.clear()  # whatever was read may have changed: read it as shown
        self._pending.clear()
        self._generation += 1
        self._store(*read)
        if ids == old:
            if ids:
                last = self.index(len(ids) - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        if len(ids) == len(old) and set(ids) == set(old):
            self._reorder(ids)
            return
        saved = self._save_selections()
        self.beginResetModel()
        self._ids = ids
        self._rows_by_id = None
        self.endResetModel()
        self._restore_selections(saved)

    def _reorder(self, ids: list[int]) -> None:
        """The same rows in another order: move persistent indexes with their ids."""
        self.layoutAboutToBeChanged.emit()
        old = self._ids
        self._ids = ids
        self._rows_by_id = None
        before = self.persistentIndexList()
        after = []
        for index in before:
            row = self.row_of_id(old[index.row()])
            after.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # Selection across a reset ------------------------------------------------------------

    def _save_selections(self) -> list[tuple[QItemSelectionModel, list[int], int | None, int]]:
        saved = []
        self._selections = [s for s in self._selections if shiboken6.isValid(s)]
        for selection in self._selections:
            if selection.model() is not self:
                continue
            rows = {index.row() for index in selection.selectedIndexes()}
            chosen = [self._ids[r] for r in sorted(rows) if 0 <= r < len(self._ids)]
            current = selection.currentIndex()
            current_id = self.id_at(current.row()) if current.isValid() else None
            saved.append((selection, chosen, current_id, max(current.column(), 0)))
        return saved

    def _restore_selections(
        self, saved: list[tuple[QItemSelectionModel, list[int], int | None, int]]
    ) -> None:
        flags = QItemSelectionModel.SelectionFlag
        last = self.columnCount() - 1
        for selection, chosen, current_id, column in saved:
            rows = sorted(r for i in chosen if (r := self.row_of_id(i)) is not None)
            ranges = QItemSelection()
            for start, end in _runs(rows):
                ranges.select(self.index(start, 0), self.index(end, last))
            current = self.row_of_id(current_id) if current_id is not None else None
            if current is not None:
                selection.setCurrentIndex(self.index(current, column), flags.NoUpdate)
            if not ranges.isEmpty():
                selection.select(ranges, flags.ClearAndSelect)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
