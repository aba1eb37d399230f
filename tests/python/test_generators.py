"""The generators against 3.14's semantics, differentially where they are deterministic.

- uuid3/uuid5: a local re-implementation of 3.14 (str names as UTF-8, bytes-like names
  as they are), and the stdlib itself for str names;
- uuid8: 3.14's formula, with huge and negative parts masked;
- uuid1/uuid6: with a fixed node and clock_seq, the fields the stdlib's layout gives,
  a time close to now and strictly increasing;
- uuid7: strictly increasing, time close to now; uuid4: unique; getnode: the stdlib's MAC.

Pairs with tests/cpp/test_versions.cpp and test_timestamp.cpp.
"""

import hashlib
import itertools
import sys
import time
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oruuid

CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
GREGORIAN_OFFSET = 0x01B21DD213814000  # 100 ns ticks from 1582-10-15 to 1970-01-01
TICKS_PER_SECOND = 10_000_000


def _flags(version):
    return (version << 76) | (0x8000 << 48)


def ref_named(hasher, version, namespace, name):
    """3.14's uuid3/uuid5: the name is str (UTF-8) or bytes-like."""
    if isinstance(name, str):
        name = bytes(name, "utf-8")
    digest = hasher(namespace.bytes + name).digest()
    return uuid.UUID(int=(int.from_bytes(digest[:16], "big") & CLEAR) | _flags(version))


def ref_uuid3(namespace, name):
    return ref_named(hashlib.md5, 3, namespace, name)


def ref_uuid5(namespace, name):
    return ref_named(hashlib.sha1, 5, namespace, name)


def ref_uuid8(a, b, c):
    value = (a & 0xFFFF_FFFF_FFFF) << 80 | (b & 0xFFF) << 64 | (c & 0x3FFF_FFFF_FFFF_FFFF)
    return uuid.UUID(int=value | _flags(8))


def outcome(fn, *args):
    try:
        r = fn(*args)
    except Exception as exc:  # noqa: BLE001 - comparing whatever is raised
        return ("raised", type(exc))
    return ("returned", type(r), r.int, r.is_safe)


def now_ticks():
    return time.time_ns() // 100 + GREGORIAN_OFFSET


any_uuid = st.integers(0, (1 << 128) - 1).map(lambda i: uuid.UUID(int=i))
namespaces = st.one_of(
    st.sampled_from(
        [uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL, uuid.NAMESPACE_OID, uuid.NAMESPACE_X500]
    ),
    any_uuid,
)
names_str = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0x10000)),  # non-BMP
    st.text(alphabet=st.characters(max_codepoint=0x7F)),
    st.sampled_from(["", "python.org", "\x00", "é", "\U0001f600", "a" * 1000]),
)


# ------------------------------------------------------------ uuid3 / uuid5


@pytest.mark.parametrize(
    ("ours", "ref"), [(oruuid.uuid3, ref_uuid3), (oruuid.uuid5, ref_uuid5)], ids=["uuid3", "uuid5"]
)
class TestNamed:
    @given(namespace=namespaces, name=names_str)
    def test_str_names(self, ours, ref, namespace, name):
        got = ours(namespace, name)
        assert type(got) is uuid.UUID
        assert got.is_safe is uuid.SafeUUID.unknown
        assert got == ref(namespace, name)
        std = uuid.uuid3 if ours is oruuid.uuid3 else uuid.uuid5
        assert got == std(namespace, name)

    @given(namespace=namespaces, name=st.binary(max_size=300))
    def test_bytes_like_names(self, ours, ref, namespace, name):
        expected = ref(namespace, name)
        assert ours(namespace, name) == expected
        assert ours(namespace, bytearray(name)) == expected
        assert ours(namespace, memoryview(name)) == expected
        if name:
            assert ours(namespace, memoryview(b"\xff" + name)[1:]) == expected

    @given(
        namespace=namespaces,
        name=st.text(max_size=20),
        surrogate=st.integers(0xD800, 0xDFFF),
        at=st.integers(0, 20),
    )
    def test_lone_surrogates_raise_like_the_stdlib(self, ours, ref, namespace, name, surrogate, at):
        name = name[:at] + chr(surrogate) + name[at:]
        expected = outcome(lambda n: bytes(n, "utf-8"), name)
        assert expected[0] == "raised"
        assert outcome(ours, namespace, name) == expected
        assert outcome(ref, namespace, name) == expected

    def test_known_vectors(self, ours, ref):
        if ours is oruuid.uuid3:
            assert (
                str(ours(uuid.NAMESPACE_DNS, "python.org"))
                == "6fa459ea-ee8a-3ca4-894e-db77e160355e"
            )
        else:
            assert (
                str(ours(uuid.NAMESPACE_DNS, "python.org"))
                == "886313e1-3b8a-5372-9b90-0c9aee199e5d"
            )
        assert ours(uuid.NAMESPACE_DNS, "python.org") == ours(uuid.NAMESPACE_DNS, b"python.org")

    @pytest.mark.parametrize(
        ("namespace", "name"),
        [
            (uuid.NAMESPACE_DNS, None),
            (uuid.NAMESPACE_DNS, 5),
            (uuid.NAMESPACE_DNS, ["a"]),
            (uuid.NAMESPACE_DNS, 1.5),
            (uuid.NAMESPACE_DNS, memoryview(b"abcdef")[::2]),
            (uuid.NAMESPACE_DNS, memoryview(bytes(range(8))).cast("I")),
            ("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "x"),
            (None, "x"),
            (5, b"x"),
            (uuid.NAMESPACE_DNS.bytes, "x"),
        ],
        ids=[
            "name-None",
            "name-int",
            "name-list",
            "name-float",
            "name-strided",
            "name-cast",
            "ns-str",
            "ns-None",
            "ns-int",
            "ns-bytes",
        ],
    )
    def test_bad_arguments(self, ours, ref, namespace, name):
        assert outcome(ours, namespace, name)[:2] == outcome(ref, namespace, name)[:2]

    def test_namespace_subclass_and_duck(self, ours, ref):
        class Sub(uuid.UUID):
            pass

        ns = Sub(int=12345)
        assert ours(ns, "x") == ref(ns, "x")


# ------------------------------------------------------------ uuid8

big_ints = st.one_of(
    st.integers(),
    st.integers(-(1 << 300), 1 << 300),
    st.sampled_from(
        [0, -1, (1 << 48) - 1, 1 << 48, (1 << 12) - 1, 1 << 12, (1 << 62) - 1, 1 << 62, 1 << 64]
    ),
)


@given(big_ints, big_ints, big_ints)
def test_uuid8_all_parts(a, b, c):
    got = oruuid.uuid8(a, b, c)
    assert type(got) is uuid.UUID
    assert got.is_safe is uuid.SafeUUID.unknown
    assert got == ref_uuid8(a, b, c)
    assert got.version == 8
    assert got.variant == uuid.RFC_4122


@given(
    st.one_of(st.none(), big_ints), st.one_of(st.none(), big_ints), st.one_of(st.none(), big_ints)
)
def test_uuid8_missing_parts_are_random_others_kept(a, b, c):
    got = oruuid.uuid8(a=a, b=b, c=c)
    assert got.version == 8
    assert got.variant == uuid.RFC_4122
    if a is not None:
        assert got.int >> 80 == a & 0xFFFF_FFFF_FFFF
    if b is not None:
        assert (got.int >> 64) & 0xFFF == b & 0xFFF
    if c is not None:
        assert got.int & 0x3FFF_FFFF_FFFF_FFFF == c & 0x3FFF_FFFF_FFFF_FFFF


def test_uuid8_random_parts_vary():
    seen = {oruuid.uuid8().int for _ in range(1000)}
    assert len(seen) == 1000
    a_parts = {oruuid.uuid8(b=0, c=0).int >> 80 for _ in range(1000)}
    assert len(a_parts) > 990
    b_parts = {(oruuid.uuid8(a=0, c=0).int >> 64) & 0xFFF for _ in range(1000)}
    assert len(b_parts) > 500  # 12 bits: about 780 distinct out of 4096
    c_parts = {oruuid.uuid8(a=0, b=0).int & ((1 << 62) - 1) for _ in range(1000)}
    assert len(c_parts) == 1000


def test_uuid8_bools_are_ints():
    assert oruuid.uuid8(True, True, True) == ref_uuid8(1, 1, 1)


@pytest.mark.parametrize("bad", [1.5, "1", b"1", [1], object()])
@pytest.mark.parametrize("pos", [0, 1, 2])
def test_uuid8_bad_types(bad, pos):
    args = [1, 2, 3]
    args[pos] = bad
    assert outcome(oruuid.uuid8, *args)[:2] == outcome(ref_uuid8, *args)[:2]


# ------------------------------------------------------------ uuid1 / uuid6

NODE = 0x0123_4567_89AB


def std_uuid1_fields(timestamp, node, clock_seq):
    """The stdlib's uuid1 layout for a given 60-bit time."""
    return uuid.UUID(
        fields=(
            timestamp & 0xFFFFFFFF,
            (timestamp >> 32) & 0xFFFF,
            (timestamp >> 48) & 0x0FFF,
            (clock_seq >> 8) & 0x3F,
            clock_seq & 0xFF,
            node,
        ),
        version=1,
    )


def std_uuid6_layout(timestamp, node, clock_seq):
    """3.14's uuid6 layout for a given 60-bit time."""
    value = ((timestamp >> 12) & 0xFFFF_FFFF_FFFF) << 80
    value |= (timestamp & 0x0FFF) << 64
    value |= (clock_seq & 0x3FFF) << 48
    value |= node & 0xFFFF_FFFF_FFFF
    return uuid.UUID(int=value | _flags(6))


clock_seqs = st.one_of(st.integers(0, 0x3FFF), st.integers(-(1 << 80), 1 << 80))


def made_now(gen, version, node, clock_seq, ticks_of):
    """gen(node, clock_seq), checked for type, version and variant, and a timestamp
    (read by ``ticks_of``) within a few seconds of the clock: strictly increasing
    timestamps may run ahead of it by one tick per call made within the same 100 ns."""
    before = now_ticks()
    u = gen(node, clock_seq)
    after = now_ticks()
    assert type(u) is uuid.UUID
    assert u.is_safe is uuid.SafeUUID.unknown
    assert u.version == version
    assert u.variant == uuid.RFC_4122
    assert before - 5 * TICKS_PER_SECOND <= ticks_of(u) <= after + 5 * TICKS_PER_SECOND
    return u


@given(node=st.integers(0, (1 << 48) - 1), clock_seq=clock_seqs)
def test_uuid1_layout(node, clock_seq):
    u = made_now(oruuid.uuid1, 1, node, clock_seq, lambda u: u.time)
    assert u == std_uuid1_fields(u.time, node, clock_seq)
    assert u.node == node
    assert u.clock_seq == clock_seq & 0x3FFF


@given(
    node=st.one_of(st.integers(0, (1 << 48) - 1), st.integers(-(1 << 80), 1 << 80)),
    clock_seq=clock_seqs,
)
def test_uuid6_layout(node, clock_seq):
    u = made_now(oruuid.uuid6, 6, node, clock_seq, v6_time)
    t6 = v6_time(u)
    assert u == std_uuid6_layout(t6, node, clock_seq)
    assert u.node == node & 0xFFFF_FFFF_FFFF
    assert u.clock_seq == clock_seq & 0x3FFF
    if sys.version_info >= (3, 14):
        assert u.time == t6


def v6_time(u):
    return (u.int >> 96) << 28 | ((u.int >> 80) & 0xFFFF) << 12 | (u.int >> 64) & 0x0FFF


@pytest.mark.parametrize(
    ("make", "time_of"),
    [
        (lambda: oruuid.uuid1(NODE, 0x1234), lambda u: u.time),
        (lambda: oruuid.uuid1(), lambda u: u.time),
        (lambda: oruuid.uuid6(NODE, 0x1234), v6_time),
        (lambda: oruuid.uuid6(), v6_time),
    ],
    ids=["uuid1-fixed", "uuid1", "uuid6-fixed", "uuid6"],
)
def test_time_strictly_increases(make, time_of):
    before = now_ticks()
    times = [time_of(make()) for _ in range(10_000)]
    after = now_ticks()
    assert all(a < b for a, b in itertools.pairwise(times))
    assert before - 5 * TICKS_PER_SECOND <= times[0]
    assert times[-1] <= after + 5 * TICKS_PER_SECOND


def test_uuid1_and_uuid6_interleaved_each_increase():
    t1, t6 = [], []
    for _ in range(5000):
        t1.append(oruuid.uuid1().time)
        t6.append(v6_time(oruuid.uuid6()))
    assert all(a < b for a, b in itertools.pairwise(t1))
    assert all(a < b for a, b in itertools.pairwise(t6))


def test_uuid6_sorts_by_time():
    us = [oruuid.uuid6() for _ in range(10_000)]
    assert us == sorted(us)
    assert len(set(us)) == len(us)


def test_default_node_is_getnode_and_clock_seq_per_process():
    node = oruuid.getnode()
    u1 = [oruuid.uuid1() for _ in range(100)]
    u6 = [oruuid.uuid6() for _ in range(100)]
    assert {u.node for u in u1} == {node}
    assert {u.node for u in u6} == {node}
    # the clock sequence is random per process, not per call
    assert len({u.clock_seq for u in u1}) == 1
    assert len({u.clock_seq for u in u6}) == 1


@pytest.mark.parametrize("node", [-1, 1 << 48, (1 << 48) + 5, 1 << 200, -(1 << 200)])
def test_uuid1_node_out_of_range(node):
    with pytest.raises(ValueError, match="field 6 out of range"):
        uuid.uuid1(node, 0)
    with pytest.raises(ValueError, match="field 6 out of range"):
        oruuid.uuid1(node, 0)
    with pytest.raises(ValueError, match="field 6 out of range"):
        oruuid.uuid1(node)


def test_uuid1_node_edges():
    assert oruuid.uuid1(0, 0).node == 0
    assert oruuid.uuid1((1 << 48) - 1, 0).node == (1 << 48) - 1
    assert oruuid.uuid1(True, 0).node == 1


@pytest.mark.parametrize(
    ("node", "clock_seq"), [(-1, 0), (1 << 48, 0), (1 << 200, -1), (5, 1 << 200), (5, -(1 << 200))]
)
def test_uuid6_masks_node_and_clock_seq(node, clock_seq):
    u = oruuid.uuid6(node, clock_seq)
    assert u.node == node & 0xFFFF_FFFF_FFFF
    assert u.clock_seq == clock_seq & 0x3FFF


@pytest.mark.parametrize("func", [oruuid.uuid1, oruuid.uuid6], ids=["uuid1", "uuid6"])
@pytest.mark.parametrize(
    ("node", "clock_seq"), [(1.5, 0), (0, 1.5), ("1", 0), (0, "1"), ([1], 0), (0, [1])]
)
def test_uuid1_uuid6_bad_types(func, node, clock_seq):
    with pytest.raises(TypeError):
        func(node, clock_seq)
    with pytest.raises(TypeError):
        uuid.uuid1(node, clock_seq)


# ------------------------------------------------------------ uuid7


def v7_ms(u):
    return u.int >> 80


def test_uuid7_strictly_increasing():
    before = time.time_ns() // 1_000_000
    us = [oruuid.uuid7() for _ in range(100_000)]
    after = time.time_ns() // 1_000_000
    ints = [u.int for u in us]
    assert all(a < b for a, b in itertools.pairwise(ints))
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in us[::997])
    assert all(type(u) is uuid.UUID for u in us[::997])
    # never ahead of the clock by more than the counter could justify, and never behind
    assert before - 1000 <= v7_ms(us[0])
    assert v7_ms(us[-1]) <= after + 1000


def test_uuid7_time_close_to_now():
    now = time.time_ns() // 1_000_000
    u = oruuid.uuid7()
    assert abs(v7_ms(u) - now) < 1000
    if sys.version_info >= (3, 14):
        assert u.time == v7_ms(u)


def test_uuid7_layout():
    """48-bit ms | ver 7 | 12-bit counter_hi | var | 30-bit counter_lo | 32 random bits."""
    us = [oruuid.uuid7() for _ in range(10_000)]
    for u in us:
        assert (u.int >> 76) & 0xF == 7
        assert (u.int >> 62) & 0b11 == 0b10
    counters = [((u.int >> 64) & 0xFFF) << 30 | ((u.int >> 32) & 0x3FFF_FFFF) for u in us]
    for (prev, u_prev), (cur, u_cur) in itertools.pairwise(zip(counters, us, strict=True)):
        if v7_ms(u_prev) == v7_ms(u_cur):
            assert cur == prev + 1  # same millisecond: the counter counts
    tails = {u.int & 0xFFFF_FFFF for u in us}
    assert len(tails) > 9_900  # 32 random bits per UUID


def test_uuid7_counter_seeded_with_top_bit_clear():
    """On each new millisecond the 42-bit counter is reseeded, with its top bit clear."""
    counters = []
    for _ in range(30):
        time.sleep(0.003)  # the next call is in a new millisecond: a fresh seed
        u = oruuid.uuid7()
        counters.append(((u.int >> 64) & 0xFFF) << 30 | ((u.int >> 32) & 0x3FFF_FFFF))
    assert all(c < 1 << 41 for c in counters)
    assert len(set(counters)) == len(counters)
    assert any(c >= 1 << 40 for c in counters)  # 30 seeds all below 2**40: p = 2**-30


# ------------------------------------------------------------ uuid4


def test_uuid4_unique_and_versioned():
    us = [oruuid.uuid4() for _ in range(100_000)]
    assert len({u.int for u in us}) == len(us)
    assert all((u.int >> 76) & 0xF == 4 and (u.int >> 62) & 0b11 == 0b10 for u in us)


def test_uuid4_bits_look_random():
    """Each of the 122 random bits is set about half the time (a stuck bit fails)."""
    n = 20_000
    counts = [0] * 128
    for _ in range(n):
        v = oruuid.uuid4().int
        for bit in range(128):
            counts[bit] += (v >> bit) & 1
    fixed = {76, 77, 78, 79, 62, 63}
    for bit in range(128):
        if bit in fixed:
            continue
        # 6 sigma around n/2 (sigma = sqrt(n)/2 = 70.7)
        assert abs(counts[bit] - n / 2) < 430, (bit, counts[bit])


# ------------------------------------------------------------ getnode


def test_getnode_is_48_bit_and_stable():
    node = oruuid.getnode()
    assert type(node) is int
    assert 0 <= node < 1 << 48
    assert all(oruuid.getnode() == node for _ in range(100))


def test_getnode_equals_the_stdlibs_real_mac():
    std = uuid.getnode()
    ours = oruuid.getnode()
    if std & (1 << 40):
        # the stdlib found no real MAC and fell back to a random node (multicast bit set)
        pytest.skip(f"the stdlib has no real MAC here ({std:012x}); oruuid gives {ours:012x}")
    assert ours == std, f"oruuid {ours:012x} != stdlib {std:012x}"


NAMED_CALLS = [
    ((), {}),
    ((uuid.NAMESPACE_DNS,), {}),
    ((uuid.NAMESPACE_DNS, "x", 3), {}),
    ((uuid.NAMESPACE_DNS,), {"name": "x"}),
    ((), {"namespace": uuid.NAMESPACE_DNS, "name": "y"}),
    ((), {"name": "x", "namespace": uuid.NAMESPACE_URL}),
    ((uuid.NAMESPACE_DNS,), {"namespace": uuid.NAMESPACE_DNS}),
    ((uuid.NAMESPACE_DNS, "x"), {"bogus": 1}),
    ((), {"name": "x"}),
    ((uuid.NAMESPACE_DNS, "x", 3), {"bogus": 1}),  # the keyword error comes first
    ((uuid.NAMESPACE_DNS, "x", 3), {"name": 1}),
]


@pytest.mark.parametrize("fn", ["uuid3", "uuid5"])
@pytest.mark.parametrize(("args", "kwargs"), NAMED_CALLS)
def test_named_call_forms_match_the_stdlib(fn, args, kwargs):
    """uuid3/uuid5 parse their arguments natively: the same results, and the same
    TypeError messages as the stdlib's Python functions."""
    outcomes = []
    for module in (uuid, oruuid):
        try:
            outcomes.append(("ok", getattr(module, fn)(*args, **kwargs)))
        except TypeError as exc:
            outcomes.append(("TypeError", str(exc)))
    assert outcomes[0] == outcomes[1]


class _IntSub(int):
    pass


@pytest.mark.parametrize("kind", [1, 6])
@pytest.mark.parametrize(
    "kwargs",
    [{"node": True}, {"node": _IntSub(5)}, {"clock_seq": _IntSub(7)}, {"clock_seq": False}],
    ids=["bool-node", "intsub-node", "intsub-clock_seq", "bool-clock_seq"],
)
def test_time_based_slow_path_keeps_the_sequence(kind, kwargs):
    """Arguments that aren't exact ints take the stdlib-exact slow path; its UUIDs
    still carry the process's increasing timestamps."""
    make = oruuid.uuid1 if kind == 1 else oruuid.uuid6
    a, b, c = make(), make(**kwargs), make()
    assert a.version == b.version == c.version == kind

    def ticks(u):
        i = u.int
        if kind == 6:
            return ((i >> 80) << 12) | ((i >> 64) & 0xFFF)
        return ((i >> 64) & 0xFFF) << 48 | ((i >> 80) & 0xFFFF) << 32 | (i >> 96)

    assert ticks(a) < ticks(b) < ticks(c)
    assert b.node == int(kwargs.get("node", oruuid.getnode()))
    if "clock_seq" in kwargs:
        assert b.clock_seq == int(kwargs["clock_seq"])
