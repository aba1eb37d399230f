"""``oruuid.install()``: the stdlib's ``uuid`` module patched in place, with no change but speed.

Every patched method is compared with the original captured before ``install()``,
over hypothesis-generated UUIDs and arguments, odd ones included (an ``int`` slot
holding a float, a bool, a negative or too large number, nothing at all). Where
Python's own dispatch is involved (subclasses, reflected comparisons, the class
call), the same expressions are evaluated unpatched and patched and must agree.
Also: CPython's ``test.test_uuid`` against the patched module, install/uninstall
under threads, pickles read by a process without oruuid, Django, SQLAlchemy and
pydantic round trips, the ``ORUUID_INSTALL`` start-up hook, and changes made to
``uuid.UUID`` while patched.
"""

import copy
import decimal
import fractions
import inspect
import operator
import pathlib
import pickle
import subprocess
import sys
import threading
import uuid

import oruuid._core.patch
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oruuid
from oruuid import _core, _install
from support import django_script, needs_wheel_layout, python_child, sqlite_uuid_table

# Capture the stdlib as shipped, whatever state an ORUUID_INSTALL=1 start-up left.
oruuid.uninstall()
UUID = uuid.UUID
ORIG_CLASS = dict(vars(UUID))
ORIG_MODULE = dict(vars(uuid))
ORIG_INIT = UUID.__init__
ORIG_SIGNATURE = inspect.signature(UUID)

# The properties install() serves natively, as the native module lists them.
PROPERTIES = tuple(oruuid._core.patch.properties())
COMPARISONS = {
    "__eq__": operator.eq,
    "__lt__": operator.lt,
    "__le__": operator.le,
    "__gt__": operator.gt,
    "__ge__": operator.ge,
}
MAX128 = (1 << 128) - 1
HERE = pathlib.Path(__file__).resolve().parent


# The stdlib's own mutable state: getnode's cache and the generators' last values,
# which its uuid1, uuid6 and uuid7 write as they run (and uninstall() carries
# forward, test_sequences_increase_across_install_and_uninstall). Not something
# install() must restore.
STDLIB_CACHES = (
    "_node",
    "_last_timestamp",
    "_last_timestamp_v6",
    "_last_timestamp_v7",
    "_last_counter_v7",
)
FUNCTIONS = ("uuid1", "uuid3", "uuid4", "uuid5", "uuid6", "uuid7", "uuid8")
# Native paths install() leaves out on this interpreter, measured slower there.
SLOWER_HERE = _install._SLOWER.get(sys.version_info[:2], frozenset())


def snapshot():
    module = {k: v for k, v in vars(uuid).items() if k not in STDLIB_CACHES}
    return module, dict(vars(UUID))


@pytest.fixture(autouse=True)
def _restored():
    """Every test leaves the stdlib as it found it."""
    before = snapshot()
    yield
    oruuid.uninstall()
    assert_restored(before)


@pytest.fixture
def installed():
    oruuid.install()


def assert_restored(before):
    """uuid and uuid.UUID hold exactly the objects they held before (identity)."""
    from oruuid._core import patch as _patch

    for got, want in zip(snapshot(), before, strict=True):
        assert got.keys() == want.keys()
        for name, value in want.items():
            assert got[name] is value, name
    assert not any(_patch.slot_enabled(s) for s in ("call", "str", "hash", "compare"))
    assert not oruuid.installed()


def outcome(fn, *args, **kwargs):
    """What a call does: its result (type and value) or its exception (type and message)."""
    try:
        r = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - comparing whatever is raised
        return ("raised", type(exc), str(exc))
    if isinstance(r, UUID):
        slots = tuple(
            (type(getattr(r, s)), getattr(r, s)) if hasattr(r, s) else None
            for s in ("int", "is_safe")
        )
        return ("uuid", type(r), slots)
    return ("value", type(r), r)


def both_ways(thunks):
    """Each thunk's outcome unpatched, then patched; they must be equal."""
    oruuid.uninstall()
    before = [outcome(t) for t in thunks]
    oruuid.install()
    after = [outcome(t) for t in thunks]
    for t, b, a in zip(thunks, before, after, strict=True):
        assert a == b, getattr(t, "__name__", t)
    return after


def raw(value, is_safe=uuid.SafeUUID.unknown):
    """A UUID whose int slot holds ``value`` as is, however odd."""
    u = object.__new__(UUID)
    object.__setattr__(u, "int", value)
    object.__setattr__(u, "is_safe", is_safe)
    return u


class IntSub(int):
    """An int subclass: the stdlib keeps it as is, native paths must not take it."""


def versioned(value, version, variant):
    value = (value & ~(0xF << 76)) | (version << 76)
    return (value & ~(0xF << 60)) | (variant << 60)


uuid_ints = st.one_of(
    st.integers(0, MAX128),
    st.builds(versioned, st.integers(0, MAX128), st.integers(0, 15), st.integers(0, 15)),
    st.sampled_from([0, 1, MAX128, 1 << 127, (1 << 80) - 1, 1 << 96]),
)
odd_slots = st.sampled_from(
    [
        True,
        1.0,
        2.5,
        float("nan"),
        IntSub(12345),
        decimal.Decimal(7),
        fractions.Fraction(3, 1),
        -1,
        1 << 128,
        1 << 200,
        "0123",
        None,
        b"\x00" * 16,
    ]
)
uuids = st.one_of(
    uuid_ints.map(lambda v: UUID(int=v)),
    uuid_ints.map(raw),
    odd_slots.map(raw),
    st.builds(object.__new__, st.just(UUID)),  # no int slot at all
)


# ------------------------------------------------------------ install / uninstall


def test_install_replaces_and_adds_module_functions(installed):
    for name in FUNCTIONS:
        f = getattr(uuid, name)
        assert f is _core.stdlib_functions[name]
        # The stdlib's identity, so pickles and migrations name uuid.<name>...
        assert (f.__module__, f.__qualname__, f.__name__) == ("uuid", name, name)
        # ... and a distinct object from oruuid's own, which names oruuid.<name>.
        assert f is not getattr(oruuid, name)
        assert getattr(oruuid, name).__module__ == "oruuid"
        if name in ORIG_MODULE:  # the stdlib's parameters, no more
            assert inspect.signature(f) == inspect.signature(ORIG_MODULE[name]), name
    for name in ("NIL", "MAX"):
        if name in ORIG_MODULE:  # 3.14+: the stdlib's own stay
            assert getattr(uuid, name) is ORIG_MODULE[name]
        else:
            assert getattr(uuid, name) is getattr(oruuid, name)
    assert uuid.uuid7().version == 7
    assert uuid.NIL.int == 0
    assert uuid.MAX.int == MAX128
    assert uuid.uuid6().version == 6
    assert uuid.uuid8(1, 2, 3).version == 8


def test_installed_functions_take_the_stdlibs_arguments_only(installed):
    with pytest.raises(TypeError):
        uuid.uuid7(None)
    with pytest.raises(TypeError):
        uuid.uuid1(timestamp=None)
    with pytest.raises(TypeError):
        uuid.uuid6(1, 2, 3)
    assert uuid.uuid1(0x123456789ABC, 5).node == 0x123456789ABC
    assert uuid.uuid6(node=7, clock_seq=9).clock_seq == 9
    u = uuid.uuid5(namespace=uuid.NAMESPACE_DNS, name="python.org")
    assert str(u) == "886313e1-3b8a-5372-9b90-0c9aee199e5d"


def test_install_patches_every_property_and_slot_on_this_interpreter(installed):
    from oruuid._core import patch as _patch

    # install() keeps a native path only where it agrees with the original here, and
    # is not slower; on the interpreters this project supports every other one must.
    for name in PROPERTIES:
        kind = type(vars(UUID)[name]).__name__
        assert kind == ("property" if name in SLOWER_HERE else "getset_descriptor"), name
    for slot in ("call", "str", "hash", "compare"):
        assert _patch.slot_enabled(slot) is (slot not in SLOWER_HERE), slot


def test_slower_table_names_real_paths():
    names = set(PROPERTIES) | set(_install._SLOTS)
    for version, paths in _install._SLOWER.items():
        assert len(version) == 2
        assert version >= (3, 11)
        assert paths <= names, (version, paths - names)


def _v7_key(u):
    return (u.int >> 80, ((u.int >> 64) & 0xFFF) << 30 | ((u.int >> 32) & 0x3FFFFFFF))


def test_sequences_increase_across_install_and_uninstall():
    """uuid.uuid7() (and uuid1/uuid6 timestamps) never go back when install() comes or goes."""
    made = {"uuid7": [], "uuid6": [], "uuid1": []}
    for _ in range(3):
        for _ in range(2):
            for name, out in made.items():
                if hasattr(uuid, name):
                    out.extend(getattr(uuid, name)() for _ in range(50))
            oruuid.install()
        oruuid.uninstall()
    # The stdlib state each generator leaves; with libuuid, the stdlib's uuid1 has none.
    state = {
        "uuid1": "_last_timestamp",
        "uuid6": "_last_timestamp_v6",
        "uuid7": "_last_timestamp_v7",
    }
    if getattr(uuid, "_generate_time_safe", None) is not None:
        del state["uuid1"]
    checked = 0
    for name, out in made.items():
        if state.get(name) not in ORIG_MODULE:
            continue  # no stdlib generator to hand over to (uuid6/uuid7 before 3.14)
        keys = [u.int for u in out] if name == "uuid7" else [u.time for u in out]
        assert keys == sorted(keys), name
        assert len(set(keys)) == len(keys), name
        checked += 1
    assert checked >= (2 if sys.version_info >= (3, 14) else 0)


def test_install_carries_a_stdlib_sequence_that_ran_ahead():
    if "_last_timestamp_v7" not in ORIG_MODULE:
        pytest.skip("the stdlib has no uuid7 before 3.14")
    import time

    # The stdlib's uuid7 went 20 ms ahead of the clock (its counter overflowed, say).
    ahead = time.time_ns() // 1_000_000 + 20
    uuid._last_timestamp_v7, uuid._last_counter_v7 = ahead, 0x3FF_FFFF_0000
    last = ORIG_MODULE["uuid7"]()
    oruuid.install()
    first = uuid.uuid7()
    assert first > last
    assert _v7_key(first) > _v7_key(last)
    oruuid.uninstall()
    assert (uuid._last_timestamp_v7, uuid._last_counter_v7) == _v7_key(first)
    assert uuid.uuid7() > first


def test_install_keeps_the_class_dunders_and_signature(installed):
    for name in ("__init__", "__str__", "__repr__", "__hash__", "__eq__", "__lt__", "__getstate__"):
        assert vars(UUID)[name] is ORIG_CLASS[name]
    assert UUID.__init__ is ORIG_INIT
    assert inspect.signature(UUID) == ORIG_SIGNATURE
    assert "__ne__" not in vars(UUID)
    assert "__new__" not in vars(UUID)


def test_patch_module_before_any_install():
    """The natives answer safely in a process that never called install() (this once
    crashed: slot_enabled() read the class before setup() had recorded it)."""
    code = (
        "from oruuid._core import patch\n"
        "assert not any(patch.slot_enabled(s) for s in ('call', 'str', 'hash', 'compare'))\n"
        "patch.disable_slot('str'); patch.disarm()\n"
        "assert not patch.pristine()\n"
        "try:\n"
        "    patch.enable_slot('str')\n"
        "except ValueError:\n"
        "    print('ok')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_install_and_uninstall_are_idempotent():
    assert not oruuid.installed()
    before = snapshot()
    oruuid.uninstall()
    assert_restored(before)
    oruuid.install()
    first = dict(vars(UUID))
    oruuid.install()
    assert oruuid.installed()
    assert all(vars(UUID)[k] is v for k, v in first.items())
    oruuid.uninstall()
    oruuid.uninstall()
    assert_restored(before)
    for _ in range(3):
        oruuid.install()
        assert oruuid.installed()
        oruuid.uninstall()
        assert_restored(before)


def test_captured_references_keep_working():
    cls, gen, prop = uuid.UUID, uuid.uuid4, UUID.hex
    oruuid.install()
    native_hex = UUID.hex
    u = cls("67e55044-10b1-426f-9247-bb680e5fe0c8")
    assert type(u) is UUID
    assert gen().version == 4
    assert prop.fget(u) == u.hex
    oruuid.uninstall()
    # A native descriptor kept past uninstall() runs the original code.
    assert native_hex.__get__(u, UUID) == u.hex == "67e5504410b1426f9247bb680e5fe0c8"
    for odd in (raw(1.0), raw("x"), raw(-1), object.__new__(UUID)):
        assert outcome(native_hex.__get__, odd, UUID) == outcome(ORIG_CLASS["hex"].fget, odd)


def test_uninstall_leaves_values_replaced_since_then():
    oruuid.install()

    def mine():
        return "mine"

    uuid.uuid4 = mine
    try:
        oruuid.uninstall()
        assert uuid.uuid4 is mine
    finally:
        uuid.uuid4 = ORIG_MODULE["uuid4"]


# ------------------------------------------------------------ every patched method vs the original


@given(uuids)
def test_properties_match_the_originals(u):
    oruuid.install()
    for name in PROPERTIES:
        assert outcome(getattr, u, name) == outcome(ORIG_CLASS[name].fget, u), name


@given(uuids)
def test_str_repr_hash_int_match_the_originals(u):
    oruuid.install()
    assert outcome(str, u) == outcome(ORIG_CLASS["__str__"], u)
    assert outcome(repr, u) == outcome(ORIG_CLASS["__repr__"], u)
    assert outcome(format, u, "") == outcome(ORIG_CLASS["__str__"], u)
    assert outcome(hash, u) == outcome(ORIG_CLASS["__hash__"], u)
    assert outcome(u.__getstate__) == outcome(ORIG_CLASS["__getstate__"], u)


def expected_compare(name, a, b):
    if name == "__ne__":  # object.__ne__: the inverse of __eq__

        def ne():
            r = ORIG_CLASS["__eq__"](a, b)
            return r if r is NotImplemented else not r

        return outcome(ne)
    return outcome(ORIG_CLASS[name], a, b)


@given(uuids, uuids)
def test_comparisons_match_the_originals(a, b):
    oruuid.install()
    for x, y in ((a, b), (b, a), (a, a)):
        for name, op in {**COMPARISONS, "__ne__": operator.ne}.items():
            assert outcome(op, x, y) == expected_compare(name, x, y), name


@pytest.mark.parametrize("other", [None, "x", 5, b"x" * 16, 1.5, object()])
def test_comparisons_with_other_types_match(other):
    u = UUID(int=5)
    thunks = []
    for op in (*COMPARISONS.values(), operator.ne):
        thunks += [lambda op=op: op(u, other), lambda op=op: op(other, u)]
    both_ways(thunks)


# ------------------------------------------------------------ constructor vs the original

hex_texts = st.one_of(
    uuid_ints.map(lambda v: str(UUID(int=v))),
    uuid_ints.map(lambda v: str(UUID(int=v)).upper()),
    uuid_ints.map(lambda v: "{" + str(UUID(int=v)) + "}"),
    uuid_ints.map(lambda v: f"{v:032x}"),
    uuid_ints.map(lambda v: f"urn:uuid:{UUID(int=v)}"),
    uuid_ints.map(lambda v: f"URN:UUID:{UUID(int=v)}"),
    st.sampled_from(
        [
            "+" + "1" * 31,
            " " + "a" * 31,
            "1_" + "2" * 30,
            "\u0663" * 32,
            "{{" + "a" * 32 + "}}",
            "12345678-1234-5678-1234-5678urn:12345678",
            "12345678123456781234567812345678-",
            "-12345678-1234-5678-1234-567812345678",
            "1234567812345678123456781234567g",
            "12345678-1234-5678-1234-56781234567",
            "",
            "{" + "0" * 32,
            "0" * 31 + "\u00e9",
        ]
    ),
    st.text(alphabet="0123456789abcdefABCDEF-{}urn:id_+ ", max_size=48),
    st.text(max_size=40),
)
byte_strings = st.one_of(st.binary(min_size=16, max_size=16), st.binary(max_size=20))
field_tuples = st.one_of(
    st.tuples(
        st.integers(0, (1 << 32) - 1),
        st.integers(0, 0xFFFF),
        st.integers(0, 0xFFFF),
        st.integers(0, 0xFF),
        st.integers(0, 0xFF),
        st.integers(0, (1 << 48) - 1),
    ),
    st.lists(st.integers(-2, 1 << 49), min_size=5, max_size=7).map(tuple),
    st.lists(st.integers(0, 255), min_size=6, max_size=6),
    st.sampled_from([(1.0, 2, 3, 4, 5, 6), (True, 2, 3, 4, 5, 6), (IntSub(1), 2, 3, 4, 5, 6)]),
)
odd_values = st.sampled_from(
    [
        None,
        True,
        1.0,
        -1,
        1 << 128,
        IntSub(3),
        decimal.Decimal(5),
        bytearray(16),
        memoryview(b"a" * 16),
        "a" * 32,
        b"a" * 32,
        [1, 2, 3, 4, 5, 6],
        object(),
    ]
)
forms = st.one_of(
    hex_texts.map(lambda v: ((v,), {})),
    hex_texts.map(lambda v: ((), {"hex": v})),
    byte_strings.map(lambda v: ((), {"bytes": v})),
    byte_strings.map(lambda v: ((None, v), {})),
    byte_strings.map(lambda v: ((), {"bytes_le": v})),
    field_tuples.map(lambda v: ((), {"fields": v})),
    st.one_of(uuid_ints, st.integers(-5, 1 << 130)).map(lambda v: ((), {"int": v})),
    st.sampled_from(["hex", "bytes", "bytes_le", "fields", "int"]).flatmap(
        lambda k: odd_values.map(lambda v: ((), {k: v}))
    ),
)
versions = st.one_of(
    st.none(), st.integers(-1, 17), st.sampled_from([True, 4.0, IntSub(4), "4", decimal.Decimal(4)])
)


def stdlib_call(args, kwargs):
    """UUID(*args, **kwargs) as the unpatched class call does it."""
    obj = object.__new__(UUID)
    ORIG_INIT(obj, *args, **kwargs)
    return obj


@given(forms, versions, st.sampled_from([None, uuid.SafeUUID.safe, uuid.SafeUUID.unsafe, 3]))
def test_constructor_matches_the_original(form, version, is_safe):
    oruuid.install()
    args, kwargs = form
    kwargs = dict(kwargs)
    if version is not None:
        kwargs["version"] = version
    if is_safe is not None:
        kwargs["is_safe"] = is_safe
    assert outcome(UUID, *args, **kwargs) == outcome(stdlib_call, args, kwargs)


def test_constructor_call_errors_match():
    s = "67e55044-10b1-426f-9247-bb680e5fe0c8"
    both_ways(
        [
            lambda: UUID(),
            lambda: UUID(s, bytes=b"x" * 16),
            lambda: UUID(s, None, None, None, None, None, None),
            lambda: UUID(s, hex=s),
            lambda: UUID(s, nonsense=1),
            lambda: UUID(hex=s, is_safe=uuid.SafeUUID.safe),
            lambda: UUID(None, None, None, None, 5, 4),
            lambda: UUID(s, version=None, is_safe=uuid.SafeUUID.unknown),
            lambda: UUID(int=5, bytes=None),
            lambda: UUID(hex=None, int=None),
            lambda: UUID(*[s]),
            lambda: UUID(int=1 << 127),
        ]
    )


def test_constructor_keeps_the_callers_int():
    oruuid.install()
    big = 1 << 100
    assert UUID(int=big).int is big
    assert UUID(int=big, version=4).int == stdlib_call((), {"int": big, "version": 4}).int


# ------------------------------------------------------------ subclasses


class Upper(UUID):
    """Overrides __str__ and hex."""

    __slots__ = ()

    def __str__(self):
        return super().__str__().upper()

    @property
    def hex(self):
        return "hex:" + super().hex


class Shifted(UUID):
    """Reports int + 1, as a subclass that computes its own int would."""

    __slots__ = ()

    def __getattribute__(self, name):
        value = super().__getattribute__(name)
        return value + 1 if name == "int" else value


class Tagged(UUID):
    """Its own __init__ and a slot, calling the original constructor."""

    __slots__ = ("tag",)

    def __init__(self, *args, tag="t", **kwargs):
        super().__init__(*args, **kwargs)
        object.__setattr__(self, "tag", tag)

    def __eq__(self, other):
        return "eq from Tagged"

    __hash__ = UUID.__hash__


def observations(make):
    """Thunks observing everything about the objects ``make()`` builds."""
    thunks = [
        make,
        *(lambda name=name: getattr(make(), name) for name in (*PROPERTIES, "int", "is_safe")),
    ]
    plain = UUID(int=7)
    plain_set = {plain}  # membership: hash() and ==
    thunks += [
        lambda: str(make()),
        lambda: repr(make()),
        lambda: hash(make()),
        lambda: int(make()),
        lambda: make() == plain,
        lambda: plain == make(),
        lambda: make() != plain,
        lambda: make() < plain,
        lambda: plain < make(),
        lambda: make() >= make(),
        lambda: sorted([plain, make()]),
        lambda: make() in plain_set,
        lambda: pickle.loads(pickle.dumps(make())),
        lambda: pickle.dumps(make(), 2),
        lambda: copy.copy(make()),
        lambda: f"{make()}",
    ]
    return thunks


@pytest.mark.parametrize("cls", [Upper, Shifted, Tagged])
@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("67e55044-10b1-426f-9247-bb680e5fe0c8",), {}),
        ((), {"int": 7}),
        ((), {"bytes": bytes(range(16)), "version": 6}),
        ((), {"int": 1.0}),
        (("nonsense",), {}),
    ],
)
def test_subclasses_behave_as_before(cls, args, kwargs):
    both_ways(observations(lambda: cls(*args, **kwargs)))


def test_uuid6_package_subclass():
    uuid6 = pytest.importorskip("uuid6")
    made = [uuid6.uuid6(), uuid6.uuid7(), uuid6.uuid8(), uuid6.uuid1_to_uuid6(uuid.uuid1())]
    for u in made:
        both_ways(observations(lambda u=u: u))
    both_ways(observations(lambda: uuid6.UUID("1ec9414c-232a-6b00-b3c8-9e6bdeced846")))
    both_ways(observations(lambda: uuid6.UUID(int=(1 << 127) | 7, version=7)))
    extra = [a for a in ("subsec", "time") if hasattr(uuid6.UUID, a)]
    both_ways([lambda a=a, u=u: getattr(u, a) for a in extra for u in made])


def test_asyncpg_uuid():
    pgproto = pytest.importorskip("asyncpg.pgproto.pgproto")
    data = bytes(range(16))
    assert isinstance(pgproto.UUID(data), UUID)
    both_ways(observations(lambda: pgproto.UUID(data)))
    both_ways(observations(lambda: pgproto.UUID("67e55044-10b1-426f-9247-bb680e5fe0c8")))


# ------------------------------------------------------------ changes to the class while patched


def test_reassigned_dunders_win(installed):
    from oruuid._core import patch as _patch

    u = UUID("67e55044-10b1-426f-9247-bb680e5fe0c8")
    UUID.__str__ = lambda self: "mine"
    try:
        assert str(u) == "mine"
        assert u.urn == "urn:uuid:mine"
        assert repr(u) == "UUID('mine')"
        assert not _patch.pristine()
    finally:
        UUID.__str__ = ORIG_CLASS["__str__"]
    assert str(u) == "67e55044-10b1-426f-9247-bb680e5fe0c8"
    assert _patch.pristine()

    def init(self, *args, **kwargs):
        ORIG_INIT(self, int=42)

    UUID.__init__ = init
    try:
        assert UUID("67e55044-10b1-426f-9247-bb680e5fe0c8").int == 42
    finally:
        UUID.__init__ = ORIG_INIT
    assert UUID("67e55044-10b1-426f-9247-bb680e5fe0c8") == u

    UUID.__eq__ = lambda self, other: "eq"
    try:
        assert (u == u) == "eq"
        assert (u != u) is False
    finally:
        UUID.__eq__ = ORIG_CLASS["__eq__"]
    UUID.int = property(lambda self: 3)
    try:
        assert u.hex == f"{3:032x}"
        assert hash(u) == hash(3)
        assert str(u).endswith("03")
    finally:
        UUID.int = ORIG_CLASS["int"]
    assert u.hex == "67e5504410b1426f9247bb680e5fe0c8"
    assert _patch.pristine()


def test_edits_inside_the_original_functions_win(installed):
    """An edit inside a method or getter (its __code__, __defaults__, __kwdefaults__) turns
    that fast path off, as the stdlib would then run the edited function."""
    from oruuid._core import patch as _patch

    u = UUID("67e55044-10b1-426f-9247-bb680e5fe0c8")
    init = ORIG_CLASS["__init__"]
    saved = init.__kwdefaults__
    init.__kwdefaults__ = {"is_safe": uuid.SafeUUID.safe}
    try:
        assert UUID(str(u)).is_safe is uuid.SafeUUID.safe
        assert not _patch.pristine()
    finally:
        init.__kwdefaults__ = saved
    assert UUID(str(u)).is_safe is uuid.SafeUUID.unknown
    assert _patch.pristine()

    for name, fn in (("__str__", ORIG_CLASS["__str__"]), ("hex", ORIG_CLASS["hex"].fget)):
        code = fn.__code__
        fn.__code__ = (lambda self: "edited").__code__
        try:
            assert (str(u) if name == "__str__" else u.hex) == "edited", name
        finally:
            fn.__code__ = code
        assert str(u) == "67e55044-10b1-426f-9247-bb680e5fe0c8"
        assert _patch.pristine()

    eq = ORIG_CLASS["__eq__"]
    code = eq.__code__
    eq.__code__ = (lambda self, other: "eq").__code__
    try:
        assert (u == u) == "eq"
        assert (u == "x") == "eq"
    finally:
        eq.__code__ = code
    assert u == UUID(str(u))
    assert _patch.pristine()


def test_reassigned_module_constants_win(installed):
    u = UUID("67e55044-10b1-426f-9247-bb680e5fe0c8")
    rfc = uuid.RFC_4122
    uuid.RFC_4122 = "renamed"
    try:
        assert u.variant == "renamed"
        assert u.version == 4
        assert UUID(int=0).version is None
    finally:
        uuid.RFC_4122 = rfc
    assert u.variant is rfc


def test_fast_paths_come_back_after_the_type_cache_is_cleared(installed):
    from oruuid._core import patch as _patch

    u = uuid.uuid4()
    # 3.13 renamed it and 3.15 warns about the old name.
    (getattr(sys, "_clear_internal_caches", None) or sys._clear_type_cache)()
    assert str(u) == ORIG_CLASS["__str__"](u)
    assert _patch.pristine()


def test_install_backs_off_a_class_modified_before_it():
    UUID.__str__ = lambda self: "mine"
    try:
        with pytest.warns(RuntimeWarning, match="not the stdlib's"):
            oruuid.install()
        assert uuid.uuid4 is _core.stdlib_functions["uuid4"]
        assert type(vars(UUID)["hex"]) is property
        assert str(UUID(int=1)) == "mine"
        oruuid.uninstall()
    finally:
        UUID.__str__ = ORIG_CLASS["__str__"]


# ------------------------------------------------------------ threads


def test_install_uninstall_cycles_under_threads():
    before = snapshot()
    values = [UUID(int=v) for v in (0, 1, MAX128, 0x67E5504410B1426F9247BB680E5FE0C8, 1 << 100)]
    expected = [
        (str(u), u.hex, u.bytes, u.fields, u.version, hash(u), u.int, u.urn) for u in values
    ]
    stop = threading.Event()
    errors = []

    def reader():
        try:
            while not stop.is_set():
                for u, (s, h, b, f, v, hs, i, urn) in zip(values, expected, strict=True):
                    assert str(u) == s
                    assert u.hex == h
                    assert u.bytes == b
                    assert u.fields == f
                    assert u.version == v
                    assert hash(u) == hs
                    assert u.urn == urn
                    assert uuid.UUID(s).int == i
                    assert uuid.UUID(bytes=b) == u
                    assert (u == values[0]) is (i == 0)
                    assert not (u < u)
                    assert type(uuid.uuid4()) is UUID
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def toggler():
        try:
            for _ in range(150):
                oruuid.install()
                oruuid.uninstall()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        readers = [threading.Thread(target=reader) for _ in range(3)]
        togglers = [threading.Thread(target=toggler) for _ in range(2)]
        for t in readers + togglers:
            t.start()
        for t in togglers:
            t.join()
        stop.set()
        for t in readers:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors[0]
    oruuid.uninstall()
    assert_restored(before)


# ------------------------------------------------------------ pickles


def test_pickles_made_while_patched_are_the_stdlibs_and_load_without_oruuid(installed):
    texts = ["67e55044-10b1-426f-9247-bb680e5fe0c8", str(uuid.uuid4()), str(uuid.uuid7())]
    made = [UUID(t) for t in texts] + [
        UUID(texts[0], is_safe=uuid.SafeUUID.safe),
        UUID(bytes=bytes(range(16)), version=4),
        uuid.uuid1(),
        uuid.uuid5(uuid.NAMESPACE_URL, "x"),
    ]
    payload = {p: pickle.dumps(made, p) for p in range(pickle.HIGHEST_PROTOCOL + 1)}
    oruuid.uninstall()
    for p, data in payload.items():
        unpatched = [stdlib_call((), {"int": u.int, "is_safe": u.is_safe}) for u in made]
        assert data == pickle.dumps(unpatched, p)
    script = (
        "import pickle, sys, uuid\n"
        "for h in sys.stdin.read().split():\n"
        "    us = pickle.loads(bytes.fromhex(h))\n"
        "    assert all(type(u) is uuid.UUID for u in us)\n"
        "    print(' '.join(f'{u}/{u.is_safe.name}' for u in us))\n"
        "assert not any(m.split('.')[0] == 'oruuid' for m in sys.modules), sorted(sys.modules)\n"
    )
    proc = python_child(
        "-c", script, drop=("PYTHONPATH",), input=" ".join(d.hex() for d in payload.values())
    )
    assert proc.returncode == 0, proc.stderr
    want = " ".join(f"{u}/{u.is_safe.name}" for u in made)
    assert proc.stdout.split("\n")[:-1] == [want] * len(payload)


# ------------------------------------------------------------ libraries


def test_pydantic_round_trip(installed):
    pydantic = pytest.importorskip("pydantic")
    if not pydantic.VERSION.startswith("2."):
        pytest.skip("pydantic v2 only")

    class Model(pydantic.BaseModel):
        id: uuid.UUID
        v4: pydantic.UUID4 | None = None

    u = uuid.uuid4()
    for given_ in (u, str(u), u.hex, u.urn, str(u).upper()):
        m = Model(id=given_, v4=u)
        assert type(m.id) is UUID
        assert m.id == u
        back = Model.model_validate_json(m.model_dump_json())
        assert back == m
        assert type(back.id) is UUID
        assert m.model_dump(mode="json")["id"] == str(u)
    with pytest.raises(pydantic.ValidationError):
        Model(id="not a uuid")
    with pytest.raises(pydantic.ValidationError):
        Model(id=u, v4=uuid.uuid1())


def test_sqlalchemy_round_trip(installed):
    sa = pytest.importorskip("sqlalchemy")
    engine, things = sqlite_uuid_table(sa, sa.Column("text_id", sa.Uuid(as_uuid=False)))
    made = [uuid.uuid4(), uuid.uuid1(), uuid.uuid7(), UUID(int=0), UUID(int=MAX128)]
    with engine.begin() as conn:
        conn.execute(things.insert(), [{"id": u, "text_id": str(u)} for u in made])
    with engine.connect() as conn:
        rows = conn.execute(sa.select(things).order_by(things.c.id)).all()
    assert [r.id for r in rows] == sorted(made)
    assert all(type(r.id) is UUID and r.text_id == str(r.id) for r in rows)


@pytest.mark.slow
def test_django_round_trip():
    pytest.importorskip("django")
    code = django_script(
        "oruuid_install",
        "uuid.uuid4",
        install=True,
        body=r"""
from django import forms
from django.core.serializers.json import DjangoJSONEncoder
import json
made = [Thing.objects.create(other=u) for u in
        [uuid.uuid4(), uuid.uuid1(), uuid.UUID(int=0),
         uuid.UUID("{12345678-1234-5678-1234-567812345678}")]]
for t in made:
    got = Thing.objects.get(pk=str(t.id))
    assert type(got.id) is uuid.UUID and got.id == t.id and got.other == t.other
    assert Thing.objects.filter(other=t.other.hex).count() == 1
assert sorted(Thing.objects.values_list("id", flat=True)) == sorted(t.id for t in made)
field = forms.UUIDField()
assert field.clean(str(made[0].id).upper()) == made[0].id
json.dumps({"id": made[0].id}, cls=DjangoJSONEncoder)
assert oruuid.installed() and uuid.uuid4 is not oruuid.uuid4 and uuid.uuid4.__module__ == "uuid"
print("ok")
""",
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


# ------------------------------------------------------------ CPython's own tests


@pytest.mark.slow
def test_cpython_test_uuid_against_the_patched_module():
    probe = subprocess.run(
        [sys.executable, "-c", "import test.test_uuid"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip("this interpreter has no test.test_uuid")
    proc = python_child(str(HERE / "stdlib_uuid_runner.py"), timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ran = int(proc.stdout.rsplit("ran ", 1)[1])
    assert ran >= 25
    skipped = {
        line.split(":")[0].rsplit(".", 1)[1]
        for line in proc.stdout.splitlines()
        if line.startswith("skipped ")
    }
    # The runner's documented skips, and those CPython itself skips on some platforms.
    sys.path.insert(0, str(HERE))
    try:
        from stdlib_uuid_runner import SKIPPED as documented
    finally:
        sys.path.remove(str(HERE))
    platform = {
        "test_arp_getnode",
        "test_lanscan_getnode",
        "test_netstat_getnode",
        "test_ifconfig_getnode",
        "test_ip_getnode",
        "test_windll_getnode",
        "test_unix_getnode",
        "test_uuid1_eui64",
    }
    assert skipped <= set(documented) | platform, skipped - set(documented) - platform


# ------------------------------------------------------------ the start-up hook


def _run(code, value):
    proc = python_child("-c", code, install=value)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_pth_hook_is_installed_in_site_packages():
    import oruuid as pkg

    site = pathlib.Path(pkg.__file__).resolve().parent.parent
    hook = site / "oruuid_install.pth"
    assert hook.is_file(), sorted(p.name for p in site.glob("*.pth"))
    lines = [line for line in hook.read_text().splitlines() if line and not line.startswith("#")]
    assert len(lines) == 1
    assert lines[0].startswith("import ")
    assert str(site) in sys.path  # a site directory, whose .pth files run at start-up


@pytest.mark.parametrize("value", [None, "", "0", "yes", "true"])
def test_pth_hook_does_nothing_unless_set_to_1(value):
    out = _run("import sys; print('oruuid' in sys.modules, 'uuid' in sys.modules)", value)
    assert out == "False False"
    assert _run("import oruuid; print(oruuid.installed())", value) == "False"


@needs_wheel_layout
def test_pth_hook_installs_when_set_to_1():
    out = _run(
        "import sys; print('oruuid' in sys.modules); import uuid, oruuid; "
        "print(oruuid.installed(), uuid.uuid4 is oruuid._core.stdlib_functions['uuid4'], "
        "str(uuid.UUID(int=1))[-4:])",
        "1",
    )
    assert out.split() == ["True", "True", "True", "0001"]
