"""Issue 13's figures: each a ratio to a floor, at office scale and three times it.

``python -m tests.bench_office [--postgres] [--scales 1 3]``; ``make bench`` runs it on
SQLite and on PostgreSQL. For each scale the office is built afresh (``bench_data``)
and every part prints its figures against their floors (``bench_ratio.line``): search
(``bench_search``), papers (``bench_papers``), export and import (``bench_transfer``),
and the notes page. Then the growth lines: what one review costs must not grow with
the reviews beside it, so each figure at three times office scale is held to at most
``GROWTH_TARGET`` times the same figure at office scale. Every office is kept until
then, and search, papers and the notes page are measured again for them, their work on
the two offices in turn (``growth``): measured minutes apart, the floors of one run had
moved 1.45-1.52x, the machine's drift, not the app's.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager

from scrutiny_desk.domain.note_records import NoteFilter
from scrutiny_desk.services.container import Services

from . import bench_data
from .bench_ratio import Works, interleaved, line, median_ms

PARTS = ("tests.bench_search", "tests.bench_papers", "tests.bench_transfer")
GROWTH_TARGET = 1.3
Figure = tuple[str, float, float, float]  # name, figure ms, floor ms, target ratio


NOTES = "notes page of one review"
RUNS = 7  # of each scale's work, in turn, for a growth line


@contextmanager
def _notes(office: bench_data.Office) -> Iterator[Callable[[], object]]:
    """The Notes page of one review as it opens: the ids in order, the first 200 rows."""
    services = Services.open(office.target)
    try:
        notes = services.notes
        review = office.measured

        def open_page() -> None:
            ids = notes.ids(review, NoteFilter())
            notes.entries(ids[:200])

        yield open_page
    finally:
        services.close()


def notes_page(office: bench_data.Office) -> float:
    """The Notes page of one review as it opens (median ms of 7)."""
    with _notes(office) as open_page:
        return median_ms(7, open_page)


@contextmanager
def _notes_works(office: bench_data.Office) -> Iterator[Works]:
    with _notes(office) as open_page:
        yield {NOTES: ([open_page], time.perf_counter)}


def _unit(name: str) -> str:
    return "MB" if "memory" in name else "ms"


def run_scale(
    office: bench_data.Office, postgres: bool, parts: Sequence[str]
) -> tuple[bool, dict[str, float]]:
    """Print every part's figures on ``office``. (All OK, figures.)"""
    backend = "PostgreSQL" if postgres else "SQLite"
    print(f"\n-- office x{office.scale} on {backend} --", flush=True)
    ok = True
    figures: dict[str, float] = {}
    for name in parts:
        module = importlib.import_module(name)
        try:
            found: list[Figure] = module.run(office)
        except Exception:  # one part failing must not hide the others' figures
            print(f"{name} FAILED:", flush=True)
            traceback.print_exc(file=sys.stdout)
            ok = False
            continue
        for figure_name, ms, floor, target in found:
            ok = line(figure_name, ms, floor, target, _unit(figure_name)) and ok
            figures[figure_name] = ms
    figures[NOTES] = notes_page(office)
    print(f"{NOTES:<44} {figures[NOTES]:9.1f} ms")
    return ok, figures


def growth(
    low: bench_data.Office, high: bench_data.Office, parts: Sequence[str]
) -> dict[str, tuple[float, float]]:
    """name -> (ms at ``high``, ms at ``low``) for every figure whose part says what
    work it measures (``works``): each piece of it run in turn on the two offices,
    both kept for it, so that the machine's own drift (the floors of one run moved
    1.45-1.52x between the two scales) falls on both alike."""
    makers: list[Callable[[bench_data.Office], AbstractContextManager[Works]]] = [
        module.works for module in map(importlib.import_module, parts) if hasattr(module, "works")
    ]
    makers.append(_notes_works)
    found: dict[str, tuple[float, float]] = {}
    for make in makers:
        with make(low) as at_low, make(high) as at_high:
            for name, (pieces, clock) in at_low.items():
                pairs = [
                    interleaved(RUNS, on_high, on_low, clock)
                    for on_high, on_low in zip(at_high[name][0], pieces, strict=True)
                ]
                found[name] = (
                    statistics.fmean(h for h, _ in pairs),
                    statistics.fmean(lo for _, lo in pairs),
                )
    return found


def run(postgres: bool, scales: Sequence[int] = (1, 3), parts: Sequence[str] = PARTS) -> bool:
    """Every part at every scale, then the growth from the first scale to the last."""
    ok = True
    by_scale: dict[int, dict[str, float]] = {}
    with ExitStack() as kept:  # every office stays until the growth lines are measured
        offices = {}
        for scale in scales:
            offices[scale] = kept.enter_context(bench_data.office(scale, postgres))
            scale_ok, by_scale[scale] = run_scale(offices[scale], postgres, parts)
            ok = ok and scale_ok
        if len(scales) < 2:
            return ok
        low, high = scales[0], scales[-1]
        measured = growth(offices[low], offices[high], parts)
    print(f"\n-- growth: office x{high} against office x{low} (one review's cost) --")
    print("(search, papers and the notes page measured again, in turn on the two offices;")
    print(" export and import as measured above)")
    for name, at_low in by_scale[low].items():
        at_high = by_scale[high].get(name)
        if name in measured:
            at_high, at_low = measured[name]
        if at_high is not None:
            ok = line(f"{name} (x{high})", at_high, at_low, GROWTH_TARGET, _unit(name)) and ok
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL server")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--parts", nargs="*", default=list(PARTS), help="bench modules to run")
    args = parser.parse_args()
    return 0 if run(args.postgres, args.scales, args.parts) else 1


if __name__ == "__main__":
    sys.exit(main())
