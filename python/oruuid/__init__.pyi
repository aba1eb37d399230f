"""Type stubs for oruuid: CPython 3.14's ``uuid`` API, returning exact ``uuid.UUID``."""

import builtins
import sys
from collections.abc import Sequence
from typing import Any, Final, Literal, SupportsIndex, overload

from uuid import RESERVED_FUTURE as RESERVED_FUTURE
from uuid import RESERVED_MICROSOFT as RESERVED_MICROSOFT
from uuid import RESERVED_NCS as RESERVED_NCS
from uuid import RFC_4122 as RFC_4122
from uuid import UUID as UUID
from uuid import SafeUUID as SafeUUID

if sys.version_info >= (3, 12):
    from collections.abc import Buffer as _Buffer
else:
    from typing_extensions import Buffer as _Buffer

__version__: Final[str]

NAMESPACE_DNS: Final[UUID]
NAMESPACE_URL: Final[UUID]
NAMESPACE_OID: Final[UUID]
NAMESPACE_X500: Final[UUID]
NIL: Final[UUID]
MAX: Final[UUID]

def getnode() -> builtins.int:
    """The 48-bit hardware address, or a random node with the multicast bit set."""

def uuid1(node: builtins.int | None = None, clock_seq: builtins.int | None = None) -> UUID:
    """A version 1 UUID from the host ID, a sequence number and the current time."""

def uuid3(namespace: UUID, name: str | _Buffer) -> UUID:
    """A version 3 UUID: MD5 of ``namespace.bytes`` and ``name`` (str as UTF-8, or bytes-like)."""

def uuid4() -> UUID:
    """A random (version 4) UUID."""

def uuid5(namespace: UUID, name: str | _Buffer) -> UUID:
    """A version 5 UUID: SHA-1 of ``namespace.bytes`` and ``name`` (str as UTF-8, or bytes-like)."""

def uuid6(node: builtins.int | None = None, clock_seq: builtins.int | None = None) -> UUID:
    """A version 6 UUID: uuid1's fields reordered so that the time sorts first."""

def uuid7() -> UUID:
    """A version 7 UUID: Unix time in ms, then a counter; increasing within the process."""

def uuid8(
    a: builtins.int | None = None,
    b: builtins.int | None = None,
    c: builtins.int | None = None,
) -> UUID:
    """A version 8 UUID from a 48-bit ``a``, a 12-bit ``b`` and a 62-bit ``c`` (random if omitted)."""

def parse(hex: str) -> UUID:
    """``uuid.UUID(hex)``."""

def from_bytes(bytes: builtins.bytes) -> UUID:
    """``uuid.UUID(bytes=bytes)``."""

def from_bytes_le(bytes_le: builtins.bytes) -> UUID:
    """``uuid.UUID(bytes_le=bytes_le)``."""

def from_fields(
    fields: tuple[builtins.int, builtins.int, builtins.int, builtins.int, builtins.int, builtins.int],
) -> UUID:
    """``uuid.UUID(fields=fields)``."""

def from_int(int: builtins.int) -> UUID:
    """``uuid.UUID(int=int)``."""

# The batch API. "numpy" and "arrow" results are numpy.ndarray and pyarrow.Array,
# typed Any so that neither optional library is needed to type-check.
_Items = Sequence[str | None] | Any

@overload
def uuid4_many(n: SupportsIndex, *, format: Literal["uuid"] = "uuid") -> list[UUID]:
    """``n`` random UUIDs as a list of UUID, str or hex, one bytes, a numpy or an Arrow array."""

@overload
def uuid4_many(n: SupportsIndex, *, format: Literal["str", "hex"]) -> list[str]: ...
@overload
def uuid4_many(n: SupportsIndex, *, format: Literal["bytes"]) -> builtins.bytes: ...
@overload
def uuid4_many(n: SupportsIndex, *, format: Literal["numpy", "arrow"]) -> Any: ...
@overload
def uuid7_many(n: SupportsIndex, *, format: Literal["uuid"] = "uuid") -> list[UUID]:
    """``n`` version 7 UUIDs, strictly increasing and continuing ``uuid7()``'s sequence."""

@overload
def uuid7_many(n: SupportsIndex, *, format: Literal["str", "hex"]) -> list[str]: ...
@overload
def uuid7_many(n: SupportsIndex, *, format: Literal["bytes"]) -> builtins.bytes: ...
@overload
def uuid7_many(n: SupportsIndex, *, format: Literal["numpy", "arrow"]) -> Any: ...
@overload
def parse_many(
    items: _Items, *, format: Literal["uuid"] = "uuid", errors: Literal["raise"] = "raise"
) -> list[UUID]:
    """Each item parsed as ``uuid.UUID(item)``, from a list, a numpy or an Arrow string array."""

@overload
def parse_many(
    items: _Items, *, format: Literal["str", "hex"], errors: Literal["raise"] = "raise"
) -> list[str]: ...
@overload
def parse_many(
    items: _Items, *, format: Literal["bytes"], errors: Literal["raise"] = "raise"
) -> builtins.bytes: ...
@overload
def parse_many(
    items: _Items, *, format: Literal["numpy"], errors: Literal["raise"] = "raise"
) -> Any: ...
@overload
def parse_many(
    items: _Items, *, format: Literal["arrow"], errors: Literal["raise", "null"] = "raise"
) -> Any: ...
@overload
def format_many(data: _Buffer, *, format: Literal["str", "hex"] = "str") -> list[str]:
    """The text of 16-byte UUIDs from bytes, a numpy V16/S16 or an Arrow uuid array."""

@overload
def format_many(data: Any, *, format: Literal["str", "hex"] = "str") -> list[str | None]: ...
@overload
def format_many(data: Any, *, format: Literal["arrow"]) -> Any: ...

__all__ = [
    "MAX",
    "NAMESPACE_DNS",
    "NAMESPACE_OID",
    "NAMESPACE_URL",
    "NAMESPACE_X500",
    "NIL",
    "RESERVED_FUTURE",
    "RESERVED_MICROSOFT",
    "RESERVED_NCS",
    "RFC_4122",
    "SafeUUID",
    "UUID",
    "format_many",
    "from_bytes",
    "from_bytes_le",
    "from_fields",
    "from_int",
    "getnode",
    "parse",
    "parse_many",
    "uuid1",
    "uuid3",
    "uuid4",
    "uuid4_many",
    "uuid5",
    "uuid6",
    "uuid7",
    "uuid7_many",
    "uuid8",
]
