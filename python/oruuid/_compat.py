"""Exact stdlib semantics for the inputs the native fast paths leave alone.

The native functions handle the common cases (exact ``str``/``bytes``/``int``
arguments in the canonical forms) themselves and call these for the rest: odd
text, int subclasses, wrong types, out-of-range values. Each performs the same
operations, in the same order, as CPython 3.14's ``uuid`` module, so values,
exception types and messages match the stdlib's on every interpreter.
"""

import hashlib
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


def from_bytes_le(bytes_le):
    """``UUID(bytes_le=bytes_le)``."""
    _given(bytes_le)
    if len(bytes_le) != 16:
        raise ValueError("bytes_le is not a 16-char string")
    bytes = bytes_le[4 - 1 :: -1] + bytes_le[6 - 1 : 4 - 1 : -1] + bytes_le[8 - 1 : 6 - 1 : -1]
    return from_bytes(bytes + bytes_le[8:])


def from_fields(fields):
    """``UUID(fields=fields)``."""
    _given(fields)
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
    value = (time_low << 96) | (time_mid << 80) | (time_hi_version << 64) | (clock_seq << 48) | node
    return from_int(value)


def _name_bytes(name):
    return bytes(name, "utf-8") if isinstance(name, str) else name


def uuid3(namespace, name):
    """``uuid.uuid3`` as in 3.14: ``name`` is str (UTF-8) or bytes-like."""
    data = namespace.bytes + _name_bytes(name)
    digest = hashlib.md5(data, usedforsecurity=False).digest()
    return _core._with_version(digest, 3)


def uuid5(namespace, name):
    """``uuid.uuid5`` as in 3.14: ``name`` is str (UTF-8) or bytes-like."""
    data = namespace.bytes + _name_bytes(name)
    digest = hashlib.sha1(data, usedforsecurity=False).digest()
    return _core._with_version(digest[:16], 5)


def uuid1(node, clock_seq, timestamp=None):
    """Validates ``uuid1``'s arguments as the stdlib's fields check does."""
    if clock_seq is not None:
        clock_seq = ((clock_seq >> 8) & 0x3F) << 8 | (clock_seq & 0xFF)
    if node is not None:
        if not 0 <= node < 1 << 48:
            raise ValueError("field 6 out of range (need a 48-bit value)")
        node = 0 | node
    return _core.uuid1(
        None if node is None else int(node),
        None if clock_seq is None else int(clock_seq),
        timestamp=timestamp,
    )


def uuid6(node, clock_seq, timestamp=None):
    """Masks ``uuid6``'s arguments as 3.14 does."""
    if clock_seq is not None:
        clock_seq = int(clock_seq & 0x3FFF)
    if node is not None:
        node = int(node & 0xFFFF_FFFF_FFFF)
    return _core.uuid6(node, clock_seq, timestamp=timestamp)


def uuid8(a, b, c):
    """Masks ``uuid8``'s parts as 3.14 does."""
    a = None if a is None else int(a & 0xFFFF_FFFF_FFFF)
    b = None if b is None else int(b & 0xFFF)
    c = None if c is None else int(c & 0x3FFF_FFFF_FFFF_FFFF)
    return _core.uuid8(a, b, c)


def restore_timestamp(seconds, nanos):
    """Unpickles an ``oruuid.Timestamp``."""
    return _core.Timestamp.from_unix(seconds, nanos)
