"""uuid7_min/uuid7_max, uuid1_to_uuid6/uuid6_to_uuid1 and node="random".

Pairs with tests/cpp/test_bounds_convert.cpp. The fork behaviour of node="random" is
in test_threads_fork.py (the modules that fork run in a process of their own).
"""

import datetime as dt
import pickle
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oruuid
from oruuid import Timestamp

UTC = dt.UTC
MAX_MS = (1 << 48) - 1
VERSION_VARIANT_MASK = (0xF << 76) | (0x3 << 62)


def ms_of(u):
    return u.int >> 80


# ---------------------------------------------------------------- uuid7_min / uuid7_max


def test_bounds_bits():
    t = Timestamp.from_unix_ms(0x017F22E279B0)
    lo, hi = oruuid.uuid7_min(t), oruuid.uuid7_max(t)
    assert type(lo) is uuid.UUID
    assert type(hi) is uuid.UUID
    assert str(lo) == "017f22e2-79b0-7000-8000-000000000000"
    assert str(hi) == "017f22e2-79b0-7fff-bfff-ffffffffffff"
    for u in (lo, hi):
        assert (u.version, u.variant) == (7, uuid.RFC_4122)
    # Keyword, datetime, and any instant within the millisecond.
    d = dt.datetime.fromtimestamp(0x017F22E279B0 / 1000, UTC) + dt.timedelta(microseconds=999)
    assert oruuid.uuid7_min(at=d) == lo
    assert oruuid.uuid7_max(d) == hi


@settings(max_examples=300, deadline=None)
@given(ms=st.integers(0, MAX_MS - 1), nanos=st.integers(0, 999_999))
def test_every_v7_of_the_millisecond_lies_between(ms, nanos):
    t = Timestamp.from_unix(ms // 1000, (ms % 1000) * 1_000_000 + nanos)
    lo, hi = oruuid.uuid7_min(t), oruuid.uuid7_max(t)
    made = [
        oruuid.uuid7(t),
        oruuid.ContextV7(additional_precision=True).uuid7(t),
        oruuid.ContextV7().uuid7(t),
    ]
    for u in made:
        assert ms_of(u) == ms
        assert lo <= u <= hi
    nxt = Timestamp.from_unix_ms(ms + 1)
    assert oruuid.uuid7_max(t) < oruuid.uuid7_min(nxt)


def test_now_lies_between():
    before = Timestamp.now()
    u = oruuid.uuid7()
    after = Timestamp.now()
    assert oruuid.uuid7_min(before) <= u <= oruuid.uuid7_max(after)


def test_bounds_refuse_what_uuid7_refuses():
    for bad in (1_700_000_000_000, 1.5, "2024-01-01", None):
        for fn in (oruuid.uuid7_min, oruuid.uuid7_max):
            with pytest.raises((TypeError, ValueError)) as info:
                fn(bad)
            assert fn.__name__ in str(info.value)
    with pytest.raises(TypeError, match="bare number"):
        oruuid.uuid7_min(1_700_000_000_000)
    with pytest.raises(TypeError, match="not None"):
        oruuid.uuid7_max(None)
    with pytest.raises(ValueError, match=r"naive|aware|tz"):
        oruuid.uuid7_min(dt.datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="UUIDv7"):
        oruuid.uuid7_min(Timestamp.from_unix_ms(-1))
    with pytest.raises(ValueError, match="UUIDv7"):
        oruuid.uuid7_max(Timestamp.from_unix_ms(MAX_MS + 1))
    assert oruuid.uuid7_max(Timestamp.from_unix_ms(MAX_MS)).int >> 80 == MAX_MS
    with pytest.raises(TypeError):
        oruuid.uuid7_min()
    with pytest.raises(TypeError):
        oruuid.uuid7_min(Timestamp.now(), Timestamp.now())


def test_sqlalchemy_range_query_as_the_readme_shows():
    """The README's example, run for real against SQLite."""
    sa = pytest.importorskip("sqlalchemy")
    from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

    class Base(DeclarativeBase):
        pass

    class Event(Base):
        __tablename__ = "event"
        id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
        name: Mapped[str]

    engine = sa.create_engine("sqlite://")
    Base.metadata.create_all(engine)
    day = dt.datetime(2024, 3, 1, tzinfo=UTC)
    with Session(engine) as session:
        for hour in range(48):
            at = day + dt.timedelta(hours=hour, milliseconds=hour)
            session.add(Event(id=oruuid.uuid7(at), name=f"h{hour}"))
        # the edges: the first and last possible UUIDs of the range's end milliseconds
        session.add(Event(id=oruuid.uuid7_min(day + dt.timedelta(hours=24)), name="edge-lo"))
        session.add(
            Event(id=oruuid.uuid7_max(day + dt.timedelta(hours=47, minutes=59)), name="edge-hi")
        )
        session.commit()

        t0, t1 = day + dt.timedelta(hours=24), day + dt.timedelta(hours=47, minutes=59)
        # -- README: begin
        rows = session.scalars(
            sa.select(Event)
            .where(Event.id.between(oruuid.uuid7_min(t0), oruuid.uuid7_max(t1)))
            .order_by(Event.id)
        ).all()
        # -- README: end
        names = [r.name for r in rows]
        assert names == ["edge-lo"] + [f"h{h}" for h in range(24, 48)] + ["edge-hi"]
        assert all(type(r.id) is uuid.UUID for r in rows)


# ---------------------------------------------------------------- v1 <-> v6


def test_rfc_example():
    # RFC 9562 §A.2 (v1) and §A.5 (v6): the same timestamp, clock sequence and node.
    v1 = uuid.UUID("C232AB00-9414-11EC-B3C8-9F6BDECED846")
    v6 = uuid.UUID("1EC9414C-232A-6B00-B3C8-9F6BDECED846")
    assert oruuid.uuid1_to_uuid6(v1) == v6
    assert oruuid.uuid6_to_uuid1(v6) == v1
    assert type(oruuid.uuid1_to_uuid6(v1)) is uuid.UUID


@settings(max_examples=500, deadline=None)
@given(
    ticks=st.integers(0, (1 << 60) - 1),
    clock_seq=st.integers(0, (1 << 14) - 1),
    node=st.integers(0, (1 << 48) - 1),
)
def test_exact_inverses_and_the_uuid6_package(ticks, clock_seq, node):
    uuid6 = pytest.importorskip("uuid6")
    v1 = oruuid.uuid1(node, clock_seq, timestamp=Timestamp.from_gregorian(ticks))
    v6 = oruuid.uuid1_to_uuid6(v1)
    assert (v6.version, v6.variant) == (6, uuid.RFC_4122)
    # (UUID.time reads v6 only from 3.14: Timestamp.from_uuid reads both everywhere.)
    assert Timestamp.from_uuid(v6).gregorian_ticks == v1.time == ticks
    assert (v6.clock_seq, v6.node) == (v1.clock_seq, v1.node) == (clock_seq, node)
    assert oruuid.uuid6_to_uuid1(v6) == v1
    assert v6 == oruuid.uuid6(node, clock_seq, timestamp=Timestamp.from_gregorian(ticks))
    assert v6.int == uuid6.uuid1_to_uuid6(v1).int  # the one peer with this direction


def test_generated_round_trip_and_order():
    v1s = [oruuid.uuid1() for _ in range(1000)]
    v6s = [oruuid.uuid1_to_uuid6(u) for u in v1s]
    assert v6s == sorted(v6s)  # v6 sorts by time, v1 does not in general
    assert [oruuid.uuid6_to_uuid1(u) for u in v6s] == v1s
    w = oruuid.uuid6()
    assert oruuid.uuid1_to_uuid6(oruuid.uuid6_to_uuid1(w)) == w


class UUIDSub(uuid.UUID):
    pass


def with_version(u, version):
    return uuid.UUID(int=(u.int & ~(0xF << 76)) | (version << 76))


def test_conversion_errors():
    for version in (0, 2, 3, 4, 5, 7, 8, 15):
        u = with_version(oruuid.uuid4(), version)
        with pytest.raises(ValueError, match=f"version 1 UUID, not version {version}"):
            oruuid.uuid1_to_uuid6(u)
        with pytest.raises(ValueError, match=f"version 6 UUID, not version {version}"):
            oruuid.uuid6_to_uuid1(u)
    with pytest.raises(ValueError, match="version 6 UUID, not version 1"):
        oruuid.uuid6_to_uuid1(oruuid.uuid1())
    with pytest.raises(ValueError, match="version 1 UUID, not version 6"):
        oruuid.uuid1_to_uuid6(oruuid.uuid6())
    # A version nibble of 1, but the NCS or Microsoft variant: not a UUIDv1.
    v1 = oruuid.uuid1()
    for variant_bits in (0b0, 0b110):
        odd = uuid.UUID(int=(v1.int & ~(0b111 << 61)) | (variant_bits << 61))
        with pytest.raises(ValueError, match="variant"):
            oruuid.uuid1_to_uuid6(odd)
    for bad in (str(v1), v1.int, v1.bytes, None, object()):
        with pytest.raises(TypeError, match=r"expected a uuid\.UUID"):
            oruuid.uuid1_to_uuid6(bad)
        with pytest.raises(TypeError, match=r"expected a uuid\.UUID"):
            oruuid.uuid6_to_uuid1(bad)
    # A subclass is read through its int; a UUID whose int is odd is refused.
    assert oruuid.uuid1_to_uuid6(UUIDSub(int=v1.int)) == oruuid.uuid1_to_uuid6(v1)
    odd_int = uuid.UUID(int=1)
    object.__setattr__(odd_int, "int", 1.0)
    with pytest.raises(TypeError):
        oruuid.uuid1_to_uuid6(odd_int)


# ---------------------------------------------------------------- node="random"


def test_random_node():
    node = oruuid.uuid1(node="random").node
    assert node & (1 << 40), "RFC 9562 §6.10: the multicast bit"
    assert node < 1 << 48
    assert oruuid.uuid6(node="random").node == node
    assert oruuid.uuid1("random", 5).node == node
    assert oruuid.uuid1("random", 5).clock_seq == 5
    at = Timestamp.from_unix(1_700_000_000)
    assert oruuid.uuid1(node="random", timestamp=at).node == node
    assert oruuid.uuid6(node="random", timestamp=at).node == node
    assert oruuid.uuid1().node == oruuid.getnode()  # the default is unchanged
    if not oruuid.getnode() & (1 << 40):  # a real MAC: never the random node
        assert node != oruuid.getnode()


class IntSub(int):
    pass


def test_random_node_with_an_odd_clock_seq_takes_the_stdlib_path():
    u = oruuid.uuid1("random", IntSub(7))
    assert (u.node, u.clock_seq) == (oruuid.uuid1(node="random").node, 7)


def test_other_node_strings_are_refused_as_the_stdlib_refuses_them():
    for bad in ("Random", "random ", "mac", ""):
        for fn in (oruuid.uuid1, oruuid.uuid6):
            with pytest.raises(TypeError):
                fn(node=bad)


def test_installed_functions_keep_the_stdlibs_rules():
    """The copies install() puts in the uuid module take the stdlib's arguments only."""
    funcs = oruuid._core.stdlib_functions
    for name in ("uuid1", "uuid6"):
        with pytest.raises(TypeError):
            funcs[name](node="random")


def test_new_functions_pickle_by_name():
    for fn in (oruuid.uuid7_min, oruuid.uuid7_max, oruuid.uuid1_to_uuid6, oruuid.uuid6_to_uuid1):
        assert pickle.loads(pickle.dumps(fn)) is fn
        assert fn.__module__ == "oruuid"


class FixedTz(dt.tzinfo):
    """A tzinfo of our own, so the offset comes from Python code."""

    def __init__(self, minutes):
        self._offset = dt.timedelta(minutes=minutes)

    def utcoffset(self, when):
        return self._offset

    def dst(self, when):
        return dt.timedelta(0)


@settings(max_examples=1000, deadline=None)
@given(
    when=st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(9999, 12, 30)),
    minutes=st.integers(-23 * 60 - 59, 23 * 60 + 59),
    own_tz=st.booleans(),
)
def test_datetimes_are_read_exactly(when, minutes, own_tz):
    """An aware datetime's instant, read from its fields, is datetime arithmetic's."""
    tz = FixedTz(minutes) if own_tz else dt.timezone(dt.timedelta(minutes=minutes))
    for aware in (when.replace(tzinfo=tz), when.replace(tzinfo=UTC)):
        ms = (aware - dt.datetime(1970, 1, 1, tzinfo=UTC)) // dt.timedelta(milliseconds=1)
        assert ms_of(oruuid.uuid7_min(aware)) == ms
        assert Timestamp.from_datetime(aware).to_datetime() == aware
