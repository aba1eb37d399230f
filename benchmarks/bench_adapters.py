"""The PostgreSQL drivers' own uuid codecs against ``oruuid.adapters``, in ns per row.

Reads (SELECT, and COPY TO where the driver decodes COPY output) and writes (COPY
FROM) ``--batch`` uuid rows with asyncpg and psycopg as they come ("driver
default") and after ``oruuid.adapters.<driver>.register(conn)`` ("oruuid"); drivers
that are not installed are left out. It builds on ``oruuid.bench``: the same
options (``--quick``, ``--json``, ``--plot``, ``--only``, ``--table``, ``--timer``,
``--from-json``), the same interleaved rounds and the same report.

    python benchmarks/bench_adapters.py --pg-start           # a throwaway server
    ORUUID_PG_DSN=postgresql://... python benchmarks/bench_adapters.py --timer cpu
    python benchmarks/bench_adapters.py --pg-dsn DSN --quick --batch 1000

``--pg-start`` runs ``initdb`` in a temporary directory, as the tests do
(``tests/python/pgserver.py``, which needs Debian's ``postgresql`` package or
``ORUUID_PG_BINDIR``); ``python tests/python/pgserver.py`` starts one to share.
Needs oruuid installed with asyncpg and/or psycopg (``pip install '.[test]'``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import oruuid
from oruuid.bench import Entry, _cli, report
from oruuid.bench._contenders import _optional

# The throwaway server is test code (tests/python/pgserver.py), shared with test_adapters.py.
_TESTS = str(Path(__file__).resolve().parents[1] / "tests" / "python")
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)
from pgserver import PgServer, PgServerUnavailable  # noqa: E402

__all__ = ["PG_DSN_ENV", "adapter_entries", "main"]

#: The environment variable that gives the bench a server (a libpq URI or DSN).
PG_DSN_ENV = "ORUUID_PG_DSN"
_PG_DEFAULT = "driver default"
_PG_TABLE = "oruuid_bench_uuid"


def adapter_entries(
    dsn: str, n: int, stack: contextlib.ExitStack
) -> tuple[list[Entry], dict[str, str]]:
    """The rows: each driver's defaults, then with oruuid's adapters registered.

    Reads ``n`` uuid rows from the table ``oruuid_bench_uuid`` (made, filled and
    dropped here) with a SELECT and, where the driver decodes COPY output, a COPY TO;
    writes ``n`` uuid.UUID rows with COPY FROM (into a temporary table that empties at
    each commit). ``items`` is ``n``: the rows report ns per row. Drivers that are not
    installed are left out. Connections are closed, and the table dropped, by ``stack``.
    Returns the rows and the versions of the drivers and the server.
    """
    out: list[Entry] = []
    versions: dict[str, str] = {}
    ids = [(u,) for u in oruuid.uuid4_many(n)]
    k = f"×{n:,}"

    psycopg = _optional("psycopg")
    if psycopg is not None:
        from oruuid.adapters import psycopg as pa

        plain = stack.enter_context(psycopg.connect(dsn, autocommit=True))
        ours = stack.enter_context(psycopg.connect(dsn, autocommit=True))
        pa.unregister(plain)  # whatever the global map holds, this one is psycopg's own
        pa.register(ours, force=True)
        server = plain.info.server_version
        versions["PostgreSQL"] = f"{server // 10000}.{server % 10000}"
        versions["psycopg"] = f"{psycopg.__version__} ({psycopg.pq.__impl__} libpq wrapper)"
        plain.execute(f"DROP TABLE IF EXISTS {_PG_TABLE}")
        plain.execute(f"CREATE UNLOGGED TABLE {_PG_TABLE} (id uuid)")
        stack.callback(lambda: plain.execute(f"DROP TABLE IF EXISTS {_PG_TABLE}"))
        with plain.cursor().copy(f"COPY {_PG_TABLE} FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["uuid"])
            for row in ids:
                copy.write_row(row)
        for c in (plain, ours):
            c.execute("CREATE TEMP TABLE oruuid_bench_in (id uuid) ON COMMIT DELETE ROWS")

        def select(conn: Any, binary: bool) -> Callable[[], Any]:
            cur = conn.cursor(binary=binary)
            query = f"SELECT id FROM {_PG_TABLE}"
            return lambda: cur.execute(query).fetchall()

        def copy_out(conn: Any, binary: bool) -> Callable[[], Any]:
            query = f"COPY {_PG_TABLE} TO STDOUT" + (" (FORMAT BINARY)" if binary else "")

            def run() -> Any:
                with conn.cursor().copy(query) as copy:
                    copy.set_types(["uuid"])
                    return list(copy.rows())

            return run

        def copy_in(conn: Any, binary: bool) -> Callable[[], Any]:
            query = "COPY oruuid_bench_in FROM STDIN" + (" (FORMAT BINARY)" if binary else "")

            def run() -> None:
                with conn.cursor().copy(query) as copy:
                    copy.set_types(["uuid"])
                    for row in ids:
                        copy.write_row(row)

            return run

        for what, make in (("SELECT", select), ("COPY TO", copy_out), ("COPY FROM", copy_in)):
            for binary in (False, True):
                op = f"psycopg {what} {'binary' if binary else 'text'} {k}"
                for contender, conn in ((_PG_DEFAULT, plain), ("oruuid", ours)):
                    out.append(Entry(op, contender, make(conn, binary), items=n))

    asyncpg = _optional("asyncpg")
    if asyncpg is not None:
        from oruuid.adapters import asyncpg as aa

        loop = asyncio.new_event_loop()
        stack.callback(loop.close)
        run: Callable[[Any], Any] = loop.run_until_complete
        conns = []

        def close(conn: Any) -> None:
            run(conn.close())

        for register in (False, True):
            conn = run(asyncpg.connect(dsn))
            stack.callback(close, conn)
            if register:
                run(aa.register(conn))
            run(conn.execute("CREATE TEMP TABLE oruuid_bench_in (id uuid) ON COMMIT DELETE ROWS"))
            conns.append(conn)
        versions["asyncpg"] = asyncpg.__version__
        if psycopg is None:  # the table is psycopg's to make; asyncpg makes it alone here
            run(conns[0].execute(f"DROP TABLE IF EXISTS {_PG_TABLE}"))
            run(conns[0].execute(f"CREATE UNLOGGED TABLE {_PG_TABLE} (id uuid)"))
            stack.callback(lambda: run(conns[0].execute(f"DROP TABLE IF EXISTS {_PG_TABLE}")))
            run(conns[1].copy_records_to_table(_PG_TABLE, records=ids))
            server = conns[0].get_server_version()
            versions["PostgreSQL"] = f"{server.major}.{server.minor}"

        for contender, conn in zip((_PG_DEFAULT, "oruuid"), conns, strict=True):
            query = f"SELECT id FROM {_PG_TABLE}"
            out.append(
                Entry(
                    f"asyncpg SELECT {k}",
                    contender,
                    lambda c=conn, q=query: run(c.fetch(q)),
                    items=n,
                )
            )
        # What exact uuid.UUID objects cost without the adapter: asyncpg's own, converted.
        convert = "[f(r[0].bytes) for r in a0(a1.fetch(a2))]"
        out.append(
            Entry(
                f"asyncpg SELECT {k}",
                "driver default + convert",
                oruuid.from_bytes,
                (run, conns[0], f"SELECT id FROM {_PG_TABLE}"),
                stmt=convert,
                items=n,
                label="driver default, then oruuid.from_bytes(v.bytes)",
            )
        )
        # asyncpg hands COPY TO output over undecoded; COPY FROM encodes each value.
        for contender, conn in zip((_PG_DEFAULT, "oruuid"), conns, strict=True):
            out.append(
                Entry(
                    f"asyncpg COPY FROM (copy_records_to_table) {k}",
                    contender,
                    lambda c=conn: run(c.copy_records_to_table("oruuid_bench_in", records=ids)),
                    items=n,
                )
            )
    return out, versions


def _pg_dsn(args: argparse.Namespace, stack: contextlib.ExitStack) -> str:
    """The server: --pg-dsn, else $ORUUID_PG_DSN, else a throwaway one with --pg-start."""
    dsn = args.pg_dsn or os.environ.get(PG_DSN_ENV)
    if dsn:
        return str(dsn)
    if not args.pg_start:
        raise SystemExit(
            "bench_adapters.py needs a PostgreSQL server: --pg-dsn DSN, $ORUUID_PG_DSN, or "
            "--pg-start to start a throwaway one (python tests/python/pgserver.py starts one "
            "to share)"
        )
    try:
        server = stack.enter_context(PgServer())
    except PgServerUnavailable as e:
        raise SystemExit(f"--pg-start: {e}") from None
    return server.dsn


def _measure(args: argparse.Namespace, n: int) -> dict[str, Any]:
    """Each driver's defaults against oruuid.adapters, ns per row."""
    start = time.perf_counter()
    with contextlib.ExitStack() as stack:
        dsn = _pg_dsn(args, stack)
        rows, versions = adapter_entries(dsn, n, stack)
        if not rows:
            raise SystemExit("bench_adapters.py: neither asyncpg nor psycopg is installed")
        only = _cli.wanted(args)
        if only:
            rows = [e for e in rows if any(w in e.operation for w in only)]
        results = _cli.timed(rows, args)
    data = report(results, n)
    data["adapters"] = versions
    data["notes"] = [
        "Drivers: " + ", ".join(f"{k} {v}" for k, v in versions.items()),
        (
            f"{_PG_DEFAULT}: the driver's own uuid adapters; oruuid: after "
            "oruuid.adapters.<driver>.register(conn). ns per row, server time included "
            "(with --timer cpu, this process's time only)."
        ),
    ]
    return _cli.stamped(data, args, start)


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pg-dsn", metavar="DSN", help=f"the server to use (default ${PG_DSN_ENV})"
    )
    parser.add_argument(
        "--pg-start",
        action="store_true",
        help="with no DSN: start a throwaway server for the run (initdb in a temporary "
        "directory, as the tests do; needs Debian's postgresql package)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = _cli.options(
        "python benchmarks/bench_adapters.py",
        "ns per row of asyncpg's and psycopg's uuid codecs against oruuid.adapters.",
        only="comma-separated words an operation must contain (psycopg, asyncpg, SELECT, "
        "COPY, binary, ...)",
        batch="rows per query (default 10**5, 10**4 with --quick)",
        extra=_server_options,
    )
    return _cli.run(parser, parser.parse_args(argv), _measure, 10**5)


if __name__ == "__main__":
    raise SystemExit(main())
