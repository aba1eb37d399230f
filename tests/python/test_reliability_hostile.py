"""Hostile arguments to every public function: the stdlib's exception, no crash, no broken state.

Each function with a stdlib counterpart is called with wrong types, out-of-range,
huge and negative ints, wrong-length bytes, bad ``fields`` tuples, bools and floats
where an int is wanted, lone surrogates, ``None`` where it isn't allowed, and
objects whose operators misbehave, in every argument position. The outcome (the
exception type, or the value) must be what CPython 3.14 gives: the running stdlib
on 3.14 and later, ``oruuid._compat`` before (see "the reference" below). After every
call a known-good call must still give the right answer. oruuid's own functions
(Timestamp, ContextV7, the batch functions, install) get the same values and must
raise an ordinary error or succeed, and keep working. The test names every public
callable, so a new one cannot go untested.
"""

import decimal
import fractions
import sys
import uuid

import pytest

import oruuid
from oruuid import _compat
from support import ORUUID_EXTRAS, STDLIB_314_CALLABLES

NS = uuid.NAMESPACE_DNS
S = "12345678-1234-5678-1234-567812345678"
B16 = bytes(range(16))
GOOD_FIELDS = (0x12345678, 0x1234, 0x5678, 0x12, 0x34, 0x567812345678)
UINT128_MAX = (1 << 128) - 1
ULID_TEXT = "01ARZ3NDEKTSV4RRFFQ69G5FAV"


# ----------------------------------------------------------- the reference

# oruuid follows CPython 3.14's ``uuid``. On 3.14 and later the reference is the
# running stdlib itself. Before, it is ``oruuid._compat``, the package's one
# statement of those semantics (3.14's argument handling for uuid3/uuid5/uuid6/
# uuid8, the running interpreter's for the constructors): the native fast paths
# must agree with it, and CI checks it against the real 3.14 and 3.15.
REAL_314 = sys.version_info >= (3, 14)


def _ref_ctor(key):
    if REAL_314:
        return lambda v: uuid.UUID(**{key: v}).int
    name = {"hex": "parse"}.get(key, f"from_{key}")
    return getattr(_compat, name)


def _ref_gen(name):
    if REAL_314:
        return getattr(uuid, name)
    fn = getattr(_compat, name)
    if name in ("uuid1", "uuid6"):
        return lambda node=None, clock_seq=None: fn(node, clock_seq)
    if name == "uuid8":
        return lambda a=None, b=None, c=None: fn(a, b, c)
    return fn


ref_uuid1 = uuid.uuid1 if REAL_314 else _ref_gen("uuid1")
ref_uuid3 = _ref_gen("uuid3")
ref_uuid5 = _ref_gen("uuid5")
ref_uuid6 = _ref_gen("uuid6")
ref_uuid8 = _ref_gen("uuid8")


def ref_no_args():
    return None


class Boom(Exception):
    """Raised by the hostile objects' operators: must come out unchanged."""


class IntSub(int):
    pass


class StrSub(str):
    pass


class BytesSub(bytes):
    pass


class Indexable:
    """Has __index__ (and __int__) but is no int: the stdlib's arithmetic rejects it."""

    def __index__(self):
        return 5

    __int__ = __index__


class Exploding:
    """Every operator the stdlib might use raises Boom."""

    def _boom(self, *args):
        raise Boom

    __len__ = __index__ = __int__ = __lt__ = __le__ = __gt__ = __ge__ = _boom
    __and__ = __rand__ = __or__ = __ror__ = __rshift__ = __lshift__ = _boom
    __iter__ = __getitem__ = replace = strip = _boom


class FloatMasked:
    """Compares like a small int, but masking or shifting it gives a float."""

    def __lt__(self, other):
        return isinstance(other, int) and other > 5

    def __gt__(self, other):
        return isinstance(other, int) and other < 5

    def __le__(self, other):
        return isinstance(other, int) and other >= 5

    def __ge__(self, other):
        return isinstance(other, int) and other <= 5

    def _float(self, *args):
        return 5.0

    __and__ = __rand__ = __or__ = __ror__ = __rshift__ = __lshift__ = _float


class DuckNamespace:
    """Not a UUID, but has ``bytes``, which is all uuid3/uuid5 read."""

    bytes = B16


def _hostile():
    return [
        ("None", None),
        ("True", True),
        ("False", False),
        ("zero", 0),
        ("minus1", -1),
        ("2**14", 1 << 14),
        ("2**48", 1 << 48),
        ("2**63", 1 << 63),
        ("2**64", 1 << 64),
        ("2**128", 1 << 128),
        ("huge", 1 << 4000),
        ("minus_huge", -(1 << 4000)),
        ("float1", 1.0),
        ("float1.5", 1.5),
        ("minus0.0", -0.0),
        ("nan", float("nan")),
        ("inf", float("inf")),
        ("complex", 1j),
        ("decimal", decimal.Decimal(5)),
        ("fraction", fractions.Fraction(5, 1)),
        ("intsub", IntSub(5)),
        ("indexable", Indexable()),
        ("exploding", Exploding()),
        ("float_masked", FloatMasked()),
        ("str", "5"),
        ("str_empty", ""),
        ("str_uuid", S),
        ("str_sub", StrSub(S)),
        ("surrogate", "\ud800"),
        ("surrogates32", "\udcff" * 32),
        ("surrogate_in_name", "abc\udfffdef"),
        ("nul", "\x00" * 32),
        ("long_str", "0" * 100_000),
        ("bytes_empty", b""),
        ("bytes15", B16[:15]),
        ("bytes16", B16),
        ("bytes17", B16 + b"\x00"),
        ("bytes_huge", b"\x00" * 100_000),
        ("bytes_sub", BytesSub(B16)),
        ("bytearray16", bytearray(B16)),
        ("memoryview16", memoryview(B16)),
        ("list16", list(B16)),
        ("fields_empty", ()),
        ("fields5", GOOD_FIELDS[:5]),
        ("fields7", (*GOOD_FIELDS, 0)),
        ("fields_list", list(GOOD_FIELDS)),
        ("fields_floats", tuple(float(f) for f in GOOD_FIELDS)),
        ("fields_negative", (-1, *GOOD_FIELDS[1:])),
        ("fields_huge", (*GOOD_FIELDS[:5], 1 << 200)),
        ("fields_none", (None,) * 6),
        ("fields_strs", ("1",) * 6),
        ("fields_bools", (True,) * 6),
        ("fields_nested", (GOOD_FIELDS,) * 6),
        ("fields_exploding", (Exploding(), *GOOD_FIELDS[1:])),
        ("dict6", {i: i for i in range(6)}),
        ("set", {1, 2}),
        ("object", object()),
        ("type", int),
        ("uuid", uuid.UUID(S)),
        ("namespace_duck", DuckNamespace()),
    ]


HOSTILE = _hostile()
IDS = [name for name, _ in HOSTILE]
VALUES = [value for _, value in HOSTILE]


# ----------------------------------------------------------- comparing outcomes


def outcome(fn, *args, **kwargs):
    try:
        result = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - comparing whatever is raised
        return ("raised", type(exc))
    return ("returned", result)


def _value(result):
    """The int a result stands for: ours are UUIDs, the reference's are ints."""
    if isinstance(result, uuid.UUID):
        assert type(result) is uuid.UUID
        return result.int
    return result


def assert_same(ours, ref, args, deterministic):
    got, want = outcome(ours, *args), outcome(ref, *args)
    if want[0] == "raised" or got[0] == "raised":
        assert got == want, f"{args!r}: oruuid {got}, 3.14 {want}"
        return
    if deterministic and all(a is not None for a in args):  # None: a random part
        g, w = _value(got[1]), _value(want[1])
        assert (type(g), g) == (type(w), w), f"{args!r}: oruuid {g!r}, 3.14 {w!r}"


# After each hostile call, the function (and the process's sequences) still work.
_last_v7 = [oruuid.uuid7()]


def still_works():
    assert oruuid.from_int(5).int == 5
    assert oruuid.parse(S) == uuid.UUID(S)
    assert oruuid.from_bytes(B16).bytes == B16
    assert oruuid.from_bytes_le(B16).bytes_le == B16
    assert oruuid.from_fields(GOOD_FIELDS).fields == GOOD_FIELDS
    assert oruuid.uuid3(NS, "x") == uuid.uuid3(NS, "x")
    assert oruuid.uuid5(NS, "x") == uuid.uuid5(NS, "x")
    assert oruuid.uuid8(1, 2, 3).int == (1 << 80) | (2 << 64) | 3 | (0x8 << 76) | (0x8000 << 48)
    assert oruuid.uuid4().version == 4
    u = oruuid.uuid7()
    assert u > _last_v7[0]
    _last_v7[0] = u
    assert oruuid.uuid1(7, 9).clock_seq == 9
    assert oruuid.uuid6(7, 9).node == 7


CASES = [pytest.param(case, id=case[0]) for case in HOSTILE]


# ----------------------------------------------------------- the stdlib's functions


# (id, oruuid function, 3.14 reference, how the hostile value is placed, deterministic)
ONE_ARG = [
    ("parse", oruuid.parse, _ref_ctor("hex")),
    ("from_bytes", oruuid.from_bytes, _ref_ctor("bytes")),
    ("from_bytes_le", oruuid.from_bytes_le, _ref_ctor("bytes_le")),
    ("from_fields", oruuid.from_fields, _ref_ctor("fields")),
    ("from_int", oruuid.from_int, _ref_ctor("int")),
]


@pytest.mark.parametrize(("fn_id", "ours", "ref"), [pytest.param(*c, id=c[0]) for c in ONE_ARG])
@pytest.mark.parametrize("case", CASES)
def test_constructors(fn_id, ours, ref, case):
    _, value = case
    assert_same(ours, ref, (value,), deterministic=True)
    still_works()


# Positions: each generator argument in turn, with good or default values elsewhere.
GENERATOR_SLOTS = [
    ("uuid1-node", oruuid.uuid1, ref_uuid1, lambda v: (v, 0x123), False),
    ("uuid1-node-default-seq", oruuid.uuid1, ref_uuid1, lambda v: (v, None), False),
    ("uuid1-clock_seq", oruuid.uuid1, ref_uuid1, lambda v: (0x0102_0304_0506, v), False),
    ("uuid1-clock_seq-default-node", oruuid.uuid1, ref_uuid1, lambda v: (None, v), False),
    ("uuid6-node", oruuid.uuid6, ref_uuid6, lambda v: (v, 0x123), False),
    ("uuid6-clock_seq", oruuid.uuid6, ref_uuid6, lambda v: (0x0102_0304_0506, v), False),
    ("uuid6-both", oruuid.uuid6, ref_uuid6, lambda v: (v, v), False),
    ("uuid8-a", oruuid.uuid8, ref_uuid8, lambda v: (v, 2, 3), True),
    ("uuid8-b", oruuid.uuid8, ref_uuid8, lambda v: (1, v, 3), True),
    ("uuid8-c", oruuid.uuid8, ref_uuid8, lambda v: (1, 2, v), True),
    ("uuid8-a-random-rest", oruuid.uuid8, ref_uuid8, lambda v: (v,), False),
    ("uuid3-name", oruuid.uuid3, ref_uuid3, lambda v: (NS, v), True),
    ("uuid3-namespace", oruuid.uuid3, ref_uuid3, lambda v: (v, "name"), True),
    ("uuid5-name", oruuid.uuid5, ref_uuid5, lambda v: (NS, v), True),
    ("uuid5-namespace", oruuid.uuid5, ref_uuid5, lambda v: (v, "name"), True),
    ("uuid4-extra", oruuid.uuid4, ref_no_args, lambda v: (v,), True),
    ("getnode-extra", oruuid.getnode, ref_no_args, lambda v: (v,), True),
]


@pytest.mark.parametrize("slot", [pytest.param(s, id=s[0]) for s in GENERATOR_SLOTS])
@pytest.mark.parametrize("case", CASES)
def test_generators(slot, case):
    fn_id, ours, ref, place, deterministic = slot
    args = place(case[1])
    if fn_id in ("uuid4-extra", "getnode-extra"):
        # 3.14's uuid4() and getnode() take no argument at all.
        assert outcome(ours, *args) == ("raised", TypeError)
    else:
        assert_same(ours, ref, args, deterministic)
    still_works()


@pytest.mark.parametrize("value", [pytest.param(v, id=i) for i, v in HOSTILE if v is not None])
def test_uuid7_takes_no_bare_value(value):
    """3.14's uuid7() takes no argument; oruuid's takes a Timestamp or a datetime, so
    anything else must still be a TypeError."""
    assert outcome(oruuid.uuid7, value)[1] is TypeError
    still_works()


@pytest.mark.parametrize(
    "fn",
    [
        oruuid.uuid1,
        oruuid.uuid3,
        oruuid.uuid4,
        oruuid.uuid5,
        oruuid.uuid6,
        oruuid.uuid7,
        oruuid.uuid8,
        oruuid.getnode,
        oruuid.parse,
        oruuid.from_bytes,
        oruuid.from_bytes_le,
        oruuid.from_fields,
        oruuid.from_int,
        oruuid.uuid7_min,
        oruuid.uuid7_max,
        oruuid.uuid1_to_uuid6,
        oruuid.uuid6_to_uuid1,
        oruuid.to_ulid,
        oruuid.from_ulid,
        oruuid.encode,
        oruuid.decode,
    ],
    ids=lambda f: f.__name__,
)
def test_unknown_keyword_and_too_many_arguments(fn):
    assert outcome(fn, bogus=1)[1] is TypeError
    assert outcome(fn, *range(5))[1] is TypeError
    still_works()


def test_surrogate_names_match_314_per_namespace():
    """A lone surrogate with a good namespace: UnicodeEncodeError, as 3.14 gives."""
    for name in ("\ud800", "a\udfffb", "\udcff" * 100):
        for ours, ref in ((oruuid.uuid3, ref_uuid3), (oruuid.uuid5, ref_uuid5)):
            assert (
                outcome(ours, NS, name) == outcome(ref, NS, name) == ("raised", UnicodeEncodeError)
            )
    still_works()


@pytest.mark.parametrize("fn_id", ["uuid3", "uuid5"])
def test_bad_namespace_with_surrogate_name(fn_id):
    """3.14 encodes a str name before reading ``namespace.bytes``: UnicodeEncodeError."""
    ours, ref = (oruuid.uuid3, ref_uuid3) if fn_id == "uuid3" else (oruuid.uuid5, ref_uuid5)
    for namespace in (None, S, 5, object()):
        assert outcome(ours, namespace, "\ud800") == outcome(ref, namespace, "\ud800")
    still_works()


# ----------------------------------------------------------- oruuid's own functions

# What a bad argument may raise: never SystemError, RuntimeError or a C++ exception's
# stray translation (IndexError); MemoryError for a count no machine can hold.
ORDINARY = (TypeError, ValueError, OverflowError, ImportError, MemoryError, Boom)


def _own_calls():
    """(id, callable taking the hostile value, check that the API still works)."""
    ts = oruuid.Timestamp
    return [
        ("Timestamp.from_unix-seconds", lambda v: ts.from_unix(v)),
        ("Timestamp.from_unix-nanos", lambda v: ts.from_unix(0, v)),
        ("Timestamp.from_unix_ms", lambda v: ts.from_unix_ms(v)),
        ("Timestamp.from_gregorian", lambda v: ts.from_gregorian(v)),
        ("Timestamp.from_datetime", lambda v: ts.from_datetime(v)),
        ("Timestamp-eq", lambda v: ts.from_unix(0) == v),
        ("Timestamp-lt", lambda v: ts.from_unix(0) < v),
        ("ContextV7-positional", lambda v: oruuid.ContextV7(v)),
        ("ContextV7-additional_precision", lambda v: oruuid.ContextV7(additional_precision=v)),
        ("ContextV7-adjust_by_millis", lambda v: oruuid.ContextV7(adjust_by_millis=v)),
        ("ContextV7.uuid7", lambda v: oruuid.ContextV7().uuid7(v)),
        ("uuid7-context", lambda v: oruuid.uuid7(context=v)),
        ("uuid7-timestamp", lambda v: oruuid.uuid7(timestamp=v)),
        ("uuid1-timestamp", lambda v: oruuid.uuid1(timestamp=v)),
        ("uuid6-timestamp", lambda v: oruuid.uuid6(timestamp=v)),
        ("uuid4_many", lambda v: oruuid.uuid4_many(v)),
        ("uuid4_many-format", lambda v: oruuid.uuid4_many(2, format=v)),
        ("uuid7_many", lambda v: oruuid.uuid7_many(v)),
        ("uuid7_many-format", lambda v: oruuid.uuid7_many(2, format=v)),
        ("parse_many", lambda v: oruuid.parse_many(v)),
        ("parse_many-item", lambda v: oruuid.parse_many([S, v])),
        ("format_many", lambda v: oruuid.format_many(v)),
        ("format_many-item", lambda v: oruuid.format_many([uuid.UUID(S), v])),
        ("uuid7_min", lambda v: oruuid.uuid7_min(v)),
        ("uuid7_max", lambda v: oruuid.uuid7_max(at=v)),
        ("uuid1_to_uuid6", lambda v: oruuid.uuid1_to_uuid6(v)),
        ("uuid6_to_uuid1", lambda v: oruuid.uuid6_to_uuid1(v)),
        ("to_ulid", lambda v: oruuid.to_ulid(v)),
        ("from_ulid", lambda v: oruuid.from_ulid(v)),
        ("from_ulid-version", lambda v: oruuid.from_ulid(ULID_TEXT, version=v)),
        ("encode-u", lambda v: oruuid.encode(v, "base58")),
        ("encode-alphabet", lambda v: oruuid.encode(uuid.UUID(S), v)),
        ("decode-text", lambda v: oruuid.decode(v, "base64url")),
        ("decode-text-base32", lambda v: oruuid.decode(v, "base32")),
        ("decode-alphabet", lambda v: oruuid.decode(ULID_TEXT, v)),
        ("uuid1-random-node-clock_seq", lambda v: oruuid.uuid1("random", v)),
        ("uuid6-random-node-clock_seq", lambda v: oruuid.uuid6("random", v)),
        (
            "uuid1-node-not-random",
            lambda v: oruuid.uuid1(v if not isinstance(v, str) else "rand" + v),
        ),
        ("parse_many-alphabet", lambda v: oruuid.parse_many([ULID_TEXT], alphabet=v)),
        (
            "parse_many-alphabet-item",
            lambda v: oruuid.parse_many([ULID_TEXT, v], alphabet="base32"),
        ),
        ("format_many-alphabet", lambda v: oruuid.format_many(B16, alphabet=v)),
        ("install", lambda v: oruuid.install(v)),
        ("uninstall", lambda v: oruuid.uninstall(v)),
        ("installed", lambda v: oruuid.installed(v)),
    ]


OWN_CALLS = _own_calls()


def own_still_work():
    ts = oruuid.Timestamp.from_unix(1_700_000_000, 5)
    assert (ts.seconds, ts.nanos) == (1_700_000_000, 5)
    ctx = oruuid.ContextV7()
    a, b = oruuid.uuid7(context=ctx), oruuid.uuid7(context=ctx)
    assert a < b
    assert len(oruuid.uuid4_many(3)) == 3
    assert oruuid.parse_many([S]) == [uuid.UUID(S)]
    assert not oruuid.installed()
    assert oruuid.to_ulid(oruuid.from_ulid(ULID_TEXT)) == ULID_TEXT
    assert oruuid.decode(oruuid.encode(uuid.UUID(S), "base58"), "base58") == uuid.UUID(S)
    assert oruuid.uuid7_min(ts) < oruuid.uuid7_max(ts)
    v1 = oruuid.uuid1()
    assert oruuid.uuid6_to_uuid1(oruuid.uuid1_to_uuid6(v1)) == v1
    assert oruuid.uuid1(node="random").node == oruuid.uuid6(node="random").node


@pytest.mark.parametrize("call", [pytest.param(c[1], id=c[0]) for c in OWN_CALLS])
@pytest.mark.parametrize("case", CASES)
def test_own_functions(call, case):
    try:
        call(case[1])
    except ORDINARY:
        pass
    own_still_work()
    still_works()


# The public callables, each covered above: the stdlib's own (UUID and SafeUUID are its
# classes, re-exported) and oruuid's.
COVERED = STDLIB_314_CALLABLES | ORUUID_EXTRAS


def test_every_public_callable_is_covered():
    callables = {name for name in oruuid.__all__ if callable(getattr(oruuid, name))}
    assert callables - COVERED == set(), "add hostile-argument cases for these"
    assert not oruuid.installed()
