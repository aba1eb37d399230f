"""uuid1, uuid6 and uuid7 under a faulty clock, driven from Python through ``oruuid._core.testing``.

``oruuid._core.testing`` exists only in builds made with
``--config-settings=cmake.define.ORUUID_BUILD_TESTING_MODULE=ON`` (tests/run does
that); it points ``oruuid._core``'s generators at a fake clock. Each scenario runs in
a forked child, which starts with fresh generator state and leaves this process's
alone. The faults: the clock steps back 1 s and 1 h, stands still for 10^6 calls,
creeps, jumps forward; the v7 counter is forced to overflow. v7 must stay strictly
increasing and follow the clock again once the clock passes it; v1 and v6 must
behave as RFC 9562 §6.1 says. tests/cpp/test_reliability_clock.cpp has the same
faults on the C++ side.
"""

import itertools
import os
import pickle
import random
import subprocess
import sys
import time
import traceback

import pytest

import oruuid
from support import child_watchdog

T = 4_102_444_800  # 2100-01-01 00:00:00 UTC, later than any real clock: a fresh start
T_MS = T * 1000
COUNTER_MAX = (1 << 42) - 1
GREGORIAN_OFFSET = 0x01B21DD213814000


@pytest.fixture(scope="module")
def clock():
    return pytest.importorskip(
        "oruuid._core.testing",
        reason="oruuid built without ORUUID_BUILD_TESTING_MODULE (tests/run builds it)",
    )


def in_child(fn, *args):
    """Runs fn(*args) in a forked child; returns its result, or fails with its traceback."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            child_watchdog()
            os.close(r)
            try:
                result = ("ok", fn(*args))
            except BaseException:  # noqa: BLE001 - sent to the parent, which raises it
                result = ("error", traceback.format_exc())
            view = memoryview(pickle.dumps(result))
            while view:
                view = view[os.write(w, view) :]
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 1 << 16):
        chunks.append(chunk)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status), f"child died: {status}"
    assert os.WEXITSTATUS(status) == 0, f"child died: {status}"
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "error":
        pytest.fail("in the child:\n" + value, pytrace=False)
    return value


def ms(u):
    return u.int >> 80


def counter(u):
    return ((u.int >> 64) & 0xFFF) << 30 | (u.int >> 32) & 0x3FFF_FFFF


def ticks(u):
    if u.version == 6:
        return (u.int >> 96) << 28 | ((u.int >> 80) & 0xFFFF) << 12 | (u.int >> 64) & 0x0FFF
    return u.time


def clock_ticks(seconds, nanos=0):
    return seconds * 10_000_000 + nanos // 100 + GREGORIAN_OFFSET


def increasing(us):
    return all(a < b for a, b in itertools.pairwise(us))


# ------------------------------------------------------------------ uuid7


@pytest.mark.parametrize("back_s", [1, 3600], ids=["1s", "1h"])
def test_v7_clock_steps_back(clock, back_s):
    def scenario():
        clock.set_clock(T)
        first = oruuid.uuid7()
        clock.set_clock(T - back_s)
        us = [first] + [oruuid.uuid7() for _ in range(10_000)]
        assert increasing(us)
        assert {ms(u) for u in us} == {T_MS}  # keeps the last timestamp
        assert all(counter(b) == counter(a) + 1 for a, b in itertools.pairwise(us))
        clock.set_clock(T, 1_000_000)  # the clock passes it again: followed
        after = oruuid.uuid7()
        assert after > us[-1]
        assert ms(after) == T_MS + 1
        assert clock.clock_reads() > 10_000

    in_child(scenario)


@pytest.mark.slow
def test_v7_clock_stands_still_for_a_million_calls(clock):
    def scenario():
        clock.set_clock(T)
        us = [oruuid.uuid7() for _ in range(1_000_000)]
        assert increasing(us)
        assert ms(us[-1]) == T_MS  # 10^6 increments fit the counter: no run-ahead
        clock.set_clock(T, 5_000_000)
        assert ms(oruuid.uuid7()) == T_MS + 5

    in_child(scenario)


def test_v7_clock_jumps_forward(clock):
    def scenario():
        us = []
        for seconds in (T, T + 86_400, T + 100 * 365 * 86_400):
            clock.set_clock(seconds)
            u = oruuid.uuid7()
            assert ms(u) == seconds * 1000  # followed at once
            assert counter(u) >> 41 == 0  # reseeded with the top bit clear
            us.append(u)
        assert increasing(us)

    in_child(scenario)


def test_v7_creeping_clock_is_followed_to_the_millisecond(clock):
    """A clock moving 1 µs per read: every UUID carries the clock's own millisecond."""

    def scenario():
        clock.set_clock(T, 0, 1000)
        us = [oruuid.uuid7() for _ in range(100_000)]
        assert increasing(us)
        assert [ms(u) - T_MS for u in us] == [i // 1000 for i in range(100_000)]

    in_child(scenario)


def test_v7_counter_overflow(clock):
    def scenario():
        clock.set_clock(T)
        a = oruuid.uuid7()
        clock.set_v7_counter(COUNTER_MAX)
        b = oruuid.uuid7()
        assert a < b
        assert ms(b) == T_MS + 1
        assert counter(b) >> 41 == 0
        c = oruuid.uuid7()  # the clock is still at T: no further drift
        assert b < c
        assert ms(c) == T_MS + 1
        assert counter(c) == counter(b) + 1
        clock.set_clock(T, 2_000_000)
        d = oruuid.uuid7()
        assert c < d
        assert ms(d) == T_MS + 2

    in_child(scenario)


def _v7_walk(seed, steps):
    """A random walk of clock faults; each UUID is checked against a model of §6.2 Method 1."""
    from oruuid._core import testing as clock

    rng = random.Random(seed)
    now_ns = (T + seed * 10_000_000) * 10**9  # a fresh start for every walk
    last_ms, last_counter, last, forced = None, None, None, False
    calls = 0
    for _ in range(steps):
        fault = rng.randrange(8)
        if fault == 0:
            now_ns -= 10**9  # back 1 s
        elif fault == 1:
            now_ns -= 3600 * 10**9  # back 1 h
        elif fault == 2:
            now_ns += 86_400 * 10**9  # a day ahead
        elif fault == 3:
            now_ns += rng.randrange(5 * 10**6)  # creeping on
        elif fault == 4:
            clock.set_v7_counter(COUNTER_MAX)
            forced = True
        seconds, nanos = divmod(now_ns, 10**9)
        clock.set_clock(seconds, nanos)
        clock_ms = now_ns // 10**6
        for _ in range(rng.randrange(1, 30)):
            u = oruuid.uuid7()
            calls += 1
            assert last is None or last < u
            if last_ms is None or clock_ms > last_ms:
                assert ms(u) == clock_ms  # never ahead of a clock that has passed it
                assert counter(u) >> 41 == 0
            elif forced:
                assert ms(u) == last_ms + 1
                assert counter(u) >> 41 == 0
            else:
                assert ms(u) == last_ms
                assert counter(u) == last_counter + 1
            last, last_ms, last_counter, forced = u, ms(u), counter(u), False
    return calls


def test_v7_random_walks_of_faults_match_the_model(clock):
    calls = in_child(lambda: sum(_v7_walk(seed, 500) for seed in range(20)))
    assert calls > 100_000


def test_v7_back_on_the_real_clock_after_faults(clock):
    """After faults that left the emitted time ahead, once the real clock passes it the
    emitted time is never more than 1 ms ahead of the clock."""

    def scenario():
        ahead_ns = time.time_ns() + 30_000_000  # 30 ms ahead of the real clock
        clock.set_clock(*divmod(ahead_ns, 10**9))
        last = oruuid.uuid7()
        for _ in range(5):
            clock.set_v7_counter(COUNTER_MAX)
            last = oruuid.uuid7()  # 5 more ms borrowed
        peak = ms(last)
        clock.real_clock()
        passed = 0
        deadline = time.monotonic() + 5
        while passed < 1000 and time.monotonic() < deadline:
            before = time.time_ns() // 10**6
            u = oruuid.uuid7()
            after = time.time_ns() // 10**6
            assert last < u
            if before > peak:  # the clock has passed the last emitted time
                assert before <= ms(u) <= after + 1
                passed += 1
            else:
                assert ms(u) <= max(peak, after) + 1
            last = u
        assert passed == 1000, "the real clock never passed the emitted time"

    in_child(scenario)


def test_v7_out_of_range_clock_raises_and_recovers(clock):
    def scenario():
        clock.set_clock(T)
        a = oruuid.uuid7()
        for seconds in (-1, (1 << 48) // 1000 + 1):  # before 1970, past 10889
            clock.set_clock(seconds)
            with pytest.raises(ValueError, match="out of range for UUIDv7"):
                oruuid.uuid7()
            # the same through the argument-parsing path
            with pytest.raises(ValueError, match="out of range for UUIDv7"):
                oruuid.uuid7(None)
        clock.set_clock(T)
        assert oruuid.uuid7() > a
        assert oruuid.uuid4().version == 4

    in_child(scenario)


def test_v7_overflow_at_the_end_of_time_never_wraps(clock):
    """A counter overflow in the last 48-bit millisecond has no later millisecond to
    borrow: uuid7 raises ValueError rather than wrap to 1970, and keeps its place."""

    def scenario():
        clock.set_clock(((1 << 48) - 1) // 1000, ((1 << 48) - 1) % 1000 * 1_000_000)
        a = oruuid.uuid7()
        assert a.int >> 80 == (1 << 48) - 1
        clock.set_v7_counter(COUNTER_MAX)
        for _ in range(2):
            with pytest.raises(ValueError, match="counter exhausted"):
                oruuid.uuid7()
        clock.set_v7_counter(COUNTER_MAX - 1)
        b = oruuid.uuid7()
        assert a < b, f"{a} then {b}"
        assert b.int >> 80 == a.int >> 80, f"{a} then {b}"

    in_child(scenario)


# ------------------------------------------------------------------ uuid1 / uuid6

MAKERS = {1: oruuid.uuid1, 6: oruuid.uuid6}
versions = pytest.mark.parametrize("version", [1, 6], ids=["uuid1", "uuid6"])


@versions
@pytest.mark.parametrize("back_s", [1, 3600], ids=["1s", "1h"])
def test_v1_v6_clock_steps_back(clock, version, back_s):
    """§6.1: the timestamp never goes back within the process (last + 1 instead), so
    the clock sequence need not change, and doesn't."""
    make = MAKERS[version]

    def scenario():
        clock.set_clock(T)
        first = make()
        assert ticks(first) == clock_ticks(T)
        clock.set_clock(T - back_s)
        us = [first] + [make() for _ in range(10_000)]
        assert [ticks(u) for u in us] == [clock_ticks(T) + i for i in range(len(us))]
        assert {u.clock_seq for u in us} == {first.clock_seq}
        assert {u.node for u in us} == {oruuid.getnode()}
        assert all(u.version == version for u in us)
        clock.set_clock(T + 1)  # past the emitted ticks: followed
        assert ticks(make()) == clock_ticks(T + 1)

    in_child(scenario)


@pytest.mark.slow
@versions
def test_v1_v6_clock_stands_still_for_a_million_calls(clock, version):
    make = MAKERS[version]

    def scenario():
        clock.set_clock(T)
        times = [ticks(make()) for _ in range(1_000_000)]
        # One tick (100 ns) per call: 0.1 s ahead of the stopped clock at the end.
        assert times == list(range(clock_ticks(T), clock_ticks(T) + 1_000_000))
        clock.set_clock(T, 200_000_000)
        assert ticks(make()) == clock_ticks(T, 200_000_000)

    in_child(scenario)


@versions
def test_v1_v6_clock_jumps_forward(clock, version):
    make = MAKERS[version]

    def scenario():
        seq = None
        for seconds in (T, T + 86_400, T + 100 * 365 * 86_400):
            clock.set_clock(seconds, 700)
            u = make()
            assert ticks(u) == clock_ticks(seconds, 700)
            seq = seq if seq is not None else u.clock_seq
            assert u.clock_seq == seq

    in_child(scenario)


@versions
def test_v1_v6_out_of_range_clock_raises(clock, version):
    make = MAKERS[version]

    def scenario():
        clock.set_clock(-12_219_292_801)  # before 1582-10-15
        with pytest.raises(ValueError, match="out of range for UUIDv1/v6"):
            make()
        clock.set_clock(T)
        assert ticks(make()) == clock_ticks(T)

    in_child(scenario)


# ------------------------------------------------------------------ fork


def test_child_drops_the_inherited_timestamps(clock):
    """The parent emitted at T, then the clock went back 1 h. A forked child starts
    from the clock with a fresh clock sequence (§6.1: its state is unknown); the
    parent carries on from its own last value."""

    def scenario():
        clock.set_clock(T)
        before = [oruuid.uuid1(), oruuid.uuid6(), oruuid.uuid7()]
        clock.set_clock(T - 3600)
        child = in_child(lambda: [oruuid.uuid1(), oruuid.uuid6(), oruuid.uuid7()])
        after = [oruuid.uuid1(), oruuid.uuid6(), oruuid.uuid7()]
        return before, child, after

    before, child, after = in_child(scenario)
    assert [ticks(before[0]), ticks(before[1]), ms(before[2])] == [clock_ticks(T)] * 2 + [T_MS]
    assert [ticks(child[0]), ticks(child[1]), ms(child[2])] == [clock_ticks(T - 3600)] * 2 + [
        T_MS - 3_600_000
    ]
    assert [ticks(after[0]), ticks(after[1]), ms(after[2])] == [clock_ticks(T) + 1] * 2 + [T_MS]
    assert after[2] > before[2]
    assert after[0].clock_seq == before[0].clock_seq


# ------------------------------------------------------------------ the module itself


def test_testing_module_is_never_public():
    """The test hooks are no public name; a release build (tests/release.sh) has none."""
    code = (
        "import sys, oruuid, oruuid.__main__\n"
        "for name in oruuid.__all__: getattr(oruuid, name)\n"
        "oruuid.uuid1(); oruuid.uuid6(); oruuid.uuid7()\n"
        "assert not any('testing' in n for n in dir(oruuid))\n"
        "assert not any('testing' in n for n in oruuid.__all__)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=os.path.dirname(__file__))


def test_the_fake_clock_is_what_the_generators_read(clock):
    def scenario():
        reads = clock.clock_reads()
        clock.set_clock(T)
        u1, u6, u7 = oruuid.uuid1(), oruuid.uuid6(), oruuid.uuid7()
        assert clock.clock_reads() == reads + 3
        clock.real_clock()
        # Back on the real clock, which is behind 2100: each sequence stays where it was.
        assert ms(oruuid.uuid7()) == T_MS
        assert ticks(oruuid.uuid1()) == clock_ticks(T) + 1
        assert clock.clock_reads() == reads + 3
        return ms(u7), ticks(u1), ticks(u6)

    assert in_child(scenario) == (T_MS, clock_ticks(T), clock_ticks(T))
