"""Uses every public name of oruuid with the right types; checked with ``mypy --strict``.

    mypy --strict tests/python/typing_sample.py

It also runs (``python tests/python/typing_sample.py``), so the types it
asserts are the ones the package really returns.
"""

from __future__ import annotations

import uuid

import oruuid
from oruuid import (
    MAX,
    NAMESPACE_DNS,
    NAMESPACE_OID,
    NAMESPACE_URL,
    NAMESPACE_X500,
    NIL,
    RESERVED_FUTURE,
    RESERVED_MICROSOFT,
    RESERVED_NCS,
    RFC_4122,
    UUID,
    SafeUUID,
)


def generators() -> list[uuid.UUID]:
    made: list[UUID] = [
        oruuid.uuid1(),
        oruuid.uuid1(node=0x0102_0304_0506, clock_seq=0x1234),
        oruuid.uuid1(None, None),
        oruuid.uuid3(NAMESPACE_DNS, "python.org"),
        oruuid.uuid3(NAMESPACE_URL, b"https://python.org/"),
        oruuid.uuid3(namespace=NAMESPACE_OID, name=bytearray(b"1.3.6.1")),
        oruuid.uuid4(),
        oruuid.uuid5(NAMESPACE_X500, "cn=python"),
        oruuid.uuid5(NAMESPACE_DNS, memoryview(b"python.org")),
        oruuid.uuid6(),
        oruuid.uuid6(node=1, clock_seq=2),
        oruuid.uuid7(),
        oruuid.uuid8(),
        oruuid.uuid8(1, 2, 3),
        oruuid.uuid8(a=1),
        oruuid.uuid8(b=2, c=None),
    ]
    return made


def constructors() -> list[UUID]:
    u = oruuid.uuid4()
    fields: tuple[int, int, int, int, int, int] = u.fields
    return [
        oruuid.parse(str(u)),
        oruuid.parse(hex=u.urn),
        oruuid.from_bytes(u.bytes),
        oruuid.from_bytes(bytes=u.bytes),
        oruuid.from_bytes_le(u.bytes_le),
        oruuid.from_bytes_le(bytes_le=u.bytes_le),
        oruuid.from_fields(fields),
        oruuid.from_fields(fields=(1, 2, 3, 4, 5, 6)),
        oruuid.from_int(u.int),
        oruuid.from_int(int=0),
    ]


def constants() -> tuple[list[UUID], list[str], SafeUUID, int, str]:
    namespaces = [NAMESPACE_DNS, NAMESPACE_URL, NAMESPACE_OID, NAMESPACE_X500, NIL, MAX]
    variants: list[str] = [RESERVED_NCS, RFC_4122, RESERVED_MICROSOFT, RESERVED_FUTURE]
    node: int = oruuid.getnode()
    version: str = oruuid.__version__
    return namespaces, variants, SafeUUID.unknown, node, version


def attributes(u: UUID) -> tuple[int, bytes, str, int | None, str, SafeUUID]:
    return u.int, u.bytes, u.hex, u.version, u.variant, u.is_safe


def main() -> None:
    results = generators() + constructors()
    for u in results:
        assert type(u) is uuid.UUID
        attributes(u)
    namespaces, variants, unknown, node, version = constants()
    assert oruuid.UUID is uuid.UUID
    assert all(type(n) is uuid.UUID for n in namespaces)
    assert variants == [uuid.RESERVED_NCS, uuid.RFC_4122, uuid.RESERVED_MICROSOFT, uuid.RESERVED_FUTURE]
    assert unknown is uuid.SafeUUID.unknown
    assert 0 <= node < 1 << 48
    assert isinstance(version, str)


if __name__ == "__main__":
    main()
