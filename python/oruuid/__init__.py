"""oruuid: the stdlib's uuid module, at native speed.

Every function here mirrors CPython 3.14's ``uuid`` module and returns an exact
``uuid.UUID`` (``type(u) is uuid.UUID``), made natively without running
``UUID.__init__``, so orjson, Django, pydantic and pickle see a plain stdlib UUID.

    >>> import oruuid as uuid
    >>> u = uuid.uuid7()
    >>> type(u) is __import__("uuid").UUID
    True
"""

import uuid as _uuid
from uuid import (
    RESERVED_FUTURE,
    RESERVED_MICROSOFT,
    RESERVED_NCS,
    RFC_4122,
    UUID,
    SafeUUID,
)

from ._batch import format_many, parse_many, uuid4_many, uuid7_many
from ._core import (
    ContextV7,
    Timestamp,
    decode,
    encode,
    from_bytes,
    from_bytes_le,
    from_fields,
    from_int,
    from_ulid,
    getnode,
    parse,
    to_ulid,
    uuid1,
    uuid1_to_uuid6,
    uuid3,
    uuid4,
    uuid5,
    uuid6,
    uuid6_to_uuid1,
    uuid7,
    uuid7_max,
    uuid7_min,
    uuid8,
)
from ._core import __version__ as __version__
from ._install import install, installed, uninstall

#: Name-space id for fully qualified domain names (the stdlib's own object).
NAMESPACE_DNS = _uuid.NAMESPACE_DNS
#: Name-space id for URLs.
NAMESPACE_URL = _uuid.NAMESPACE_URL
#: Name-space id for ISO OIDs.
NAMESPACE_OID = _uuid.NAMESPACE_OID
#: Name-space id for X.500 DNs.
NAMESPACE_X500 = _uuid.NAMESPACE_X500
#: The nil UUID, all 128 bits zero (RFC 9562 §5.9).
NIL = getattr(_uuid, "NIL", None) or from_int(0)
#: The max UUID, all 128 bits one (RFC 9562 §5.10).
MAX = getattr(_uuid, "MAX", None) or from_int((1 << 128) - 1)

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

# Public names report the package, not the private module that defines them, so
# that pickles, Django migrations and reprs say oruuid.uuid7. (The native functions
# and the immutable types Timestamp and ContextV7 are made with __module__ "oruuid" already.)
for _obj in (format_many, parse_many, uuid4_many, uuid7_many, install, installed, uninstall):
    _obj.__module__ = __name__
del _obj
