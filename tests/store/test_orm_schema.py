"""The declared tables and mappings stay exactly as recorded in ``orm_schema.txt``.

``store/orm.py`` may be written differently to import faster (how annotations are
evaluated, how columns are declared), but the tables it creates and what the ORM maps
must not change: the DDL compiled for SQLite and for PostgreSQL, and for every mapped
class its table, version counter and each attribute's column, type and nullability.
After a deliberate schema change (with its migration), rewrite the file with
``python -m tests.store.test_orm_schema``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

from scrutiny_desk.store.orm import Base

RECORDED = Path(__file__).with_name("orm_schema.txt")


def schema_text() -> str:
    """The DDL of every table and index on both dialects, then every mapper."""
    out: list[str] = []
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        for table in Base.metadata.sorted_tables:
            out.append(f"-- {dialect.name} {table.name}")
            out.append(str(CreateTable(table).compile(dialect=dialect)).strip())
            for index in sorted(table.indexes, key=lambda i: str(i.name)):
                out.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    for mapper in sorted(Base.registry.mappers, key=lambda m: m.class_.__name__):
        out.append(f"-- mapper {mapper.class_.__name__} -> {mapper.local_table}")
        out.append(f"   version_id_col {mapper.version_id_col}")
        out.append(f"   primary_key {[str(c) for c in mapper.primary_key]}")
        for prop in mapper.column_attrs:
            for column in prop.columns:
                out.append(
                    f"   {prop.key}: {column.table.name}.{column.name} {column.type!r}"
                    f" python={column.type.python_type.__name__} nullable={column.nullable}"
                    f" pk={column.primary_key} default={_default(column.default)}"
                    f" server_default={_default(column.server_default)}"
                    f" fks={sorted(fk.target_fullname for fk in column.foreign_keys)}"
                    f" index={column.index} unique={column.unique}"
                )
    return "\n".join(out) + "\n"


def _default(default: object) -> str:
    """A column's default, without the object addresses its repr may hold."""
    arg = getattr(default, "arg", None)
    if default is None or isinstance(arg, str | int | float | bool):
        return repr(default)
    if callable(arg):
        return f"{type(default).__name__}({arg.__qualname__})"
    compiled = [str(arg.compile(dialect=d())) for d in (sqlite.dialect, postgresql.dialect)]  # type: ignore[union-attr]
    return f"{type(default).__name__}({type(arg).__name__}: {compiled})"


def test_the_tables_and_mappings_are_as_recorded() -> None:
    assert schema_text() == RECORDED.read_text(encoding="utf-8")


def test_every_mapped_class_is_configured_and_instrumented() -> None:
    """Mapping finishes (it runs at the first query) and each attribute is instrumented."""
    for mapper in Base.registry.mappers:
        state = inspect(mapper.class_)
        assert state.configured
        for prop in mapper.column_attrs:
            assert getattr(mapper.class_, prop.key) is not None


if __name__ == "__main__":
    RECORDED.write_text(schema_text(), encoding="utf-8")
