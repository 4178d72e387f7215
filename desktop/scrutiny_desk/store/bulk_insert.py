"""Rows of a whole review written straight to the driver (``review_insert``).

A whole review is a few hundred thousand values. ``session.execute(insert(table),
dicts)`` builds each row's parameters anew from its dict (``construct_params``) before
the driver's ``executemany`` sees them. While a whole review is written, each table's
statement is made once instead (its columns quoted as the dialect quotes them, the
driver's placeholders) and the rows go to the driver as tuples, each value through its
column type's bind processor where it has one (SQLite's dates, times and booleans), as
SQLAlchemy passes it; a column not given gets its Python-side scalar default, as
Core's insert gives it. The rows written are the same.

It skips the session's ``do_orm_execute`` hooks, which is why it is used only while a
whole review is written (``writing_whole``, by ``review_insert.insert_review``): then
the audit trail records one row for the review (``audit.inserting_review``) and the
review scope notes the review once (``insert_review``), so of those hooks only the
topics the write changed (``store/changes.py``) are left to note, and they are noted
here. Outside it (a restored meeting's rows) the same calls are the session's Core
insert, hooks and all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from . import changes

_WHOLE = "scrutiny_desk.bulk_insert_whole"  # session.info key: a whole review is written

Processors = tuple[tuple[int, Callable[[Any], Any]], ...]


@contextmanager
def writing_whole(session: Session) -> Iterator[None]:
    """While a whole review is written: rows go straight to the driver."""
    session.info[_WHOLE] = True
    try:
        yield
    finally:
        session.info.pop(_WHOLE, None)


def insert_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys) into the table of ``model`` with one
    executemany: straight to the driver while a whole review is written, else as the
    session's Core insert (no RETURNING: SQLAlchemy's merging of returned batches
    grows with the square of the row count; of the table, not the mapped class: the
    ORM's bulk insert spent as long again sorting each row's values into columns)."""
    if not rows:
        return
    table: Table = model.__table__
    if not session.info.get(_WHOLE):
        session.execute(insert(table), list(rows))
        return
    columns = tuple(rows[0])
    pick = itemgetter(*columns)
    values = [pick(row) for row in rows] if len(columns) > 1 else [(pick(r),) for r in rows]
    _execute(session, table, columns, values)


def insert_values(
    session: Session, model: Any, columns: Sequence[str], values: list[tuple[Any, ...]]
) -> None:
    """``insert_rows`` of rows given as tuples of the ``columns``' values."""
    if not values:
        return
    table: Table = model.__table__
    if not session.info.get(_WHOLE):
        session.execute(insert(table), [dict(zip(columns, v, strict=True)) for v in values])
        return
    _execute(session, table, tuple(columns), values)


def _execute(
    session: Session, table: Table, columns: tuple[str, ...], values: list[tuple[Any, ...]]
) -> None:
    connection = session.connection()
    sql, processors, defaults = _statement(connection.dialect, table, columns)
    if processors or defaults:
        values = _processed(values, len(columns), processors, defaults)
    connection.exec_driver_sql(sql, values)  # type: ignore[arg-type]
    session.info.setdefault(changes.TOUCHED, set()).update(changes.topics_of(table.name))


@lru_cache(maxsize=512)  # a few dozen a database; bounded, as databases come and go
def _statement(
    dialect: Dialect, table: Table, columns: tuple[str, ...]
) -> tuple[str, Processors, tuple[Any, ...]]:
    """The INSERT of these columns (and the defaulted ones after them), the bind
    processors by position, and the defaults' values."""
    defaults: list[tuple[str, Any]] = []
    for column in table.columns:
        if column.name in columns or column.default is None:
            continue
        default: Any = column.default
        if not default.is_scalar:
            raise ValueError(f"{table.name}.{column.name}: only scalar defaults are filled in")
        defaults.append((column.name, default.arg))
    names = (*columns, *(name for name, _ in defaults))
    if dialect.paramstyle not in ("qmark", "format", "pyformat"):
        raise ValueError(f"no placeholder for the paramstyle {dialect.paramstyle}")
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer
    sql = (
        f"INSERT INTO {quote.format_table(table)} "
        f"({', '.join(quote.format_column(table.c[n]) for n in names)}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    processors = tuple(  # the very processors SQLAlchemy's compiled insert applies
        (n, processor)
        for n, name in enumerate(names)
        if (processor := _bind_processor(table.c[name].type, dialect)) is not None
    )
    return sql, processors, tuple(value for _, value in defaults)


def _processed(
    rows: list[tuple[Any, ...]], width: int, processors: Processors, defaults: tuple[Any, ...]
) -> list[tuple[Any, ...]]:
    """The rows with the defaults after their values, each value through its column's
    processor: column by column (a default, the same in every row, goes through it
    once)."""
    given: list[Iterable[Any]] = list(zip(*rows, strict=True)) or [()] * width
    fixed = list(defaults)
    for n, processor in processors:
        if n < width:
            given[n] = map(processor, given[n])
        else:
            fixed[n - width] = processor(fixed[n - width])
    return list(zip(*given, *(repeat(value, len(rows)) for value in fixed), strict=True))


def _bind_processor(kind: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """What SQLAlchemy applies to a value of this type before the driver sees it, by
    its public API: the dialect's implementation of the type, asked for its processor
    (what ``TypeEngine._cached_bind_processor`` caches; asked once per statement here)."""
    return kind.dialect_impl(dialect).bind_processor(dialect)
