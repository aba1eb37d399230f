"""A throwaway PostgreSQL server for the adapter tests and the adapter bench.

Test code, not part of the package: ``test_adapters.py`` imports it (pytest puts
this folder on the path) and so does ``benchmarks/bench_adapters.py``. It lives
here rather than under ``benchmarks/`` because the sdist, whose tests are run
against each wheel, carries ``tests/`` but not ``benchmarks/``.

``PgServer`` runs ``initdb`` in a new temporary directory and starts ``postgres``
with ``pg_ctl``, listening on 127.0.0.1 only, on a free port, with its unix socket
in the same directory and ``trust`` authentication for the ``postgres`` superuser.
Durability is switched off (``fsync``, ``full_page_writes``): the data is thrown
away. PostgreSQL refuses to run as root, so when this process is root the server
runs as the ``postgres`` user (``runuser``), which owns the directory.

    with PgServer() as server:          # or server.start() ... server.stop()
        server.dsn                      # postgresql://postgres@127.0.0.1:PORT/postgres

``python tests/python/pgserver.py`` starts one, prints ``ORUUID_PG_DSN=...`` and keeps
it running until interrupted (Ctrl-C or SIGTERM), for ``benchmarks/bench_adapters.py``.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from typing import Any

__all__ = ["PgServer", "PgServerUnavailable", "find_bindir"]

#: Where Debian's packages put the server binaries, newest version first.
_DEBIAN_GLOB = "/usr/lib/postgresql/*/bin"
_USER = "postgres"


def _server_env() -> dict[str, str]:
    """The caller's environment for initdb, pg_ctl and the server, less what is not theirs:
    a PGDATA, PGPORT, ... of the caller's, and the sanitizer runtime a test run preloads
    into Python (under LD_PRELOAD=libasan, `postgres -V` hangs)."""
    drop = ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS")
    return {k: v for k, v in os.environ.items() if not k.startswith("PG") and k not in drop}


class PgServerUnavailable(RuntimeError):
    """No server can be started here (binaries or the ``postgres`` user missing); says why."""


def _version_key(path: str) -> tuple[int, ...]:
    parts = path.split("/")[-2].split(".")
    return tuple(int(p) for p in parts if p.isdigit())


def find_bindir() -> str | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or None.

    ``ORUUID_PG_BINDIR`` first, then Debian's newest ``/usr/lib/postgresql/N/bin``,
    then the ``PATH``.
    """
    candidates = []
    env = os.environ.get("ORUUID_PG_BINDIR")
    if env:
        candidates.append(env)
    candidates += sorted(glob.glob(_DEBIAN_GLOB), key=_version_key, reverse=True)
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(os.path.dirname(found))
    for d in candidates:
        if all(os.access(os.path.join(d, b), os.X_OK) for b in ("initdb", "pg_ctl", "postgres")):
            return d
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One throwaway PostgreSQL cluster; ``start()`` it, ``stop()`` it (or use ``with``)."""

    def __init__(self, bindir: str | None = None) -> None:
        self.bindir = bindir or find_bindir()
        self.dir: str | None = None
        self.port: int | None = None
        self._as_user = os.geteuid() == 0 if hasattr(os, "geteuid") else False

    # -- what clients need ---------------------------------------------------------

    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def user(self) -> str:
        return _USER

    @property
    def dsn(self) -> str:
        """A libpq URI for the ``postgres`` database, as asyncpg and psycopg take it."""
        if self.port is None:
            raise RuntimeError("the server is not running")
        return f"postgresql://{_USER}@{self.host}:{self.port}/postgres"

    # -- running -------------------------------------------------------------------

    def _cmd(self, *argv: str) -> list[str]:
        if self._as_user:
            return ["runuser", "-u", _USER, "--", *argv]
        return list(argv)

    def _run(self, *argv: str) -> None:
        proc = subprocess.run(
            self._cmd(*argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=_server_env(),
            check=False,  # raised below, with the tool's output
        )
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:2])} failed ({proc.returncode}):\n{proc.stdout}")

    def start(self) -> PgServer:
        """initdb and start.

        Raises PgServerUnavailable when this machine can't, RuntimeError on failure.
        """
        if self.bindir is None:
            raise PgServerUnavailable(
                "no PostgreSQL server binaries (initdb, pg_ctl, postgres): install Debian's "
                "postgresql package, or set ORUUID_PG_BINDIR"
            )
        if self._as_user:
            if shutil.which("runuser") is None:
                raise PgServerUnavailable("running as root, and runuser is missing")
            try:
                import pwd

                pw = pwd.getpwnam(_USER)
            except KeyError:
                raise PgServerUnavailable(
                    f"running as root, and there is no {_USER!r} user to run the server as"
                ) from None
        # Not under pytest's tmp_path: its root-only parent would keep the postgres user out.
        self.dir = tempfile.mkdtemp(prefix="oruuid-pg-")
        try:
            if self._as_user:
                os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            data = os.path.join(self.dir, "data")
            self._run(
                os.path.join(self.bindir, "initdb"),
                "-D", data, "-U", _USER, "--auth=trust", "--encoding=UTF8",
                "--locale=C", "--no-sync",
            )  # fmt: skip
            self._start_on_a_free_port(data)
        except BaseException:
            self._remove()
            raise
        return self

    def _start_on_a_free_port(self, data: str) -> None:
        assert self.dir is not None
        for attempt in range(5):  # the port can be taken between _free_port() and listen()
            port = _free_port()
            options = " ".join(
                [
                    "-c listen_addresses=127.0.0.1",
                    f"-c port={port}",
                    f"-c unix_socket_directories={self.dir}",
                    "-c fsync=off",
                    "-c synchronous_commit=off",
                    "-c full_page_writes=off",
                    "-c max_connections=40",
                ]
            )
            try:
                self._run(
                    os.path.join(self.bindir or "", "pg_ctl"),
                    "start", "-D", data, "-w", "-t", "60",
                    "-l", os.path.join(self.dir, "server.log"), "-o", options,
                )  # fmt: skip
            except RuntimeError:
                if attempt == 4:
                    raise RuntimeError(f"postgres did not start:\n{self.log()}") from None
                continue
            self.port = port
            return

    def log(self) -> str:
        """The server's log so far (for failure messages)."""
        if self.dir is None:
            return ""
        try:
            with open(
                os.path.join(self.dir, "server.log"), encoding="utf-8", errors="replace"
            ) as f:
                return f.read()
        except OSError:
            return ""

    def stop(self) -> None:
        """Stops the server (fast shutdown: open sessions are ended) and removes its directory."""
        if self.dir is None:
            return
        try:
            if self.port is not None:
                self._run(
                    os.path.join(self.bindir or "", "pg_ctl"),
                    "stop", "-D", os.path.join(self.dir, "data"), "-m", "fast", "-w",
                )  # fmt: skip
        finally:
            self.port = None
            self._remove()

    def _remove(self) -> None:
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def main() -> int:
    """Start a server, print its DSN, keep it up until SIGINT or SIGTERM."""
    try:
        server = PgServer().start()
    except PgServerUnavailable as e:
        print(f"pgserver: {e}", file=sys.stderr)
        return 1
    try:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        print(f"ORUUID_PG_DSN={server.dsn}", flush=True)
        print("(running until Ctrl-C or SIGTERM)", file=sys.stderr, flush=True)
        while True:
            time.sleep(3600)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
