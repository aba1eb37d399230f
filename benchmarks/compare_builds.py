"""Compare oruuid's hot paths across two or more builds, each in its own interpreter.

Measures ns per call of the hot paths below (``object()`` first, as the floor of any
call that makes an object), once per interpreter, in interleaved rounds: in each
round every interpreter runs one fresh subprocess (this file with ``--worker``), in
an order that rotates from round to round, so that drift on a shared machine falls
on all builds alike. The subprocess times each path timeit-style: the callable and
its arguments are locals of the loop, the loop count is calibrated to about 50 ms,
the best of 3 such loops is kept. ``install()`` is done in the subprocess after the
plain oruuid paths and before the ``install:`` ones.

The report is a Markdown table: per path and interpreter, the median over the
rounds in ns per call and that median over ``object()``'s; per later interpreter,
its median over the first one's, and the quartiles of the per-round ratios (how far
to trust it: a difference inside them is noise).

    python benchmarks/compare_builds.py \\
        --python before=/opt/oruuid-before/bin/python \\
        --python after=/opt/oruuid-after/bin/python [--rounds 15] [--timer cpu]

Each interpreter needs its own oruuid installed (``pip install .`` in its venv); the
driver itself needs only the standard library. Use optimized interpreters: on a
``--enable-optimizations`` build the call overheads are the ones people see.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import timeit

TEXT = "67e55044-10b1-426f-9247-bb680e5fe0c8"

# (name, setup, statement). Setup runs inside timeit's loop function, so the names
# it binds are fast locals: the figures leave out global and attribute look-ups.
PLAIN = [
    ("object()", "f = object", "f()"),
    ("oruuid.uuid4()", "f = oruuid.uuid4", "f()"),
    ("oruuid.uuid7()", "f = oruuid.uuid7", "f()"),
    ("oruuid.parse(s)", "f = oruuid.parse; s = TEXT", "f(s)"),
    (
        "oruuid.from_bytes(b)",
        "f = oruuid.from_bytes; b = oruuid.parse(TEXT).bytes",
        "f(b)",
    ),
    ("str(u)", "f = str; u = oruuid.parse(TEXT)", "f(u)"),
]
INSTALLED = [
    ("install: uuid.UUID(s)", "f = uuid.UUID; s = TEXT", "f(s)"),
    ("install: uuid.UUID(bytes=b)", "f = uuid.UUID; b = f(TEXT).bytes", "f(bytes=b)"),
    ("install: uuid.UUID(int=i)", "f = uuid.UUID; i = f(TEXT).int", "f(int=i)"),
    ("install: uuid.uuid4()", "f = uuid.uuid4", "f()"),
    ("install: str(u)", "f = str; u = uuid.UUID(TEXT)", "f(u)"),
    ("install: u.hex", "u = uuid.UUID(TEXT)", "u.hex"),
    ("install: hash(u)", "f = hash; u = uuid.UUID(TEXT)", "f(u)"),
    ("install: u == v", "u = uuid.UUID(TEXT); v = uuid.UUID(TEXT)", "u == v"),
]
FLOOR = PLAIN[0][0]


def time_path(setup: str, stmt: str, namespace: dict, clock, target: float) -> float:
    """Best of 3 loops of about ``target`` seconds each, in ns per call."""
    timer = timeit.Timer(stmt, setup, timer=clock, globals=namespace)
    number = 1
    while (t := timer.timeit(number)) < target / 5:
        number *= 10 if t < target / 100 else 2
    loops = max(1, round(number * target / t))
    return min(timer.timeit(loops) for _ in range(3)) / loops * 1e9


def worker(clock_name: str, target: float) -> None:
    """One round in this interpreter: every path once; prints JSON on stdout."""
    # Imported here: the driver runs on any Python, with or without oruuid.
    import uuid

    import oruuid

    clock = time.process_time if clock_name == "cpu" else time.perf_counter
    if oruuid.installed():
        sys.exit("oruuid was installed at start-up: the plain paths need it off")
    namespace = {"oruuid": oruuid, "uuid": uuid, "TEXT": TEXT}
    ns = {name: time_path(setup, stmt, namespace, clock, target) for name, setup, stmt in PLAIN}
    oruuid.install()
    ns.update(
        (name, time_path(setup, stmt, namespace, clock, target)) for name, setup, stmt in INSTALLED
    )
    info = {
        "python": sys.version.split()[0],
        "oruuid": oruuid.__version__,
        "path": oruuid.__file__,
    }
    json.dump({"info": info, "ns": ns}, sys.stdout)


def run_round(python: str, clock_name: str, target: float) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "ORUUID_INSTALL"}
    # -I: no user site, no PYTHON* variables, no script directory on sys.path.
    cmd = [python, "-I", os.path.abspath(__file__), "--worker"]
    cmd += ["--timer", clock_name, "--target", str(target)]
    out = subprocess.run(cmd, env=env, cwd="/", check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def quartiles(values: list[float]) -> tuple[float, float]:
    """First and third quartiles (both the value itself for a single round)."""
    q = statistics.quantiles(values * 2, n=4, method="inclusive")
    return q[0], q[2]


def report(labels: list[str], info: dict, runs: dict, rounds: int, clock_name: str) -> str:
    """The Markdown report: runs[label] is the list of per-round {path: ns} dicts."""
    paths = [name for name, _, _ in PLAIN + INSTALLED]
    med = {lab: {p: statistics.median(r[p] for r in runs[lab]) for p in paths} for lab in labels}
    base = labels[0]
    lines = [
        f"Medians of {rounds} interleaved rounds, ns per call ({clock_name} clock).",
        "",
    ]
    for lab in labels:
        i = info[lab]
        lines.append(f"- {lab}: Python {i['python']}, oruuid {i['oruuid']} ({i['path']})")
    head = ["path"] + [f"{lab} ns" for lab in labels] + [f"{lab} / object()" for lab in labels]
    for lab in labels[1:]:
        head += [f"{lab}/{base}", f"{lab}/{base} q1-q3"]
    lines += [
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" + "---:|" * (len(head) - 1),
    ]
    for p in paths:
        row = [f"`{p}`"] + [f"{med[lab][p]:.1f}" for lab in labels]
        row += [f"{med[lab][p] / med[lab][FLOOR]:.2f}" for lab in labels]
        for lab in labels[1:]:
            q1, q3 = quartiles([a[p] / b[p] for a, b in zip(runs[lab], runs[base], strict=True)])
            row += [f"{med[lab][p] / med[base][p]:.3f}", f"{q1:.3f}-{q3:.3f}"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--python",
        action="append",
        default=[],
        metavar="LABEL=EXE",
        help="an interpreter with oruuid; two or more, the first is the baseline",
    )
    ap.add_argument("--rounds", type=int, default=15, help="interleaved rounds (default 15)")
    ap.add_argument(
        "--timer",
        choices=("wall", "cpu"),
        default="wall",
        help="wall: perf_counter (default); cpu: process_time, for a busy machine",
    )
    ap.add_argument(
        "--target",
        type=float,
        default=0.05,
        help="seconds per timed loop (default 0.05)",
    )
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.timer, args.target)
        return

    pythons = dict(spec.split("=", 1) for spec in args.python)
    if len(pythons) < 2 or len(pythons) != len(args.python):
        ap.error("give two or more --python LABEL=EXE, with distinct labels")
    labels = list(pythons)
    runs: dict = {lab: [] for lab in labels}
    info: dict = {}
    for r in range(args.rounds):
        for lab in labels[r % len(labels) :] + labels[: r % len(labels)]:
            out = run_round(pythons[lab], args.timer, args.target)
            info[lab] = out["info"]
            runs[lab].append(out["ns"])
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    print(report(labels, info, runs, args.rounds, args.timer))


if __name__ == "__main__":
    main()
