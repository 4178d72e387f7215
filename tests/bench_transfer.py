"""Export-review and import of one office review, against bare-library floors (issue 13).

- ``export-review``: the command a clerk runs (``scrutiny-desk export-review``), whole
  process, spawn to exit, in a fresh interpreter each time; and that process's peak
  memory (``VmHWM``: its own, whatever its parent's size). The floor, also a fresh
  process: plain ``sqlite3`` (psycopg on PostgreSQL) reads of every table the review
  has rows in, every column, and ``json.dump`` of those rows (files in base64, two-space
  indentation as the format has) to a temporary file, flushed and renamed as the app
  writes its files.
- ``import-review``: ``services.reviews.import_bytes`` of one office review's file into
  a fresh database each run, in process (the database opened before the clock starts).
  The floor: ``json.loads`` of the same file and ``executemany`` of the very rows the
  app's import wrote (ids included) into the app's own empty schema, its triggers (the
  full-text index's too) firing, in one transaction. It maps nothing and checks
  nothing: the app's import also validates the file and maps keys to ids.

``export-review: in process`` is the same export with the database already open, in
the bench's own process, against the floor's same reads and writes: the whole process
figure less its start-up (the imports of SQLAlchemy and the app, which the start-up
benches measure).

``run(office)`` returns (name, figure, floor, target) without printing; ``main()``
builds an office and prints each line: ``python -m tests.bench_transfer [--scale N]
[--postgres]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .bench_data import Office

RUNS = 5
EXPORT_TIME = "export-review: whole process"
EXPORT_MEMORY = "export-review: peak memory"
EXPORT_WORK = "export-review: in process"
IMPORT_TIME = "import-review: in process"
TARGETS = {EXPORT_TIME: 3.0, EXPORT_MEMORY: 2.0, EXPORT_WORK: 3.0, IMPORT_TIME: 1.5}

_IN_MEETINGS = "meeting_id IN (SELECT id FROM meetings WHERE review_id = {r})"
_IN_ITEMS = "item_id IN (SELECT id FROM agenda_items WHERE review_id = {r})"
_IN_EVIDENCE = "evidence_id IN (SELECT id FROM evidence WHERE review_id = {r})"
_IN_NOTES = "note_id IN (SELECT id FROM notes WHERE review_id = {r})"
_IN_RECS = "recommendation_id IN (SELECT id FROM recommendations WHERE review_id = {r})"
# Every table a review has rows in, parents before children (the order an insert
# needs), each with what selects the review's rows.
TABLES: tuple[tuple[str, str], ...] = (
    ("reviews", "id = {r}"),
    ("panel_members", "review_id = {r}"),
    ("tor_items", "review_id = {r}"),
    ("exclusions", "review_id = {r}"),
    ("interfaces", "review_id = {r}"),
    ("milestones", "review_id = {r}"),
    ("witnesses", "review_id = {r}"),
    ("meetings", "review_id = {r}"),
    ("minutes_history", _IN_MEETINGS),
    ("minutes_snapshots", _IN_MEETINGS),
    ("attendance", _IN_MEETINGS),
    ("agenda_items", "review_id = {r}"),
    ("item_witnesses", _IN_ITEMS),
    ("item_tor", _IN_ITEMS),
    ("evidence", "review_id = {r}"),
    ("evidence_tor", _IN_EVIDENCE),
    ("evidence_files", _IN_EVIDENCE),
    ("notes", "review_id = {r}"),
    ("note_tor", _IN_NOTES),
    ("note_witnesses", _IN_NOTES),
    ("recommendations", "review_id = {r}"),
    ("recommendation_tor", _IN_RECS),
    ("recommendation_progress", _IN_RECS),
    ("recommendation_notes", _IN_RECS),
    ("actions", "review_id = {r}"),
)


def _is_postgres(target: str) -> bool:
    return target.startswith("postgresql")


def _libpq(target: str) -> str:
    """A SQLAlchemy ``postgresql+psycopg://`` URL as psycopg takes it."""
    return target.replace("postgresql+psycopg://", "postgresql://", 1)


def _on(target: str, database: str, *, libpq: bool = True) -> str:
    """The URL of another database on the server of ``target``."""
    from sqlalchemy.engine import make_url

    url = make_url(target).set(database=database).render_as_string(hide_password=False)
    return _libpq(url) if libpq else url


def _connect(target: str) -> Any:
    if _is_postgres(target):
        import psycopg

        return psycopg.connect(_libpq(target))
    import sqlite3

    return sqlite3.connect(target)


def _read_tables(con: Any, review_id: int) -> dict[str, tuple[list[str], list[Any]]]:
    """table -> (its columns, the review's rows), with the bare driver."""
    found = {}
    for table, where in TABLES:
        cursor = con.cursor()
        cursor.execute(f"SELECT * FROM {table} WHERE {where.format(r=int(review_id))}")
        columns = [d[0] for d in cursor.description]
        found[table] = (columns, cursor.fetchall())
    return found


# In the child processes --------------------------------------------------------------


def _peak_mb() -> float:
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith("VmHWM:"):
            return int(row.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _export_app(target: str, review_id: int, out: str) -> None:
    """The app's own program, as a clerk runs it: ``scrutiny-desk`` is
    ``scrutiny_desk.__main__:main``, which ends the process once the command is done
    (``_leave``: the exit handlers run, the freeing of every object is skipped), so the
    peak is printed by an exit handler; a failed export ends with its status."""
    import atexit

    from scrutiny_desk.__main__ import main

    atexit.register(lambda: print(json.dumps({"peak_mb": _peak_mb()}), flush=True))
    sys.argv = ["scrutiny-desk", "--db", target, "export-review", str(review_id), "-o", out]
    main()
    raise SystemExit("export-review did not end its process")  # main() _leave()s


def _export_floor(target: str, review_id: int, out: str) -> None:
    """Bare driver reads of the review's rows, json.dump to a temporary file, renamed."""
    import base64

    con = _connect(target)
    tables = _read_tables(con, review_id)
    con.close()
    document: dict[str, Any] = {}
    for table, (columns, rows) in tables.items():
        if table == "evidence_files":
            at = columns.index("content")
            rows = [
                [*r[:at], base64.b64encode(bytes(r[at])).decode("ascii"), *r[at + 1 :]]
                for r in rows
            ]
        document[table] = {"columns": columns, "rows": rows}
    part = f"{out}.part"
    with open(part, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=2, ensure_ascii=False, default=str)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(part, out)


def _driver(kind: str, target: str, review_id: int, out: str) -> None:
    if kind == "export":
        _export_app(target, review_id, out)  # prints its peak and ends the process
    _export_floor(target, review_id, out)
    print(json.dumps({"peak_mb": _peak_mb()}))


# In the bench ------------------------------------------------------------------------


def _child(kind: str, target: str, review_id: int, out: Path) -> tuple[float, float]:
    """One export in a fresh interpreter: (milliseconds spawn to exit, peak MB)."""
    command = [sys.executable, "-m", "tests.bench_transfer", "--driver", kind]
    command += ["--db", target, "--review", str(review_id), "--out", str(out)]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    whole = (time.perf_counter() - began) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{kind} child failed ({done.returncode}):\n{done.stderr}")
    return whole, float(json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"])


def _export_figures(office: Office, folder: Path) -> list[tuple[str, float, float, float]]:
    runs: dict[str, list[tuple[float, float]]] = {"export": [], "floor": []}
    for kind in runs:  # once each, unmeasured: caches warm alike
        _child(kind, office.target, office.measured, folder / f"{kind}.json")
    for _ in range(RUNS):  # interleaved, so a burst of load hits both alike
        for kind, found in runs.items():
            found.append(_child(kind, office.target, office.measured, folder / f"{kind}.json"))
    median = statistics.median
    app, floor = runs["export"], runs["floor"]
    return [
        (EXPORT_TIME, median(t for t, _ in app), median(t for t, _ in floor), TARGETS[EXPORT_TIME]),
        (
            EXPORT_MEMORY,
            median(m for _, m in app),
            median(m for _, m in floor),
            TARGETS[EXPORT_MEMORY],
        ),
    ]


def _export_work(office: Office, folder: Path) -> tuple[str, float, float, float]:
    """The export alone, in this process, the database open: what the whole process
    spends beyond start-up (its imports), against the floor's same work."""
    from scrutiny_desk.services.container import Services

    from . import bench_ratio

    services = Services.open(office.target)
    try:
        figure, floor = bench_ratio.interleaved(
            RUNS,
            lambda: services.reviews.export_file(office.measured, folder / "work.json"),
            lambda: _export_floor(office.target, office.measured, str(folder / "floor.json")),
        )
    finally:
        services.close()
    return (EXPORT_WORK, figure, floor, TARGETS[EXPORT_WORK])


class _FreshDatabases:
    """Empty databases of the app's schema, a new one for each import."""

    def __init__(self, office_target: str, folder: Path) -> None:
        self.office_target = office_target
        self.folder = folder
        self.count = 0
        if _is_postgres(office_target):
            from .conftest import PostgresServer

            # the office's server: its template database holds the migrated schema
            self.template = PostgresServer.TEMPLATE
        else:
            from scrutiny_desk.store.db import open_database

            self.template = str(folder / "empty.sqlite3")
            open_database(self.template).close()

    def make(self) -> str:
        self.count += 1
        if _is_postgres(self.office_target):
            import psycopg

            name = f"bench_import_{os.getpid()}_{self.count}"
            with psycopg.connect(_on(self.office_target, "postgres"), autocommit=True) as con:
                con.execute(f"CREATE DATABASE {name} TEMPLATE {self.template}")
            return _on(self.office_target, name, libpq=False)
        path = self.folder / f"fresh-{self.count}.sqlite3"
        shutil.copyfile(self.template, path)
        return str(path)

    def drop(self, target: str) -> None:
        if _is_postgres(target):
            import psycopg
            from sqlalchemy.engine import make_url

            name = make_url(target).database
            with psycopg.connect(_on(self.office_target, "postgres"), autocommit=True) as con:
                con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(target + suffix).unlink(missing_ok=True)


def _insert_floor(target: str, data: bytes, tables: dict[str, tuple[list[str], list[Any]]]) -> None:
    """json.loads of the file, then executemany of the same rows in one transaction."""
    json.loads(data)
    postgres = _is_postgres(target)
    con = _connect(target)
    try:
        cursor = con.cursor()
        for table, (columns, rows) in tables.items():
            if rows:
                marks = ", ".join(["%s" if postgres else "?"] * len(columns))
                names = ", ".join(f'"{c}"' for c in columns)  # "end" is a keyword
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        con.commit()
    finally:
        con.close()


def _import_figures(office: Office, folder: Path) -> list[tuple[str, float, float, float]]:
    from scrutiny_desk.services.container import Services

    services = Services.open(office.target)
    try:
        data = services.reviews.export_bytes(office.measured)
    finally:
        services.close()
    # The rows the app's import writes: read back from a database it imported the file into.
    fresh = _FreshDatabases(office.target, folder)
    written = fresh.make()
    services = Services.open(written)
    try:
        new_id = services.reviews.import_bytes(data)
    finally:
        services.close()
    con = _connect(written)
    tables = _read_tables(con, new_id)
    con.close()
    fresh.drop(written)

    def app(target: str) -> None:
        services = Services.open(target)
        try:
            began = time.perf_counter()
            services.reviews.import_bytes(data)
            times.append(time.perf_counter() - began)
        finally:
            services.close()

    def floor(target: str) -> None:
        began = time.perf_counter()
        _insert_floor(target, data, tables)
        floors.append(time.perf_counter() - began)

    times: list[float] = []
    floors: list[float] = []
    work: list[Callable[[str], None]] = [floor, app]
    for n in range(RUNS + 1):  # the first of each unmeasured: caches warm alike
        for each in work:
            target = fresh.make()
            try:
                each(target)
            finally:
                fresh.drop(target)
        if n == 0:
            times.clear()
            floors.clear()
    median = statistics.median
    return [
        (IMPORT_TIME, median(times) * 1000, median(floors) * 1000, TARGETS[IMPORT_TIME]),
    ]


def run(office: Office) -> list[tuple[str, float, float, float]]:
    """The export and import figures for ``office.measured``: (name, figure, floor,
    target ratio); the memory line's figure and floor in MB, the others in ms."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        return [
            *_export_figures(office, folder),
            _export_work(office, folder),
            *_import_figures(office, folder),
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--driver", choices=("export", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--review", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.driver:
        _driver(args.driver, args.db, args.review, args.out)
        return
    from . import bench_ratio
    from .bench_data import office

    with office(args.scale, args.postgres) as built:
        results = run(built)
    for name, figure, floor, target in results:
        bench_ratio.line(name, figure, floor, target, "MB" if "memory" in name else "ms")


if __name__ == "__main__":
    main()
