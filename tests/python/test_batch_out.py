"""out= (uuid4_many, uuid7_many, parse_many) and uuid7_many(timestamps=...).

out=: every accepted layout gets the UUIDs and is returned; every hostile buffer
(read-only, strided, wrong size, 0-d, wrong dtype, non-contiguous numpy, resized from
another thread) raises naming the function and leaves the buffer as it was.
timestamps=: against ``oruuid.uuid7(ts)`` and ``ContextV7.uuid7(ts)`` one at a time,
for every Arrow unit and zone, numpy unit, nulls, out-of-range instants, and the rule
that a naive column needs ``naive="utc"``.
"""

import datetime as dt
import threading
import uuid

import numpy as np
import pyarrow as pa
import pytest

import oruuid

UTC = dt.UTC
S = "12345678-1234-5678-1234-567812345678"
GENERATORS = [(oruuid.uuid4_many, 4), (oruuid.uuid7_many, 7)]
FORMATS = ["uuid", "str", "hex", "bytes", "numpy", "arrow"]
V7_MAX_MS = 2**48 - 1


def uuids_of(raw):
    raw = bytes(raw)
    return [uuid.UUID(bytes=raw[i : i + 16]) for i in range(0, len(raw), 16)]


def raw_of(result, format):
    """The 16-byte UUIDs of a result, None for a null."""
    if format == "uuid":
        return [None if u is None else u.bytes for u in result]
    if format == "str":
        return [None if s is None else uuid.UUID(s).bytes for s in result]
    if format == "hex":
        return [None if s is None else uuid.UUID(hex=s).bytes for s in result]
    if format == "bytes":
        return [result[i : i + 16] for i in range(0, len(result), 16)]
    if format == "numpy":
        return [bytes(x) for x in result]
    storage = result.storage if isinstance(result, pa.ExtensionArray) else result
    return storage.to_pylist()


def ms_of(b):
    return int.from_bytes(b[:6], "big")


# --- out= layouts ------------------------------------------------------------------


def layouts(n):
    """Every accepted out= layout holding n UUIDs."""
    return [
        bytearray(16 * n),
        memoryview(bytearray(16 * n)),
        np.zeros(n, dtype="V16"),
        np.zeros(n, dtype="S16"),
        np.zeros((n, 16), dtype=np.uint8),
        np.zeros(16 * n, dtype=np.uint8),
        np.zeros(16 * n, dtype=np.int8),
        pa.allocate_buffer(16 * n),
    ]


@pytest.mark.parametrize(("func", "version"), GENERATORS)
@pytest.mark.parametrize("layout", range(8))
def test_out_layouts(func, version, layout):
    out = layouts(5)[layout]
    result = func(out=out)
    assert result is out
    got = uuids_of(memoryview(out).cast("B"))
    assert len(got) == 5
    assert len(set(got)) == 5
    assert all(u.version == version and u.variant == uuid.RFC_4122 for u in got)
    if version == 7:
        assert got == sorted(got)


@pytest.mark.parametrize(("func", "version"), GENERATORS)
def test_out_with_n(func, version):
    out = bytearray(48)
    assert func(3, out=out) is out
    with pytest.raises(ValueError, match=rf"{func.__name__}: out holds 3 UUIDs .*not 4"):
        func(4, out=bytearray(48))
    with pytest.raises(ValueError, match="n must be >= 0"):
        func(-1, out=bytearray(48))
    with pytest.raises(ValueError, match="format='str' does not apply"):
        func(out=bytearray(48), format="str")
    with pytest.raises(TypeError, match="n is required unless out= is given"):
        func()


@pytest.mark.parametrize(("func", "version"), GENERATORS)
def test_out_empty(func, version):
    out = bytearray()
    assert func(out=out) is out
    assert out == bytearray()
    assert func(0, out=np.zeros(0, "V16")).shape == (0,)


def test_uuid7_out_continues_the_sequence():
    before = oruuid.uuid7()
    got = uuids_of(oruuid.uuid7_many(out=bytearray(16 * 2000)))
    after = oruuid.uuid7()
    assert before < got[0]
    assert got == sorted(got)
    assert got[-1] < after
    assert len(set(got)) == len(got)


def test_uuid7_out_with_context():
    ctx = oruuid.ContextV7()
    first = ctx.uuid7()
    got = uuids_of(oruuid.uuid7_many(out=bytearray(16 * 100), context=ctx))
    assert first < got[0]
    assert got == sorted(got)
    assert got[-1] < ctx.uuid7()
    with pytest.raises(TypeError, match="ContextV7"):
        oruuid.uuid7_many(out=bytearray(16), context=object())
    with pytest.raises(TypeError, match="ContextV7"):
        oruuid.uuid7_many(2, context="x")


def test_uuid7_out_big_is_unique():
    out = np.zeros(300_000, "V16")
    oruuid.uuid7_many(out=out)
    got = out.tobytes()
    rows = {got[i : i + 16] for i in range(0, len(got), 16)}
    assert len(rows) == 300_000
    assert sorted(rows) == [got[i : i + 16] for i in range(0, len(got), 16)]


def hostile():
    """(buffer, exception, message) that out= must refuse."""
    frozen = np.zeros(2, "V16")
    frozen.flags.writeable = False
    return [
        (bytes(32), ValueError, "read-only"),
        (memoryview(bytes(32)), ValueError, "read-only"),
        (memoryview(bytearray(64))[::2], ValueError, "not C-contiguous"),
        (bytearray(17), ValueError, "17 bytes, not a multiple of 16"),
        (np.zeros((), "V16"), ValueError, "0-d"),
        (np.zeros(4, "f8"), TypeError, "items are not bytes"),
        (np.zeros(2, [("a", "<u8"), ("b", "<u8")]), TypeError, "items are not bytes"),
        (np.zeros(2, "U4"), TypeError, "items are not bytes"),
        (np.zeros((4, 16), "u1")[::2], ValueError, "not C-contiguous"),
        (np.zeros((16, 4), "u1").T, ValueError, "not C-contiguous"),
        (np.zeros((2, 8), "u1"), ValueError, r"shape \(n, 16\)"),
        (np.zeros((2, 1), "V16"), ValueError, "1-D"),
        (frozen, ValueError, "read-only"),
        (5, TypeError, "not int"),
        ("x" * 16, TypeError, "not str"),
    ]


def snapshot(buf):
    """The bytes of a buffer, whatever its layout; None for a non-buffer."""
    try:
        return memoryview(buf).tobytes()
    except TypeError:
        return None


@pytest.mark.parametrize("case", range(len(hostile())))
def test_out_hostile_buffers(case):
    buf, exc, message = hostile()[case]
    before = snapshot(buf)
    for func in (oruuid.uuid4_many, oruuid.uuid7_many):
        with pytest.raises(exc, match=message) as info:
            func(out=buf)
        assert func.__name__ in str(info.value)
    with pytest.raises(exc, match=message):
        oruuid.parse_many([S, S], out=buf)
    if before is not None:
        assert snapshot(buf) == before


def test_out_resized_from_another_thread():
    # While the buffer is exported it cannot be resized: the other thread gets
    # BufferError, and nothing crashes.
    buf = bytearray(16 * 200_000)
    stop = threading.Event()
    refused = []

    def resize():
        while not stop.is_set():
            try:
                buf.extend(b"0" * 16)
                del buf[-16:]
            except BufferError:
                refused.append(1)

    t = threading.Thread(target=resize)
    t.start()
    try:
        for _ in range(50):
            try:
                oruuid.uuid7_many(out=buf)
                oruuid.uuid4_many(out=buf)
            except ValueError:
                pass  # caught mid-resize at a size that is not a multiple of 16
    finally:
        stop.set()
        t.join()
    assert len(buf) % 16 == 0


# --- parse_many(out=) --------------------------------------------------------------


def test_parse_many_out_matches_parse():
    items = [str(uuid.uuid4()) for _ in range(100)] + [
        "urn:uuid:" + S,
        "{" + S + "}",
        S.replace("-", ""),
    ]
    for out in layouts(len(items)):
        assert oruuid.parse_many(items, out=out) is out
        assert uuids_of(memoryview(out).cast("B")) == [uuid.UUID(s) for s in items]
    arrow = pa.array(items)
    out = bytearray(16 * len(items))
    assert oruuid.parse_many(arrow, out=out) is out
    assert uuids_of(out) == [uuid.UUID(s) for s in items]
    chunked = pa.chunked_array([items[:10], items[10:]])
    out = np.zeros(len(items), "V16")
    oruuid.parse_many(chunked, out=out)
    assert uuids_of(out.tobytes()) == [uuid.UUID(s) for s in items]
    out = np.zeros(len(items), "V16")
    oruuid.parse_many(np.array(items), out=out)
    assert uuids_of(out.tobytes()) == [uuid.UUID(s) for s in items]
    encoded = [oruuid.encode(uuid.UUID(s), "base58") for s in items]
    out = bytearray(16 * len(items))
    oruuid.parse_many(encoded, alphabet="base58", out=out)
    assert uuids_of(out) == [uuid.UUID(s) for s in items]


@pytest.mark.parametrize(
    ("items", "exc", "message"),
    [
        ([S, "bad", S], ValueError, "item 1 is not a UUID"),
        ([S, None, S], TypeError, "item 1 is None"),
        ([S, 5, S], TypeError, "item 1 is int"),
        (pa.array([S, None, S]), ValueError, "item 1 is null"),
        (pa.array([S, S, "nope"]), ValueError, "item 2 is not a UUID"),
        (np.array([S, "x", S]), ValueError, "item 1 is not a UUID"),
        ([S, S], ValueError, "out holds 3 UUIDs .*not 2"),
    ],
)
def test_parse_many_out_errors_leave_the_buffer(items, exc, message):
    out = bytearray(b"\xab" * 48)
    with pytest.raises(exc, match=message):
        oruuid.parse_many(items, out=out)
    assert out == bytearray(b"\xab" * 48)


def test_parse_many_out_options():
    with pytest.raises(ValueError, match="errors='null'"):
        oruuid.parse_many([S], out=bytearray(16), errors="null")
    with pytest.raises(ValueError, match="format='bytes' does not apply"):
        oruuid.parse_many([S], out=bytearray(16), format="bytes")
    assert oruuid.parse_many([], out=bytearray()) == bytearray()


# --- uuid7_many(timestamps=) -------------------------------------------------------


def instants():
    base = dt.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    return [base + dt.timedelta(microseconds=37 * i * i) for i in range(300)]


def check_standalone(got, expected_ms):
    """Each UUID is a v7 of its instant's millisecond, with uuid7(ts)'s layout."""
    assert len(got) == len(expected_ms)
    for b, ms in zip(got, expected_ms, strict=True):
        if ms is None:
            assert b is None
            continue
        u = uuid.UUID(bytes=b)
        assert u.version == 7
        assert u.variant == uuid.RFC_4122
        assert ms_of(b) == ms
        assert (u.int >> 75) & 1 == 0  # the counter's top bit, clear as a fresh ms's


@pytest.mark.parametrize("format", FORMATS)
def test_timestamps_datetimes_every_format(format):
    ts = instants()
    expected = [oruuid.Timestamp.from_datetime(t).unix_ms for t in ts]
    single = [oruuid.uuid7(t) for t in ts]
    assert [ms_of(u.bytes) for u in single] == expected
    result = oruuid.uuid7_many(timestamps=ts, format=format)
    got = raw_of(result, format)
    check_standalone(got, expected)
    assert len(set(got)) == len(got)


def test_timestamps_mixed_objects_and_zones():
    tz = dt.timezone(dt.timedelta(hours=-5, minutes=-30))
    ts = [
        oruuid.Timestamp.from_unix_ms(0),
        oruuid.Timestamp.from_unix_ms(V7_MAX_MS),
        dt.datetime(2001, 2, 3, 4, 5, 6, 789000, tzinfo=tz),
        oruuid.Timestamp.from_unix(1700000000, 999_999_999),
    ]
    got = oruuid.uuid7_many(timestamps=ts)
    assert [oruuid.Timestamp.from_uuid(u) for u in got] == [
        oruuid.Timestamp.from_unix_ms(oruuid.Timestamp.from_uuid(oruuid.uuid7(t)).unix_ms)
        for t in ts
    ]
    assert oruuid.uuid7_many(timestamps=tuple(ts), n=4, format="hex")[0][:12] == "000000000000"
    assert len(oruuid.uuid7_many(timestamps=iter(ts))) == 4
    with pytest.raises(ValueError, match="n=3 but timestamps holds 4"):
        oruuid.uuid7_many(3, timestamps=ts)


def test_timestamps_leave_the_process_sequence_alone():
    a = oruuid.uuid7()
    past = oruuid.uuid7_many(timestamps=[oruuid.Timestamp.from_unix_ms(1000)] * 3)
    b = oruuid.uuid7()
    assert a < b
    assert all(p < a for p in past)


@pytest.mark.parametrize("precision", [False, True])
def test_timestamps_with_context_match_one_at_a_time(precision):
    ts = instants()
    ts = ts[:100] + ts[50:150] + [ts[0]]  # repeats and a step back
    batch_ctx = oruuid.ContextV7(additional_precision=precision, adjust_by_millis=-5)
    single_ctx = oruuid.ContextV7(additional_precision=precision, adjust_by_millis=-5)
    got = oruuid.uuid7_many(timestamps=ts, context=batch_ctx)
    single = [single_ctx.uuid7(t) for t in ts]
    assert got == sorted(got)
    assert len(set(got)) == len(got)
    # The same policy: the same timestamp field (and sub-ms step) for each.
    assert [u.int >> 80 for u in got] == [u.int >> 80 for u in single]
    if precision:
        assert [(u.int >> 64) & 0xFFF for u in got] == [(u.int >> 64) & 0xFFF for u in single]
    later = batch_ctx.uuid7(ts[0])
    assert later > got[-1]


def test_timestamps_with_context_nulls_are_skipped():
    ctx = oruuid.ContextV7()
    t = dt.datetime(2030, 1, 1, tzinfo=UTC)
    got = oruuid.uuid7_many(timestamps=[t, None, t], context=ctx)
    assert got[1] is None
    assert got[0] < got[2]
    assert ((got[2].int >> 32) & 0x3FFFFFFF) == ((got[0].int >> 32) & 0x3FFFFFFF) + 1


ARROW_UNITS = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


@pytest.mark.parametrize("unit", ARROW_UNITS)
@pytest.mark.parametrize("tz", ["UTC", "America/New_York", "+05:30", None])
def test_timestamps_arrow_every_unit(unit, tz):
    per_s = ARROW_UNITS[unit]
    values = [0, 1, 1_700_000_000 * per_s + per_s // 3, None, 1_234_567 * per_s - 1]
    array = pa.array(values, pa.timestamp(unit, tz=tz))
    naive = "utc" if tz is None else "raise"
    expected = [None if v is None else v * 1000 // per_s for v in values]
    for format in ("uuid", "arrow"):
        got = raw_of(oruuid.uuid7_many(timestamps=array, format=format, naive=naive), format)
        check_standalone(got, expected)
    # Against the single call on the same instants.
    for v, u in zip(values, oruuid.uuid7_many(timestamps=array, naive=naive), strict=True):
        if v is not None:
            at = oruuid.Timestamp.from_unix(v // per_s, v % per_s * (10**9 // per_s))
            assert ms_of(u.bytes) == ms_of(oruuid.uuid7(at).bytes)
    with pytest.raises(ValueError, match="timestamps\\[3\\] is null"):
        oruuid.uuid7_many(timestamps=array, format="bytes", naive=naive)
    sliced = array.slice(1, 3)
    check_standalone(
        raw_of(oruuid.uuid7_many(timestamps=sliced, naive=naive), "uuid"), expected[1:4]
    )


def test_timestamps_arrow_naive_refused():
    array = pa.array([1], pa.timestamp("ms"))
    with pytest.raises(
        ValueError, match="uuid7_many: an Arrow timestamp\\[ms\\] array has no time zone"
    ):
        oruuid.uuid7_many(timestamps=array)
    with pytest.raises(TypeError, match="expected an Arrow timestamp array, not int64"):
        oruuid.uuid7_many(timestamps=pa.array([1]))
    with pytest.raises(ValueError, match="naive must be 'raise' or 'utc'"):
        oruuid.uuid7_many(timestamps=array, naive="local")


def test_timestamps_arrow_chunked_and_empty():
    t = pa.timestamp("us", tz="UTC")
    chunked = pa.chunked_array([pa.array([1_000_000, None], t), pa.array([3_000_000], t)])
    got = oruuid.uuid7_many(timestamps=chunked, format="arrow")
    check_standalone(raw_of(got, "arrow"), [1000, None, 3000])
    assert oruuid.uuid7_many(timestamps=pa.chunked_array([], t)) == []
    assert oruuid.uuid7_many(timestamps=pa.array([], t), format="bytes") == b""


NUMPY_UNITS = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as", "10ms", "3us"]


@pytest.mark.parametrize("unit", NUMPY_UNITS)
def test_timestamps_numpy_every_unit(unit):
    if unit in ("ps", "fs", "as"):
        values = ["1970-01-01T00:00:00.001", "1970-01-01T00:00:01.5", "NaT"]
    else:
        values = ["2001-02-03", "2024-12-31T23:59", "NaT", "1970-01-01"]
    array = np.array(values, dtype=f"datetime64[{unit}]")
    expected = [
        None if np.isnat(v) else int(v.astype("datetime64[ms]").astype("i8")) for v in array
    ]
    got = raw_of(oruuid.uuid7_many(timestamps=array, naive="utc"), "uuid")
    check_standalone(got, expected)
    with pytest.raises(ValueError, match="numpy datetime64 array has no time zone"):
        oruuid.uuid7_many(timestamps=array)


def test_timestamps_numpy_layouts():
    base = np.array(["2020-01-01T00:00:00.123456789"] * 6, "datetime64[ns]")
    swapped = base.astype(">M8[ns]")
    objects = np.array([dt.datetime(2020, 1, 1, tzinfo=UTC)] * 3, dtype=object)
    for array, naive, ms in ((base[::2], "utc", 123), (swapped, "utc", 123), (objects, "raise", 0)):
        got = oruuid.uuid7_many(timestamps=array, naive=naive)
        assert all(ms_of(u.bytes) == 1577836800000 + ms for u in got)
    with pytest.raises(TypeError, match=r"datetime64 array .*not dtype int64"):
        oruuid.uuid7_many(timestamps=np.arange(3))
    with pytest.raises(ValueError, match="1-D"):
        oruuid.uuid7_many(timestamps=base.reshape(2, 3), naive="utc")
    with pytest.raises(TypeError, match="generic"):
        oruuid.uuid7_many(timestamps=np.empty(1, "datetime64"), naive="utc")


@pytest.mark.parametrize(
    "column",
    [
        lambda: [dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC)],
        lambda: [oruuid.Timestamp.from_unix_ms(2**48)],
        lambda: pa.array([-1], pa.timestamp("ms", tz="UTC")),
        lambda: pa.array([2**48], pa.timestamp("ms", tz="UTC")),
        lambda: np.array([-1], "datetime64[ms]"),
        lambda: np.array([2**62], "datetime64[s]"),
        lambda: np.array([2**60], "datetime64[Y]"),
        lambda: np.array([2**62], "datetime64[10ms]"),
    ],
)
@pytest.mark.parametrize("context", [False, True])
def test_timestamps_out_of_range(column, context):
    items = column()
    if isinstance(items, list):
        items = [dt.datetime(2020, 1, 1, tzinfo=UTC), *items]
        bad = 1
    elif isinstance(items, np.ndarray):
        items = np.concatenate([np.array(["2020-01-01"], items.dtype), items])
        bad = 1
    else:
        items = pa.concat_arrays([pa.array([5], items.type), items])
        bad = 1
    ctx = oruuid.ContextV7() if context else None
    out = bytearray(b"\xcd" * 32)
    with pytest.raises(ValueError, match=f"uuid7_many: timestamps\\[{bad}\\]: .*out of range"):
        oruuid.uuid7_many(timestamps=items, naive="utc", context=ctx, out=out)
    assert out == bytearray(b"\xcd" * 32)
    if ctx is not None:
        assert ctx.uuid7(oruuid.Timestamp.from_unix_ms(0)) is not None


def test_timestamps_single_call_errors_per_item():
    good = dt.datetime(2020, 1, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match=r"timestamps\[1\]: naive datetime.*naive='utc'"):
        oruuid.uuid7_many(timestamps=[good, dt.datetime(2020, 1, 1)])
    with pytest.raises(TypeError, match=r"timestamps\[2\]: .*bare number has no unit"):
        oruuid.uuid7_many(timestamps=[good, good, 1700000000000])
    with pytest.raises(TypeError, match=r"timestamps\[0\]: .*not str"):
        oruuid.uuid7_many(timestamps=["2020-01-01"])
    with pytest.raises(TypeError, match="timestamps must be"):
        oruuid.uuid7_many(timestamps="2020")
    with pytest.raises(TypeError, match="timestamps must be"):
        oruuid.uuid7_many(timestamps=5)


def test_timestamps_naive_utc_datetimes():
    class NoOffset(dt.tzinfo):
        def utcoffset(self, d):
            return None

    naive = [dt.datetime(2020, 1, 1, 0, 0, 0, 5000), dt.datetime(2020, 1, 1, tzinfo=NoOffset())]
    got = oruuid.uuid7_many(timestamps=naive, naive="utc")
    assert [ms_of(u.bytes) for u in got] == [1577836800005, 1577836800000]
    aware = [dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))]
    assert ms_of(oruuid.uuid7_many(timestamps=aware, naive="utc")[0].bytes) == 1577833200000


def test_timestamps_out_and_nulls():
    ts = [dt.datetime(2020, 1, 1, tzinfo=UTC)] * 4
    for out in layouts(4):
        assert oruuid.uuid7_many(timestamps=ts, out=out) is out
        got = uuids_of(memoryview(out).cast("B"))
        assert all(ms_of(u.bytes) == 1577836800000 for u in got)
        assert len(set(got)) == 4
    out = bytearray(b"\x11" * 64)
    with pytest.raises(ValueError, match=r"timestamps\[2\] is null"):
        oruuid.uuid7_many(timestamps=[*ts[:2], None, ts[0]], out=out)
    assert out == bytearray(b"\x11" * 64)
    with pytest.raises(ValueError, match=r"timestamps\[1\] is null"):
        oruuid.uuid7_many(
            timestamps=np.array(["2020", "NaT"], "datetime64[ms]"), naive="utc", format="numpy"
        )
    with pytest.raises(ValueError, match="out holds 3 UUIDs"):
        oruuid.uuid7_many(timestamps=ts, out=bytearray(48))


def test_timestamps_context_is_thread_safe():
    ctx = oruuid.ContextV7()
    t = dt.datetime(2031, 1, 1, tzinfo=UTC)
    results = []

    def work():
        results.extend(oruuid.uuid7_many(timestamps=[t] * 500, context=ctx) for _ in range(20))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    every = [u for batch in results for u in batch]
    assert len(set(every)) == len(every) == 4 * 20 * 500
    for batch in results:
        assert batch == sorted(batch)


@pytest.mark.parametrize("format", FORMATS)
def test_timestamps_many_with_nulls_across_chunks(format):
    # More items than the native code's chunk (256), nulls scattered through them.
    values = [None if i % 7 == 3 else 1_700_000_000_000 + i * 13 for i in range(1000)]
    array = pa.array(values, pa.timestamp("ms", tz="UTC"))
    if format in ("bytes", "numpy"):
        with pytest.raises(ValueError, match=r"timestamps\[3\] is null"):
            oruuid.uuid7_many(timestamps=array, format=format)
        array = pa.array([v for v in values if v is not None], pa.timestamp("ms", tz="UTC"))
        values = [v for v in values if v is not None]
    got = raw_of(oruuid.uuid7_many(timestamps=array, format=format), format)
    check_standalone(got, values)
    present = [b for b in got if b is not None]
    assert len(set(present)) == len(present)
