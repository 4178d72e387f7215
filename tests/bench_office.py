"""Issue 13's figures: each a ratio to a floor, at office scale and three times it.

``python -m tests.bench_office [--postgres] [--scales 1 3]``; ``make bench`` runs it on
SQLite and on PostgreSQL. For each scale the office is built afresh (``bench_data``)
and every part prints its figures against their floors (``bench_ratio.line``): search
(``bench_search``), papers (``bench_papers``), export and import (``bench_transfer``),
and the notes page. Then the growth lines: what one review costs must not grow with
the reviews beside it, so each figure at three times office scale is held to at most
``GROWTH_TARGET`` times the same figure at office scale.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence

from scrutiny_desk.domain.note_records import NoteFilter
from scrutiny_desk.services.container import Services

from . import bench_data
from .bench_ratio import line, median_ms

PARTS = ("tests.bench_search", "tests.bench_papers", "tests.bench_transfer")
GROWTH_TARGET = 1.3
Figure = tuple[str, float, float, float]  # name, figure ms, floor ms, target ratio


def notes_page(office: bench_data.Office) -> float:
    """The Notes page of one review as it opens: the ids in order, the first 200 rows
    (median ms of 7)."""
    services = Services.open(office.target)
    try:
        notes = services.notes
        review = office.measured

        def open_page() -> None:
            ids = notes.ids(review, NoteFilter())
            notes.entries(ids[:200])

        return median_ms(7, open_page)
    finally:
        services.close()


def _unit(name: str) -> str:
    return "MB" if "memory" in name else "ms"


def run_scale(
    scale: int, postgres: bool, parts: Sequence[str]
) -> tuple[bool, dict[str, float], dict[str, float]]:
    """Build the office at ``scale``; print every part's figures. (All OK, figures,
    their floors.)"""
    backend = "PostgreSQL" if postgres else "SQLite"
    print(f"\n-- office x{scale} on {backend} --", flush=True)
    ok = True
    figures: dict[str, float] = {}
    floors: dict[str, float] = {}
    with bench_data.office(scale, postgres) as office:
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
                floors[figure_name] = floor
        figures["notes page of one review"] = notes_page(office)
        print(f"{'notes page of one review':<44} {figures['notes page of one review']:9.1f} ms")
    return ok, figures, floors


def run(postgres: bool, scales: Sequence[int] = (1, 3), parts: Sequence[str] = PARTS) -> bool:
    """Every part at every scale, then the growth from the first scale to the last."""
    ok = True
    by_scale = {}
    floors_by_scale = {}
    for scale in scales:
        scale_ok, by_scale[scale], floors_by_scale[scale] = run_scale(scale, postgres, parts)
        ok = ok and scale_ok
    if len(scales) > 1:
        low, high = scales[0], scales[-1]
        print(f"\n-- growth: office x{high} against office x{low} (one review's cost) --")
        print("(each figure's floor at both scales beside it: the machine's own drift between")
        print(" the two, which the growth line, absolute times at two moments, includes)")
        for name, at_low in by_scale[low].items():
            at_high = by_scale[high].get(name)
            if at_high is not None:
                ok = line(f"{name} (x{high})", at_high, at_low, GROWTH_TARGET, _unit(name)) and ok
                floor_low, floor_high = (
                    floors_by_scale[low].get(name),
                    floors_by_scale[high].get(name),
                )
                if floor_low and floor_high:
                    label = f"  its floor x{high} / x{low}"
                    print(f"{label:<44} {floor_high / floor_low:9.2f}")
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
