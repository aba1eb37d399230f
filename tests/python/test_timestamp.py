"""Timestamp, ContextV7 and explicit time for uuid1/6/7 (pairs with tests/cpp/test_context.cpp)."""

import copy
import datetime as dt
import pickle
import threading
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oruuid
from oruuid import ContextV7, Timestamp

UTC = dt.UTC
GREGORIAN_OFFSET = 0x01B21DD213814000
MAX_V7_MS = (1 << 48) - 1
MAX_TICKS = (1 << 60) - 1


def ms_of(u):
    return u.int >> 80


# -- Timestamp ------------------------------------------------------------------


def test_constructors_agree():
    t = Timestamp.from_unix(1645557742, 123456789)
    assert (t.seconds, t.nanos) == (1645557742, 123456789)
    assert t.unix_ms == 1645557742123
    assert Timestamp.from_unix_ms(1645557742123) == Timestamp.from_unix(1645557742, 123000000)
    assert t.gregorian_ticks == 1645557742 * 10**7 + 1234567 + GREGORIAN_OFFSET
    assert Timestamp.from_gregorian(t.gregorian_ticks) == Timestamp.from_unix(1645557742, 123456700)
    assert Timestamp.from_gregorian(0).seconds == -12219292800
    assert Timestamp.from_unix(0, -1) == Timestamp.from_unix(-1, 999_999_999)
    assert Timestamp.from_unix(1, 2_500_000_000) == Timestamp.from_unix(3, 500_000_000)


def test_now_is_now():
    import time

    before = time.time_ns()
    t = Timestamp.now()
    after = time.time_ns()
    assert before <= t.seconds * 10**9 + t.nanos <= after


def test_value_semantics():
    a, b = Timestamp.from_unix(5, 1), Timestamp.from_unix(5, 2)
    assert a < b <= b
    assert b > a >= a
    assert a != b
    assert a == Timestamp.from_unix(5, 1)
    assert hash(a) == hash(Timestamp.from_unix(5, 1))
    assert len({a, b, Timestamp.from_unix(5, 1)}) == 2
    assert (a == 5) is False
    assert (a != "x") is True
    with pytest.raises(TypeError):
        _ = a < 5
    with pytest.raises(AttributeError):
        a.seconds = 1
    with pytest.raises(TypeError):
        Timestamp()
    assert repr(a) == "Timestamp.from_unix(5, 1)"
    assert eval(repr(a), {"Timestamp": Timestamp}) == a


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_and_copy(protocol):
    t = Timestamp.from_unix(-12219292800, 999_999_999)
    assert pickle.loads(pickle.dumps(t, protocol)) == t
    assert copy.copy(t) == t
    assert copy.deepcopy(t) == t


@pytest.mark.parametrize("bad", [1.5, True, "1", None, 10**30])
def test_bad_numbers(bad):
    expected = ValueError if isinstance(bad, int) and not isinstance(bad, bool) else TypeError
    with pytest.raises(expected):
        Timestamp.from_unix(bad)
    with pytest.raises(expected):
        Timestamp.from_unix_ms(bad)
    with pytest.raises(expected):
        Timestamp.from_gregorian(bad)
    with pytest.raises(ValueError, match="ticks must be >= 0"):
        Timestamp.from_gregorian(-1)


def test_from_datetime_needs_aware():
    with pytest.raises(ValueError, match="naive"):
        Timestamp.from_datetime(dt.datetime(2024, 1, 1))
    with pytest.raises(TypeError):
        Timestamp.from_datetime(dt.date(2024, 1, 1))


@pytest.mark.parametrize("hours", [-12, -5, 0, 3, 5.5, 14])
def test_datetime_across_time_zones(hours):
    tz = dt.timezone(dt.timedelta(hours=hours))
    local = dt.datetime(2022, 2, 22, 14, 22, 22, 123456, tzinfo=tz)
    t = Timestamp.from_datetime(local)
    assert t.to_datetime() == local
    assert t.to_datetime().tzinfo == UTC
    assert t.seconds * 10**6 + t.nanos // 1000 == round(local.timestamp() * 10**6)


@given(
    st.datetimes(
        min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30), timezones=st.just(UTC)
    )
)
def test_datetime_round_trip(d):
    assert Timestamp.from_datetime(d).to_datetime() == d


def test_from_uuid():
    with pytest.raises(ValueError, match="version 1, 6 or 7"):
        Timestamp.from_uuid(oruuid.uuid4())
    with pytest.raises(ValueError, match="version 1, 6 or 7"):
        Timestamp.from_uuid(oruuid.NIL)
    with pytest.raises(TypeError):
        Timestamp.from_uuid("0189...")
    # RFC 9562 Appendix A.
    assert (
        Timestamp.from_uuid(uuid.UUID("017f22e2-79b0-7cc3-98c4-dc0c0c07398f")).unix_ms
        == 1645557742000
    )
    assert (
        Timestamp.from_uuid(uuid.UUID("c232ab00-9414-11ec-b3c8-9f6bdeced846")).gregorian_ticks
        == 0x1EC9414C232AB00
    )
    assert (
        Timestamp.from_uuid(uuid.UUID("1ec9414c-232a-6b00-b3c8-9f6bdeced846")).gregorian_ticks
        == 0x1EC9414C232AB00
    )


# -- explicit time ----------------------------------------------------------------


@given(st.integers(0, MAX_V7_MS))
def test_uuid7_round_trip(ms):
    ts = Timestamp.from_unix_ms(ms)
    u = oruuid.uuid7(ts)
    assert type(u) is uuid.UUID
    assert u.version == 7
    assert u.variant == uuid.RFC_4122
    assert Timestamp.from_uuid(u).unix_ms == ts.unix_ms == ms_of(u)
    assert (u.int >> 75) & 1 == 0  # the counter's top bit (bit 123) is clear


@given(st.integers(0, MAX_TICKS), st.integers(0, (1 << 48) - 1), st.integers(0, (1 << 14) - 1))
def test_uuid1_uuid6_round_trip(ticks, node, clock_seq):
    ts = Timestamp.from_gregorian(ticks)
    for gen, version in ((oruuid.uuid1, 1), (oruuid.uuid6, 6)):
        u = gen(node, clock_seq, timestamp=ts)
        assert u.version == version
        assert u.node == node
        assert u.clock_seq == clock_seq
        assert Timestamp.from_uuid(u).gregorian_ticks == ticks
        assert Timestamp.from_uuid(u) == ts
    # The stdlib's own reading of v1 time agrees.
    assert oruuid.uuid1(node, clock_seq, timestamp=ts).time == ticks


def test_datetime_is_accepted_where_timestamps_are():
    d = dt.datetime(2020, 5, 17, 12, 0, tzinfo=UTC)
    assert ms_of(oruuid.uuid7(d)) == int(d.timestamp() * 1000)
    assert Timestamp.from_uuid(oruuid.uuid1(timestamp=d)).to_datetime() == d
    assert Timestamp.from_uuid(oruuid.uuid6(timestamp=d)).to_datetime() == d
    assert ms_of(ContextV7().uuid7(d)) == int(d.timestamp() * 1000)


@pytest.mark.parametrize("bare", [1700000000, 1700000000000, 1.7e9, True])
def test_bare_numbers_are_refused(bare):
    with pytest.raises(TypeError, match=r"Timestamp\.from_unix_ms.*Timestamp\.from_unix"):
        oruuid.uuid7(bare)
    with pytest.raises(TypeError, match="from_unix_ms"):
        ContextV7().uuid7(bare)
    with pytest.raises(TypeError, match="from_unix_ms"):
        oruuid.uuid1(timestamp=bare)


def test_range_errors_name_the_limit():
    with pytest.raises(ValueError, match="1970"):
        oruuid.uuid7(Timestamp.from_unix_ms(-1))
    with pytest.raises(ValueError, match=r"2\*\*48"):
        oruuid.uuid7(Timestamp.from_unix_ms(MAX_V7_MS + 1))
    assert ms_of(oruuid.uuid7(Timestamp.from_unix_ms(MAX_V7_MS))) == MAX_V7_MS
    assert ms_of(oruuid.uuid7(Timestamp.from_unix_ms(0))) == 0
    for gen in (oruuid.uuid1, oruuid.uuid6):
        with pytest.raises(ValueError, match="1582-10-15"):
            gen(timestamp=Timestamp.from_unix(-12219292800, -100))
        with pytest.raises(ValueError, match=r"2\*\*60"):
            gen(timestamp=Timestamp.from_gregorian(MAX_TICKS + 1))
        assert gen(timestamp=Timestamp.from_gregorian(MAX_TICKS)).time == MAX_TICKS
        assert gen(timestamp=Timestamp.from_gregorian(0)).time == 0
    with pytest.raises(ValueError, match="1970"):
        ContextV7(adjust_by_millis=-10).uuid7(Timestamp.from_unix_ms(5))


def test_explicit_timestamp_leaves_the_global_sequence_alone():
    a = oruuid.uuid7()
    backfill = [oruuid.uuid7(Timestamp.from_unix_ms(10**12 + i)) for i in range(1000)]
    b = oruuid.uuid7()
    assert a < b
    assert ms_of(b) - ms_of(a) < 1000
    assert all(u < a for u in backfill)
    future = oruuid.uuid7(Timestamp.from_unix_ms(MAX_V7_MS))
    c = oruuid.uuid7()
    assert b < c < future
    assert ms_of(c) < MAX_V7_MS


# -- contexts ---------------------------------------------------------------------


def test_context_is_strictly_increasing_whatever_the_timestamps():
    ctx = ContextV7()
    base = 1_700_000_000_000
    steps = [0, 0, -1000, -3_600_000, 5, 5, 4, 10**6, 10**6 - 1, 0]
    out = [ctx.uuid7(Timestamp.from_unix_ms(base + s)) for s in steps for _ in range(100)]
    assert out == sorted(out)
    assert len(set(out)) == len(out)
    assert max(ms_of(u) for u in out) == base + 10**6


def test_contexts_are_independent():
    a, b = ContextV7(), ContextV7()
    t = Timestamp.from_unix_ms(1_800_000_000_000)
    x = [a.uuid7(t) for _ in range(10)]
    y = b.uuid7(Timestamp.from_unix_ms(1_700_000_000_000))
    assert ms_of(y) == 1_700_000_000_000  # b never saw a's later timestamp
    assert x == sorted(x)
    g = oruuid.uuid7()
    assert ms_of(g) < 1_800_000_000_000  # nor did the process-wide sequence


def test_additional_precision_orders_by_sub_millisecond_time():
    ctx = ContextV7(additional_precision=True)
    assert ctx.additional_precision is True
    assert ctx.adjust_by_millis == 0
    times = [Timestamp.from_unix(1_700_000_000, ns) for ns in range(0, 3_000_000, 997)]
    out = [ContextV7(additional_precision=True).uuid7(t) for t in times]
    assert out == sorted(out)
    half = ContextV7(additional_precision=True).uuid7(Timestamp.from_unix(1_700_000_000, 500_000))
    assert (half.int >> 64) & 0xFFF == 2048
    seq = [ctx.uuid7(t) for t in times]
    assert seq == sorted(seq)


def test_adjust_by_millis():
    ctx = ContextV7(adjust_by_millis=-86_400_000)
    assert (
        ms_of(ctx.uuid7(Timestamp.from_unix_ms(1_700_000_000_000)))
        == 1_700_000_000_000 - 86_400_000
    )
    assert "adjust_by_millis=-86400000" in repr(ctx)
    with pytest.raises(TypeError):
        ContextV7(True)  # keyword-only
    with pytest.raises(TypeError):
        ContextV7(adjust_by_millis=1.5)


def test_context_argument():
    ctx = ContextV7()
    t = Timestamp.from_unix_ms(1_700_000_000_000)
    a = oruuid.uuid7(t, context=ctx)
    b = oruuid.uuid7(context=ctx)
    c = oruuid.uuid7(t, context=ctx)
    assert a < b < c
    assert ms_of(c) == ms_of(b)
    with pytest.raises(TypeError, match="ContextV7"):
        oruuid.uuid7(context=object())


def test_context_is_thread_safe():
    ctx = ContextV7()
    t = Timestamp.from_unix_ms(1_700_000_000_000)
    results = [[] for _ in range(4)]

    def work(out):
        for _ in range(20000):
            out.append(ctx.uuid7(t))

    threads = [threading.Thread(target=work, args=(r,)) for r in results]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    everything = [u for r in results for u in r]
    assert len(set(everything)) == len(everything)
    for r in results:
        assert r == sorted(r)


# -- the range: every Timestamp is exact, or the call raises ValueError (issue 22) --

MIN_S, MAX_S = -(1 << 39), (1 << 39) - 1  # Timestamp's range of seconds, any nanos
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
int64s = st.one_of(
    st.integers(INT64_MIN, INT64_MAX),
    st.sampled_from(
        [INT64_MIN, INT64_MAX, MIN_S, MAX_S, MIN_S - 1, MAX_S + 1, 0, -1, 10**9, -(10**9)]
    ),
)


def test_reported_wraps_raise():
    # Each of these used to give a 1970 value (or wrap to -2**63).
    with pytest.raises(ValueError, match="out of range"):
        oruuid.uuid7(Timestamp.from_unix(-(2**63)))
    with pytest.raises(ValueError, match="out of range"):
        oruuid.uuid1(timestamp=Timestamp.from_unix(1_844_674_407_371))
    with pytest.raises(ValueError, match="out of range"):
        Timestamp.from_unix(2**63 - 1, 10**9)
    with pytest.raises(ValueError, match="out of range"):
        _ = Timestamp.from_unix(2**63 - 1, 999_999_999).unix_ms


def test_range_limits_are_exact():
    last, first = Timestamp.from_unix(MAX_S, 999_999_999), Timestamp.from_unix(MIN_S)
    assert (last.seconds, last.nanos) == (MAX_S, 999_999_999)
    assert last.unix_ms == MAX_S * 1000 + 999
    assert last.gregorian_ticks == (MAX_S + 1) * 10**7 + GREGORIAN_OFFSET - 1
    assert first.unix_ms == MIN_S * 1000
    assert first.gregorian_ticks == MIN_S * 10**7 + GREGORIAN_OFFSET < 0
    assert (
        first
        < Timestamp.from_unix(MIN_S, 1)
        < Timestamp.from_unix(0)
        < Timestamp.from_unix(MAX_S)
        < last
    )
    # Carries bring an out-of-range second back in, exactly.
    assert Timestamp.from_unix(MAX_S + 9, -9 * 10**9) == Timestamp.from_unix(MAX_S)
    assert Timestamp.from_unix(0, INT64_MAX) == Timestamp.from_unix(9_223_372_036, 854_775_807)
    assert Timestamp.from_unix(0, INT64_MIN) == Timestamp.from_unix(-9_223_372_037, 145_224_192)


@pytest.mark.parametrize(
    ("seconds", "nanos"),
    [
        (MAX_S, 10**9),
        (MAX_S + 1, 0),
        (MIN_S, -1),
        (MIN_S - 1, 999_999_999),
        (INT64_MAX, 0),
        (INT64_MIN, 0),
        (INT64_MAX, INT64_MAX),
        (INT64_MIN, INT64_MIN),
        (INT64_MIN, INT64_MAX),
    ],
)
def test_outside_the_range_raises(seconds, nanos):
    with pytest.raises(ValueError, match=r"2\*\*39"):
        Timestamp.from_unix(seconds, nanos)


def test_other_constructors_at_the_limits():
    assert Timestamp.from_unix_ms((MAX_S + 1) * 1000 - 1).unix_ms == (MAX_S + 1) * 1000 - 1
    assert Timestamp.from_unix_ms(MIN_S * 1000).seconds == MIN_S
    for ms in ((MAX_S + 1) * 1000, MIN_S * 1000 - 1, INT64_MAX, INT64_MIN):
        with pytest.raises(ValueError, match=r"2\*\*39"):
            Timestamp.from_unix_ms(ms)
    last_tick = (MAX_S + 1) * 10**7 + GREGORIAN_OFFSET - 1
    assert Timestamp.from_gregorian(last_tick) == Timestamp.from_unix(MAX_S, 999_999_900)
    assert Timestamp.from_gregorian(last_tick).gregorian_ticks == last_tick
    for ticks in (last_tick + 1, INT64_MAX):
        with pytest.raises(ValueError, match=r"2\*\*39"):
            Timestamp.from_gregorian(ticks)


@given(int64s, int64s)
def test_from_unix_is_exact_or_raises(seconds, nanos):
    instant = seconds * 10**9 + nanos  # in ns, exactly
    if not MIN_S * 10**9 <= instant < (MAX_S + 1) * 10**9:
        with pytest.raises(ValueError, match=r"2\*\*39"):
            Timestamp.from_unix(seconds, nanos)
        return
    t = Timestamp.from_unix(seconds, nanos)
    assert t.seconds * 10**9 + t.nanos == instant
    assert 0 <= t.nanos < 10**9
    assert t.unix_ms == instant // 10**6
    assert t.gregorian_ticks == instant // 100 + GREGORIAN_OFFSET


@given(
    st.integers(MIN_S * 10**9, (MAX_S + 1) * 10**9 - 1),
    st.integers(MIN_S * 10**9, (MAX_S + 1) * 10**9 - 1),
)
def test_order_follows_the_instants(a, b):
    ta, tb = (Timestamp.from_unix(*divmod(x, 10**9)) for x in (a, b))
    assert (ta < tb, ta == tb, ta > tb) == (a < b, a == b, a > b)


def test_v7_at_its_limits():
    last = Timestamp.from_unix(MAX_V7_MS // 1000, MAX_V7_MS % 1000 * 10**6 + 999_999)  # its last ns
    assert ms_of(oruuid.uuid7(last)) == MAX_V7_MS
    assert ms_of(oruuid.uuid7_max(last)) == MAX_V7_MS
    past = Timestamp.from_unix(MAX_V7_MS // 1000, MAX_V7_MS % 1000 * 10**6 + 10**6)
    for t in (past, Timestamp.from_unix(MAX_S, 999_999_999)):
        for make in (oruuid.uuid7, oruuid.uuid7_min, ContextV7().uuid7):
            with pytest.raises(ValueError, match=r"2\*\*48"):
                make(t)
    for t in (Timestamp.from_unix(-1, 999_999_999), Timestamp.from_unix(MIN_S)):
        with pytest.raises(ValueError, match="1970"):
            oruuid.uuid7(t)
    with pytest.raises(ValueError, match=r"2\*\*48"):
        ContextV7(adjust_by_millis=INT64_MAX).uuid7(last)
    with pytest.raises(ValueError, match=r"2\*\*48"):
        ContextV7(adjust_by_millis=INT64_MIN).uuid7(Timestamp.from_unix(0))


def test_v1_v6_at_their_limits():
    unix_ns = (MAX_TICKS - GREGORIAN_OFFSET) * 100
    last = Timestamp.from_unix(*divmod(unix_ns + 99, 10**9))  # the last ns of the last tick
    past = Timestamp.from_unix(*divmod(unix_ns + 100, 10**9))
    for gen in (oruuid.uuid1, oruuid.uuid6):
        assert Timestamp.from_uuid(gen(timestamp=last)).gregorian_ticks == MAX_TICKS
        for t in (past, Timestamp.from_unix(MAX_S, 999_999_999)):
            with pytest.raises(ValueError, match=r"2\*\*60"):
                gen(timestamp=t)
        with pytest.raises(ValueError, match="1582-10-15"):
            gen(timestamp=Timestamp.from_unix(MIN_S))
    assert oruuid.uuid1(timestamp=last).time == MAX_TICKS
