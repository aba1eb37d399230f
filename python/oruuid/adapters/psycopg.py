"""psycopg 3: ``uuid`` loaders and dumpers reading exact ``uuid.UUID`` objects, made by oruuid.

psycopg's own loaders build each value through ``uuid.UUID(...)``. After
``register()``, ``uuid`` values (and ``uuid[]`` elements, and COPY rows) are read by
``oruuid.parse`` (text results) or ``oruuid.from_bytes`` (binary results), which
give the same exact ``uuid.UUID`` objects::

    import psycopg
    import oruuid.adapters.psycopg

    oruuid.adapters.psycopg.register()        # every connection opened from now on
    oruuid.adapters.psycopg.register(conn)    # one connection (and its cursors)
    oruuid.adapters.psycopg.register(cur)     # one cursor

The dumpers send what psycopg's built-in ones send: a ``uuid.UUID`` (or a
subclass) as oid ``uuid`` (2950), 32 hex digits in text, 16 bytes in binary.
``unregister()`` puts psycopg's built-in uuid adapters back in the same scope.

Which implementation of psycopg runs matters (``psycopg.pq.__impl__``): the
pure-Python one builds each value through ``uuid.UUID(...)``, and these loaders
read faster than it does. psycopg's C implementation (``psycopg[binary]`` or
``psycopg[c]``) already makes exact ``uuid.UUID`` objects in C, faster than these
loaders, whose per-value call goes through Python (``python -m oruuid.bench
--adapters`` measured SELECT of binary uuids at 456 ns a row with psycopg's, 853 with
these). So ``register()`` leaves psycopg's C adapters in place unless asked with
``force=True``: either way, every value read is an exact ``uuid.UUID``.
"""

from __future__ import annotations

import uuid as _uuid

from oruuid import from_bytes as _from_bytes
from oruuid import parse as _parse

try:
    import psycopg as _psycopg
    from psycopg.abc import AdaptContext, Buffer
    from psycopg.adapt import Dumper, Loader
    from psycopg.pq import Format
except ImportError as _e:  # tested in a subprocess without psycopg
    raise ImportError(
        "oruuid.adapters.psycopg needs psycopg 3, which is not installed: "
        "pip install 'psycopg[binary]'"
    ) from _e

__all__ = [
    "UUIDBinaryDumper",
    "UUIDBinaryLoader",
    "UUIDDumper",
    "UUIDLoader",
    "register",
    "unregister",
]

#: The oid of PostgreSQL's ``uuid`` type (fixed: ``pg_type.dat``).
UUID_OID = 2950


class UUIDLoader(Loader):
    """Text ``uuid`` (``'67e55044-10b1-...'``) to an exact ``uuid.UUID``, by ``oruuid.parse``."""

    def load(self, data: Buffer) -> _uuid.UUID:
        # psycopg hands loaders bytes or a memoryview; str() decodes either.
        return _parse(str(data, "ascii"))


class UUIDBinaryLoader(Loader):
    """Binary ``uuid`` (16 bytes) to an exact ``uuid.UUID``, by ``oruuid.from_bytes``."""

    format = Format.BINARY

    def load(self, data: Buffer) -> _uuid.UUID:
        return _from_bytes(data if type(data) is bytes else bytes(data))


class UUIDDumper(Dumper):
    """A ``uuid.UUID`` as text ``uuid``: 32 hex digits, as psycopg's own dumper sends."""

    oid = UUID_OID

    def dump(self, obj: _uuid.UUID) -> Buffer | None:
        return b"%032x" % obj.int


class UUIDBinaryDumper(UUIDDumper):
    """A ``uuid.UUID`` as binary ``uuid``: its 16 bytes, big-endian."""

    format = Format.BINARY

    def dump(self, obj: _uuid.UUID) -> Buffer | None:
        return obj.int.to_bytes(16, "big")


def _adapters(context: AdaptContext | None) -> _psycopg.adapt.AdaptersMap:
    return _psycopg.adapters if context is None else context.adapters


def register(context: AdaptContext | None = None, *, force: bool = False) -> bool:
    """Registers oruuid's uuid loaders and dumpers, text and binary, on ``context``.

    ``context`` is a connection, a cursor, or None for ``psycopg.adapters``, the
    global map that connections copy when they open: a global registration reaches
    connections opened after it, not those already open. The dumpers are
    registered text first, as psycopg does, so ``%s`` sends binary.

    Under psycopg's C implementation, whose own uuid loaders already make exact
    ``uuid.UUID`` objects faster than these, nothing is registered unless ``force``
    is true. Returns whether oruuid's adapters were registered.
    """
    if not force and _psycopg.pq.__impl__ != "python":
        return False
    adapters = _adapters(context)
    adapters.register_dumper(_uuid.UUID, UUIDDumper)
    adapters.register_dumper(_uuid.UUID, UUIDBinaryDumper)
    adapters.register_loader(UUID_OID, UUIDLoader)
    adapters.register_loader(UUID_OID, UUIDBinaryLoader)
    return True


def unregister(context: AdaptContext | None = None) -> None:
    """Puts psycopg's built-in uuid loaders and dumpers back on ``context`` (None: globally)."""
    from psycopg.types import uuid as builtin

    adapters = _adapters(context)
    adapters.register_dumper(_uuid.UUID, builtin.UUIDDumper)
    adapters.register_dumper(_uuid.UUID, builtin.UUIDBinaryDumper)
    adapters.register_loader(UUID_OID, builtin.UUIDLoader)
    adapters.register_loader(UUID_OID, builtin.UUIDBinaryLoader)
