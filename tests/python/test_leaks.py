"""No reference or memory growth over many calls of each function, failing calls included.

Three measures, each after a warm-up and a full ``gc.collect()``:

- ``sys.getallocatedblocks()``: Python objects (a leaked reference keeps its object, so
  10^5 leaked results are 10^5 blocks); tight;
- ``sys.gettotalrefcount()`` on debug interpreters;
- the resident set size (``/proc/self/statm``, else ``resource``), which also sees native
  ``malloc``/``new`` that Python doesn't count: under 1 MB over 10^5 calls, so a leak of
  about 10 bytes per call or more fails.

ORUUID_LEAK_CALLS sets the number of calls: 10^5 by default, 10^6 with ORUUID_LONG=1
(issue 6's long run: RSS grows by less than 1 MB over 10^6 calls of each).
"""

import datetime
import gc
import os
import sys
import uuid

import pytest

import oruuid

# 10^5 calls of each of about a hundred calls: two minutes in all (-m "not slow" leaves it out).
pytestmark = pytest.mark.slow

CALLS = int(
    os.environ.get(
        "ORUUID_LEAK_CALLS", "1000000" if os.environ.get("ORUUID_LONG") == "1" else "100000"
    )
)
WARMUP = max(CALLS // 10, 1000)
RSS_LIMIT = 1 << 20  # bytes, over CALLS calls
# Under AddressSanitizer (tests/sanitize.sh preloads it) the allocator's caches
# and shadow pages move RSS by megabytes, so only the Python-level measures apply there.
ASAN = "libasan" in os.environ.get("LD_PRELOAD", "")
BLOCKS_LIMIT = max(CALLS // 100, 200)  # a leaked object per call would be CALLS blocks
REFS_LIMIT = max(CALLS // 100, 200)

NS = uuid.NAMESPACE_DNS
S = "12345678-1234-5678-1234-567812345678"
H = S.replace("-", "")
B16 = bytes(range(16))
FIELDS = (0x12345678, 0x1234, 0x5678, 0x12, 0x34, 0x567812345678)
BIG = 1 << 300
SURROGATE = "\ud800" * 32
NAME_STR = "python.org/é/\U0001f600"
NAME_BYTES = NAME_STR.encode()
NAME_BYTEARRAY = bytearray(NAME_BYTES)
NAME_VIEW = memoryview(NAME_BYTES)
BA16 = bytearray(B16)


class IntSub(int):
    pass


INT_SUB = IntSub(5)
TS = oruuid.Timestamp.from_unix(1_700_000_000, 5)
CTX = oruuid.ContextV7()
TS_BEFORE_1970 = oruuid.Timestamp.from_unix(-5)
DT = datetime.datetime(2024, 3, 1, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
OUT64 = bytearray(64)  # a reused out= buffer of 4 UUIDs
V1 = oruuid.uuid1()
V6 = oruuid.uuid6()
ULID_TEXT = "01ARZ3NDEKTSV4RRFFQ69G5FAV"

# (id, callable): each is one call, made CALLS times
SUCCEEDING = [
    ("uuid1", lambda: oruuid.uuid1()),
    ("uuid1-args", lambda: oruuid.uuid1(0x0102_0304_0506, 0x1234)),
    ("uuid1-kwargs", lambda: oruuid.uuid1(node=0x0102_0304_0506, clock_seq=0x1234)),
    ("uuid3-str", lambda: oruuid.uuid3(NS, NAME_STR)),
    ("uuid3-bytes", lambda: oruuid.uuid3(NS, NAME_BYTES)),
    ("uuid3-bytearray", lambda: oruuid.uuid3(NS, NAME_BYTEARRAY)),
    ("uuid3-memoryview", lambda: oruuid.uuid3(NS, NAME_VIEW)),
    ("uuid4", lambda: oruuid.uuid4()),
    ("uuid5-str", lambda: oruuid.uuid5(NS, NAME_STR)),
    ("uuid5-bytes", lambda: oruuid.uuid5(NS, NAME_BYTES)),
    ("uuid5-kwargs", lambda: oruuid.uuid5(namespace=NS, name=NAME_STR)),
    ("uuid6", lambda: oruuid.uuid6()),
    ("uuid6-args", lambda: oruuid.uuid6(BIG, -BIG)),
    ("uuid7", lambda: oruuid.uuid7()),
    ("uuid8", lambda: oruuid.uuid8()),
    ("uuid8-args", lambda: oruuid.uuid8(1, 2, 3)),
    ("uuid8-big", lambda: oruuid.uuid8(BIG, -BIG, BIG)),
    ("uuid8-kwargs", lambda: oruuid.uuid8(a=1, c=3)),
    ("getnode", lambda: oruuid.getnode()),
    ("parse", lambda: oruuid.parse(S)),
    ("parse-hex", lambda: oruuid.parse(H)),
    ("parse-braces", lambda: oruuid.parse("{" + S + "}")),
    ("parse-urn", lambda: oruuid.parse("urn:uuid:" + S)),
    ("parse-odd", lambda: oruuid.parse("+" + H[1:])),
    ("parse-unicode-digits", lambda: oruuid.parse("\u0663" * 32)),
    ("from_bytes", lambda: oruuid.from_bytes(B16)),
    ("from_bytes_le", lambda: oruuid.from_bytes_le(B16)),
    ("from_fields", lambda: oruuid.from_fields(FIELDS)),
    ("from_fields-list", lambda: oruuid.from_fields(list(FIELDS))),
    ("from_int", lambda: oruuid.from_int(0x12345678123456781234567812345678)),
    ("from_int-subclass", lambda: oruuid.from_int(INT_SUB)),
    ("from_int-bool", lambda: oruuid.from_int(True)),
    # oruuid's own API (issues 4 and 8)
    ("Timestamp.from_unix", lambda: oruuid.Timestamp.from_unix(1_700_000_000, 5)),
    ("uuid7-timestamp", lambda: oruuid.uuid7(TS)),
    ("uuid7-context", lambda: oruuid.uuid7(context=CTX)),
    ("uuid1-timestamp", lambda: oruuid.uuid1(timestamp=TS)),
    ("uuid6-timestamp", lambda: oruuid.uuid6(timestamp=TS)),
    ("ContextV7.uuid7", lambda: CTX.uuid7()),
    ("uuid4_many", lambda: oruuid.uuid4_many(8)),
    ("uuid7_many", lambda: oruuid.uuid7_many(8)),
    ("parse_many", lambda: oruuid.parse_many([S, H])),
    ("format_many", lambda: oruuid.format_many(NS.bytes * 4)),
    ("uuid7_min-datetime", lambda: oruuid.uuid7_min(DT)),
    ("uuid7_max", lambda: oruuid.uuid7_max(TS)),
    ("uuid1_to_uuid6", lambda: oruuid.uuid1_to_uuid6(V1)),
    ("uuid6_to_uuid1", lambda: oruuid.uuid6_to_uuid1(V6)),
    ("to_ulid", lambda: oruuid.to_ulid(NS)),
    ("from_ulid-version", lambda: oruuid.from_ulid(ULID_TEXT, version=7)),
    ("encode", lambda: oruuid.encode(NS, "base58")),
    ("decode", lambda: oruuid.decode("AAECAwQFBgcICQoLDA0ODw", "base64url")),
    ("uuid1-random-node", lambda: oruuid.uuid1(node="random")),
    ("parse_many-alphabet", lambda: oruuid.parse_many([ULID_TEXT], alphabet="base32")),
    ("format_many-alphabet", lambda: oruuid.format_many(NS.bytes * 4, alphabet="base58")),
    # issue 24: out= and timestamps=
    ("uuid7_many-out", lambda: oruuid.uuid7_many(out=OUT64)),
    ("uuid4_many-out", lambda: oruuid.uuid4_many(4, out=OUT64)),
    ("parse_many-out", lambda: oruuid.parse_many([S, H, S, H], out=OUT64)),
    ("uuid7_many-timestamps", lambda: oruuid.uuid7_many(timestamps=[TS, DT, None])),
    ("uuid7_many-timestamps-out", lambda: oruuid.uuid7_many(timestamps=[TS] * 4, out=OUT64)),
    ("uuid7_many-timestamps-context", lambda: oruuid.uuid7_many(timestamps=[TS, DT], context=CTX)),
    (
        "uuid7_many-timestamps-naive",
        lambda: oruuid.uuid7_many(timestamps=[DT.replace(tzinfo=None)], naive="utc"),
    ),
]

FAILING = [
    ("uuid1-node-range", lambda: oruuid.uuid1(node=-1)),
    ("uuid1-node-huge", lambda: oruuid.uuid1(node=BIG)),
    ("uuid1-node-float", lambda: oruuid.uuid1(node=1.5)),
    ("uuid1-bad-kwarg", lambda: oruuid.uuid1(nodes=1)),
    ("uuid3-none", lambda: oruuid.uuid3(NS, None)),
    ("uuid3-surrogate", lambda: oruuid.uuid3(NS, SURROGATE)),
    ("uuid3-bad-namespace", lambda: oruuid.uuid3(S, "x")),
    ("uuid5-int", lambda: oruuid.uuid5(NS, 5)),
    ("uuid5-surrogate", lambda: oruuid.uuid5(NS, SURROGATE)),
    ("uuid6-str", lambda: oruuid.uuid6("x")),
    ("uuid8-float", lambda: oruuid.uuid8(1.5)),
    ("uuid4-args", lambda: oruuid.uuid4(1)),
    ("parse-short", lambda: oruuid.parse("bad")),
    ("parse-not-hex", lambda: oruuid.parse("g" * 32)),
    ("parse-surrogates", lambda: oruuid.parse(SURROGATE)),
    ("parse-none", lambda: oruuid.parse(None)),
    ("parse-bytes", lambda: oruuid.parse(B16)),
    ("parse-int", lambda: oruuid.parse(5)),
    ("from_bytes-short", lambda: oruuid.from_bytes(b"short")),
    ("from_bytes-bytearray", lambda: oruuid.from_bytes(BA16)),
    ("from_bytes-none", lambda: oruuid.from_bytes(None)),
    ("from_bytes_le-short", lambda: oruuid.from_bytes_le(b"short")),
    ("from_bytes_le-bytearray", lambda: oruuid.from_bytes_le(BA16)),
    ("from_fields-arity", lambda: oruuid.from_fields((1, 2, 3))),
    ("from_fields-range", lambda: oruuid.from_fields((*FIELDS[:5], 1 << 48))),
    ("from_fields-float", lambda: oruuid.from_fields((*FIELDS[:5], 1.5))),
    ("from_int-negative", lambda: oruuid.from_int(-1)),
    ("from_int-huge", lambda: oruuid.from_int(BIG)),
    ("from_int-str", lambda: oruuid.from_int("5")),
    ("uuid1-clock_seq-float", lambda: oruuid.uuid1(0, 1.5)),
    ("uuid6-float", lambda: oruuid.uuid6(1.5)),
    ("uuid7-number", lambda: oruuid.uuid7(5)),
    ("uuid7-bad-context", lambda: oruuid.uuid7(context=5)),
    ("getnode-args", lambda: oruuid.getnode(1)),
    ("from_fields-none", lambda: oruuid.from_fields(None)),
    ("Timestamp.from_unix-str", lambda: oruuid.Timestamp.from_unix("5")),
    ("Timestamp.from_unix_ms-huge", lambda: oruuid.Timestamp.from_unix_ms(BIG)),
    ("uuid7-timestamp-range", lambda: oruuid.uuid7(timestamp=TS_BEFORE_1970)),
    ("ContextV7-bad", lambda: oruuid.ContextV7(adjust_by_millis="1")),
    ("uuid4_many-negative", lambda: oruuid.uuid4_many(-1)),
    ("parse_many-bad", lambda: oruuid.parse_many([S, "bad"])),
    ("format_many-bad", lambda: oruuid.format_many(B16[:15])),
    ("uuid7_min-none", lambda: oruuid.uuid7_min(None)),
    ("uuid7_min-naive", lambda: oruuid.uuid7_min(DT.replace(tzinfo=None))),
    ("uuid1_to_uuid6-v6", lambda: oruuid.uuid1_to_uuid6(V6)),
    ("uuid6_to_uuid1-str", lambda: oruuid.uuid6_to_uuid1(S)),
    ("from_ulid-bad-char", lambda: oruuid.from_ulid("0" * 25 + "I")),
    ("from_ulid-non-ascii", lambda: oruuid.from_ulid("0" * 25 + "\u0660")),
    ("from_ulid-version", lambda: oruuid.from_ulid(ULID_TEXT, version=4)),
    ("decode-overflow", lambda: oruuid.decode("z" * 22, "base58")),
    ("decode-bytes", lambda: oruuid.decode(B16, "base58")),
    ("encode-alphabet", lambda: oruuid.encode(NS, "base99")),
    ("parse_many-alphabet-bad", lambda: oruuid.parse_many([ULID_TEXT, "bad"], alphabet="base32")),
    ("uuid7_many-out-readonly", lambda: oruuid.uuid7_many(out=B16)),
    ("uuid7_many-out-size", lambda: oruuid.uuid7_many(3, out=OUT64)),
    ("parse_many-out-bad", lambda: oruuid.parse_many([S, H, S, "bad"], out=OUT64)),
    (
        "uuid7_many-timestamps-naive",
        lambda: oruuid.uuid7_many(timestamps=[TS, DT.replace(tzinfo=None)]),
    ),
    ("uuid7_many-timestamps-range", lambda: oruuid.uuid7_many(timestamps=[TS, TS_BEFORE_1970])),
    (
        "uuid7_many-timestamps-null",
        lambda: oruuid.uuid7_many(timestamps=[TS, None], format="bytes"),
    ),
]


def _rss():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):
        resource = pytest.importorskip("resource")
        # ru_maxrss: the peak, in KiB on Linux and bytes on macOS; growth of the peak is
        # still growth
        scale = 1 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _refs():
    return sys.gettotalrefcount() if hasattr(sys, "gettotalrefcount") else 0


def _run(fn, n):
    for _ in range(n):
        try:
            fn()
        except Exception:  # noqa: BLE001 - failing calls are measured too
            pass


def _snapshot():
    gc.collect()
    gc.collect()
    return sys.getallocatedblocks(), _refs(), _rss()


def _check(fn, expect_failure):
    try:
        fn()
    except Exception:  # noqa: BLE001 - whichever error the failing call raises
        assert expect_failure, "this call should succeed"
    else:
        assert not expect_failure, "this call should fail"
    _run(fn, WARMUP)
    blocks0, refs0, rss0 = _snapshot()
    _run(fn, CALLS)
    blocks1, refs1, rss1 = _snapshot()
    assert blocks1 - blocks0 < BLOCKS_LIMIT, (
        f"{blocks1 - blocks0} Python blocks more after {CALLS} calls"
    )
    assert refs1 - refs0 < REFS_LIMIT, f"{refs1 - refs0} references more after {CALLS} calls"
    if not ASAN and rss1 - rss0 >= RSS_LIMIT:
        # The peak RSS also moves with heap fragmentation left by earlier tests; a leak
        # grows it again on every round, so only a second round's growth fails.
        _run(fn, CALLS)
        rss2 = _snapshot()[2]
        assert rss2 - rss1 < RSS_LIMIT, (
            f"RSS grew by {(rss1 - rss0) / 1024:.0f} KiB, then {(rss2 - rss1) / 1024:.0f} KiB, "
            f"over two rounds of {CALLS} calls"
        )


@pytest.mark.parametrize("fn", [c[1] for c in SUCCEEDING], ids=[c[0] for c in SUCCEEDING])
def test_no_leak_succeeding(fn):
    _check(fn, expect_failure=False)


@pytest.mark.parametrize("fn", [c[1] for c in FAILING], ids=[c[0] for c in FAILING])
def test_no_leak_failing(fn):
    _check(fn, expect_failure=True)


def test_the_measure_catches_a_leak():
    """The thresholds are tight enough: keeping one small object per call is caught."""
    kept = []
    _run(lambda: kept.append(oruuid.uuid4()), WARMUP)
    blocks0, _, _ = _snapshot()
    _run(lambda: kept.append(oruuid.uuid4()), CALLS)
    blocks1, _, _ = _snapshot()
    assert blocks1 - blocks0 >= BLOCKS_LIMIT
    kept.clear()


def test_results_are_freed():
    """Every result is collectable: nothing keeps the objects alive."""
    import weakref

    makers = [(name, fn) for name, fn in SUCCEEDING if name != "getnode"]
    for name, make in makers:
        u = make()
        if isinstance(u, uuid.UUID) and u not in (oruuid.NIL, oruuid.MAX):
            ref = weakref.ref(u)
            refcount = sys.getrefcount(u)
            del u
            assert ref() is None, f"{name}: result kept alive (refcount was {refcount})"
