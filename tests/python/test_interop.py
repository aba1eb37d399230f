"""oruuid's results are plain stdlib UUIDs to everything else: pickle, copy, weakref,
hashing, orjson, pydantic, Django and SQLAlchemy.

The optional libraries come from the ``test`` extra; each test skips without its library.
"""

import copy
import gc
import os
import pickle
import subprocess
import sys
import uuid
import weakref

import pytest

import oruuid
from support import django_script, sqlite_uuid_table

NS = uuid.NAMESPACE_DNS


def samples():
    return [
        oruuid.uuid1(),
        oruuid.uuid1(0x0102_0304_0506, 0x0A0B),
        oruuid.uuid3(NS, "python.org"),
        oruuid.uuid4(),
        oruuid.uuid5(NS, b"python.org"),
        oruuid.uuid6(),
        oruuid.uuid7(),
        oruuid.uuid8(1, 2, 3),
        oruuid.parse("{12345678-1234-5678-1234-567812345678}"),
        oruuid.from_bytes(bytes(range(16))),
        oruuid.from_bytes_le(bytes(range(16))),
        oruuid.from_fields((1, 2, 3, 4, 5, 6)),
        oruuid.from_int(0),
        oruuid.from_int((1 << 128) - 1),
        oruuid.NIL,
        oruuid.MAX,
    ]


def _env_without_oruuid():
    """An environment whose interpreter cannot import oruuid through PYTHONPATH tricks."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return env


# ------------------------------------------------------------ pickle


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(protocol):
    for u in samples():
        data = pickle.dumps(u, protocol)
        assert data == pickle.dumps(uuid.UUID(int=u.int), protocol)
        back = pickle.loads(data)
        assert type(back) is uuid.UUID
        assert back == u
        assert back.int == u.int
        assert back.is_safe is uuid.SafeUUID.unknown
        assert b"oruuid" not in data


def test_pickle_loads_where_oruuid_is_never_imported(tmp_path):
    us = samples()
    payload = {p: pickle.dumps(us, p).hex() for p in range(pickle.HIGHEST_PROTOCOL + 1)}
    script = (
        "import pickle, sys, uuid\n"
        "payload = eval(sys.stdin.read())\n"
        "out = []\n"
        "for p, h in sorted(payload.items()):\n"
        "    us = pickle.loads(bytes.fromhex(h))\n"
        "    assert all(type(u) is uuid.UUID for u in us)\n"
        "    assert all(u.is_safe is uuid.SafeUUID.unknown for u in us)\n"
        "    out.append(','.join(str(u) for u in us))\n"
        "mods = sorted(sys.modules)\n"
        "assert not any(m == 'oruuid' or m.startswith('oruuid.') for m in mods), mods\n"
        "print('\\n'.join(out))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", script],
        input=repr(payload),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env_without_oruuid(),
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(payload)
    for line in lines:
        assert line == ",".join(str(u) for u in us)


# ------------------------------------------------------------ copy, weakref, hash, order


def test_copy_and_deepcopy():
    for u in samples():
        for c in (copy.copy(u), copy.deepcopy(u), copy.deepcopy([u])[0]):
            assert type(c) is uuid.UUID
            assert c == u
            assert c.int == u.int
            assert c.is_safe is uuid.SafeUUID.unknown


def test_weakref():
    u = oruuid.uuid4()
    ref = weakref.ref(u)
    assert ref() is u
    cache = weakref.WeakValueDictionary()
    cache["k"] = u
    assert cache["k"] is u
    del u
    gc.collect()
    assert ref() is None
    assert "k" not in cache


def test_weakref_callback_and_finalize():
    calls = []
    u = oruuid.uuid7()
    weakref.finalize(u, calls.append, "finalized")
    del u
    gc.collect()
    assert calls == ["finalized"]


def test_hash_equals_the_stdlibs():
    us = samples()
    for u in us:
        assert hash(u) == hash(uuid.UUID(str(u)))
        assert hash(u) == hash(u.int)
    d = {uuid.UUID(str(u)): i for i, u in enumerate(us)}
    for i, u in enumerate(us):
        assert us[d[u]] == u
        assert d[u] >= i


def test_set_and_dict_membership_mixed_with_stdlib():
    u = oruuid.uuid4()
    s = {uuid.UUID(str(u))}
    assert u in s
    assert {u: 1}[uuid.UUID(bytes=u.bytes)] == 1


def test_ordering_with_stdlib_uuids():
    us = [oruuid.uuid4() for _ in range(100)]
    std = [uuid.UUID(int=u.int) for u in us]
    assert sorted(us) == sorted(std)
    assert all((a < b) == (a.int < b.int) for a, b in zip(us, std[1:], strict=False))


def test_str_repr_and_attributes():
    for u in samples():
        std = uuid.UUID(int=u.int)
        for attr in (
            "hex",
            "urn",
            "bytes",
            "bytes_le",
            "fields",
            "variant",
            "version",
            "node",
            "clock_seq",
        ):
            assert getattr(u, attr) == getattr(std, attr), attr
        assert str(u) == str(std)
        assert repr(u) == repr(std)
        assert int(u) == u.int
        assert f"{u}" == str(std)


def test_isinstance_and_class_checks():
    u = oruuid.uuid4()
    assert isinstance(u, uuid.UUID)
    assert u.__class__ is uuid.UUID
    assert not hasattr(u, "__dict__")


# ------------------------------------------------------------ orjson


def test_orjson_dumps():
    orjson = pytest.importorskip("orjson")
    for u in samples():
        assert orjson.dumps(u) == b'"' + str(u).encode() + b'"'
    us = samples()
    assert orjson.dumps({"ids": us}) == orjson.dumps({"ids": [uuid.UUID(str(u)) for u in us]})


def test_json_default_str():
    import json

    u = oruuid.uuid7()
    assert json.dumps({"id": u}, default=str) == json.dumps({"id": str(u)})


# ------------------------------------------------------------ pydantic v2


def test_pydantic_v2_uuid_field():
    pydantic = pytest.importorskip("pydantic")
    if not pydantic.VERSION.startswith("2."):
        pytest.skip("pydantic v2 only")

    class Model(pydantic.BaseModel):
        id: uuid.UUID
        ids: list[uuid.UUID] = pydantic.Field(default_factory=list)

    for u in samples():
        m = Model(id=u, ids=[u, oruuid.uuid4()])
        assert type(m.id) is uuid.UUID
        assert m.id == u
        assert m.model_dump()["id"] == u
        assert m.model_dump(mode="json")["id"] == str(u)
        again = Model.model_validate_json(m.model_dump_json())
        assert again == m
        assert Model.model_validate({"id": str(u)}).id == u
        assert Model.model_validate({"id": u}, strict=True).id == u


def test_pydantic_v2_versioned_uuid_types():
    pydantic = pytest.importorskip("pydantic")
    if not pydantic.VERSION.startswith("2."):
        pytest.skip("pydantic v2 only")
    makers = {
        1: oruuid.uuid1,
        3: lambda: oruuid.uuid3(NS, "x"),
        4: oruuid.uuid4,
        5: lambda: oruuid.uuid5(NS, "x"),
        6: oruuid.uuid6,
        7: oruuid.uuid7,
        8: oruuid.uuid8,
    }
    checked = 0
    for version, make in makers.items():
        annotated = getattr(pydantic, f"UUID{version}", None)
        if annotated is None:
            continue
        adapter = pydantic.TypeAdapter(annotated)
        assert adapter.validate_python(make()).version == version
        with pytest.raises(pydantic.ValidationError):
            adapter.validate_python(makers[4 if version != 4 else 7]())
        checked += 1
    assert checked >= 4  # UUID1, UUID3, UUID4, UUID5 exist in every pydantic v2


# ------------------------------------------------------------ Django


def test_django_uuidfield_round_trip_on_sqlite():
    pytest.importorskip("django")
    code = django_script(
        "oruuid_interop",
        "oruuid.uuid7",
        r"""
made = [Thing.objects.create(other=u) for u in
        [oruuid.uuid4(), oruuid.uuid1(), oruuid.uuid3(oruuid.NAMESPACE_DNS, "x"), oruuid.uuid6(),
         oruuid.uuid8(), oruuid.NIL, oruuid.MAX,
         oruuid.parse("urn:uuid:12345678-1234-5678-1234-567812345678")]]
for t in made:
    assert type(t.id) is uuid.UUID and t.id.version == 7
    got = Thing.objects.get(pk=t.id)
    assert got.id == t.id and got.other == t.other, (got.id, t.id, got.other, t.other)
    assert type(got.id) is uuid.UUID and type(got.other) is uuid.UUID
    assert Thing.objects.filter(other=t.other).count() == 1
    assert Thing.objects.filter(pk=str(t.id)).exists()
ids = [t.id for t in made]
assert list(Thing.objects.order_by("id").values_list("id", flat=True)) == sorted(ids)
Thing.objects.bulk_create([Thing(id=oruuid.uuid7(), other=oruuid.uuid4()) for _ in range(50)])
assert Thing.objects.count() == len(made) + 50
print("ok")
""",
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


# ------------------------------------------------------------ SQLAlchemy


def test_sqlalchemy_uuid_column_on_sqlite():
    sa = pytest.importorskip("sqlalchemy")
    engine, things = sqlite_uuid_table(
        sa,
        sa.Column("other", sa.Uuid(as_uuid=True), nullable=True),
        sa.Column("text_id", sa.Uuid(as_uuid=False), nullable=True),
    )
    rows = [{"id": oruuid.uuid7(), "other": u, "text_id": str(u)} for u in samples()]
    with engine.begin() as conn:
        conn.execute(things.insert(), rows)
    with engine.connect() as conn:
        got = conn.execute(sa.select(things).order_by(things.c.id)).all()
        assert len(got) == len(rows)
        for row, want in zip(got, sorted(rows, key=lambda r: r["id"]), strict=True):
            assert type(row.id) is uuid.UUID
            assert row.id == want["id"]
            assert type(row.other) is uuid.UUID
            assert row.other == want["other"]
            assert row.text_id == want["text_id"]
        one = rows[3]
        found = conn.execute(
            sa.select(things.c.id).where(things.c.other == one["other"])
        ).scalar_one()
        assert found == one["id"]
