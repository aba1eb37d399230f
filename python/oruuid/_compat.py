"""Exact stdlib semantics for the inputs the native fast paths leave alone.

The native functions handle the common cases (exact ``str``/``bytes``/``int``
arguments in the canonical forms) themselves and call these for the rest: odd
text, int subclasses, wrong types, out-of-range values. Each performs the same
operations, in the same order, as the running interpreter's ``uuid.UUID.__init__``
(3.14's ``uuid`` module for what earlier versions lack), so values, exception types
and messages match the stdlib's on every interpreter: down to the ``__eq__(None)``
calls of its ``count(None)`` and the form of each comparison.

The arguments are typed ``Any``: each function takes whatever the caller passed
and applies the stdlib's duck-typed operations to it, so that odd objects fail (or
succeed) exactly as they do there.
"""

from __future__ import annotations

import sys
import uuid as _uuid

from . import _core

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at import, and oruuid imports no typing
    from typing import Any

# 3.14 reorganised UUID.__init__: the range check is `0 <= int <= _UINT_128_MAX` (it
# was `int is not None` then `0 <= int < 1<<128`), bytes_le's type is asserted before
# slicing, and version= clears its bits in one mask. An int subclass or an odd
# sequence can tell the forms apart, so each interpreter's own is kept.
_PY314 = sys.version_info >= (3, 14)
_UINT_128_MAX = (1 << 128) - 1
# The built-in type, for the functions whose parameter is named ``bytes`` as in
# UUID.__init__ (whose module keeps the same alias, ``bytes_``).
_bytes_type = bytes


def _given(value: object) -> None:
    """``[hex, bytes, bytes_le, fields, int].count(None) != 4`` with one argument given.

    list.count compares each item with None by ``==`` and takes the truth of the
    result, so the argument's ``__eq__`` runs: a numpy array raises ValueError (an
    ambiguous truth value), an ``__eq__`` that raises propagates, and one that says
    True for None makes the call a TypeError, as for None itself.
    """
    if [value].count(None) != 0:
        raise TypeError("one of the hex, bytes, bytes_le, fields, or int arguments must be given")


def make(value: object) -> _uuid.UUID:
    """A UUID holding ``value`` as is, as ``UUID.__init__`` would store it."""
    # Looked up at each call, not imported once: after importlib.reload(uuid) the
    # result is the new uuid.UUID, as the stdlib's own are.
    u = object.__new__(_uuid.UUID)
    object.__setattr__(u, "int", value)
    object.__setattr__(u, "is_safe", _uuid.SafeUUID.unknown)
    return u


def _stored(value: Any) -> _uuid.UUID:
    # Exact ints are made natively; anything else is stored as is.
    return _core.from_int(value) if type(value) is int else make(value)


def _range_checked(value: Any) -> Any:
    """UUID.__init__'s check of the int it is about to store, in this interpreter's form."""
    if _PY314:
        if not 0 <= value <= _UINT_128_MAX:
            raise ValueError("int is out of range (need a 128-bit value)")
    elif value is not None and not 0 <= value < 1 << 128:
        raise ValueError("int is out of range (need a 128-bit value)")
    return value


def from_int(value: Any) -> _uuid.UUID:
    """``UUID(int=value)``."""
    _given(value)
    return _stored(_range_checked(value))


def parse(hex: Any) -> _uuid.UUID:
    """``UUID(hex)``: drops every ``urn:`` and ``uuid:``, strips braces, drops hyphens."""
    _given(hex)
    hex = hex.replace("urn:", "").replace("uuid:", "")
    hex = hex.strip("{}").replace("-", "")
    if len(hex) != 32:
        raise ValueError("badly formed hexadecimal UUID string")
    return _stored(_range_checked(int(hex, 16)))


def _bytes_int(bytes: Any) -> int:
    # The `bytes` branch of UUID.__init__, after the None check.
    if len(bytes) != 16:
        raise ValueError("bytes is not a 16-char string")
    assert isinstance(bytes, _bytes_type), repr(bytes)
    return int.from_bytes(bytes, "big")


def from_bytes(bytes: Any) -> _uuid.UUID:
    """``UUID(bytes=bytes)``."""
    _given(bytes)
    return _stored(_range_checked(_bytes_int(bytes)))


def from_bytes_le(bytes_le: Any) -> _uuid.UUID:
    """``UUID(bytes_le=bytes_le)``."""
    _given(bytes_le)
    if len(bytes_le) != 16:
        raise ValueError("bytes_le is not a 16-char string")
    if _PY314:
        # 3.14 asserts the type first and converts the slices directly.
        assert isinstance(bytes_le, _bytes_type), repr(bytes_le)
    bytes = bytes_le[4 - 1 :: -1] + bytes_le[6 - 1 : 4 - 1 : -1] + bytes_le[8 - 1 : 6 - 1 : -1]
    bytes = bytes + bytes_le[8:]
    # Earlier versions fall into the `bytes` branch: its length check and assert
    # (so a memoryview fails on `+` with TypeError, a bytearray on the assert).
    value = int.from_bytes(bytes, "big") if _PY314 else _bytes_int(bytes)
    return _stored(_range_checked(value))


def _fields_int(fields: Any) -> Any:
    if len(fields) != 6:
        raise ValueError("fields is not a 6-tuple")
    (time_low, time_mid, time_hi_version, clock_seq_hi_variant, clock_seq_low, node) = fields
    if not 0 <= time_low < 1 << 32:
        raise ValueError("field 1 out of range (need a 32-bit value)")
    if not 0 <= time_mid < 1 << 16:
        raise ValueError("field 2 out of range (need a 16-bit value)")
    if not 0 <= time_hi_version < 1 << 16:
        raise ValueError("field 3 out of range (need a 16-bit value)")
    if not 0 <= clock_seq_hi_variant < 1 << 8:
        raise ValueError("field 4 out of range (need an 8-bit value)")
    if not 0 <= clock_seq_low < 1 << 8:
        raise ValueError("field 5 out of range (need an 8-bit value)")
    if not 0 <= node < 1 << 48:
        raise ValueError("field 6 out of range (need a 48-bit value)")
    clock_seq = (clock_seq_hi_variant << 8) | clock_seq_low
    return (time_low << 96) | (time_mid << 80) | (time_hi_version << 64) | (clock_seq << 48) | node


def from_fields(fields: Any) -> _uuid.UUID:
    """``UUID(fields=fields)``."""
    _given(fields)
    return _stored(_range_checked(_fields_int(fields)))


def _set_version(value: Any, version: int) -> Any:
    """UUID.__init__'s ``version=`` step (for a version the caller knows is valid)."""
    if _PY314:
        value &= ~((0xF000 << 64) | (0xC000 << 48))
        value |= 0x8000_0000_0000_0000
        value |= version << 76
    else:
        value &= ~(0xC000 << 48)
        value |= 0x8000 << 48
        value &= ~(0xF000 << 64)
        value |= version << 76
    return value


def _from_int(value: int) -> _uuid.UUID:
    """3.14's ``UUID._from_int``: the generators' result, stored as is."""
    assert 0 <= value <= _UINT_128_MAX, repr(value)
    return _stored(value)


def _name_bytes(name: Any) -> Any:
    return bytes(name, "utf-8") if isinstance(name, str) else name


def uuid3(namespace: Any, name: Any) -> _uuid.UUID:
    """``uuid.uuid3`` as in 3.14: ``name`` is str (UTF-8) or bytes-like."""
    name = _name_bytes(name)  # before namespace.bytes, as 3.14 does
    # Imported here, not with the module: importing hashlib in a 3.12 isolated
    # sub-interpreter makes the process crash at exit (a CPython 3.12 bug; 3.13 is fine),
    # and most fallbacks (odd text, subclasses) need no hash.
    import hashlib

    digest = hashlib.md5(namespace.bytes + name, usedforsecurity=False).digest()
    return _core._with_version(digest, 3)


def uuid5(namespace: Any, name: Any) -> _uuid.UUID:
    """``uuid.uuid5`` as in 3.14: ``name`` is str (UTF-8) or bytes-like."""
    name = _name_bytes(name)
    import hashlib

    digest = hashlib.sha1(namespace.bytes + name, usedforsecurity=False).digest()
    return _core._with_version(digest[:16], 5)


# uuid1 and uuid6 with arguments that aren't plain ints take 3.14's steps in its order.
# The timestamp (and a default clock sequence) come from a native call first, where
# the stdlib reads the clock first, so the process's timestamps keep increasing.


def uuid1(node: Any, clock_seq: Any, timestamp: Any = None) -> _uuid.UUID:
    """3.14's ``uuid1(node, clock_seq)``: ``UUID(fields=..., version=1)``."""
    base = _core.uuid1(0, None if clock_seq is None else 0, timestamp=timestamp)
    ticks = base.time
    if clock_seq is None:
        clock_seq = base.clock_seq
    time_low = ticks & 0xFFFFFFFF
    time_mid = (ticks >> 32) & 0xFFFF
    time_hi_version = (ticks >> 48) & 0x0FFF
    clock_seq_low = clock_seq & 0xFF
    clock_seq_hi_variant = (clock_seq >> 8) & 0x3F
    if node is None:
        node = _core.getnode()
    # UUID(fields=..., version=1): the tuple itself is never None, nor equal to it.
    value = _fields_int(
        (time_low, time_mid, time_hi_version, clock_seq_hi_variant, clock_seq_low, node)
    )
    return _stored(_set_version(_range_checked(value), 1))


def uuid6(node: Any, clock_seq: Any, timestamp: Any = None) -> _uuid.UUID:
    """3.14's ``uuid6(node, clock_seq)``."""
    base = _core.uuid6(0, None if clock_seq is None else 0, timestamp=timestamp).int
    # Not base.time: before 3.14 that reads every version with v1's layout.
    ticks = ((base >> 80) << 12) | ((base >> 64) & 0x0FFF)
    if clock_seq is None:
        clock_seq = (base >> 48) & 0x3FFF
    time_hi_and_mid = (ticks >> 12) & 0xFFFF_FFFF_FFFF
    time_lo = ticks & 0x0FFF
    clock_s = clock_seq & 0x3FFF
    value = time_hi_and_mid << 80
    value |= time_lo << 64
    value |= clock_s << 48
    if node is None:
        node = _core.getnode()
    value |= node & 0xFFFF_FFFF_FFFF
    value |= (6 << 76) | (0x8000 << 48)
    return _from_int(value)


def uuid8(a: Any, b: Any, c: Any) -> _uuid.UUID:
    """3.14's ``uuid8(a, b, c)``; a missing part is random (from oruuid's CSPRNG)."""
    if a is None or b is None or c is None:
        rand = _core.uuid8(None, None, None).int
        if a is None:
            a = rand >> 80
        if b is None:
            b = (rand >> 64) & 0xFFF
        if c is None:
            c = rand & 0x3FFF_FFFF_FFFF_FFFF
    value = (a & 0xFFFF_FFFF_FFFF) << 80
    value |= (b & 0xFFF) << 64
    value |= c & 0x3FFF_FFFF_FFFF_FFFF
    value |= (8 << 76) | (0x8000 << 48)
    return _from_int(value)


def restore_timestamp(seconds: int, nanos: int) -> _core.Timestamp:
    """Unpickles an ``oruuid.Timestamp``."""
    return _core.Timestamp.from_unix(seconds, nanos)
