"""uuid7_many/uuid4_many(out=) and uuid7_many(timestamps=) against their peers.

Run on an optimized interpreter (Debian's /usr/bin/python3.11), with oruuid, numpy,
pyarrow, hyperuuid and fastuuid7 installed:

    python benchmarks/bench_batch_out.py [--rounds 15] [--n 1000,100000]

Each case is timed in interleaved rounds (every case once per round, in a rotating
order) in this one process; the figure is the median over rounds of ns per UUID.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable

import oruuid

Case = tuple[str, int, Callable[[], object]]


def out_cases(n: int) -> list[Case]:
    buf = bytearray(16 * n)
    cases: list[Case] = [
        (f"oruuid.uuid7_many(out=bytearray) n={n}", n, lambda: oruuid.uuid7_many(out=buf)),
        (f"oruuid.uuid4_many(out=bytearray) n={n}", n, lambda: oruuid.uuid4_many(out=buf)),
        (
            f"oruuid.uuid7_many(n, format='bytes') n={n}",
            n,
            lambda: oruuid.uuid7_many(n, format="bytes"),
        ),
    ]
    try:
        import hyperuuid
    except ImportError:
        print("hyperuuid not installed: skipped", file=sys.stderr)
    else:
        hbuf = bytearray(16 * n)
        cases.append((f"hyperuuid.fill_v7(bytearray) n={n}", n, lambda: hyperuuid.fill_v7(hbuf)))
    return cases


def timestamp_cases(n: int) -> list[Case]:
    import numpy as np
    import pyarrow as pa

    start = 1_733_000_000_000
    ms = [start + 7 * i for i in range(n)]
    stamps = [oruuid.Timestamp.from_unix_ms(m) for m in ms]
    utc = dt.UTC
    datetimes = [dt.datetime.fromtimestamp(m / 1000, utc) for m in ms]
    arrow = pa.array(ms, pa.timestamp("ms", tz="UTC"))
    numpy = np.array(ms, dtype="datetime64[ms]")
    buf = bytearray(16 * n)
    cases: list[Case] = [
        (f"uuid7_many(timestamps=arrow ms) n={n}", n, lambda: oruuid.uuid7_many(timestamps=arrow)),
        (
            f"uuid7_many(timestamps=arrow ms, out=) n={n}",
            n,
            lambda: oruuid.uuid7_many(timestamps=arrow, out=buf),
        ),
        (
            f"uuid7_many(timestamps=numpy ms, naive=utc) n={n}",
            n,
            lambda: oruuid.uuid7_many(timestamps=numpy, naive="utc"),
        ),
        (
            f"uuid7_many(timestamps=[Timestamp]) n={n}",
            n,
            lambda: oruuid.uuid7_many(timestamps=stamps),
        ),
        (
            f"uuid7_many(timestamps=[datetime]) n={n}",
            n,
            lambda: oruuid.uuid7_many(timestamps=datetimes),
        ),
        (f"[oruuid.uuid7(Timestamp) for ...] n={n}", n, lambda: [oruuid.uuid7(t) for t in stamps]),
        (
            f"[oruuid.uuid7(datetime) for ...] n={n}",
            n,
            lambda: [oruuid.uuid7(t) for t in datetimes],
        ),
    ]
    try:
        import fastuuid7
    except ImportError:
        print("fastuuid7 not installed: skipped", file=sys.stderr)
    else:
        cases.append(
            (
                f"fastuuid7.uuid7_at_many(unix_ms=[int]) n={n}",
                n,
                lambda: fastuuid7.uuid7_at_many(unix_ms=ms),
            )
        )
    return cases


def calls_for(fn: Callable[[], object], target_ns: float = 2e6) -> int:
    """How many calls make one timing about target_ns long."""
    t0 = time.perf_counter_ns()
    fn()
    once = max(time.perf_counter_ns() - t0, 1)
    return max(1, int(target_ns // once))


def run(cases: list[Case], rounds: int) -> None:
    calls = [calls_for(fn) for _, _, fn in cases]
    samples: list[list[float]] = [[] for _ in cases]
    for r in range(rounds):
        order = list(range(len(cases)))
        order = order[r % len(order) :] + order[: r % len(order)]
        for i in order:
            _, n, fn = cases[i]
            k = calls[i]
            t0 = time.perf_counter_ns()
            for _ in range(k):
                fn()
            samples[i].append((time.perf_counter_ns() - t0) / (k * n))
    width = max(len(name) for name, _, _ in cases)
    for (name, _, _), s in zip(cases, samples, strict=True):
        print(f"{name:<{width}}  {statistics.median(s):8.2f} ns/UUID  (min {min(s):.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--n", default="1000,100000", help="batch sizes for out=")
    parser.add_argument("--ts-n", type=int, default=10000, help="batch size for timestamps=")
    args = parser.parse_args()
    print(sys.version.replace("\n", " "), "oruuid", oruuid.__version__)
    for n in (int(x) for x in args.n.split(",")):
        run(out_cases(n), args.rounds)
    run(timestamp_cases(args.ts_n), args.rounds)


if __name__ == "__main__":
    main()
