"""The report of a run: the machine-readable dict (saved by ``--json``), the goals from
the issues, and its Markdown tables and PNG chart."""

from __future__ import annotations

import platform
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ._build import _build_line, _cpu, build_info
from ._contenders import CONTENDERS, FLOOR, _version, describe
from ._timing import Result

__all__ = ["Goal", "markdown", "plot", "report"]


def _index(results: Sequence[Result]) -> dict[tuple[str, str], float]:
    return {(r.entry.operation, r.entry.contender): r.median for r in results}


def _reference(cells: dict[tuple[str, str], float], op: str) -> tuple[float | None, bool]:
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
        # Against the loop it replaces, not one call: a list of n live UUIDs costs fresh
        # memory and a collector's pass over them however it is built.
        Goal(
            f"uuid4_many({b}) list < a [uuid4() for _ in range(n)] loop",
            (f"uuid4 ×{b} → list", "oruuid"),
            (f"uuid4 loop ×{b} → list", "oruuid"),
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


def report(
    results: Sequence[Result],
    batch: int,
    checks: dict[tuple[str, str], Any] | None = None,
) -> dict[str, Any]:
    """The machine-readable run: environment, contender versions, rows and goals; with
    ``checks`` (``semantics``), what each row returns beside its speed."""
    cells = _index(results)
    checks = checks or {}
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
        if e.path is not None:
            row["path"] = e.path
        if (e.operation, e.contender) in checks:
            row["semantics"] = checks[(e.operation, e.contender)]
        if e.operation != FLOOR:
            ref, _ = _reference(cells, e.operation)
            mine = cells.get((e.operation, "oruuid"))
            row["speedup_vs_stdlib"] = ref / r.median if ref else None
            row["time_vs_oruuid"] = r.median / mine if mine else None
        rows.append(row)
    present = [r.entry.contender for r in results if r.entry.operation != FLOOR]
    # The known contenders in their order, then any other (a run's own) as they come.
    names = [c for c in CONTENDERS if c in present] + [c for c in present if c not in CONTENDERS]
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "build": build_info(),
        "cpu": _cpu(),
        "platform": platform.platform(),
        "contenders": {c: _version(c) for c in dict.fromkeys(names)},
        "unit": "ns per call (per UUID for batch rows); median over rounds, q1/q3 quartiles",
        "rows": rows,
        "goals": _goal_rows(results, batch),
    }


def _rows(data: dict[str, Any]) -> list[str]:
    """One line per (operation, contender), with its spread and both ratios."""
    lines = [
        (
            "| operation | contender | ns/call | IQR | returns, as checked | × faster than stdlib "
            "| × oruuid's time |"
        ),
        "| --- | --- | ---: | ---: | --- | ---: | ---: |",
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
        sem = describe(r.get("semantics"))
        lines.append(
            f"| {r['operation']} | {r['label']} | {_fmt_ns(r['ns'])} | {iqr} | {sem} "
            f"| {vs_std} | {vs_or} |"
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
            sem = describe(r.get("semantics"), short=True) if r is not None else ""
            if sem:
                row[-1] += f" [{sem}]"
        mine = cells.get((op, "oruuid"))
        ratio = ""
        if mine is not None and mine.get("speedup_vs_stdlib") is not None:
            _, backport = _reference(ns_cells, op)
            ratio = _fmt_ratio(mine["speedup_vs_stdlib"]) + (" †" if backport else "")
        lines.append(f"| {op} | " + " | ".join(row) + f" | {ratio} |")
    if any("semantics" in r for r in data["rows"]):
        lines += [
            "",
            (
                "Generator and constructor cells with no mark return exact `uuid.UUID` "
                "objects (batch rows are not checked). [own]: an object of the "
                "contender's own class; [subclass]: a subclass of `uuid.UUID`; [NOT monotonic]: "
                "a uuid6/uuid7 result was not above the one before it, in consecutive calls "
                "(the table under --table rows gives the counts)."
            ),
        ]
    return lines


def _slower_entry(version: Sequence[int], names: Sequence[str]) -> str:
    inner = ", ".join(f'"{n}"' for n in names)
    return (
        f"({version[0]}, {version[1]}): frozenset({{{inner}}}),"
        if names
        else (f"({version[0]}, {version[1]}): frozenset(),")
    )


def _install_table(inst: dict[str, Any]) -> list[str]:
    """The ``--install`` table: one line per operation, then the suggested ``_SLOWER`` entry."""

    def ns(v: float | None) -> str:
        return "—" if v is None else _fmt_ns(v)

    lines = [
        (
            "| operation | path | stdlib ns | IQR | install() ns | IQR | speed-up "
            "| per-round IQR | verdict | installed here |"
        ),
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in inst["rows"]:
        before_iqr = after_iqr = spread = speedup = "—"
        if r["before_ns"] is not None:
            before_iqr = f"{ns(r['before_q1'])}–{ns(r['before_q3'])}"
            speedup = _fmt_ratio(r["speedup"])
            spread = f"{r['speedup_q1']:.2f}–{r['speedup_q3']:.2f}"
        after_iqr = f"{ns(r['after_q1'])}–{ns(r['after_q3'])}"
        lines.append(
            f"| {r['operation']} | {r['path']} | {ns(r['before_ns'])} | {before_iqr} "
            f"| {ns(r['after_ns'])} | {after_iqr} | {speedup} | {spread} | {r['verdict']} "
            f"| {r['installed_here']} |"
        )
    version = inst["version"]
    lines += [
        "",
        (
            "stdlib: the uuid module as shipped; install(): every native path forced on, "
            "this interpreter's _SLOWER entry ignored. u is a version-4 UUID unless the row "
            "names another version; w is u + 1. installed here: whether a plain install() "
            "serves the path natively on this interpreter (the module functions are always "
            "replaced; `not native`: install() found it differs from this stdlib, so even the "
            "forced row runs the stdlib's code)."
        ),
        "",
        inst["rule"],
        "",
        f"Current _SLOWER entry for {version[0]}.{version[1]}: "
        + (", ".join(inst["slower_now"]) or "none")
        + ".",
        "",
        (
            f"With {inst['rounds']} rounds, equally fast paths would be called slower by "
            f"chance {inst['false_slower_chance']:.1%} of the time"
        )
        + (" (too few to decide anything: run without --quick)." if inst["rounds"] < 20 else "."),
        "",
        (
            "Suggested `_SLOWER` entry, a suggestion from this one run and not a decision "
            "(confirm with a second run, on an optimized interpreter, before adopting it):"
        ),
        "",
        "    " + _slower_entry(version, inst["suggested_slower"]),
    ]
    if inst["mixed"]:
        lines += ["", "Mixed (slower in some rows, faster in others): " + ", ".join(inst["mixed"])]
    if inst["median_below_1_noise"]:
        lines += [
            "",
            "Median speed-up below 1.0 but within noise (not suggested): "
            + ", ".join(inst["median_below_1_noise"]),
        ]
    if inst["slower_functions"]:
        lines += [
            "",
            (
                "Module functions measured slower (install() always replaces them; _SLOWER "
                "cannot leave them out): "
            )
            + ", ".join(inst["slower_functions"]),
        ]
    return lines


def markdown(data: dict[str, Any], layout: str = "rows") -> str:
    """The run as Markdown: a header, the table (``rows`` or ``grid``), and the goals."""
    lines = [
        (
            f"{data.get('implementation', 'CPython')} {data['python']} on {data['cpu']} "
            f"({data['platform']})"
        ),
        "",
    ]
    build = data.get("build")  # absent from runs saved before it was recorded
    if build:
        lines += [_build_line(build), ""]
        if build.get("warning"):
            lines += [f"**{build['warning']}**", ""]
    lines += [
        "Versions: " + ", ".join(f"{c} {v}".strip() for c, v in data["contenders"].items()),
        "",
        (
            f"Median of {data.get('mode', 'full')}-mode rounds, {data.get('timer', 'wall')} "
            "time; IQR: first to third quartile."
        ),
        "",
    ]
    if "install" in data:
        return "\n".join(lines + _install_table(data["install"])) + "\n"
    for note in data.get("notes", ()):  # paragraphs a run of its own adds (benchmarks/)
        lines += [note, ""]
    lines += _grid(data) if layout == "grid" else _rows(data)
    checked = [r["semantics"] for r in data["rows"] if "semantics" in r]
    if checked:
        n = max(c.get("sample", 1) for c in checked)
        lines += [
            "",
            (
                "Returns, as checked by this run: the class of a result (exact `uuid.UUID`, a "
                f"subclass, or the contender's own); over {n:,} consecutive calls of each random "
                "generator, its version and variant bits and any duplicates, and for uuid6 and "
                "uuid7 whether every result is above the one before (monotonic); for parsers, "
                "whether the value is right."
            ),
        ]
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
    "python_ulid": "#8c8c8c",
    "uuideal": "#64b5cd",
    "uuideal.install()": "#2a7f9e",
    "hyperuuid": "#ccb974",
    "lastuuid": "#a05d56",
    "uuid7_standard": "#d0743c",
    "c_uuid_v7": "#6b8e23",
    "c_uuid_v7.compat": "#9acd32",
    "uuid7_rs": "#4682b4",
    "uuid7_rs.compat": "#87ceeb",
    "fastuuid7": "#9467bd",
    "fastuuidv7": "#e377c2",
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
                f"{r['label']}  {_fmt_ns(r['ns'])}"
                + (f"  [{mark}]" if (mark := describe(r.get("semantics"), short=True)) else ""),
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
