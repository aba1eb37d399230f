"""The stdlib's exact steps in ``UUID.__init__``, which the fallbacks in oruuid._compat repeat.

``UUID(hex=...)``, ``bytes=``, ``bytes_le=``, ``fields=`` and ``int=`` begin with
``[hex, bytes, bytes_le, fields, int].count(None) != 4``: ``list.count`` compares the
given argument with None by ``==`` and takes the truth of the result. So a numpy
array raises ValueError (an ambiguous truth value), an ``__eq__`` that raises
propagates, and one that says True for None is a TypeError. Then each interpreter has
its own form of the range check (3.14: ``0 <= int <= _UINT_128_MAX``; before:
``int is not None`` and ``0 <= int < 1<<128``), of the bytes_le steps and of
``version=`` (uuid1). Each test compares oruuid (native, falling back to _compat) and
_compat itself with the running stdlib, outcome for outcome, and where an argument
can watch (a recording ``__eq__``, an int that logs every operator), step for step.
Pairs with test_constructors.py (ordinary values) and test_parse.py.
"""

import uuid
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oruuid
from support import python_child

KINDS = ("hex", "bytes", "bytes_le", "fields", "int")


def ours(impl, kind):
    name = "parse" if kind == "hex" else f"from_{kind}"
    return getattr(impl, name)


def theirs(kind):
    return lambda arg: uuid.UUID(**{kind: arg})


def result(fn, arg):
    """What a call did, comparable without touching the stored value's own ``__eq__``."""
    try:
        r = fn(arg)
    except Exception as exc:  # noqa: BLE001 - comparing whatever is raised
        return ("raised", type(exc), str(exc))
    stored = r.int
    value = int.__index__(stored) if isinstance(stored, int) else id(stored)
    return ("returned", type(r), type(stored), value, r.is_safe)


def assert_same(impl, kind, arg):
    expected = result(theirs(kind), arg)
    got = result(ours(impl, kind), arg)
    assert got == expected, f"{kind}={arg!r}"
    return expected


@pytest.fixture(autouse=True)
def _stdlib_uninstalled():
    """The reference is the stdlib's own uuid, even under ORUUID_INSTALL=1."""
    was = oruuid.installed()
    if was:
        oruuid.uninstall()
    yield
    if was:
        oruuid.install()


# ------------------------------------------------------------ arguments with an odd __eq__


class Boom:
    """An ``__eq__`` result whose truth raises."""

    def __bool__(self):
        raise ZeroDivisionError("no truth")


class Ambiguous:
    """Like a numpy array of several booleans."""

    def __bool__(self):
        raise ValueError("ambiguous truth value")


def _raise(other):
    raise RuntimeError(f"__eq__({other!r})")


EQ_BEHAVIOURS = {
    "true_for_none": lambda other: other is None,
    "always_true": lambda other: True,
    "always_false": lambda other: False,
    "not_implemented": lambda other: NotImplemented,
    "none": lambda other: None,
    "one": lambda other: 1,
    "zero": lambda other: 0,
    "text": lambda other: "x",
    "empty_text": lambda other: "",
    "raises": _raise,
    "boom": lambda other: Boom(),
    "ambiguous": lambda other: Ambiguous(),
}


def _odd(base):
    class Odd(base):
        """A ``base`` whose ``__eq__`` does what it is told, and records each call."""

        def __eq__(self, other):
            self.calls.append(other)
            return self.behaviour(other)

        __hash__ = base.__hash__

    Odd.__name__ = Odd.__qualname__ = f"Odd{base.__name__.capitalize()}"
    return Odd


ODD = {
    "hex": _odd(str),
    "bytes": _odd(bytes),
    "bytes_le": _odd(bytes),
    "fields": _odd(tuple),
    "int": _odd(int),
}


def odd(kind, value, behaviour):
    v = ODD[kind](value)
    v.behaviour = EQ_BEHAVIOURS[behaviour]
    v.calls = []
    return v


def assert_same_steps(impl, kind, value, behaviour):
    """Same outcome, and the same ``__eq__`` calls, for an odd argument."""
    mine, reference = odd(kind, value, behaviour), odd(kind, value, behaviour)
    expected = result(theirs(kind), reference)
    got = result(ours(impl, kind), mine)
    assert got == expected, f"{kind}={value!r}, __eq__ {behaviour}"
    assert mine.calls == reference.calls, f"{kind}={value!r}, __eq__ {behaviour}"


GOOD = {
    "hex": "12345678-1234-5678-1234-567812345678",
    "bytes": bytes(range(16)),
    "bytes_le": bytes(range(16)),
    "fields": (0x12345678, 0x1234, 0x5678, 0x12, 0x34, 0x567812345678),
    "int": 0x12345678123456781234567812345678,
}
BAD = {
    "hex": "1234",
    "bytes": b"\x00" * 15,
    "bytes_le": b"\x00" * 17,
    "fields": (1, 2, 3),
    "int": 1 << 128,
}


@pytest.mark.parametrize("behaviour", sorted(EQ_BEHAVIOURS))
@pytest.mark.parametrize("kind", KINDS)
def test_odd_eq_on_good_and_bad_values(impl, kind, behaviour):
    assert_same_steps(impl, kind, GOOD[kind], behaviour)
    assert_same_steps(impl, kind, BAD[kind], behaviour)


def test_the_reported_cases(impl):
    # An __eq__ that says True for None, or raises: the stdlib never gets further.
    for kind in KINDS:
        with pytest.raises(TypeError, match="one of the hex, bytes"):
            ours(impl, kind)(odd(kind, GOOD[kind], "true_for_none"))
        with pytest.raises(RuntimeError, match="__eq__"):
            ours(impl, kind)(odd(kind, GOOD[kind], "raises"))
        # NotImplemented falls back to identity: an ordinary value.
        assert (
            ours(impl, kind)(odd(kind, GOOD[kind], "not_implemented")).int
            == uuid.UUID(**{kind: GOOD[kind]}).int
        )


values = {
    "hex": st.one_of(st.text(max_size=40), st.uuids().map(str), st.uuids().map(lambda u: u.hex)),
    "bytes": st.binary(min_size=14, max_size=18),
    "bytes_le": st.binary(min_size=14, max_size=18),
    "fields": st.lists(st.integers(-1, (1 << 48) + 1), min_size=5, max_size=7).map(tuple),
    "int": st.integers(-(1 << 130), 1 << 130),
}


@given(st.data())
def test_odd_eq_hypothesis(impl, data):
    kind = data.draw(st.sampled_from(KINDS))
    value = data.draw(values[kind])
    behaviour = data.draw(st.sampled_from(sorted(EQ_BEHAVIOURS)))
    assert_same_steps(impl, kind, value, behaviour)


@given(st.data())
def test_plain_values_hypothesis(impl, data):
    kind = data.draw(st.sampled_from(KINDS))
    assert_same(impl, kind, data.draw(values[kind]))


# ------------------------------------------------------------ numpy


def _numpy_cases():
    np = pytest.importorskip("numpy")
    return [
        ("bytes", np.zeros(16, np.uint8)),
        ("bytes_le", np.zeros(16, np.uint8)),
        ("bytes", np.arange(16, dtype=np.uint8)),
        ("bytes", np.zeros(1, np.uint8)),
        ("bytes", np.zeros(0, np.uint8)),
        ("bytes_le", np.zeros(1, np.uint8)),
        ("fields", np.array([1, 2, 3, 4, 5, 6])),
        ("fields", np.array([1])),
        ("fields", np.array([], dtype=np.int64)),
        ("hex", np.array(["12345678123456781234567812345678"])),
        ("hex", np.str_("12345678123456781234567812345678")),
        ("hex", np.array(list("12345678123456781234567812345678"))),
        ("int", np.int64(5)),
        ("int", np.uint64(5)),
        ("int", np.int64(-1)),
        ("int", np.array(5)),
        ("int", np.array([5, 6])),
        ("int", np.array([5])),
        ("int", np.float64(1.0)),
        ("int", np.bool_(True)),
    ]


def test_numpy_arguments(impl):
    for kind, arg in _numpy_cases():
        assert_same(impl, kind, arg)
    np = pytest.importorskip("numpy")
    # The reported two: ValueError (ambiguous truth), not a wrong UUID or an AssertionError.
    with pytest.raises(ValueError, match="ambiguous"):
        impl.from_fields(np.array([1, 2, 3, 4, 5, 6]))
    with pytest.raises(ValueError, match="ambiguous"):
        impl.from_bytes(np.zeros(16, np.uint8))


# ------------------------------------------------------------ each interpreter's comparisons


class NoLt(int):
    def __lt__(self, other):
        return False


class NoLe(int):
    def __le__(self, other):
        return False


class NoGe(int):
    def __ge__(self, other):
        return False


class OrNone(int):
    def __ror__(self, other):
        return None


class ShortSlices(bytes):
    """Length 16, but every slice is empty: 3.14 converts the slices, earlier versions
    check their length again."""

    def __getitem__(self, key):
        return b"" if isinstance(key, slice) else super().__getitem__(key)


@pytest.mark.parametrize("cls", [NoLt, NoLe, NoGe])
def test_range_check_form(impl, cls):
    # `< 1<<128` before 3.14, `<= _UINT_128_MAX` from it: a subclass can tell them apart.
    for v in (0, 5, (1 << 128) - 1, 1 << 128, -1):
        assert_same(impl, "int", cls(v))
    assert_same(impl, "fields", (1, 2, 3, 4, 5, cls(6)))


def test_fields_whose_int_is_none(impl):
    # Before 3.14 a None int skips the range check and is stored; 3.14 compares it.
    assert_same(impl, "fields", (1, 2, 3, 4, 5, OrNone(6)))


def test_bytes_le_steps(impl):
    assert_same(impl, "bytes_le", ShortSlices(bytes(range(16))))
    assert_same(impl, "bytes_le", bytearray(16))
    assert_same(impl, "bytes_le", memoryview(bytes(16)))


class Tracer(int):
    """An int that logs every operator applied to it, and spreads to their results."""

    log: ClassVar[list[tuple[str, object]]] = []

    def _op(name, fn):
        def op(self, other):
            # The other operand of a reflected operator is the caller's value (uuid1's
            # time, say), so only its type is logged; otherwise it is the stdlib's constant.
            shown = (
                other if type(other) is int and not name.startswith("r") else type(other).__name__
            )
            Tracer.log.append((name, shown))
            r = fn(int(self), int(other) if isinstance(other, int) else other)
            return Tracer(r) if type(r) is int else r

        return op

    __and__ = _op("and", int.__and__)
    __rand__ = _op("rand", int.__rand__)
    __or__ = _op("or", int.__or__)
    __ror__ = _op("ror", int.__ror__)
    __lt__ = _op("lt", int.__lt__)
    __le__ = _op("le", int.__le__)
    __gt__ = _op("gt", int.__gt__)
    __ge__ = _op("ge", int.__ge__)
    __eq__ = _op("eq", int.__eq__)
    __hash__ = int.__hash__
    del _op


def trace(fn, *args, **kwargs):
    Tracer.log = []
    try:
        r = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - comparing whatever is raised
        return ("raised", type(exc)), Tracer.log
    return ("returned", type(r), type(r.int), r.version, r.variant), Tracer.log


@pytest.mark.parametrize("kind", ["int", "fields"])
def test_every_operator_in_order(impl, kind):
    arg = Tracer(5) if kind == "int" else (1, 2, 3, 4, 5, Tracer(6))
    assert trace(ours(impl, kind), arg) == trace(theirs(kind), arg)


@pytest.mark.parametrize("node", [Tracer(0x123456789ABC), Tracer(1 << 48), NoLt(5), OrNone(5)])
def test_uuid1_version_steps(impl, node):
    # uuid1 ends in UUID(fields=..., version=1): its range check and version= masks are
    # the interpreter's own, seen here through a node whose operators are logged.
    assert trace(impl.uuid1, node, None) == trace(uuid.uuid1, node, None)


@pytest.mark.skipif(not hasattr(uuid, "uuid6"), reason="the stdlib has uuid6 and uuid8 from 3.14")
def test_uuid6_uuid8_steps(impl):
    node = Tracer(0x123456789ABC)
    assert trace(impl.uuid6, node, None) == trace(uuid.uuid6, node, None)
    for args in [(Tracer(1), Tracer(2), Tracer(3)), (Tracer(1 << 60), None, Tracer(-1))]:
        assert trace(impl.uuid8, *args) == trace(uuid.uuid8, *args)


# ------------------------------------------------------------ importlib.reload(uuid)

RELOAD = r"""
import importlib, uuid
import oruuid, oruuid._compat as compat

old = uuid.UUID
importlib.reload(uuid)
assert uuid.UUID is not old


class IntSub(int):
    pass


for make in (lambda: compat.from_int(IntSub(5)), lambda: compat.from_fields([1, 2, 3, 4, 5, 6]),
             lambda: compat.from_bytes(type("B", (bytes,), {})(bytes(16))),
             lambda: compat.parse("urn:uuid:12345678-1234-5678-1234-567812345678"),
             lambda: compat.uuid1(IntSub(1), None)):
    u = make()
    assert type(u) is uuid.UUID, (type(u), make)
    assert u.is_safe is uuid.SafeUUID.unknown
print("ok")
"""


def test_compat_follows_a_reloaded_uuid_module():
    # In a child: a reload here would leave the rest of the suite with two UUID classes.
    proc = python_child("-c", RELOAD)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


REBOUND = r"""
import gc, uuid, weakref
import oruuid


class Tagged(uuid.UUID):
    __slots__ = ("tag",)


class Same(uuid.UUID):
    __slots__ = ()


for cls in (Tagged, Same, uuid.UUID):
    uuid.UUID = cls
    made = [f() for f in (oruuid.uuid4, oruuid.uuid7, lambda: oruuid.parse(str(oruuid.uuid4())))
            for _ in range(2000)]
    assert all(type(u) is cls for u in made), {type(u) for u in made}
    assert all(u.is_safe is uuid.SafeUUID.unknown for u in made)
    assert all(gc.is_tracked(u) for u in made)
    if cls is Tagged:
        # The extra slot is empty, not whatever the allocator left there.
        assert all(not hasattr(u, "tag") for u in made)
    ref = weakref.ref(made[0])
    del made
    gc.collect()
    assert ref() is None
print("ok")
"""


def test_results_follow_a_rebound_uuid_class():
    # uuid.UUID rebound to subclasses with and without a slot of their own: every result
    # is of the current class, its own slot empty (a body wider than int and is_safe is
    # zeroed), tracked by the GC and freed cleanly. In a child, as the reload test.
    proc = python_child("-c", REBOUND)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
