"""``oruuid.install()``: the stdlib's own ``uuid`` module made fast in place, and its undo.

What changes while installed:

- in the ``uuid`` module, ``uuid1``, ``uuid3``, ``uuid4``, ``uuid5``, ``uuid6``,
  ``uuid7`` and ``uuid8`` are oruuid's (added where the interpreter lacks them, as
  ``NIL`` and ``MAX`` are). They carry the stdlib's names (``__module__ == "uuid"``)
  and signatures, so pickles and Django migrations written meanwhile name
  ``uuid.uuid4`` and load without oruuid;
- ``uuid.UUID``'s properties (``hex``, ``bytes``, ``fields``, ``time``, ...) are native
  descriptors, and its C slots for calling the class, ``str()``, ``hash()`` and
  the comparisons point at native code (``oruuid._core.patch``). The class dict keeps
  ``__init__``, ``__str__``, ``__hash__`` and the comparison methods as they are.

Each native path serves only exact ``uuid.UUID`` objects holding a plain int, and
only while the class is as ``install()`` left it; everything else runs the
original code. Before a native path is kept, ``install()`` checks it against the
original on this interpreter (every version and variant, every constructor form),
so a stdlib whose semantics differ keeps its own code for that path. A path that
the bench measured slower than the original on this interpreter (``_SLOWER``) is
never installed there.

The time-based sequences stay strictly increasing across install() and
uninstall(): install() moves oruuid's v1, v6 and v7 sequences past the stdlib's
last values (``uuid._last_timestamp``, ``_last_timestamp_v6``,
``_last_timestamp_v7`` and ``_last_counter_v7``), which stand still while
installed, and uninstall() moves those variables past the last UUIDs oruuid made.
"""

from __future__ import annotations

import _thread
import types
import uuid as _uuid
import warnings

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at start-up, where the ORUUID_INSTALL hook runs
    from collections.abc import Callable
    from typing import Any

__all__ = ["install", "installed", "uninstall"]

_lock = _thread.allocate_lock()
_MISSING: Any = object()

# Module functions replaced by oruuid's (added where the module lacks them), and
# constants added where the module lacks them.
_FUNCTIONS = ("uuid1", "uuid3", "uuid4", "uuid5", "uuid6", "uuid7", "uuid8")
_ADDED = ("NIL", "MAX")
# The stdlib's generator state for each of oruuid's process sequences: the last
# timestamp and, for v7, the counter.
_SEQUENCES = (
    ("v1", "_last_timestamp", None),
    ("v6", "_last_timestamp_v6", None),
    ("v7", "_last_timestamp_v7", "_last_counter_v7"),
)
# Native paths that measured slower than the original on an interpreter, by
# (major, minor): left out there, so install() never slows a path down. From
# `python -m oruuid.bench --install-only`, medians on optimized builds; see the
# README's install() table.
#
# 3.14: u.node and u.time_low, a mask and a shift of self.int, cost the stdlib 36 ns,
# and the native descriptors 37 ns: median speed-ups 0.94-0.96 and 0.98-0.99 in three
# runs, "slower" by the bench's rule in one. Every other path gains 1.35x or more
# there, and these two gain 1.06-1.12x on 3.15 and 1.6x on 3.11. 3.12 and 3.13 have
# no optimized build here to measure, so they have no entry.
_SLOWER: dict[tuple[int, int], frozenset[str]] = {
    (3, 14): frozenset({"node", "time_low"}),
}


def _properties() -> tuple[str, ...]:
    """The properties served by native descriptors, as the native module lists them."""
    from ._core import patch as _patch

    return tuple(_patch.properties())


# Methods whose C slots are served natively: the name in the class dict for each slot.
_SLOTS = {
    "call": ("__init__",),
    "str": ("__str__",),
    "hash": ("__hash__",),
    "compare": ("__eq__", "__lt__", "__le__", "__gt__", "__ge__"),
}
# The native paths compute what these would; each must be the stdlib's own.
_MEMBERS = ("int", "is_safe")
# Names that must stay out of the class dict: each would change what the native
# paths stand for (how the class is called, how attributes are read, !=).
_ABSENT = ("__new__", "__ne__", "__getattribute__", "__getattr__")


class _Record:
    """What one install() changed: the previous and the new value of each name."""

    def __init__(self) -> None:
        self.module: dict[str, tuple[Any, Any]] = {}  # name -> (before, ours)
        self.uuid_class: Any = _uuid.UUID  # the class patched (a reload makes a new one)
        self.cls: dict[str, tuple[Any, Any]] = {}
        self.slots: tuple[str, ...] = ()

    def current(self) -> bool:
        """Whether the uuid module still holds what this install() put there: False once
        ``importlib.reload(uuid)`` has replaced the class and the functions."""
        if self.uuid_class is not _uuid.UUID:
            return False
        return all(
            _uuid.__dict__.get(name, _MISSING) is ours for name, (_, ours) in self.module.items()
        )


_record: _Record | None = None
# Which native paths agreed with the originals on this interpreter (checked once).
_verified: tuple[frozenset[str], frozenset[str]] | None = None


def install() -> None:
    """Make the stdlib's ``uuid`` module fast for every caller in this process.

    Replaces ``uuid.uuid1``, ``uuid3``, ``uuid4``, ``uuid5``, ``uuid6``, ``uuid7``
    and ``uuid8`` with oruuid's (adding those the interpreter lacks, and ``NIL`` and
    ``MAX``), and gives ``uuid.UUID`` native implementations of construction,
    ``str()``, ``hash()``, comparisons and its properties (``hex``, ``bytes``,
    ``bytes_le``, ``urn``, ``fields`` and each field, ``time``, ``clock_seq``,
    ``variant``, ``version``). Values, exceptions, ``repr``, pickles and subclasses
    behave exactly as before; only speed changes, and a path is never replaced on an
    interpreter where oruuid's was measured slower. Objects and functions captured
    before the call keep working.

    The replaced functions keep the stdlib's identity: ``uuid.uuid4.__module__`` is
    ``"uuid"`` and the signatures are the stdlib's, so pickles and Django migrations
    written while installed refer to ``uuid.uuid4`` and load anywhere.
    ``uuid.uuid7()`` stays strictly increasing within the process across
    ``install()`` and :func:`uninstall`: oruuid's sequence starts past the stdlib's
    last UUIDv7 (``uuid._last_timestamp_v7``), those private variables stand still
    while installed, and uninstall() moves them past oruuid's last UUID; the same
    holds for uuid1 and uuid6. One difference: ``uuid1()`` results report
    ``is_safe`` as ``SafeUUID.unknown``, since oruuid's ``uuid1`` does not use libuuid.

    Call it once at start-up, or set ``ORUUID_INSTALL=1`` in the environment to
    have it done when the interpreter starts. Idempotent and thread-safe; undo it
    with :func:`uninstall`.
    """
    global _record
    with _lock:
        if _record is not None:
            if _record.current():
                return
            _undo(_record)  # uuid was reloaded: let go of the old class, serve the new one
            _record = None
        record = _Record()
        try:
            _install_class(record)
            _install_module(record)
        except BaseException:
            _undo(record)
            raise
        _record = record


def uninstall() -> None:
    """Undo :func:`install`: put back every attribute it replaced and remove those it added.

    Each name gets back the very object it held before (identity included), unless
    something else has replaced oruuid's object since, in which case that newer
    value is left alone. Idempotent and thread-safe.
    """
    global _record
    with _lock:
        if _record is None:
            return
        _undo(_record)
        _record = None


def installed() -> bool:
    """Whether :func:`install` is in effect in this interpreter.

    False again once ``importlib.reload(uuid)`` has put the stdlib's own functions and
    a new ``UUID`` class in place; :func:`install` then installs anew."""
    record = _record
    return record is not None and record.current()


# --- the module -----------------------------------------------------------------------


def _install_module(record: _Record) -> None:
    import oruuid

    from . import _core

    ours = dict(_core.stdlib_functions)
    ours.update((name, getattr(oruuid, name)) for name in _ADDED if not hasattr(_uuid, name))
    for name, value in ours.items():
        record.module[name] = (_uuid.__dict__.get(name, _MISSING), value)
        setattr(_uuid, name, value)
    _carry_to_oruuid()


def _stdlib_position(timestamp_name: str, counter_name: str | None) -> Any:
    """The stdlib's last value of one sequence, in sequence_position's form; None if unset."""
    d = _uuid.__dict__
    ts = d.get(timestamp_name)
    if type(ts) is not int or ts < 0:
        return None
    if counter_name is None:
        return ts
    counter = d.get(counter_name)
    return (ts, counter) if type(counter) is int and counter >= 0 else None


def _carry_to_oruuid() -> None:
    """Moves oruuid's sequences past the stdlib's last UUIDs."""
    from . import _core

    for kind, ts_name, counter_name in _SEQUENCES:
        theirs = _stdlib_position(ts_name, counter_name)
        if theirs is not None:
            try:
                _core.advance_sequence(kind, theirs)
            except (ValueError, OverflowError, TypeError):
                pass  # outside the layout: nothing oruuid could follow


def _carry_to_stdlib() -> None:
    """Moves the stdlib's generator state past the last UUIDs oruuid made."""
    from . import _core

    for kind, ts_name, counter_name in _SEQUENCES:
        if ts_name not in _uuid.__dict__:
            continue  # this interpreter's stdlib has no such generator
        ours = _core.sequence_position(kind)
        if ours is None:
            continue
        theirs = _stdlib_position(ts_name, counter_name)
        if theirs is not None and theirs >= ours:
            continue
        if counter_name is None:
            setattr(_uuid, ts_name, ours)
        elif counter_name in _uuid.__dict__ and isinstance(ours, tuple):  # v7: (ms, counter)
            setattr(_uuid, ts_name, ours[0])
            setattr(_uuid, counter_name, ours[1])


# --- the class ------------------------------------------------------------------------


def _is_original(obj: Any, qualname: str) -> bool:
    return (
        isinstance(obj, types.FunctionType)
        and obj.__module__ == "uuid"
        and obj.__qualname__ == qualname
    )


def _pristine_class(cls: type) -> bool:
    """Whether the class is the stdlib's as shipped, as the native paths assume."""
    d = cls.__dict__
    if cls.__bases__ != (object,) or type(cls) is not type:
        return False
    for name in _properties():
        p = d.get(name)
        if not (isinstance(p, property) and type(p) is property and p.fset is None):
            return False
        if not _is_original(p.fget, f"UUID.{name}"):
            return False
    for names in _SLOTS.values():
        if not all(_is_original(d.get(n), f"UUID.{n}") for n in names):
            return False
    for name in _MEMBERS:
        if type(d.get(name)).__name__ != "member_descriptor":
            return False
    return not any(n in d for n in _ABSENT)


def _accepted_versions(init: Callable[..., Any]) -> int:
    """The largest v such that __init__ takes version=1..v and rejects 0 and v+1."""
    ok = []
    for v in range(17):
        try:
            init(object.__new__(_uuid.UUID), int=0, version=v)
            ok.append(v)
        except ValueError:
            pass
    top = len(ok)
    return top if ok == list(range(1, top + 1)) else 0


def _install_class(record: _Record) -> None:
    global _verified
    from ._core import patch as _patch

    cls = _uuid.UUID
    # A reloaded uuid module has a new class, which oruuid's natives do not serve.
    if _patch.bound_type() is not cls or not _pristine_class(cls):
        warnings.warn(
            "oruuid.install(): uuid.UUID is not the stdlib's as shipped; "
            "only the module's functions are replaced",
            RuntimeWarning,
            stacklevel=3,
        )
        return

    d = cls.__dict__
    init = d["__init__"]
    natives = _patch.setup(
        _uuid.__dict__,
        {name: d[name].fget for name in _properties()},
        (init.__kwdefaults__ or {}).get("is_safe", _uuid.SafeUUID.unknown),
        _accepted_versions(init),
    )
    import sys

    slower = _SLOWER.get(sys.version_info[:2], frozenset())
    props = [p for p in _properties() if p not in slower]
    slots = [s for s in _SLOTS if s not in slower]
    if _verified is not None:
        props = [p for p in props if p in _verified[0]]
        slots = [s for s in slots if s in _verified[1]]
    _apply(record, cls, natives, props, slots)
    if _verified is None:
        bad_props, bad_slots = _differences(cls, record)
        if bad_props or bad_slots:
            _undo_class(record)
            props = [p for p in props if p not in bad_props]
            slots = [s for s in slots if s not in bad_slots]
            _apply(record, cls, natives, props, slots)
        _verified = (frozenset(props), frozenset(slots))


def _apply(
    record: _Record, cls: type, natives: dict[str, Any], props: list[str], slots: list[str]
) -> None:
    from ._core import patch as _patch

    d = cls.__dict__
    for name in props:
        record.cls[name] = (d[name], natives[name])
        setattr(cls, name, natives[name])
    record.slots = tuple(s for s in slots if _patch.enable_slot(s))
    expected: dict[str, Any] = {}
    for name in (*_properties(), *_MEMBERS, *(n for s in _SLOTS.values() for n in s)):
        expected[name] = d[name]
    expected.update(dict.fromkeys(_ABSENT))
    _patch.arm(expected)


def _undo_class(record: _Record) -> None:
    from ._core import patch as _patch

    _patch.disarm()
    for slot in record.slots:
        _patch.disable_slot(slot)
    record.slots = ()
    cls = record.uuid_class
    for name, (before, ours) in record.cls.items():
        if cls.__dict__.get(name) is ours:
            setattr(cls, name, before)
    record.cls.clear()


def _undo(record: _Record) -> None:
    if record.module:
        _carry_to_stdlib()
    for name, (before, ours) in record.module.items():
        if _uuid.__dict__.get(name, _MISSING) is ours:
            if before is _MISSING:
                delattr(_uuid, name)
            else:
                setattr(_uuid, name, before)
    record.module.clear()
    if record.cls or record.slots:
        _undo_class(record)


# --- checking the native paths against the originals ------------------------------------


def _samples() -> list[Any]:
    """UUIDs of every version nibble and variant, plus NIL, MAX and random ones."""
    import random

    rng = random.Random(20240607)
    values = [0, (1 << 128) - 1]
    for version in range(16):
        for variant in (0x0, 0x8, 0xC, 0xE):
            v = rng.getrandbits(128)
            v = (v & ~(0xF << 76)) | (version << 76)
            v = (v & ~(0xF << 60)) | ((variant | rng.getrandbits(1)) << 60)
            values.append(v)
    values += [rng.getrandbits(128) for _ in range(8)]
    return [_uuid.UUID(int=v) for v in values]


def _outcome(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    try:
        r = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - comparing whatever is raised
        return ("raised", type(exc), str(exc))
    if isinstance(r, _uuid.UUID):
        return ("uuid", type(r), type(r.int), r.int, r.is_safe)
    return ("value", type(r), r)


def _constructor_calls(sample: Any) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    s = str(sample)
    forms: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((s,), {}),
        ((s.upper(),), {}),
        (("{" + s + "}",), {}),
        ((sample.hex,), {}),
        ((), {"hex": s}),
        ((), {"bytes": sample.bytes}),
        ((None, sample.bytes), {}),
        ((), {"bytes_le": sample.bytes_le}),
        ((), {"fields": sample.fields}),
        ((), {"int": sample.int}),
    ]
    versioned: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        (args, {**kw, "version": version})
        for args, kw in (forms[0], forms[5], forms[9])
        for version in (0, 1, 5, 6, 7, 8, 9, 15)
    ]
    return [*forms, *versioned, ((s,), {"is_safe": _uuid.SafeUUID.safe})]


def _differences(cls: Any, record: _Record) -> tuple[set[str], set[str]]:
    """The native properties and slots that disagree with the originals anywhere."""
    bad_props: set[str] = set()
    bad_slots: set[str] = set()
    originals = {name: before for name, (before, _) in record.cls.items()}
    d = cls.__dict__
    init = d["__init__"]

    def reference(*args: Any, **kwargs: Any) -> Any:
        obj = object.__new__(cls)
        init(obj, *args, **kwargs)
        return obj

    samples = _samples()
    for i, u in enumerate(samples):
        for name, prop in originals.items():
            if _outcome(getattr, u, name) != _outcome(prop.fget, u):
                bad_props.add(name)
        if _outcome(str, u) != _outcome(d["__str__"], u):
            bad_slots.add("str")
        if _outcome(hash, u) != _outcome(d["__hash__"], u):
            bad_slots.add("hash")
        if i % 4:  # the rest depends little on the value: a quarter of them will do
            continue
        w = samples[i - 1]
        for op, name in (
            (lambda a, b: a == b, "__eq__"),
            (lambda a, b: a < b, "__lt__"),
            (lambda a, b: a <= b, "__le__"),
            (lambda a, b: a > b, "__gt__"),
            (lambda a, b: a >= b, "__ge__"),
        ):
            for a, b in ((u, w), (u, u), (u, str(u)), (u, None)):
                want = d[name](a, b)
                got = _outcome(op, a, b)
                if want is NotImplemented:  # then == falls back to identity, < raises
                    if name == "__eq__":
                        ok = got == ("value", bool, False)
                    else:
                        ok = got[:2] == ("raised", TypeError)
                else:
                    ok = got == ("value", bool, want)
                if not ok:
                    bad_slots.add("compare")
            if (u != w) is not (u.int != w.int) or u != u:
                bad_slots.add("compare")
        for args, kwargs in _constructor_calls(u):
            if _outcome(cls, *args, **kwargs) != _outcome(reference, *args, **kwargs):
                bad_slots.add("call")
    return bad_props, bad_slots
