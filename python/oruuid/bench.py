"""``python -m oruuid.bench``: ns per call of oruuid against the stdlib and its peers.

Every row is one operation (``uuid4``, ``parse``, ``str(u)``, ...) done by one
contender (the stdlib's ``uuid``, oruuid, uuid-utils, fastuuid, ...). Contenders
that are not installed are left out. The *floor* rows show what any native call
costs before it does any UUID work: an empty loop, ``object()``, a native no-op,
a native call that allocates an exact ``uuid.UUID``, and the talk's "uuid4p",
a native function that returns ``uuid.uuid4()`` by calling back into Python.

Method: every row's loop count is first calibrated so that one loop takes a
fixed time (as ``timeit``'s autorange does); then the rows are timed in rounds,
each round timing every row's loop once, so that noise from the rest of the
machine falls on all rows alike. A row reports the median of its rounds in ns
per call, and the quartiles as its spread.

    python -m oruuid.bench                  # full run, a Markdown table on stdout
    python -m oruuid.bench --quick --json r.json --plot r.png
    oruuid bench --only uuid4,uuid7,parse --table grid
    python -m oruuid.bench --timer cpu     # on a busy machine: CPU time, not wall time
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import importlib.metadata
import json
import os
import platform
import statistics
import sys
import time
import timeit
import uuid as _uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ContextManager, Optional

import oruuid

__all__ = ["Entry", "Result", "main", "measure", "entries"]

# Contender keys, in table and chart order, with the distribution whose version is shown.
CONTENDERS: dict[str, Optional[str]] = {
    "stdlib": None,
    "oruuid": "oruuid",
    "oruuid.install()": "oruuid",
    "uuid_utils": "uuid-utils",
    "uuid_utils.compat": "uuid-utils",
    "fastuuid": "fastuuid",
    "uuid6": "uuid6",
    "uuid_backport": "uuid-backport",
}
FLOOR = "floor"

_TEXT = "67e55044-10b1-426f-9247-bb680e5fe0c8"
_NAME = "example.com"


@dataclass
class Entry:
    """One row to time: ``fn(*args, **kwargs)`` (or ``stmt``) as done by one contender.

    ``items`` is the number of UUIDs one call makes or reads: batch rows report
    ns per UUID. ``context`` wraps the row's timing (``oruuid.install()`` rows).
    """

    operation: str
    contender: str
    fn: Optional[Callable[..., Any]] = None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    stmt: Optional[str] = None
    items: int = 1
    label: Optional[str] = None
    context: Optional[Callable[[], ContextManager[Any]]] = None

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
        if len(self.samples) < 2:
            return min(self.samples), max(self.samples)
        q = statistics.quantiles(self.samples, n=4, method="inclusive")
        return q[0], q[2]


# --- contenders ---------------------------------------------------------------


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except Exception:  # an installed but broken peer is left out, not fatal
        return None


def _version(contender: str) -> str:
    dist = CONTENDERS.get(contender)
    if contender == "stdlib":
        return f"Python {platform.python_version()}"
    if dist is None:
        return ""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return getattr(oruuid, "__version__", "?") if dist == "oruuid" else "?"


@contextlib.contextmanager
def _installed() -> Iterator[None]:
    """``oruuid.install()`` for the duration, leaving an earlier install in place."""
    earlier = getattr(oruuid, "installed", lambda: False)()
    if not earlier:
        getattr(oruuid, "install")()  # getattr: the attribute exists only once issue 7 lands
    try:
        yield
    finally:
        if not earlier:
            getattr(oruuid, "uninstall")()


@contextlib.contextmanager
def _stdlib_as_shipped() -> Iterator[None]:
    """Undo an ``install()`` (say from ORUUID_INSTALL=1) for the run, so stdlib rows are stdlib."""
    earlier = getattr(oruuid, "installed", lambda: False)()
    if earlier:
        getattr(oruuid, "uninstall")()
    try:
        yield
    finally:
        if earlier:
            getattr(oruuid, "install")()


def entries(batch: int = 10**6) -> list[Entry]:
    """Every row this interpreter can time, floor first; ``batch`` sizes the batch rows."""
    out: list[Entry] = []

    def add(op: str, contender: str, fn: Any, *args: Any, **kw: Any) -> None:
        if fn is not None:
            out.append(Entry(op, contender, fn, args, kw))

    # Floor: the cost of a call and an object before any UUID work.
    out.append(Entry(FLOOR, "loop", stmt="pass", label="empty loop"))
    add(FLOOR, "object()", object)
    bench = _optional("oruuid._bench")
    if bench is not None:
        out.append(Entry(FLOOR, "noop", bench.noop, label="native no-op"))
        out.append(Entry(FLOOR, "alloc", bench.alloc_shared, label="native: new UUID, cached int"))
        out.append(Entry(FLOOR, "make", bench.make_fixed, label="native: new UUID, new int"))
        out.append(Entry(FLOOR, "uuid4p", bench.uuid4p, label="uuid4p: native → uuid.uuid4()"))

    uu = _optional("uuid_utils")
    uuc = _optional("uuid_utils.compat")
    fu = _optional("fastuuid")
    u6 = _optional("uuid6")
    bp = _optional("uuid_backport")
    mods: list[tuple[str, Any]] = [
        ("stdlib", _uuid),
        ("oruuid", oruuid),
        ("uuid_utils", uu),
        ("uuid_utils.compat", uuc),
        ("fastuuid", fu),
        ("uuid6", u6),
        ("uuid_backport", bp),
    ]
    mods = [(k, m) for k, m in mods if m is not None]

    # Generators. The uuid6 package only counts for the versions it is named for.
    for op in ("uuid1", "uuid3", "uuid4", "uuid5", "uuid6", "uuid7", "uuid8"):
        for key, mod in mods:
            if key == "uuid6" and op not in ("uuid6", "uuid7"):
                continue
            fn = getattr(mod, op, None)
            if fn is None:
                continue
            if op in ("uuid3", "uuid5"):
                if key == "fastuuid":  # its own namespace type, bytes names only
                    add(op, key, fn, mod.UUID(str(_uuid.NAMESPACE_DNS)), _NAME.encode())
                else:
                    add(op, key, fn, getattr(mod, "NAMESPACE_DNS", _uuid.NAMESPACE_DNS), _NAME)
            else:
                add(op, key, fn)

    # Constructors. uuid_utils.compat.UUID is uuid.UUID itself: not repeated.
    value = _uuid.UUID(_TEXT)
    classes = [
        (k, m.UUID) for k, m in mods if k in ("stdlib", "uuid_utils", "fastuuid", "uuid_backport")
    ]
    install = hasattr(oruuid, "install") and hasattr(oruuid, "uninstall")

    def constructor_rows(op: str, native: Any, arg: Any, keyword: Optional[str]) -> None:
        args, kw = ((), {keyword: arg}) if keyword else ((arg,), {})
        for key, cls in classes:
            out.append(Entry(op, key, cls, args, kw))
            if key == "stdlib":
                out.append(Entry(op, "oruuid", native, (arg,)))
                if install:  # the stdlib's own constructor, patched in place
                    out.append(Entry(op, "oruuid.install()", cls, args, kw, context=_installed))

    constructor_rows("parse", oruuid.parse, _TEXT, None)
    constructor_rows("from_bytes", oruuid.from_bytes, value.bytes, "bytes")
    constructor_rows("from_int", oruuid.from_int, value.int, "int")

    # Accessors on each contender's own object. oruuid's objects are stdlib ones:
    # the row shows what a caller of oruuid gets without install().
    objects = [(k, cls(_TEXT)) for k, cls in classes]
    for op, stmt in (("str(u)", "str(a0)"), ("u.hex", "a0.hex"), ("u.bytes", "a0.bytes")):
        for key, obj in objects:
            out.append(Entry(op, key, None, (obj,), stmt=stmt))
            if key == "stdlib":
                out.append(Entry(op, "oruuid", None, (oruuid.parse(_TEXT),), stmt=stmt))
                if install:
                    out.append(
                        Entry(op, "oruuid.install()", None, (obj,), stmt=stmt, context=_installed)
                    )

    out.extend(_batch_entries(batch, uu, fu))
    return out


def _batch_entries(n: int, uu: Any, fu: Any) -> list[Entry]:
    """Batch rows (ns per UUID), once oruuid has its batch API."""
    out: list[Entry] = []
    rng = range(n)
    if hasattr(oruuid, "uuid4_many"):
        op = f"uuid4 ×{n:,} → list"
        out.append(
            Entry(
                op,
                "stdlib",
                _uuid.uuid4,
                (rng,),
                stmt="[f() for _ in a0]",
                items=n,
                label="stdlib (loop)",
            )
        )
        out.append(Entry(op, "oruuid", oruuid.uuid4_many, (n,), items=n))
        if fu is not None and hasattr(fu, "uuid4_bulk"):
            out.append(Entry(op, "fastuuid", fu.uuid4_bulk, (n,), items=n))
        op = f"uuid4 ×{n:,} → bytes"
        out.append(Entry(op, "stdlib", os.urandom, (16 * n,), items=n, label="os.urandom(16n)"))
        out.append(Entry(op, "oruuid", oruuid.uuid4_many, (n,), {"format": "bytes"}, items=n))
    if hasattr(oruuid, "uuid7_many"):
        op = f"uuid7 ×{n:,} → bytes"
        out.append(Entry(op, "stdlib", os.urandom, (16 * n,), items=n, label="os.urandom(16n)"))
        out.append(Entry(op, "oruuid", oruuid.uuid7_many, (n,), {"format": "bytes"}, items=n))
    if hasattr(oruuid, "parse_many"):
        op = f"parse ×{n:,} → list"
        texts = [str(_uuid.uuid4()) for _ in rng]
        loop = "[f(s) for s in a0]"
        out.append(
            Entry(op, "stdlib", _uuid.UUID, (texts,), stmt=loop, items=n, label="stdlib (loop)")
        )
        out.append(Entry(op, "oruuid", oruuid.parse_many, (texts,), items=n))
        if uu is not None:
            out.append(
                Entry(
                    op,
                    "uuid_utils",
                    uu.UUID,
                    (texts,),
                    stmt=loop,
                    items=n,
                    label="uuid_utils (loop)",
                )
            )
    return out


# --- measuring ------------------------------------------------------------------


@dataclass
class Settings:
    """How long to time: one loop's target duration, rounds, a per-row budget, the clock."""

    target: float  # seconds per timed loop
    rounds: int
    budget: float  # seconds per row, which caps the rounds of slow rows
    min_rounds: int
    # Wall time by default; process CPU time ignores the time other processes
    # take from us on a busy machine (but adds up every thread's time).
    clock: Callable[[], float] = time.perf_counter


FULL = Settings(target=0.02, rounds=25, budget=2.0, min_rounds=5)
QUICK = Settings(target=0.001, rounds=5, budget=0.05, min_rounds=3)


def _context(entry: Entry) -> ContextManager[Any]:
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
    progress: Optional[Callable[[str], None]] = None,
) -> list[Result]:
    """Time every entry: calibrate, then interleaved rounds; ns per call (or per UUID)."""
    timers = [e.timer(settings.clock) for e in rows]
    plans: list[tuple[int, int]] = []  # (loops, rounds) per entry
    for e, timer in zip(rows, timers):
        with _context(e):
            loops, t = _calibrate(timer, settings.target)
        rounds = max(settings.min_rounds, min(settings.rounds, int(settings.budget / t)))
        plans.append((loops, rounds))
    samples: list[list[float]] = [[] for _ in rows]
    total = max(r for _, r in plans) if plans else 0
    for r in range(total):
        if progress:
            progress(f"round {r + 1}/{total}")
        for i, (e, timer) in enumerate(zip(rows, timers)):
            loops, rounds = plans[i]
            if r >= rounds:
                continue
            with _context(e):
                t = timer.timeit(loops)
            samples[i].append(t / loops / e.items * 1e9)
    return [Result(e, plans[i][0], samples[i]) for i, e in enumerate(rows)]


# --- reporting ------------------------------------------------------------------


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _index(results: Sequence[Result]) -> dict[tuple[str, str], float]:
    return {(r.entry.operation, r.entry.contender): r.median for r in results}


def _reference(cells: dict[tuple[str, str], float], op: str) -> tuple[Optional[float], bool]:
    """The stdlib's time for ``op``, else uuid-backport's (3.14's code) with a flag."""
    if (op, "stdlib") in cells:
        return cells[(op, "stdlib")], False
    if (op, "uuid_backport") in cells:
        return cells[(op, "uuid_backport")], True
    return None, False


@dataclass
class Goal:
    """A target ratio from the issues: ``num / den`` (median times) at most ``limit``."""

    text: str
    num: tuple[str, str]
    den: tuple[str, str]
    limit: float


def _goals(batch: int) -> list[Goal]:
    b = f"{batch:,}"
    return [
        Goal(
            "oruuid.uuid4 ≤ 1.2× uuid_utils.uuid4",
            ("uuid4", "oruuid"),
            ("uuid4", "uuid_utils"),
            1.2,
        ),
        Goal(
            "oruuid.uuid4 ≥ 4× faster than uuid_utils.compat.uuid4",
            ("uuid4", "oruuid"),
            ("uuid4", "uuid_utils.compat"),
            1 / 4,
        ),
        Goal(
            "oruuid.uuid7 ≥ 4× faster than uuid_utils.compat.uuid7",
            ("uuid7", "oruuid"),
            ("uuid7", "uuid_utils.compat"),
            1 / 4,
        ),
        Goal(
            "oruuid.parse ≤ 1.0× uuid_utils.UUID(s)",
            ("parse", "oruuid"),
            ("parse", "uuid_utils"),
            1.0,
        ),
        Goal("oruuid.uuid4 ≤ 3× object()", ("uuid4", "oruuid"), (FLOOR, "object()"), 3.0),
        Goal(
            "oruuid.uuid4 ≥ 20× faster than uuid.uuid4",
            ("uuid4", "oruuid"),
            ("uuid4", "stdlib"),
            1 / 20,
        ),
        Goal("oruuid.uuid7 ≤ 4× object()", ("uuid7", "oruuid"), (FLOOR, "object()"), 4.0),
        Goal(
            "oruuid.parse ≥ 10× faster than uuid.UUID(s)",
            ("parse", "oruuid"),
            ("parse", "stdlib"),
            1 / 10,
        ),
        Goal(
            "oruuid.from_bytes ≥ 10× faster than uuid.UUID(bytes=b)",
            ("from_bytes", "oruuid"),
            ("from_bytes", "stdlib"),
            1 / 10,
        ),
        *[
            Goal(
                f"install(): {op} ≥ 5× faster than unpatched",
                (op, "oruuid.install()"),
                (op, "stdlib"),
                1 / 5,
            )
            for op in ("parse", "from_bytes", "str(u)", "u.hex", "u.bytes")
        ],
        Goal(
            f"uuid4_many({b}, bytes) ≤ 0.5× os.urandom",
            (f"uuid4 ×{b} → bytes", "oruuid"),
            (f"uuid4 ×{b} → bytes", "stdlib"),
            0.5,
        ),
        Goal(
            f"uuid7_many({b}, bytes) ≤ 0.5× os.urandom",
            (f"uuid7 ×{b} → bytes", "oruuid"),
            (f"uuid7 ×{b} → bytes", "stdlib"),
            0.5,
        ),
        Goal(
            f"parse_many({b}) ≥ 20× faster than a uuid.UUID loop",
            (f"parse ×{b} → list", "oruuid"),
            (f"parse ×{b} → list", "stdlib"),
            1 / 20,
        ),
        Goal(
            "uuid4_many list: per UUID < one uuid4() call",
            (f"uuid4 ×{b} → list", "oruuid"),
            ("uuid4", "oruuid"),
            1.0,
        ),
    ]


def _goal_rows(results: Sequence[Result], batch: int) -> list[dict[str, Any]]:
    cells = _index(results)
    rows = []
    for g in _goals(batch):
        if g.num in cells and g.den in cells:
            ratio = cells[g.num] / cells[g.den]
            rows.append({"goal": g.text, "ratio": ratio, "limit": g.limit, "met": ratio <= g.limit})
    return rows


def _fmt_ns(ns: float) -> str:
    if ns >= 100:
        return f"{ns:,.0f}"
    if ns >= 10:
        return f"{ns:.1f}"
    return f"{ns:.2f}"


def _fmt_ratio(r: float) -> str:
    return f"{r:.0f}×" if r >= 100 else f"{r:.1f}×" if r >= 10 else f"{r:.2f}×"


def report(results: Sequence[Result], batch: int) -> dict[str, Any]:
    """The machine-readable run: environment, contender versions, rows and goals."""
    cells = _index(results)
    rows = []
    for r in results:
        e = r.entry
        q1, q3 = r.quartiles
        row: dict[str, Any] = {
            "operation": e.operation,
            "contender": e.contender,
            "label": e.label or e.contender,
            "ns": r.median,
            "q1": q1,
            "q3": q3,
            "min": min(r.samples),
            "max": max(r.samples),
            "rounds": len(r.samples),
            "loops": r.loops,
            "items": e.items,
        }
        if e.operation != FLOOR:
            ref, _ = _reference(cells, e.operation)
            mine = cells.get((e.operation, "oruuid"))
            row["speedup_vs_stdlib"] = ref / r.median if ref else None
            row["time_vs_oruuid"] = r.median / mine if mine else None
        rows.append(row)
    present = {r.entry.contender for r in results}
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu": _cpu(),
        "platform": platform.platform(),
        "contenders": {c: _version(c) for c in CONTENDERS if c in present},
        "unit": "ns per call (per UUID for batch rows); median over rounds, q1/q3 quartiles",
        "rows": rows,
        "goals": _goal_rows(results, batch),
    }


def _rows(data: dict[str, Any]) -> list[str]:
    """One line per (operation, contender), with its spread and both ratios."""
    lines = [
        "| operation | contender | ns/call | IQR | × faster than stdlib | × oruuid's time |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    cells = {(r["operation"], r["contender"]): r["ns"] for r in data["rows"]}
    for r in data["rows"]:
        vs_std = vs_or = ""
        if r["operation"] != FLOOR:
            if r.get("speedup_vs_stdlib") is not None:
                _, backport = _reference(cells, r["operation"])
                vs_std = _fmt_ratio(r["speedup_vs_stdlib"]) + (" †" if backport else "")
            if r.get("time_vs_oruuid") is not None:
                vs_or = _fmt_ratio(r["time_vs_oruuid"])
        iqr = f"{_fmt_ns(r['q1'])}–{_fmt_ns(r['q3'])}"
        lines.append(
            f"| {r['operation']} | {r['label']} | {_fmt_ns(r['ns'])} | {iqr} | {vs_std} | {vs_or} |"
        )
    return lines


def _grid(data: dict[str, Any]) -> list[str]:
    """One line per operation, one column per contender: the compact table."""
    cells = {(r["operation"], r["contender"]): r for r in data["rows"]}
    floor = [r for r in data["rows"] if r["operation"] == FLOOR]
    lines = ["| floor | ns/call |", "| --- | ---: |"]
    lines += [f"| {r['label']} | {_fmt_ns(r['ns'])} |" for r in floor]
    names = list(data["contenders"])
    lines += [
        "",
        "| ns/call | " + " | ".join(names) + " | stdlib ÷ oruuid |",
        "| --- |" + " ---: |" * (len(names) + 1),
    ]
    ops = list(dict.fromkeys(r["operation"] for r in data["rows"] if r["operation"] != FLOOR))
    ns_cells = {k: r["ns"] for k, r in cells.items()}
    for op in ops:
        row = []
        for c in names:
            r = cells.get((op, c))
            if r is None:
                row.append("—")
            elif r["label"] != c:  # a stand-in such as os.urandom, or a loop
                note = r["label"]
                if note.startswith(c + " (") and note.endswith(")"):
                    note = note[len(c) + 2 : -1]
                row.append(f"{_fmt_ns(r['ns'])} ({note})")
            else:
                row.append(_fmt_ns(r["ns"]))
        mine = cells.get((op, "oruuid"))
        ratio = ""
        if mine is not None and mine.get("speedup_vs_stdlib") is not None:
            _, backport = _reference(ns_cells, op)
            ratio = _fmt_ratio(mine["speedup_vs_stdlib"]) + (" †" if backport else "")
        lines.append(f"| {op} | " + " | ".join(row) + f" | {ratio} |")
    return lines


def markdown(data: dict[str, Any], layout: str = "rows") -> str:
    """The run as Markdown: a header, the table (``rows`` or ``grid``), and the goals."""
    lines = [
        f"CPython {data['python']} on {data['cpu']} ({data['platform']})",
        "",
        "Versions: " + ", ".join(f"{c} {v}" for c, v in data["contenders"].items()),
        "",
        f"Median of {data.get('mode', 'full')}-mode rounds, {data.get('timer', 'wall')} time; "
        "IQR: first to third quartile.",
        "",
    ]
    lines += _grid(data) if layout == "grid" else _rows(data)
    if any("†" in line for line in lines):
        lines += ["", "† this Python's `uuid` lacks it: compared with uuid-backport, 3.14's code."]
    if any(r["items"] > 1 for r in data["rows"]):
        note = "Batch rows are ns per UUID."
        if data.get("timer") == "cpu":
            note += " CPU time adds up every thread's, so a parallel batch shows its total work."
        lines += ["", note]
    if data["goals"]:
        lines += ["", "| goal | ratio | limit | |", "| --- | ---: | ---: | --- |"]
        for g in data["goals"]:
            verdict = "met" if g["met"] else "missed"
            lines.append(f"| {g['goal']} | {g['ratio']:.3f} | {g['limit']:.3f} | {verdict} |")
    return "\n".join(lines) + "\n"


_COLORS = {
    "stdlib": "#4c72b0",
    "oruuid": "#dd8452",
    "oruuid.install()": "#c44e52",
    "uuid_utils": "#55a868",
    "uuid_utils.compat": "#8fd19e",
    "fastuuid": "#8172b3",
    "uuid6": "#937860",
    "uuid_backport": "#da8bc3",
}


def plot(data: dict[str, Any], path: str) -> None:
    """A PNG of horizontal bars, log scale, one group per operation."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    groups: dict[str, list[dict[str, Any]]] = {}
    for r in data["rows"]:
        groups.setdefault(r["operation"], []).append(r)
    bars = sum(len(v) for v in groups.values())
    fig, ax = plt.subplots(figsize=(10, 0.8 + 0.22 * (bars + 1.2 * len(groups))))
    y = 0.0
    ticks, names = [], []
    for op, rows in groups.items():
        start = y
        for r in rows:
            color = _COLORS.get(r["contender"], "#999999")
            ax.barh(
                y,
                r["ns"],
                height=0.8,
                color=color,
                xerr=[[r["ns"] - r["q1"]], [r["q3"] - r["ns"]]],
                ecolor="#333333",
                capsize=0,
            )
            ax.text(
                max(r["ns"], r["q3"]) * 1.1,
                y,
                f"{r['label']}  {_fmt_ns(r['ns'])}",
                va="center",
                fontsize=7,
            )
            y += 1
        ticks.append((start + y - 1) / 2)
        names.append(op if op != FLOOR else "floor")
        y += 1.2
    ax.set_yticks(ticks, names)
    ax.set_ylim(y - 1.2 - 0.4, -0.6)  # top to bottom, in table order
    ax.set_xscale("log")
    lo = min(r["q1"] for r in data["rows"])
    hi = max(r["q3"] for r in data["rows"])
    ax.set_xlim(max(lo / 2, 1e-3), hi * 30)
    ax.set_xlabel("ns per call (per UUID for batches), log scale; whiskers: quartiles")
    ax.set_title(
        f"oruuid {data['contenders'].get('oruuid', '')}: CPython {data['python']}, {data['cpu']}",
        fontsize=10,
    )
    handles = [
        Rectangle((0, 0), 1, 1, color=_COLORS[c]) for c in data["contenders"] if c in _COLORS
    ]
    ax.legend(
        handles,
        [f"{c} {v}" for c, v in data["contenders"].items() if c in _COLORS],
        fontsize=7,
        loc="lower right",
    )
    ax.grid(axis="x", which="both", alpha=0.2)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _run(args: argparse.Namespace, batch: int) -> dict[str, Any]:
    """Measure the rows that ``args`` selects; the report of the run."""
    with _stdlib_as_shipped():  # also while the rows capture uuid.uuid4 and friends
        return _measure_rows(args, batch)


def _measure_rows(args: argparse.Namespace, batch: int) -> dict[str, Any]:
    rows = entries(batch)
    if args.only:
        wanted = {w.strip() for w in args.only.split(",") if w.strip()}
        rows = [
            e
            for e in rows
            if e.operation == FLOOR or e.operation in wanted or e.operation.split(" ")[0] in wanted
        ]
    start = time.perf_counter()
    progress = (
        (lambda s: print(f"\r{s}", end="", file=sys.stderr, flush=True))
        if sys.stderr.isatty()
        else None
    )
    settings = QUICK if args.quick else FULL
    if args.timer == "cpu":
        settings = dataclasses.replace(settings, clock=time.process_time)
    results = measure(rows, settings, progress)
    if progress:
        print(file=sys.stderr)
    data = report(results, batch)
    data["seconds"] = time.perf_counter() - start
    data["mode"] = "quick" if args.quick else "full"
    data["timer"] = args.timer
    return data


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the benchmark with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m oruuid.bench",
        description="ns per call of oruuid against the stdlib's uuid and the installed peers.",
    )
    parser.add_argument("--quick", action="store_true", help="a run of a few seconds, less precise")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument(
        "--plot", metavar="PATH", help="also draw a PNG bar chart (needs matplotlib)"
    )
    parser.add_argument(
        "--only", metavar="OPS", help="comma-separated operations to run (floor is always run)"
    )
    parser.add_argument(
        "--table",
        choices=("rows", "grid"),
        default="rows",
        help="rows: one line per operation and contender, with spread and ratios; "
        "grid: one line per operation, one column per contender",
    )
    parser.add_argument(
        "--from-json",
        metavar="PATH",
        help="measure nothing: print (and plot) the run saved in PATH by --json",
    )
    parser.add_argument(
        "--timer",
        choices=("wall", "cpu"),
        default="wall",
        help="wall: elapsed time; cpu: this process's CPU time, steadier on a busy machine",
    )
    parser.add_argument(
        "--batch",
        metavar="N",
        type=int,
        help="UUIDs per batch row (default 10**6, 10**4 with --quick)",
    )
    args = parser.parse_args(None if argv is None else list(argv))
    batch = args.batch if args.batch is not None else 10**4 if args.quick else 10**6
    if batch < 1:
        parser.error("--batch must be at least 1")
    if args.plot:
        try:
            importlib.import_module("matplotlib")
        except ImportError:
            parser.error("--plot needs matplotlib: pip install 'oruuid[bench]'")

    if args.from_json:
        with open(args.from_json, encoding="utf-8") as f:
            data = json.load(f)
    else:
        data = _run(args, batch)
    sys.stdout.write(markdown(data, args.table))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
            f.write("\n")
    if args.plot:
        plot(data, args.plot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
