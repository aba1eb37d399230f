"""Uniqueness and order under threads, ``os.fork`` and ``multiprocessing`` (fork).

Threads at the scale of issue 6 (8 threads x 10^5 each); the fork tests here are
the quick ones, and test_reliability_fork.py has 32 children x 10^5 of each kind
and the forkserver and spawn pools. Pairs with the concurrent C++ tests.
"""

import itertools
import multiprocessing
import os
import pickle
import struct
import sys
import threading
import uuid

import pytest

import oruuid
from support import child_output, fork_child, read_all

N_THREADS = 8
PER_THREAD = 100_000
N_CHILDREN = 8
PER_CHILD = 10_000

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _run_threads(target, n):
    barrier = threading.Barrier(n)
    results = [None] * n
    errors = []

    def worker(i):
        try:
            barrier.wait()
            results[i] = target()
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


# ------------------------------------------------------------ threads


def test_uuid7_threads_increasing_and_unique():
    per_thread = _run_threads(lambda: [oruuid.uuid7().int for _ in range(PER_THREAD)], N_THREADS)
    for ints in per_thread:
        assert len(ints) == PER_THREAD
        assert all(a < b for a, b in itertools.pairwise(ints))
    everything = [i for ints in per_thread for i in ints]
    assert len(set(everything)) == N_THREADS * PER_THREAD


def test_uuid7_under_a_shared_lock_is_one_increasing_sequence():
    lock = threading.Lock()
    shared = []

    def work():
        for _ in range(PER_THREAD):
            with lock:
                shared.append(oruuid.uuid7().int)

    _run_threads(work, N_THREADS)
    assert len(shared) == N_THREADS * PER_THREAD
    assert all(a < b for a, b in itertools.pairwise(shared))


@pytest.mark.parametrize("version", [1, 6])
def test_uuid1_uuid6_under_a_shared_lock_are_one_increasing_sequence(version):
    make = oruuid.uuid1 if version == 1 else oruuid.uuid6
    lock = threading.Lock()
    shared = []

    def work():
        for _ in range(PER_THREAD):
            with lock:
                shared.append(make().int)

    _run_threads(work, N_THREADS)
    assert len(shared) == N_THREADS * PER_THREAD
    if version == 1:
        times = [
            ((i >> 64) & 0x0FFF) << 48 | ((i >> 80) & 0xFFFF) << 32 | (i >> 96) for i in shared
        ]
    else:
        times = [(i >> 96) << 28 | ((i >> 80) & 0xFFFF) << 12 | (i >> 64) & 0x0FFF for i in shared]
        assert all(a < b for a, b in itertools.pairwise(shared))  # v6 sorts by time
    assert all(a < b for a, b in itertools.pairwise(times))


@pytest.mark.slow
@pytest.mark.parametrize("version", [1, 6])
def test_uuid1_uuid6_threads_time_increasing(version):
    make = oruuid.uuid1 if version == 1 else oruuid.uuid6

    def work():
        return [make() for _ in range(PER_THREAD)]

    per_thread = _run_threads(work, N_THREADS)

    def t(u):
        if version == 1:
            return u.time
        return (u.int >> 96) << 28 | ((u.int >> 80) & 0xFFFF) << 12 | (u.int >> 64) & 0x0FFF

    for us in per_thread:
        times = [t(u) for u in us]
        assert all(a < b for a, b in itertools.pairwise(times))
        assert all(u.version == version and u.variant == uuid.RFC_4122 for u in us)
    everything = [u.int for us in per_thread for u in us]
    # one node, one clock sequence per process: the process-wide time is what keeps them apart
    assert len(set(everything)) == len(everything)
    all_times = [t(u) for us in per_thread for u in us]
    assert len(set(all_times)) == len(all_times)


def test_uuid4_threads_unique():
    per_thread = _run_threads(lambda: [oruuid.uuid4().int for _ in range(PER_THREAD)], N_THREADS)
    everything = [i for ints in per_thread for i in ints]
    assert len(set(everything)) == len(everything)
    assert all((i >> 76) & 0xF == 4 for i in everything)


def test_mixed_functions_in_threads():
    def work():
        out = []
        for i in range(2000):
            out.append(oruuid.uuid4().int)
            out.append(oruuid.uuid7().int)
            out.append(oruuid.uuid8().int)
            assert oruuid.parse(str(uuid.NAMESPACE_DNS)) == uuid.NAMESPACE_DNS
            assert oruuid.uuid5(uuid.NAMESPACE_DNS, str(i)) == uuid.uuid5(
                uuid.NAMESPACE_DNS, str(i)
            )
        return out

    per_thread = _run_threads(work, N_THREADS)
    everything = [i for ints in per_thread for i in ints]
    assert len(set(everything)) == len(everything)


# ------------------------------------------------------------ os.fork


def _child_payload():
    u4 = [oruuid.uuid4().int for _ in range(PER_CHILD)]
    u7 = [oruuid.uuid7().int for _ in range(PER_CHILD)]
    u1 = [oruuid.uuid1() for _ in range(100)]
    return pickle.dumps(
        {
            "pid": os.getpid(),
            "u4": u4,
            "u7": u7,
            "clock_seq": u1[0].clock_seq,
            "u1_clock_seqs": {u.clock_seq for u in u1},
        }
    )


def _fork_children(n, warm_parent=True):
    """Forks n children, each sending back its UUIDs; returns the parent's and theirs."""
    if warm_parent:
        # the parent has used every generator, so there is state to inherit
        oruuid.uuid4(), oruuid.uuid7(), oruuid.uuid1(), oruuid.uuid6()

    def framed_payload():
        data = _child_payload()
        return struct.pack("<Q", len(data)) + data

    children = [fork_child(framed_payload) for _ in range(n)]
    results = []
    for pid, r in children:
        raw = child_output(pid, r)
        (length,) = struct.unpack("<Q", raw[:8])
        assert len(raw) == 8 + length
        results.append(pickle.loads(raw[8:]))
    parent = pickle.loads(_child_payload())
    return parent, results


@needs_fork
def test_fork_children_never_repeat_uuid4_or_uuid7():
    parent, children = _fork_children(N_CHILDREN)
    everyone = [parent, *children]
    assert len({p["pid"] for p in everyone}) == len(everyone)
    for key in ("u4", "u7"):
        allvals = [v for p in everyone for v in p[key]]
        assert len(allvals) == len(everyone) * PER_CHILD
        assert len(set(allvals)) == len(allvals), f"duplicate {key} across processes"
    for p in everyone:
        assert all(a < b for a, b in itertools.pairwise(p["u7"]))
    # no two processes share even the random 32-bit tail of uuid7 at the same position
    tails = [tuple(v & 0xFFFF_FFFF for v in p["u7"][:100]) for p in everyone]
    assert len(set(tails)) == len(tails)


@needs_fork
def test_fork_children_take_fresh_clock_sequences():
    """Each child draws its own clock sequence (14 bits: collisions among 9 are possible,
    9 identical ones are not)."""
    parent, children = _fork_children(N_CHILDREN)
    everyone = [parent, *children]
    for p in everyone:
        assert len(p["u1_clock_seqs"]) == 1  # per process, not per call
    seqs = [p["clock_seq"] for p in everyone]
    assert len(set(seqs)) >= 3, seqs
    child_seqs = [c["clock_seq"] for c in children]
    assert child_seqs.count(parent["clock_seq"]) <= 2, (parent["clock_seq"], child_seqs)


@needs_fork
def test_fork_without_warm_parent():
    parent, children = _fork_children(4, warm_parent=False)
    allvals = [v for p in [parent, *children] for key in ("u4", "u7") for v in p[key]]
    assert len(set(allvals)) == len(allvals)


@needs_fork
def test_grandchild_fork():
    """A child that forks again: three generations, no repeats."""

    def ten_thousand():
        return [oruuid.uuid4().int for _ in range(5000)] + [oruuid.uuid7().int for _ in range(5000)]

    def child():
        oruuid.uuid4(), oruuid.uuid7()
        pid2, r2 = fork_child(lambda: pickle.dumps(ten_thousand()))
        mine = ten_thousand()
        theirs = pickle.loads(read_all(r2))
        os.waitpid(pid2, 0)
        return pickle.dumps(mine + theirs)

    descendants = pickle.loads(child_output(*fork_child(child)))
    assert len(descendants) == 20_000
    mine = ten_thousand()
    everything = descendants + mine
    assert len(set(everything)) == len(everything)


def _random_nodes_of_a_child(depth):
    """Forks a child that reports (uuid1 node, uuid6 node, node after threads) and, when
    depth > 1, the same from a child of its own; returns the list of their reports."""

    def report():
        # Threads race for the child's first draw, then the main thread asks.
        seen = _run_threads(lambda: oruuid.uuid1(node="random").node, 4)
        threaded = seen[0] if len(set(seen)) == 1 else -1
        reports = [[oruuid.uuid1(node="random").node, oruuid.uuid6(node="random").node, threaded]]
        if depth > 1:
            reports += _random_nodes_of_a_child(depth - 1)
        return pickle.dumps(reports)

    return pickle.loads(child_output(*fork_child(report)))


@needs_fork
def test_random_node_is_drawn_again_in_every_forked_child():
    """node="random" (RFC 9562 §6.10): one multicast node per process, never the
    parent's in a child or a grandchild, and never the hardware address."""
    parent = oruuid.uuid1(node="random").node
    assert parent & (1 << 40), "multicast bit"
    assert oruuid.uuid6(node="random").node == parent
    reports = [r for _ in range(4) for r in _random_nodes_of_a_child(depth=2)]
    assert len(reports) == 8
    for a, b, threaded in reports:
        assert a == b == threaded, "one node per process, for uuid1, uuid6 and every thread"
        assert a & (1 << 40)
    nodes = [parent] + [r[0] for r in reports]
    assert len(set(nodes)) == len(nodes), "a child kept its parent's node"
    assert oruuid.uuid1(node="random").node == parent, "the parent keeps its own"
    assert oruuid.uuid1().node == oruuid.getnode()  # the default is still the stdlib's


# ------------------------------------------------------------ multiprocessing (fork)


def _pool_task(_):
    return (
        os.getpid(),
        [oruuid.uuid4().int for _ in range(PER_CHILD // 4)],
        [oruuid.uuid7().int for _ in range(PER_CHILD // 4)],
    )


@needs_fork
@pytest.mark.skipif(sys.platform == "darwin", reason="fork start method is unsafe on macOS")
def test_multiprocessing_fork_pool_unique():
    oruuid.uuid4(), oruuid.uuid7()
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(4) as pool:
        # A bound: Pool.map waits for ever when a worker dies.
        results = pool.map_async(_pool_task, range(16), chunksize=1).get(timeout=600)
    parent = _pool_task(None)
    u4 = [v for _, a, _ in [*results, parent] for v in a]
    u7 = [v for _, _, b in [*results, parent] for v in b]
    assert len(set(u4)) == len(u4)
    assert len(set(u7)) == len(u7)
    assert len({pid for pid, _, _ in results}) >= 2
    # within one worker, uuid7 keeps increasing across its tasks
    by_pid = {}
    for pid, _, b in results:
        by_pid.setdefault(pid, []).append(b)
    for batches in by_pid.values():
        flat = [v for b in batches for v in b]
        assert all(a < b for a, b in itertools.pairwise(flat))
