"""The stdlib's side of the text rows: ``uuid7_min``, ULID, base58 and base64url written
in plain Python on ``uuid.UUID``, as a caller without oruuid would write them."""

from __future__ import annotations

import base64
import datetime
import uuid as _uuid

__all__ = [
    "py_base58",
    "py_base64url",
    "py_from_base58",
    "py_from_base64url",
    "py_from_ulid",
    "py_to_ulid",
    "py_uuid7_min",
]

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_MS = datetime.timedelta(milliseconds=1)


def py_uuid7_min(at: datetime.datetime) -> _uuid.UUID:
    """uuid7_min as plain Python: the millisecond, then version 7 and the RFC variant."""
    return _uuid.UUID(int=((at - _EPOCH) // _MS) << 80 | 0x7 << 76 | 0x2 << 62)


def py_to_ulid(u: _uuid.UUID) -> str:
    n = u.int
    return "".join([_CROCKFORD[(n >> s) & 31] for s in range(125, -5, -5)])


def py_from_ulid(text: str) -> _uuid.UUID:
    n = 0
    for c in text.upper():
        n = n << 5 | _CROCKFORD.index(c)
    return _uuid.UUID(int=n)


def py_base58(u: _uuid.UUID) -> str:
    n, out = u.int, []
    for _ in range(22):
        n, r = divmod(n, 58)
        out.append(_BASE58[r])
    return "".join(reversed(out))


def py_from_base58(text: str) -> _uuid.UUID:
    n = 0
    for c in text:
        n = n * 58 + _BASE58.index(c)
    return _uuid.UUID(int=n)


def py_base64url(u: _uuid.UUID) -> str:
    return base64.urlsafe_b64encode(u.bytes).rstrip(b"=").decode()


def py_from_base64url(text: str) -> _uuid.UUID:
    return _uuid.UUID(bytes=base64.urlsafe_b64decode(text + "=="))
