"""Uses every public name of oruuid with the right types; checked with ``mypy --strict``.

    mypy --strict tests/python/typing_sample.py

It also runs (``python tests/python/typing_sample.py``), so the types it
asserts are the ones the package really returns.
"""

from __future__ import annotations

import datetime
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
    ContextV7,
    SafeUUID,
    Timestamp,
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
        oruuid.uuid7(Timestamp.now()),
        oruuid.uuid7(datetime.datetime.now(datetime.UTC)),
        oruuid.uuid7(context=ContextV7()),
        oruuid.uuid1(timestamp=Timestamp.from_unix(1_700_000_000, 5)),
        oruuid.uuid6(0, 0, timestamp=Timestamp.from_unix_ms(1_700_000_000_000)),
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
        oruuid.parse(u.urn),
        oruuid.from_bytes(u.bytes),
        oruuid.from_bytes_le(u.bytes_le),
        oruuid.from_fields(fields),
        oruuid.from_fields(fields=(1, 2, 3, 4, 5, 6)),
        oruuid.from_int(u.int),
        oruuid.from_int(0),
    ]


def time_types() -> list[UUID]:
    now = Timestamp.now()
    stamps: list[Timestamp] = [
        now,
        Timestamp.from_unix(1_700_000_000),
        Timestamp.from_unix(seconds=1_700_000_000, nanos=999),
        Timestamp.from_unix_ms(1_700_000_000_123),
        Timestamp.from_datetime(datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)),
        Timestamp.from_gregorian(0x01B21DD213814000),
    ]
    assert all(isinstance(t.seconds + t.nanos + t.unix_ms + t.gregorian_ticks, int) for t in stamps)
    assert stamps[1] < stamps[2]
    assert stamps[1] != stamps[2]
    assert hash(now) == hash(now)
    when: datetime.datetime = now.to_datetime()
    assert when.tzinfo is not None
    ctx = ContextV7(additional_precision=True, adjust_by_millis=0)
    precise: bool = ctx.additional_precision
    adjust: int = ctx.adjust_by_millis
    assert precise
    assert adjust == 0
    made = [ctx.uuid7(), ctx.uuid7(now), ctx.uuid7(when), oruuid.uuid7(now, context=ctx)]
    assert Timestamp.from_uuid(made[0]).unix_ms >= 0
    return made


def batches() -> tuple[list[UUID], list[str], bytes, list[str], list[str], list[UUID]]:
    us: list[UUID] = oruuid.uuid4_many(3)
    sevens: list[str] = oruuid.uuid7_many(3, format="str")
    raw: bytes = oruuid.uuid4_many(2, format="bytes")
    hexes: list[str] = oruuid.parse_many([str(u) for u in us], format="hex")
    texts: list[str] = oruuid.format_many(raw)
    parsed: list[UUID] = oruuid.parse_many(sevens)
    assert len(oruuid.uuid7_many(2, format="bytes")) == 32
    assert oruuid.parse_many(("",) * 0, format="bytes") == b""
    assert oruuid.format_many(raw, format="hex") == [t.replace("-", "") for t in texts]
    return us, sevens, raw, hexes, texts, parsed


def install_round_trip() -> bool:
    """install() changes the stdlib module for the whole process: undone at once."""
    was: bool = oruuid.installed()
    if not was:
        oruuid.install()
        try:
            assert oruuid.installed()
            assert uuid.uuid4().version == 4
        finally:
            oruuid.uninstall()
    return oruuid.installed() == was


def constants() -> tuple[list[UUID], list[str], SafeUUID, int, str]:
    namespaces = [NAMESPACE_DNS, NAMESPACE_URL, NAMESPACE_OID, NAMESPACE_X500, NIL, MAX]
    variants: list[str] = [RESERVED_NCS, RFC_4122, RESERVED_MICROSOFT, RESERVED_FUTURE]
    node: int = oruuid.getnode()
    version: str = oruuid.__version__
    return namespaces, variants, SafeUUID.unknown, node, version


def attributes(u: UUID) -> tuple[int, bytes, str, int | None, str, SafeUUID]:
    return u.int, u.bytes, u.hex, u.version, u.variant, u.is_safe


def main() -> None:
    results = generators() + constructors() + time_types()
    us, sevens, raw, hexes, texts, parsed = batches()
    results += us + parsed
    assert len(raw) == 32
    assert len(hexes) == 3
    assert len(texts) == 2
    assert len(sevens) == 3
    assert install_round_trip()
    for u in results:
        assert type(u) is uuid.UUID
        attributes(u)
    namespaces, variants, unknown, node, version = constants()
    assert oruuid.UUID is uuid.UUID
    assert all(type(n) is uuid.UUID for n in namespaces)
    assert variants == [
        uuid.RESERVED_NCS,
        uuid.RFC_4122,
        uuid.RESERVED_MICROSOFT,
        uuid.RESERVED_FUTURE,
    ]
    assert unknown is uuid.SafeUUID.unknown
    assert 0 <= node < 1 << 48
    assert isinstance(version, str)
    ranges_and_text()


def ranges_and_text() -> None:
    """uuid7_min/max, v1 <-> v6, ULID and short text, node="random": as the stubs type them."""
    t = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    lo: uuid.UUID = oruuid.uuid7_min(t)
    hi: uuid.UUID = oruuid.uuid7_max(at=oruuid.Timestamp.from_unix_ms(1_704_067_200_000))
    assert lo < hi
    v1: uuid.UUID = oruuid.uuid1(node="random")
    v6: uuid.UUID = oruuid.uuid1_to_uuid6(v1)
    assert oruuid.uuid6_to_uuid1(v6) == v1
    text: str = oruuid.to_ulid(v6)
    assert oruuid.from_ulid(text) == v6
    v7: uuid.UUID = oruuid.from_ulid(text, version=7)
    short: str = oruuid.encode(v7, "base58")
    assert oruuid.decode(short, "base58") == v7
    texts: list[str] = oruuid.format_many(v7.bytes, alphabet="base64url")
    back: list[uuid.UUID] = oruuid.parse_many(texts, alphabet="base64url")
    assert back == [v7]


if __name__ == "__main__":
    main()
