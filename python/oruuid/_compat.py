"""Exact stdlib semantics for the inputs the native fast paths leave alone.

The native functions handle the common cases (exact ``str``/``bytes``/``int``
arguments in the canonical forms) themselves and call these for the rest: odd
text, int subclasses, wrong types, out-of-range values. Each performs the same
operations, in the same order, as CPython 3.14's ``uuid`` module, so values,
exception types and messages match the stdlib's on every interpreter.
"""

import hashlib
import sys
from uuid import UUID, SafeUUID

from . import _core


def _given(value):
    # UUID(hex=None) and friends mean "not given", and then nothing is.
    if value is None:
        raise TypeError("one of the hex, bytes, bytes_le, fields, or int arguments must be given")


def make(value):
    """A UUID holding ``value`` as is, as ``UUID.__init__`` would store it."""
    u = object.__new__(UUID)
    object.__setattr__(u, "int", value)
    object.__setattr__(u, "is_safe", SafeUUID.unknown)
    return u


def from_int(value):
    """``UUID(int=value)``."""
    _given(value)
    if not 0 <= value < 1 << 128:
        raise ValueError("int is out of range (need a 128-bit value)")
    return _core.from_int(value) if type(value) is int else make(value)


def parse(hex):
    """``UUID(hex)``: drops every ``urn:`` and ``uuid:``, strips braces, drops hyphens."""
    _given(hex)
    hex = hex.replace("urn:", "").replace("uuid:", "")
    hex = hex.strip("{}").replace("-", "")
    if len(hex) != 32:
        raise ValueError("badly formed hexadecimal UUID string")
    return from_int(int(hex, 16))


def from_bytes(bytes):
    """``UUID(bytes=bytes)``."""
    _given(bytes)
    if len(bytes) != 16:
        raise ValueError("bytes is not a 16-char string")
    assert isinstance(bytes, type(b"")), repr(bytes)
    return from_int(int.from_bytes(bytes, "big"))


# 3.14 checks bytes_le's type before slicing it; earlier versions slice first, so a
# memoryview fails on `+` with TypeError. Each interpreter's own order is kept.
_ASSERT_BYTES_LE_FIRST = sys.version_info >= (3, 14)


def from_bytes_le(bytes_le):
    """``UUID(bytes_le=bytes_le)``."""
    _given(bytes_le)
    if len(bytes_le) != 16:
        raise ValueError("bytes_le is not a 16-char string")
    if _ASSERT_BYTES_LE_FIRST:
        assert isinstance(bytes_le, type(b"")), repr(bytes_le)
    bytes = bytes_le[4 - 1 :: -1] + bytes_le[6 - 1 : 4 - 1 : -1] + bytes_le[8 - 1 : 6 - 1 : -1]
    return from_bytes(bytes + bytes_le[8:])


def _fields_int(fields):
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


def from_fields(fields):
    """``UUID(fields=fields)``."""
    _given(fields)
    return from_int(_fields_int(fields))


def _from_int(value):
    """3.14's ``UUID._from_int``: the generators' result, stored as is."""
    assert 0 <= value < 1 << 128, repr(value)
    return _core.from_int(value) if type(value) is int else make(value)


def _name_bytes(name):
    return bytes(name, "utf-8") if isinstance(name, str) else name


def uuid3(namespace, name):
    """``uuid.uuid3`` as in 3.14: ``name`` is str (UTF-8) or bytes-like."""
    name = _name_bytes(name)  # before namespace.bytes, as 3.14 does
    digest = hashlib.md5(namespace.bytes + name, usedforsecurity=False).digest()
    return _core._with_version(digest, 3)


def uuid5(namespace, name):
    """``uuid.uuid5`` as in 3.14: ``name`` is str (UTF-8) or bytes-like."""
    name = _name_bytes(name)
    digest = hashlib.sha1(namespace.bytes + name, usedforsecurity=False).digest()
    return _core._with_version(digest[:16], 5)


# uuid1 and uuid6 with arguments that aren't plain ints take 3.14's steps in its order.
# The timestamp (and a default clock sequence) come from a native call first, where
# the stdlib reads the clock first, so the process's timestamps keep increasing.


def uuid1(node, clock_seq, timestamp=None):
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
    value = _fields_int(
        (time_low, time_mid, time_hi_version, clock_seq_hi_variant, clock_seq_low, node)
    )
    if not 0 <= value < 1 << 128:
        raise ValueError("int is out of range (need a 128-bit value)")
    value &= ~(0xC000 << 48)
    value |= 0x8000 << 48
    value &= ~(0xF000 << 64)
    value |= 1 << 76
    return _core.from_int(value) if type(value) is int else make(value)


def uuid6(node, clock_seq, timestamp=None):
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


def uuid8(a, b, c):
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


def restore_timestamp(seconds, nanos):
    """Unpickles an ``oruuid.Timestamp``."""
    return _core.Timestamp.from_unix(seconds, nanos)
