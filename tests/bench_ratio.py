"""Ratios to floors, as every `make bench` figure of issue 13 prints them.

Absolute times are noise on these machines: each figure is measured against a floor
(the bare library doing the same work) in the same run, the two interleaved so that a
burst of load hits both alike, and the median of each kept. A line prints the figure,
its floor, the ratio, the target and OK or OVER.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def line(name: str, figure: float, floor: float, target: float, unit: str = "ms") -> bool:
    """Print one figure against its floor; within target?"""
    ratio = figure / floor if floor > 0 else float("inf")
    ok = ratio <= target
    digits = 0 if unit in ("MB", "MiB") else 1
    print(
        f"{name:<44} {figure:9.{digits}f} {unit:<3} floor {floor:9.{digits}f} {unit:<3} "
        f"ratio {ratio:5.2f}  target {target:.1f}  {'OK' if ok else 'OVER'}",
        flush=True,
    )
    return ok


def interleaved(
    runs: int,
    work: Callable[[], object],
    floor: Callable[[], object],
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, float]:
    """Median milliseconds of ``work`` and of ``floor``, run in turn ``runs`` times each
    (after one unmeasured run of each: caches warm alike), by ``clock``."""
    work()
    floor()
    works, floors = [], []
    for _ in range(runs):
        began = clock()
        floor()
        floors.append(clock() - began)
        began = clock()
        work()
        works.append(clock() - began)
    return statistics.median(works) * 1000, statistics.median(floors) * 1000


def cpu_interleaved(
    runs: int, work: Callable[[], object], floor: Callable[[], object]
) -> tuple[float, float]:
    """As ``interleaved``, in this process's CPU time (what the work itself costs,
    without the waits for the disk or another process)."""
    return interleaved(runs, work, floor, time.process_time)


#: What a part gives for the growth lines (``bench_office``): for each figure by name,
#: the app's work measured for it (the pieces whose medians it averages, one for most)
#: and the clock it is measured by.
Works = dict[str, tuple[list[Callable[[], object]], Callable[[], float]]]


def median_ms(runs: int, work: Callable[[], object]) -> float:
    """Median milliseconds of ``runs`` runs of ``work`` (after one unmeasured run)."""
    work()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000
