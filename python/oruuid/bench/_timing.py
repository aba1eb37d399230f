"""The timing harness: rows to time, loop calibration, interleaved rounds, medians.

Every row's loop count is first calibrated so that one loop takes a fixed time (as
``timeit``'s autorange does); then the rows are timed in rounds, each round timing
every row's loop once, so that noise from the rest of the machine falls on all rows
alike. A row reports the median of its rounds in ns per call, and the quartiles as
its spread.
"""

from __future__ import annotations

import contextlib
import statistics
import time
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FULL", "QUICK", "Entry", "Result", "Settings", "measure", "quartiles"]


@dataclass
class Entry:
    """One row to time: ``fn(*args, **kwargs)`` (or ``stmt``) as done by one contender.

    ``items`` is the number of UUIDs one call makes or reads: batch rows report
    ns per UUID. ``context`` wraps the row's timing (``oruuid.install()`` rows).
    ``path`` names what ``install()`` patches for the row (``--install`` rows): a
    module function (``uuid4``), or a property or slot as ``_install._SLOWER`` names them.
    """

    operation: str
    contender: str
    fn: Callable[..., Any] | None = None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    stmt: str | None = None
    items: int = 1
    label: str | None = None
    context: Callable[[], contextlib.AbstractContextManager[Any]] | None = None
    path: str | None = None

    def timer(self, clock: Callable[[], float] = time.perf_counter) -> timeit.Timer:
        """A ``timeit.Timer`` on ``clock`` whose names are fast locals of its loop function."""
        env: dict[str, Any] = {"f": self.fn}
        env.update({f"a{i}": a for i, a in enumerate(self.args)})
        env.update({f"k_{k}": v for k, v in self.kwargs.items()})
        stmt = self.stmt
        if stmt is None:
            parts = [f"a{i}" for i in range(len(self.args))]
            parts += [f"{k}=k_{k}" for k in self.kwargs]
            stmt = f"f({', '.join(parts)})"
        # timeit runs `setup` inside its loop function: these become locals there.
        setup = "; ".join(f"{name} = _env[{name!r}]" for name in env) or "pass"
        return timeit.Timer(stmt, setup=setup, timer=clock, globals={"_env": env})


def quartiles(values: Sequence[float]) -> tuple[float, float]:
    """First and third quartiles of ``values`` (the min and max below 2 values)."""
    if len(values) < 2:
        return min(values), max(values)
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


@dataclass
class Result:
    """The timing of one entry, in ns per call (per UUID for batch rows)."""

    entry: Entry
    loops: int
    samples: list[float]

    @property
    def median(self) -> float:
        """Median over the rounds."""
        return statistics.median(self.samples)

    @property
    def quartiles(self) -> tuple[float, float]:
        """First and third quartiles over the rounds (the min and max below 2 rounds)."""
        return quartiles(self.samples)


@dataclass
class Settings:
    """How long to time: one loop's target duration, rounds, a per-row budget, the clock;
    and how many consecutive calls of each generator the semantics checks look at."""

    target: float  # seconds per timed loop
    rounds: int
    budget: float  # seconds per row, which caps the rounds of slow rows
    min_rounds: int
    # Wall time by default; process CPU time ignores the time other processes
    # take from us on a busy machine (but adds up every thread's time).
    clock: Callable[[], float] = time.perf_counter
    sample: int = 100_000


FULL = Settings(target=0.02, rounds=25, budget=2.0, min_rounds=5)
QUICK = Settings(target=0.001, rounds=5, budget=0.05, min_rounds=3, sample=2_000)


def _context(entry: Entry) -> contextlib.AbstractContextManager[Any]:
    return entry.context() if entry.context is not None else contextlib.nullcontext()


def _calibrate(timer: timeit.Timer, target: float) -> tuple[int, float]:
    """A loop count whose loop takes at least ``target`` seconds, and that loop's time."""
    number = 1
    while True:
        t = timer.timeit(number)
        if t >= target:
            return number, t
        # Grow towards the target, at most 10x a step so one slow outlier cannot overshoot.
        grow = target / t * 1.2 if t > 0 else 10.0
        number = max(number + 1, int(number * min(grow, 10.0)))


def measure(
    rows: Sequence[Entry],
    settings: Settings = FULL,
    progress: Callable[[str], None] | None = None,
) -> list[Result]:
    """Time every entry: calibrate, then interleaved rounds; ns per call (or per UUID)."""
    timers = [e.timer(settings.clock) for e in rows]
    plans: list[tuple[int, int]] = []  # (loops, rounds) per entry
    for e, timer in zip(rows, timers, strict=True):
        with _context(e):
            loops, t = _calibrate(timer, settings.target)
        rounds = max(settings.min_rounds, min(settings.rounds, int(settings.budget / t)))
        plans.append((loops, rounds))
    samples: list[list[float]] = [[] for _ in rows]
    total = max(r for _, r in plans) if plans else 0
    for r in range(total):
        if progress:
            progress(f"round {r + 1}/{total}")
        for i, (e, timer) in enumerate(zip(rows, timers, strict=True)):
            loops, rounds = plans[i]
            if r >= rounds:
                continue
            with _context(e):
                t = timer.timeit(loops)
            samples[i].append(t / loops / e.items * 1e9)
    return [Result(e, plans[i][0], samples[i]) for i, e in enumerate(rows)]
