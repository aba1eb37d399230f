"""oruuid.adapters against a real PostgreSQL server that the session starts (pgserver.py).

The ``pg`` fixture runs ``initdb`` in a temporary directory and starts ``postgres`` on
127.0.0.1 and a free port (as the ``postgres`` user when the tests run as root), and
stops it at the end of the session. Without the server binaries (Debian's
``postgresql`` package) or a driver, the tests that need them are skipped, saying why.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import oruuid
import pgserver

orjson = pytest.importorskip("orjson")

VALUES = [
    uuid.UUID("67e55044-10b1-426f-9247-bb680e5fe0c8"),
    oruuid.NIL,
    oruuid.MAX,
    oruuid.uuid1(),
    oruuid.uuid7(),
    uuid.uuid4(),
]


# Every test that uses the server (pg, conn) is marked slow: -m "not slow" starts none.
@pytest.fixture(scope="session")
def pg() -> Iterator[pgserver.PgServer]:
    server = pgserver.PgServer()
    try:
        server.start()
    except pgserver.PgServerUnavailable as e:
        pytest.skip(f"no PostgreSQL server to test against: {e}")
    try:
        yield server
    finally:
        server.stop()


def _exact(value: Any) -> None:
    assert type(value) is uuid.UUID, type(value)


# --- packaging ------------------------------------------------------------------


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,  # the callers assert on the return code, with stderr
    )


def test_importing_oruuid_imports_no_driver() -> None:
    proc = _run(
        """
        import sys, oruuid, oruuid.adapters
        print(sorted(m for m in ("asyncpg", "psycopg") if m in sys.modules))
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("driver", "hint"),
    [("asyncpg", "pip install asyncpg"), ("psycopg", "pip install 'psycopg[binary]'")],
)
def test_missing_driver_is_a_clear_import_error(driver: str, hint: str) -> None:
    proc = _run(
        f"""
        import sys
        sys.modules[{driver!r}] = None  # as if it were not installed
        try:
            import oruuid.adapters.{driver}
        except ImportError as e:
            print(e)
        else:
            print("imported")
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert f"oruuid.adapters.{driver} needs" in proc.stdout
    assert hint in proc.stdout


# --- asyncpg --------------------------------------------------------------------


def _asyncpg() -> Any:
    return pytest.importorskip("asyncpg")


def _adapter_asyncpg() -> Any:
    _asyncpg()
    import oruuid.adapters.asyncpg

    return oruuid.adapters.asyncpg


async def _connect(pg: pgserver.PgServer, register: bool) -> Any:
    conn = await _asyncpg().connect(pg.dsn)
    if register:
        await _adapter_asyncpg().register(conn)
    return conn


@pytest.mark.slow
def test_asyncpg_without_the_adapter_returns_its_own_uuid(pg: pgserver.PgServer) -> None:
    """Why the adapter exists: asyncpg's UUID is not uuid.UUID, and orjson refuses it."""

    async def main() -> Any:
        conn = await _connect(pg, register=False)
        try:
            return await conn.fetchval("SELECT '67e55044-10b1-426f-9247-bb680e5fe0c8'::uuid")
        finally:
            await conn.close()

    value = asyncio.run(main())
    assert type(value) is not uuid.UUID
    assert type(value).__module__.startswith("asyncpg")
    assert str(value) == "67e55044-10b1-426f-9247-bb680e5fe0c8"
    with pytest.raises(TypeError):
        orjson.dumps(value)


@pytest.mark.slow
def test_asyncpg_round_trip(pg: pgserver.PgServer) -> None:
    async def main() -> tuple[list[Any], Any, Any]:
        conn = await _connect(pg, register=True)
        try:
            await conn.execute("CREATE TEMP TABLE t (i int, id uuid, ids uuid[])")
            await conn.executemany(
                "INSERT INTO t VALUES ($1, $2, $3)",
                [(i, v, [v, None, VALUES[0]]) for i, v in enumerate(VALUES)] + [(99, None, None)],
            )
            rows = await conn.fetch("SELECT i, id, ids FROM t ORDER BY i")
            # The server's own generation, and text it parses, read back too.
            gen = await conn.fetchrow(
                "SELECT gen_random_uuid() AS a, '{67e55044-10b1-426f-9247-bb680e5fe0c8}'::uuid AS b"
            )
            text = await conn.fetchval("SELECT $1::uuid::text", VALUES[0])
            return list(rows), gen, text
        finally:
            await conn.close()

    rows, gen, text = asyncio.run(main())
    assert [r["id"] for r in rows] == [*VALUES, None]
    for r, v in zip(rows, VALUES, strict=False):  # the NULL row, last, is checked below
        _exact(r["id"])
        assert r["ids"] == [v, None, VALUES[0]]
        _exact(r["ids"][0])
        _exact(r["ids"][2])
    assert rows[-1]["ids"] is None
    _exact(gen["a"])
    _exact(gen["b"])
    assert gen["b"] == VALUES[0]
    assert text == str(VALUES[0])
    # orjson takes the rows as they are read.
    dumped = orjson.loads(orjson.dumps([dict(r) for r in rows]))
    assert [d["id"] for d in dumped] == [str(v) for v in VALUES] + [None]
    assert orjson.dumps(dict(gen))


ASYNCPG_PARAMS = [
    pytest.param(VALUES[0], id="uuid.UUID"),
    pytest.param(oruuid.MAX, id="MAX"),
    pytest.param("67e55044-10b1-426f-9247-bb680e5fe0c8", id="hyphenated"),
    pytest.param("67E5504410B1426F9247BB680E5FE0C8", id="32 upper"),
    pytest.param("67e5504410b1-426f-9247-bb680e5fe0c8", id="some hyphens"),
]
ASYNCPG_BAD = [
    pytest.param("nope", id="short str"),
    pytest.param("{67e55044-10b1-426f-9247-bb680e5fe0c8}", id="braces"),
    pytest.param("urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8", id="urn"),
    pytest.param("67e55044-10b1-426f-9247-bb680e5fe0cg", id="not hex"),
    pytest.param("67e55044-10b1-426f-9247-bb680e5fe0c", id="31 digits"),
    pytest.param(b"\x00" * 16, id="bytes"),
    pytest.param(5, id="int"),
    pytest.param(1.5, id="float"),
]


@pytest.mark.slow
def test_asyncpg_encoder_accepts_what_asyncpg_accepts(pg: pgserver.PgServer) -> None:
    """Each parameter encodes to the same value as asyncpg's own encoder; bad ones raise
    asyncpg's usual DataError on both connections."""
    asyncpg = _asyncpg()
    good = [p.values[0] for p in ASYNCPG_PARAMS]
    bad = [p.values[0] for p in ASYNCPG_BAD]

    async def main() -> tuple[list[list[Any]], list[list[Any]]]:
        plain, ours = await _connect(pg, register=False), await _connect(pg, register=True)
        try:
            # asyncpg's own UUID as a parameter, too.
            native = await plain.fetchval("SELECT $1::uuid", VALUES[0])
            values, errors = [], []
            for conn in (plain, ours):
                values.append(
                    [await conn.fetchval("SELECT $1::uuid::text", v) for v in [*good, native]]
                )
                errs = []
                for v in bad:
                    with pytest.raises(asyncpg.exceptions.DataError) as info:
                        await conn.fetchval("SELECT $1::uuid", v)
                    errs.append(
                        (type(info.value), "invalid input for query argument $1" in str(info.value))
                    )
                errors.append(errs)
            return values, errors
        finally:
            await plain.close()
            await ours.close()

    values, errors = asyncio.run(main())
    assert values[0] == values[1]
    assert values[1][0] == str(VALUES[0])
    assert values[1][-1] == str(VALUES[0])
    assert errors[0] == errors[1]


@pytest.mark.parametrize(
    "value", [p.values[0] for p in ASYNCPG_PARAMS], ids=[p.id for p in ASYNCPG_PARAMS]
)
def test_asyncpg_encode_unit(value: Any) -> None:
    encode = _adapter_asyncpg().encode
    assert encode(value) == uuid.UUID(str(value)).bytes


@pytest.mark.parametrize(
    "value", [p.values[0] for p in ASYNCPG_BAD], ids=[p.id for p in ASYNCPG_BAD]
)
def test_asyncpg_encode_unit_rejects(value: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        _adapter_asyncpg().encode(value)


def test_asyncpg_encode_checks_bytes_attribute() -> None:
    class Odd:
        bytes = b"short"

    with pytest.raises(ValueError, match="16 bytes"):
        _adapter_asyncpg().encode(Odd())


@pytest.mark.slow
def test_asyncpg_pool_init(pg: pgserver.PgServer) -> None:
    asyncpg = _asyncpg()
    adapter = _adapter_asyncpg()

    async def main() -> list[Any]:
        async with asyncpg.create_pool(
            pg.dsn, min_size=2, max_size=2, init=adapter.register
        ) as pool:
            out = [await pool.fetchval("SELECT gen_random_uuid()") for _ in range(4)]
            async with pool.acquire() as c1, pool.acquire() as c2:
                out += [await c.fetchval("SELECT $1::uuid", VALUES[0]) for c in (c1, c2)]
            return out

    values = asyncio.run(main())
    for v in values:
        _exact(v)
    assert values[-2:] == [VALUES[0], VALUES[0]]


@pytest.mark.slow
def test_asyncpg_copy(pg: pgserver.PgServer) -> None:
    """copy_records_to_table encodes with the codec; the rows read back are exact."""

    async def main() -> tuple[list[Any], bytes]:
        conn = await _connect(pg, register=True)
        try:
            await conn.execute("CREATE TEMP TABLE c (i int, id uuid)")
            records = [(i, v) for i, v in enumerate(VALUES)]
            records += [(100, None), (101, str(VALUES[1]))]
            await conn.copy_records_to_table("c", records=records)
            rows = await conn.fetch("SELECT id FROM c ORDER BY i")
            out: list[bytes] = []

            async def sink(chunk: bytes) -> None:
                out.append(chunk)

            await conn.copy_from_query("SELECT id FROM c ORDER BY i", output=sink)
            return [r["id"] for r in rows], b"".join(out)
        finally:
            await conn.close()

    ids, text = asyncio.run(main())
    assert ids == [*VALUES, None, VALUES[1]]
    for v in ids:
        if v is not None:
            _exact(v)
    assert text.decode().split("\n")[:-1] == [str(v) for v in VALUES] + ["\\N", str(VALUES[1])]


@pytest.mark.slow
def test_asyncpg_reset_type_codec_undoes_it(pg: pgserver.PgServer) -> None:
    async def main() -> tuple[type, type]:
        conn = await _connect(pg, register=True)
        try:
            before = type(await conn.fetchval("SELECT gen_random_uuid()"))
            await conn.reset_type_codec("uuid", schema="pg_catalog")
            return before, type(await conn.fetchval("SELECT gen_random_uuid()"))
        finally:
            await conn.close()

    before, after = asyncio.run(main())
    assert before is uuid.UUID
    assert after is not uuid.UUID


# --- psycopg --------------------------------------------------------------------


def _psycopg() -> Any:
    return pytest.importorskip("psycopg")


def _adapter_psycopg() -> Any:
    _psycopg()
    import oruuid.adapters.psycopg

    return oruuid.adapters.psycopg


@pytest.fixture
def conn(pg: pgserver.PgServer) -> Iterator[Any]:
    psycopg = _psycopg()
    with psycopg.connect(pg.dsn, autocommit=True) as c:
        yield c


def _loaders(ctx: Any) -> tuple[type, type]:
    from psycopg.pq import Format

    return ctx.adapters.get_loader(2950, Format.TEXT), ctx.adapters.get_loader(2950, Format.BINARY)


def _dumpers(ctx: Any) -> tuple[type, type]:
    from psycopg.adapt import PyFormat

    return (
        ctx.adapters.get_dumper(uuid.UUID, PyFormat.TEXT),
        ctx.adapters.get_dumper(uuid.UUID, PyFormat.BINARY),
    )


def _ours() -> tuple[type, type, type, type]:
    a = _adapter_psycopg()
    return a.UUIDLoader, a.UUIDBinaryLoader, a.UUIDDumper, a.UUIDBinaryDumper


@pytest.mark.slow
def test_psycopg_register_keeps_the_faster_c_loaders(conn: Any) -> None:
    """Under psycopg's C implementation register() leaves its adapters in place, and
    values still read back as exact uuid.UUID; under the pure-Python one it registers."""
    import psycopg

    before = _loaders(conn) + _dumpers(conn)
    registered = _adapter_psycopg().register(conn)
    assert registered is (psycopg.pq.__impl__ == "python")
    if not registered:
        assert _loaders(conn) + _dumpers(conn) == before
    for binary in (False, True):
        row = conn.cursor(binary=binary).execute("SELECT %s::uuid", [VALUES[0]]).fetchone()
        assert type(row[0]) is uuid.UUID
        assert row[0] == VALUES[0]


@pytest.mark.slow
@pytest.mark.parametrize("binary", [False, True], ids=["text", "binary"])
def test_psycopg_round_trip(conn: Any, binary: bool) -> None:
    _adapter_psycopg().register(conn, force=True)
    assert _loaders(conn) + _dumpers(conn) == _ours()
    cur = conn.cursor(binary=binary)
    cur.execute("CREATE TEMP TABLE t (i int, id uuid, ids uuid[])")
    cur.executemany(
        "INSERT INTO t VALUES (%s, %s, %s)",
        [(i, v, [v, None]) for i, v in enumerate(VALUES)] + [(99, None, None)],
    )
    rows = cur.execute("SELECT id, ids FROM t ORDER BY i").fetchall()
    assert [r[0] for r in rows] == [*VALUES, None]
    for (v, vs), want in zip(rows, VALUES, strict=False):  # the NULL row, last, is checked below
        _exact(v)
        assert vs == [want, None]
        _exact(vs[0])
    assert rows[-1] == (None, None)
    # Parameters as text (%t) and binary (%b), and the server's own values.
    row = cur.execute(
        "SELECT %t::uuid, %b::uuid, gen_random_uuid(), %s::text", [VALUES[0], VALUES[0], VALUES[0]]
    ).fetchone()
    assert row is not None
    assert row[:2] == (VALUES[0], VALUES[0])
    assert row[3] == str(VALUES[0])
    for v in row[:3]:
        _exact(v)
    dumped = orjson.loads(orjson.dumps([list(r) for r in rows]))
    assert [d[0] for d in dumped] == [str(v) for v in VALUES] + [None]


@pytest.mark.slow
def test_psycopg_connection_scope(pg: pgserver.PgServer, conn: Any) -> None:
    psycopg = _psycopg()
    _adapter_psycopg().register(conn, force=True)
    assert _loaders(conn) == _ours()[:2]
    with psycopg.connect(pg.dsn) as other:
        assert _loaders(other) != _ours()[:2]
        value = other.execute("SELECT gen_random_uuid()").fetchone()[0]
        assert type(value) is uuid.UUID  # psycopg's own loader, also a uuid.UUID
    assert _loaders(psycopg.adapters) != _ours()[:2]
    # Every cursor of the connection has them.
    for binary in (False, True):
        assert _loaders(conn.cursor(binary=binary)) == _ours()[:2]


@pytest.mark.slow
def test_psycopg_cursor_scope(conn: Any) -> None:
    a = _adapter_psycopg()
    cur, other = conn.cursor(), conn.cursor()
    a.register(cur, force=True)
    assert _loaders(cur) + _dumpers(cur) == _ours()
    assert _loaders(other) != _ours()[:2]
    assert _loaders(conn) != _ours()[:2]
    row = cur.execute("SELECT %s::uuid, gen_random_uuid()", [VALUES[0]]).fetchone()
    assert row is not None
    assert row[0] == VALUES[0]
    _exact(row[1])


@pytest.fixture
def global_registration() -> Iterator[Any]:
    """register() on psycopg.adapters for one test; psycopg's own adapters put back after."""
    psycopg = _psycopg()
    a = _adapter_psycopg()
    before = _loaders(psycopg.adapters) + _dumpers(psycopg.adapters)
    a.register(force=True)
    try:
        yield a
    finally:
        a.unregister()
        assert _loaders(psycopg.adapters) + _dumpers(psycopg.adapters) == before


@pytest.mark.slow
def test_psycopg_global_scope(pg: pgserver.PgServer, global_registration: Any) -> None:
    psycopg = _psycopg()
    assert _loaders(psycopg.adapters) + _dumpers(psycopg.adapters) == _ours()
    with psycopg.connect(pg.dsn) as c:
        assert _loaders(c) + _dumpers(c) == _ours()
        rows = c.execute("SELECT gen_random_uuid() FROM generate_series(1, 3)").fetchall()
        for (v,) in rows:
            _exact(v)


def test_psycopg_global_scope_was_restored() -> None:
    """Runs after test_psycopg_global_scope: the global map has psycopg's own loaders again."""
    psycopg = _psycopg()
    ours = _ours()
    assert not set(_loaders(psycopg.adapters) + _dumpers(psycopg.adapters)) & set(ours)


@pytest.mark.slow
@pytest.mark.parametrize("binary", [False, True], ids=["text", "binary"])
def test_psycopg_copy(conn: Any, binary: bool) -> None:
    _adapter_psycopg().register(conn, force=True)
    fmt = " (FORMAT BINARY)" if binary else ""
    cur = conn.cursor()
    cur.execute("CREATE TEMP TABLE c (i int, id uuid, ids uuid[])")
    with cur.copy(f"COPY c FROM STDIN{fmt}") as copy:
        if binary:
            copy.set_types(["int4", "uuid", "uuid[]"])
        for i, v in enumerate(VALUES):
            copy.write_row((i, v, [v, None]))
        copy.write_row((99, None, None))
    with cur.copy(f"COPY (SELECT id, ids FROM c ORDER BY i) TO STDOUT{fmt}") as copy:
        copy.set_types(["uuid", "uuid[]"])
        rows = list(copy.rows())
    assert rows == [(v, [v, None]) for v in VALUES] + [(None, None)]
    for v, vs in rows[:-1]:
        _exact(v)
        _exact(vs[0])


@pytest.mark.slow
def test_psycopg_dumpers_match_builtin(conn: Any) -> None:
    from psycopg.types import uuid as builtin

    a = _adapter_psycopg()
    pairs = [(builtin.UUIDDumper, a.UUIDDumper), (builtin.UUIDBinaryDumper, a.UUIDBinaryDumper)]

    class Sub(uuid.UUID):
        pass

    for theirs, ours in pairs:
        t, o = theirs(uuid.UUID, conn), ours(uuid.UUID, conn)
        assert (o.oid, o.format) == (t.oid, t.format) == (2950, o.format)
        for v in [*VALUES, Sub(int=7)]:
            assert bytes(o.dump(v)) == bytes(t.dump(v))


def test_psycopg_loaders_take_bytes_and_memoryview() -> None:
    a = _adapter_psycopg()
    u = VALUES[0]
    text, binary = a.UUIDLoader(2950), a.UUIDBinaryLoader(2950)
    for data in (str(u).encode(), memoryview(str(u).encode()), bytearray(str(u).encode())):
        v = text.load(data)
        assert v == u
        _exact(v)
    for raw in (u.bytes, memoryview(u.bytes), bytearray(u.bytes)):
        v = binary.load(raw)
        assert v == u
        _exact(v)


def _bad_uuid() -> uuid.UUID:
    """A UUID subclass whose int no uuid can hold: dumpers fail on it as psycopg's own do."""

    class Bad(uuid.UUID):
        pass

    b = Bad(int=5)
    object.__setattr__(b, "int", 1 << 130)
    return b


@pytest.mark.slow
def test_psycopg_bad_values_raise_what_psycopg_raises(pg: pgserver.PgServer) -> None:
    """Each bad parameter raises the same exception type with psycopg's adapters and with ours."""
    psycopg = _psycopg()
    a = _adapter_psycopg()
    cases = [
        ("SELECT %s::uuid", ["nope"]),
        ("SELECT %b::uuid", ["67e55044"]),
        ("SELECT %t", [_bad_uuid()]),
        ("SELECT %b", [_bad_uuid()]),
        ("SELECT %s::uuid", [object()]),
    ]
    outcomes = []
    for register in (False, True):
        got = []
        with psycopg.connect(pg.dsn, autocommit=True) as c:
            if register:
                a.register(c, force=True)
            for query, params in cases:
                with pytest.raises(Exception) as info:  # noqa: PT011 - compared, whatever it is
                    c.execute(query, params)
                got.append(type(info.value))
        outcomes.append(got)
    assert outcomes[0] == outcomes[1]
    assert issubclass(outcomes[1][0], psycopg.DataError)


@pytest.mark.slow
def test_psycopg_unregister_on_a_connection(conn: Any) -> None:
    a = _adapter_psycopg()
    before = _loaders(conn) + _dumpers(conn)
    a.register(conn, force=True)
    a.unregister(conn)
    assert _loaders(conn) + _dumpers(conn) == before


# --- typing ---------------------------------------------------------------------

TYPING_SAMPLE = """
from __future__ import annotations

import uuid
from typing import Any

import psycopg

import oruuid.adapters.asyncpg
import oruuid.adapters.psycopg


async def with_asyncpg(conn: Any) -> None:
    await oruuid.adapters.asyncpg.register(conn)
    raw: bytes = oruuid.adapters.asyncpg.encode(uuid.uuid4())
    back: uuid.UUID = oruuid.adapters.asyncpg.decode(raw)
    print(back)


def with_psycopg(conn: psycopg.Connection[Any]) -> None:
    oruuid.adapters.psycopg.register()
    oruuid.adapters.psycopg.register(conn, force=True)
    oruuid.adapters.psycopg.register(conn.cursor())
    oruuid.adapters.psycopg.unregister(conn)
    oruuid.adapters.psycopg.unregister()
"""


@pytest.mark.slow
def test_adapters_pass_mypy_strict(tmp_path: Any) -> None:
    """The adapters (checked from the tree, as mypy follows the sample's imports) and their use."""
    pytest.importorskip("mypy")
    _psycopg()
    import os

    sample = tmp_path / "adapters_sample.py"
    sample.write_text(TYPING_SAMPLE)
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, MYPYPATH=str(root / "python"))
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
         "--cache-dir", str(tmp_path / "cache"), str(sample)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- benchmarks/bench_adapters.py -------------------------------------------------

BENCH_ADAPTERS = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_adapters.py"


def _bench_adapters() -> Any:
    """The adapter bench, imported from the checkout (an sdist carries no benchmarks/)."""
    if not BENCH_ADAPTERS.is_file():
        pytest.skip(f"no {BENCH_ADAPTERS} (an sdist leaves benchmarks/ out)")
    spec = importlib.util.spec_from_file_location("bench_adapters", BENCH_ADAPTERS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_adapters_needs_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    bench_adapters = _bench_adapters()
    monkeypatch.delenv(bench_adapters.PG_DSN_ENV, raising=False)
    with pytest.raises(SystemExit, match="needs a PostgreSQL server"):
        bench_adapters.main(["--quick"])


def test_package_bench_points_to_the_adapter_bench(capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m oruuid.bench --adapters`` says where the PostgreSQL bench went."""
    from oruuid import bench

    for argv in (["--adapters"], ["--adapters", "--pg-start"], ["--pg-dsn", "postgresql://x"]):
        with pytest.raises(SystemExit) as exc:
            bench.main([*argv, "--quick"])
        assert exc.value.code == 2
        assert "benchmarks/bench_adapters.py" in capsys.readouterr().err


@pytest.mark.slow
def test_bench_adapters_runs(pg: pgserver.PgServer, capsys: pytest.CaptureFixture[str]) -> None:
    """Every row runs once against the session's server; the table names both sides."""
    _psycopg()
    _asyncpg()
    import contextlib

    bench_adapters = _bench_adapters()
    with contextlib.ExitStack() as stack:
        rows, versions = bench_adapters.adapter_entries(pg.dsn, 20, stack)
        assert {"PostgreSQL", "psycopg", "asyncpg"} <= set(versions)
        for e in rows:
            e.timer().timeit(1)
        ops = {e.operation for e in rows}
        for op in ops:
            contenders = {e.contender for e in rows if e.operation == op}
            assert {"driver default", "oruuid"} <= contenders, op
    assert bench_adapters.main(["--quick", "--batch", "20", "--pg-dsn", pg.dsn]) == 0
    table = capsys.readouterr().out
    assert "| asyncpg SELECT ×20 | oruuid |" in table
    assert "Drivers: PostgreSQL" in table


@pytest.mark.slow
def test_bench_adapters_script_runs(pg: pgserver.PgServer, tmp_path: Path) -> None:
    """As a script, from another directory: it finds pgserver.py and writes its JSON."""
    _psycopg()
    _asyncpg()
    out_json = tmp_path / "adapters.json"
    _bench_adapters()  # skips without the script
    argv = [sys.executable, str(BENCH_ADAPTERS), "--quick", "--batch", "10"]
    proc = subprocess.run(
        [*argv, "--pg-dsn", pg.dsn, "--only", "SELECT", "--table", "grid", "--json", str(out_json)],
        capture_output=True, text=True, cwd=tmp_path, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "| ns/call | oruuid | driver default |" in proc.stdout
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert {"PostgreSQL", "psycopg", "asyncpg"} <= set(data["adapters"])
    assert data["rows"]
    assert all("SELECT" in r["operation"] for r in data["rows"])
