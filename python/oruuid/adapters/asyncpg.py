"""asyncpg: a binary ``uuid`` codec that reads exact ``uuid.UUID`` objects, made natively by oruuid.

asyncpg decodes ``uuid`` columns into its own ``asyncpg.pgproto.pgproto.UUID``, a
look-alike that orjson rejects (``TypeError: Type is not JSON serializable``) and
``type(v) is uuid.UUID`` refuses. After ``register(conn)``, the connection reads
``uuid`` values (and ``uuid[]`` elements) as exact ``uuid.UUID`` objects, built by
``oruuid.from_bytes`` from the server's 16 binary bytes::

    import asyncpg
    import oruuid.adapters.asyncpg

    conn = await asyncpg.connect(dsn)
    await oruuid.adapters.asyncpg.register(conn)

    pool = await asyncpg.create_pool(dsn, init=oruuid.adapters.asyncpg.register)

Parameters are encoded as asyncpg encodes them by default: a ``uuid.UUID`` (or
any object with a 16-byte ``.bytes``, as asyncpg's own UUID has), or a ``str`` of
32 hex digits, hyphens allowed, 32 to 36 characters in all. Anything else makes
asyncpg raise its usual ``asyncpg.exceptions.DataError`` ("invalid input for query
argument $1: ...").
"""

from __future__ import annotations

import importlib
import uuid as _uuid
from typing import Any

from oruuid import from_bytes as _from_bytes

try:
    # Imported to fail early and clearly. By name: asyncpg ships no type information.
    importlib.import_module("asyncpg")
except ImportError as _e:  # tested in a subprocess without asyncpg
    raise ImportError(
        "oruuid.adapters.asyncpg needs asyncpg, which is not installed: pip install asyncpg"
    ) from _e

__all__ = ["decode", "encode", "register"]

_HEX = frozenset("0123456789abcdefABCDEF")
_UUID = _uuid.UUID


def _from_str(text: str) -> bytes:
    """asyncpg's text rule: 32 hex digits, any hyphens, 32 to 36 characters in all."""
    if not 32 <= len(text) <= 36:
        raise ValueError(
            f"invalid UUID {text!r}: length must be between 32..36 characters, got {len(text)}"
        )
    digits = text.replace("-", "")
    if len(digits) != 32 or not _HEX.issuperset(digits):
        raise ValueError(f"invalid UUID {text!r}: expected 32 hexadecimal digits")
    return bytes.fromhex(digits)


def encode(value: _uuid.UUID | str | Any) -> bytes:
    """The 16 bytes of binary ``uuid`` that asyncpg sends for ``value``.

    ``value`` is a ``uuid.UUID``, an object with a 16-byte ``.bytes`` attribute
    (asyncpg's own UUID), or a ``str`` as asyncpg's own encoder takes it.
    Raises ``ValueError`` or ``TypeError``, which asyncpg turns into ``DataError``.
    """
    if type(value) is _UUID:
        return value.bytes
    if isinstance(value, str):
        return _from_str(value)
    try:
        data = value.bytes
    except AttributeError:
        raise TypeError(f"expected a uuid.UUID or a str, not {type(value).__name__}") from None
    if type(data) is not bytes or len(data) != 16:
        raise ValueError(f"{type(value).__name__}.bytes must be 16 bytes, not {data!r}")
    return data


#: The decoder: 16 bytes of binary ``uuid`` to an exact ``uuid.UUID`` (``oruuid.from_bytes``,
#: native, called by asyncpg with no Python frame in between).
decode = _from_bytes


async def register(conn: Any) -> None:
    """Registers oruuid's binary ``uuid`` codec on an asyncpg connection.

    A coroutine that takes the connection, so it can be a pool's ``init=``. After
    it, the connection reads ``uuid`` and ``uuid[]`` values as exact ``uuid.UUID``
    objects. It lasts as long as the connection; ``conn.reset_type_codec("uuid",
    schema="pg_catalog")`` undoes it.
    """
    await conn.set_type_codec(
        "uuid", schema="pg_catalog", encoder=encode, decoder=decode, format="binary"
    )
