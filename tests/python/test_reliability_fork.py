"""Uniqueness across processes at the issue's scale: 32 forked children (one forks again), pools.

Each process makes 10^5 uuid4, uuid7, uuid1 and uuid6 with default arguments:

- uuid4 and uuid7: no value twice across all processes;
- uuid1 and uuid6: each process's timestamps strictly increase under one clock
  sequence, and every child draws a fresh clock sequence. Across processes, RFC 9562
  gives no guarantee without shared state: two processes repeat a value only when
  they share a 14-bit clock sequence and emit in the same 100 ns tick. The test
  measures the duplicates and compares them with that estimate (see GUARANTEES.md).

``multiprocessing`` pools with the fork, forkserver and spawn start methods get the
same checks at a smaller size. ``ORUUID_LONG=1`` repeats the whole family for
``ORUUID_FORK_ROUNDS`` rounds (default 10) and runs the pools 5 times larger; the
figures are printed, totals last.
test_threads_fork.py has the quicker CI-sized fork tests; tests/cpp/test_fork.cpp and
test_reliability_fork.cpp the C++ ones.
"""

import collections
import itertools
import multiprocessing
import os
import pickle
import sys

import pytest

import oruuid
from support import child_watchdog

LONG = os.environ.get("ORUUID_LONG") == "1"
N_CHILDREN = 32
PER_PROCESS = 100_000
ROUNDS = int(os.environ.get("ORUUID_FORK_ROUNDS", "10")) if LONG else 1
POOL_TASKS = 8
PER_TASK = 100_000 if LONG else 20_000
CLOCK_SEQS = 1 << 14

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
KINDS = ("uuid4", "uuid7", "uuid1", "uuid6")


def v6_time(i):
    return (i >> 96) << 28 | ((i >> 80) & 0xFFFF) << 12 | (i >> 64) & 0x0FFF


def v1_time(i):
    return ((i >> 64) & 0x0FFF) << 48 | ((i >> 80) & 0xFFFF) << 32 | (i >> 96)


def _generate(n):
    """n of each kind with default arguments, as ints, plus who made them."""
    u4, u7, u1, u6 = oruuid.uuid4, oruuid.uuid7, oruuid.uuid1, oruuid.uuid6
    return {
        "pid": os.getpid(),
        "uuid4": [u4().int for _ in range(n)],
        "uuid7": [u7().int for _ in range(n)],
        "uuid1": [u1().int for _ in range(n)],
        "uuid6": [u6().int for _ in range(n)],
    }


def _child(path, n, fork_again_to=None):
    """In a forked child: optionally fork a grandchild, generate, write, and _exit."""
    status = 1
    try:
        child_watchdog()
        grandchild = None
        if fork_again_to is not None:
            oruuid.uuid4(), oruuid.uuid7(), oruuid.uuid1(), oruuid.uuid6()  # live state to pass on
            grandchild = os.fork()
            if grandchild == 0:
                _child(fork_again_to, n)  # never returns
        data = _generate(n)
        with open(path, "wb") as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
        if grandchild is not None:
            _, st = os.waitpid(grandchild, 0)
            status = 0 if os.WIFEXITED(st) and os.WEXITSTATUS(st) == 0 else 2
    finally:
        os._exit(status)


def _fork_family(tmp_path, n_children, n):
    """The parent, n_children forked children and one grandchild, each making n of each kind."""
    oruuid.uuid4(), oruuid.uuid7(), oruuid.uuid1(), oruuid.uuid6()  # state to inherit
    pids = []
    paths = [tmp_path / f"child{i}.pkl" for i in range(n_children)] + [tmp_path / "grandchild.pkl"]
    for i in range(n_children):
        pid = os.fork()
        if pid == 0:
            _child(paths[i], n, fork_again_to=paths[-1] if i == 0 else None)
        pids.append(pid)
    parent = _generate(n)  # while the children run
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status), f"child {pid}: status {status}"
        assert os.WEXITSTATUS(status) == 0, f"child {pid}: status {status}"
    processes = [parent]
    for path in paths:
        with open(path, "rb") as f:
            processes.append(pickle.load(f))
        path.unlink()
    return processes


def _birthday(processes, kind, time_of):
    """Duplicates of a v1/v6 kind across processes, and what chance predicts for them.

    Two processes repeat a value exactly when they share the clock sequence and a
    tick (one node, one host). With fresh 14-bit sequences, each pair of processes
    shares one with chance 1/2^14, so the expected count is the sum over pairs of
    their shared ticks, divided by 2^14.
    """
    ticks_in = collections.Counter()
    for p in processes:
        ticks_in.update({time_of(i) for i in p[kind]})
    shared_tick_pairs = sum(k * (k - 1) // 2 for k in ticks_in.values() if k > 1)
    total = sum(len(p[kind]) for p in processes)
    distinct = len({i for p in processes for i in p[kind]})
    n = len(processes)
    return {
        "values": total,
        "duplicates": total - distinct,
        "expected_duplicates": shared_tick_pairs / CLOCK_SEQS,
        "shared_tick_pairs": shared_tick_pairs,
        "p_some_pair_shares_a_clock_seq": 1 - _no_shared_seq(n),
    }


def _no_shared_seq(n):
    p = 1.0
    for k in range(n):
        p *= 1 - k / CLOCK_SEQS
    return p


def _check_family(processes):
    """Every check on one family of processes; returns the figures."""
    assert len(processes) == N_CHILDREN + 2
    assert len({p["pid"] for p in processes}) == len(processes)
    report = {}

    # uuid4 and uuid7: none repeats, anywhere.
    for kind in ("uuid4", "uuid7"):
        everything = [i for p in processes for i in p[kind]]
        assert len(everything) == len(processes) * PER_PROCESS
        duplicates = len(everything) - len(set(everything))
        report[kind] = {"values": len(everything), "duplicates": duplicates}
        assert duplicates == 0, f"{duplicates} {kind} repeated across processes"
        del everything
    for p in processes:
        u7 = p["uuid7"]
        assert all(a < b for a, b in itertools.pairwise(u7)), (
            "uuid7 not increasing within a process"
        )

    # uuid1 and uuid6: per process, increasing ticks under one clock sequence.
    node = oruuid.getnode()
    for kind, time_of in (("uuid1", v1_time), ("uuid6", v6_time)):
        seqs = []
        for p in processes:
            values = p[kind]
            times = [time_of(i) for i in values]
            assert all(a < b for a, b in itertools.pairwise(times)), f"{kind} time not increasing"
            assert {(i >> 48) & 0x3FFF for i in values} == {(values[0] >> 48) & 0x3FFF}
            assert {i & 0xFFFF_FFFF_FFFF for i in values} == {node}
            seqs.append((values[0] >> 48) & 0x3FFF)
        # Every child drew its own sequence: with 34 random 14-bit values, a child
        # equal to its parent has chance 0.2%, two such 2e-6; more than three equal
        # pairs among all of them about 1e-7.
        parent_seq, child_seqs = seqs[0], seqs[1:]
        assert child_seqs.count(parent_seq) <= 1, (kind, parent_seq, child_seqs)
        assert len(set(seqs)) >= len(seqs) - 3, (kind, seqs)
        report[kind] = _birthday(processes, kind, time_of)
        report[kind]["pairs_sharing_a_clock_seq"] = sum(
            k * (k - 1) // 2 for k in collections.Counter(seqs).values()
        )
        if report[kind]["pairs_sharing_a_clock_seq"] == 0:
            # A duplicate needs a shared sequence: none without one.
            assert report[kind]["duplicates"] == 0
    return report


@pytest.mark.slow
@needs_fork
def test_32_children_and_a_grandchild(tmp_path, capsys):
    totals = collections.defaultdict(collections.Counter)
    for round_ in range(ROUNDS):
        report = _check_family(_fork_family(tmp_path, N_CHILDREN, PER_PROCESS))
        with capsys.disabled():
            print(
                f"\n[fork] round {round_ + 1}/{ROUNDS}: {N_CHILDREN + 2} processes x "
                f"{PER_PROCESS} of each kind"
            )
            for kind, figures in report.items():
                print(f"[fork]   {kind}: {figures}")
                totals[kind].update(figures)
    if ROUNDS > 1:
        with capsys.disabled():
            for kind, figures in totals.items():
                rate = figures["duplicates"] / figures["values"]
                print(f"[fork] total {kind}: {dict(figures)}, duplicate rate {rate:.3g}")


def _pool_task(n):
    out = _generate(n)
    out["clock_seq1"] = (out["uuid1"][0] >> 48) & 0x3FFF
    return out


@pytest.mark.parametrize(
    "method",
    # forkserver and spawn start a fresh interpreter per worker: about a second each.
    [
        "fork",
        pytest.param("forkserver", marks=pytest.mark.slow),
        pytest.param("spawn", marks=pytest.mark.slow),
    ],
)
def test_multiprocessing_pools(method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    if method == "fork" and sys.platform == "darwin":
        pytest.skip("fork start method is unsafe on macOS")
    oruuid.uuid4(), oruuid.uuid7(), oruuid.uuid1(), oruuid.uuid6()
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["oruuid"])
    with ctx.Pool(4) as pool:
        # A bound: Pool.map waits for ever when a worker dies.
        results = pool.map_async(_pool_task, [PER_TASK] * POOL_TASKS, chunksize=1).get(timeout=600)
    results.append(_pool_task(PER_TASK))
    for kind in ("uuid4", "uuid7"):
        everything = [i for r in results for i in r[kind]]
        assert len(set(everything)) == len(everything), f"{kind} repeated ({method})"
    by_pid = collections.defaultdict(list)
    for r in results:
        by_pid[r["pid"]].append(r)
    assert len(by_pid) >= 3, "the pool should have used several workers"
    for rs in by_pid.values():
        # Within a worker, across its tasks: uuid7 increasing, one clock sequence.
        u7 = [i for r in rs for i in r["uuid7"]]
        assert all(a < b for a, b in itertools.pairwise(u7))
        assert len({r["clock_seq1"] for r in rs}) == 1
    seqs = [rs[0]["clock_seq1"] for rs in by_pid.values()]
    # 5 random 14-bit values: two equal pairs or more has chance ~1e-7.
    assert len(set(seqs)) >= len(seqs) - 1, seqs
