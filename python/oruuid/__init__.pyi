"""Type stubs for oruuid: CPython 3.14's ``uuid`` API, returning exact ``uuid.UUID``."""

import builtins
import datetime
import sys
from collections.abc import Iterable, Sequence
from typing import Any, Final, Literal, TypeVar, final, overload
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

from _typeshed import WriteableBuffer as _WriteableBuffer

__version__: Final[str]

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
    "UUID",
    "ContextV7",
    "SafeUUID",
    "Timestamp",
    "decode",
    "encode",
    "format_many",
    "from_bytes",
    "from_bytes_le",
    "from_fields",
    "from_int",
    "from_ulid",
    "getnode",
    "install",
    "installed",
    "parse",
    "parse_many",
    "to_ulid",
    "uninstall",
    "uuid1",
    "uuid1_to_uuid6",
    "uuid3",
    "uuid4",
    "uuid4_many",
    "uuid5",
    "uuid6",
    "uuid6_to_uuid1",
    "uuid7",
    "uuid7_many",
    "uuid7_max",
    "uuid7_min",
    "uuid8",
]

NAMESPACE_DNS: Final[UUID]
NAMESPACE_URL: Final[UUID]
NAMESPACE_OID: Final[UUID]
NAMESPACE_X500: Final[UUID]
NIL: Final[UUID]
MAX: Final[UUID]

# ---------------------------------------------------------------- time

@final
class Timestamp:
    """An instant: whole seconds since the Unix epoch and nanoseconds within the second.

    Seconds lie in [-2**39, 2**39) (years -15452 to 19391), where unix_ms and
    gregorian_ticks are exact; a constructor raises ValueError outside it.
    """

    @classmethod
    def now(cls) -> Timestamp: ...
    @classmethod
    def from_unix(cls, seconds: builtins.int, nanos: builtins.int = 0) -> Timestamp: ...
    @classmethod
    def from_unix_ms(cls, ms: builtins.int) -> Timestamp: ...
    @classmethod
    def from_datetime(cls, dt: datetime.datetime) -> Timestamp: ...
    @classmethod
    def from_gregorian(cls, ticks: builtins.int) -> Timestamp: ...
    @classmethod
    def from_uuid(cls, u: UUID) -> Timestamp: ...
    @property
    def seconds(self) -> builtins.int: ...
    @property
    def nanos(self) -> builtins.int: ...
    @property
    def unix_ms(self) -> builtins.int: ...
    @property
    def gregorian_ticks(self) -> builtins.int: ...
    def to_datetime(self) -> datetime.datetime: ...
    def __eq__(self, other: object, /) -> builtins.bool: ...
    def __ne__(self, other: object, /) -> builtins.bool: ...
    def __lt__(self, other: Timestamp, /) -> builtins.bool: ...
    def __le__(self, other: Timestamp, /) -> builtins.bool: ...
    def __gt__(self, other: Timestamp, /) -> builtins.bool: ...
    def __ge__(self, other: Timestamp, /) -> builtins.bool: ...
    def __hash__(self) -> builtins.int: ...

_TimeArg = Timestamp | datetime.datetime

@final
class ContextV7:
    """An independent monotonic UUIDv7 sequence (RFC 9562 §6.2)."""

    def __init__(
        self, *, additional_precision: builtins.bool = False, adjust_by_millis: builtins.int = 0
    ) -> None: ...
    def uuid7(self, timestamp: _TimeArg | None = None) -> UUID: ...
    @property
    def additional_precision(self) -> builtins.bool: ...
    @property
    def adjust_by_millis(self) -> builtins.int: ...

# ---------------------------------------------------------------- the stdlib's functions

def getnode() -> builtins.int:
    """The 48-bit hardware address, or a random node with the multicast bit set."""

def uuid1(
    node: builtins.int | Literal["random"] | None = None,
    clock_seq: builtins.int | None = None,
    *,
    timestamp: _TimeArg | None = None,
) -> UUID:
    """A version 1 UUID from the host ID, a sequence number and the current time."""

def uuid3(namespace: UUID, name: str | _Buffer) -> UUID:
    """A version 3 UUID: MD5 of ``namespace.bytes`` and ``name`` (str as UTF-8, or bytes-like)."""

def uuid4() -> UUID:
    """A random (version 4) UUID."""

def uuid5(namespace: UUID, name: str | _Buffer) -> UUID:
    """A version 5 UUID: SHA-1 of ``namespace.bytes`` and ``name`` (str as UTF-8, or bytes-like)."""

def uuid6(
    node: builtins.int | Literal["random"] | None = None,
    clock_seq: builtins.int | None = None,
    *,
    timestamp: _TimeArg | None = None,
) -> UUID:
    """A version 6 UUID: uuid1's fields reordered so that the time sorts first."""

def uuid7(timestamp: _TimeArg | None = None, *, context: ContextV7 | None = None) -> UUID:
    """A version 7 UUID: Unix time in ms, then a counter; increasing within the process."""

def uuid8(
    a: builtins.int | None = None,
    b: builtins.int | None = None,
    c: builtins.int | None = None,
) -> UUID:
    """A version 8 UUID from a 48-bit ``a``, 12-bit ``b`` and 62-bit ``c`` (random if omitted)."""

# ---------------------------------------------------------------- fast constructors

def parse(hex: str, /) -> UUID:
    """``uuid.UUID(hex)``."""

def from_bytes(bytes: builtins.bytes, /) -> UUID:
    """``uuid.UUID(bytes=bytes)``."""

def from_bytes_le(bytes_le: builtins.bytes, /) -> UUID:
    """``uuid.UUID(bytes_le=bytes_le)``."""

def from_fields(
    fields: tuple[
        builtins.int, builtins.int, builtins.int, builtins.int, builtins.int, builtins.int
    ],
) -> UUID:
    """``uuid.UUID(fields=fields)``."""

def from_int(int: builtins.int, /) -> UUID:
    """``uuid.UUID(int=int)``."""

# ---------------------------------------------------------------- ranges, conversions, short text

_Alphabet = Literal["base32", "base58", "base64url"]

def uuid7_min(at: _TimeArg) -> UUID:
    """The smallest UUIDv7 of the millisecond of ``at``: every bit after the timestamp 0."""

def uuid7_max(at: _TimeArg) -> UUID:
    """The largest UUIDv7 of the millisecond of ``at``: every bit after the timestamp 1."""

def uuid1_to_uuid6(u: UUID, /) -> UUID:
    """The UUIDv6 with the timestamp, clock sequence and node of the UUIDv1 ``u``."""

def uuid6_to_uuid1(u: UUID, /) -> UUID:
    """The UUIDv1 with the timestamp, clock sequence and node of the UUIDv6 ``u``."""

def to_ulid(u: UUID, /) -> str:
    """The 26-character ULID text (Crockford base32) of the 128 bits of ``u``."""

def from_ulid(text: str, *, version: Literal[7] | None = None) -> UUID:
    """The UUID holding a ULID's 128 bits; ``version=7`` sets the version and variant bits."""

def encode(u: UUID, alphabet: _Alphabet) -> str:
    """A fixed-length short text of ``u``: base32 (26), base58 (22) or base64url (22)."""

def decode(text: str, alphabet: _Alphabet) -> UUID:
    """The UUID of a text made by :func:`encode` with that alphabet."""

# ---------------------------------------------------------------- batches
# "numpy" and "arrow" results are numpy and pyarrow arrays (optional dependencies): Any.

_ListFormat = Literal["str", "hex"]
_ArrayFormat = Literal["numpy", "arrow"]

# out=: a writable C-contiguous buffer of 16 bytes per UUID (bytearray, memoryview, numpy
# V16/S16 or uint8 (n, 16)), filled and returned; n then defaults to its size / 16.
_Out = TypeVar("_Out", bound=_WriteableBuffer)
# timestamps=: an Arrow timestamp array, a numpy datetime64 array, a Polars Series, or a
# sequence of Timestamp / aware datetime (None: a null). naive="utc" accepts naive ones.
_Timestamps = Sequence[_TimeArg | None] | Iterable[_TimeArg | None] | Any
_Naive = Literal["raise", "utc"]

@overload
def uuid4_many(
    n: builtins.int, *, format: Literal["uuid"] = "uuid", out: None = None
) -> list[UUID]: ...
@overload
def uuid4_many(n: builtins.int, *, format: _ListFormat, out: None = None) -> list[str]: ...
@overload
def uuid4_many(
    n: builtins.int, *, format: Literal["bytes"], out: None = None
) -> builtins.bytes: ...
@overload
def uuid4_many(n: builtins.int, *, format: _ArrayFormat, out: None = None) -> Any: ...
@overload
def uuid4_many(
    n: builtins.int | None = None, *, format: Literal["uuid"] = "uuid", out: _Out
) -> _Out: ...
@overload
def uuid7_many(
    n: builtins.int,
    *,
    format: Literal["uuid"] = "uuid",
    out: None = None,
    timestamps: None = None,
    context: ContextV7 | None = None,
    naive: _Naive = "raise",
) -> list[UUID]: ...
@overload
def uuid7_many(
    n: builtins.int,
    *,
    format: _ListFormat,
    out: None = None,
    timestamps: None = None,
    context: ContextV7 | None = None,
    naive: _Naive = "raise",
) -> list[str]: ...
@overload
def uuid7_many(
    n: builtins.int,
    *,
    format: Literal["bytes"],
    out: None = None,
    timestamps: None = None,
    context: ContextV7 | None = None,
    naive: _Naive = "raise",
) -> builtins.bytes: ...
@overload
def uuid7_many(
    n: builtins.int,
    *,
    format: _ArrayFormat,
    out: None = None,
    timestamps: None = None,
    context: ContextV7 | None = None,
    naive: _Naive = "raise",
) -> Any: ...
@overload
def uuid7_many(
    n: builtins.int | None = None,
    *,
    format: Literal["uuid"] = "uuid",
    out: _Out,
    timestamps: _Timestamps | None = None,
    context: ContextV7 | None = None,
    naive: _Naive = "raise",
) -> _Out: ...
@overload
def uuid7_many(
    n: builtins.int | None = None,
    *,
    format: Literal["uuid"] = "uuid",
    out: None = None,
    timestamps: _Timestamps,
    context: ContextV7 | None = None,
    naive: _Naive = "raise",
) -> list[UUID | None]: ...
@overload
def uuid7_many(
    n: builtins.int | None = None,
    *,
    format: _ListFormat,
    out: None = None,
    timestamps: _Timestamps,
    context: ContextV7 | None = None,
    naive: _Naive = "raise",
) -> list[str | None]: ...
@overload
def uuid7_many(
    n: builtins.int | None = None,
    *,
    format: Literal["bytes"],
    out: None = None,
    timestamps: _Timestamps,
    context: ContextV7 | None = None,
    naive: _Naive = "raise",
) -> builtins.bytes: ...
@overload
def uuid7_many(
    n: builtins.int | None = None,
    *,
    format: _ArrayFormat,
    out: None = None,
    timestamps: _Timestamps,
    context: ContextV7 | None = None,
    naive: _Naive = "raise",
) -> Any: ...

# items: a list or tuple of str (None allowed with format="arrow"), a numpy array or a
# pyarrow string array. alphabet: None for uuid.UUID's text, else encode()'s.
@overload
def parse_many(
    items: Sequence[str | None] | Any,
    *,
    format: Literal["uuid"] = "uuid",
    errors: Literal["raise"] = "raise",
    alphabet: _Alphabet | None = None,
    out: None = None,
) -> list[UUID]: ...
@overload
def parse_many(
    items: Sequence[str | None] | Any,
    *,
    format: _ListFormat,
    errors: Literal["raise"] = "raise",
    alphabet: _Alphabet | None = None,
    out: None = None,
) -> list[str]: ...
@overload
def parse_many(
    items: Sequence[str | None] | Any,
    *,
    format: Literal["bytes"],
    errors: Literal["raise"] = "raise",
    alphabet: _Alphabet | None = None,
    out: None = None,
) -> builtins.bytes: ...
@overload
def parse_many(
    items: Sequence[str | None] | Any,
    *,
    format: Literal["numpy"],
    errors: Literal["raise"] = "raise",
    alphabet: _Alphabet | None = None,
    out: None = None,
) -> Any: ...
@overload
def parse_many(
    items: Sequence[str | None] | Any,
    *,
    format: Literal["arrow"],
    errors: Literal["raise", "null"] = "raise",
    alphabet: _Alphabet | None = None,
    out: None = None,
) -> Any: ...
@overload
def parse_many(
    items: Sequence[str | None] | Any,
    *,
    format: Literal["uuid"] = "uuid",
    errors: Literal["raise"] = "raise",
    alphabet: _Alphabet | None = None,
    out: _Out,
) -> _Out: ...

# data: 16 bytes per UUID, as a bytes-like object, a numpy V16/S16 array or a pyarrow
# uuid / fixed_size_binary(16) array, or a pyarrow string array of UUID text.
# alphabet: None for the canonical text, else encode()'s (not with format="hex").
@overload
def format_many(
    data: _Buffer, *, format: _ListFormat = "str", alphabet: _Alphabet | None = None
) -> list[str]: ...
@overload
def format_many(
    data: Any, *, format: _ListFormat = "str", alphabet: _Alphabet | None = None
) -> list[str | None]: ...
@overload
def format_many(
    data: Any, *, format: Literal["arrow"], alphabet: _Alphabet | None = None
) -> Any: ...

# ---------------------------------------------------------------- install

def install() -> None:
    """Make the stdlib's ``uuid`` module fast in place, for every caller in the process."""

def uninstall() -> None:
    """Undo :func:`install`."""

def installed() -> builtins.bool:
    """Whether :func:`install` is in effect."""
