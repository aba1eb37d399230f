"""oruuid under Apache's mod_wsgi: application groups in legacy sub-interpreters, and the main one.

mod_wsgi runs each application group in its own legacy sub-interpreter of one
daemon process, and ``WSGIApplicationGroup %{GLOBAL}`` in the main interpreter.
Here one Apache (Debian's apache2 and libapache2-mod-wsgi-py3, which embeds
/usr/bin/python3.11) serves the same WSGI script as three applications: ``app1``
and ``app2`` (sub-interpreters) and ``global`` (the main interpreter), from one
daemon process whose python-home is the running venv. Each request reports from
its interpreter whether oruuid's results are exactly that interpreter's
``uuid.UUID``, and what ``install()`` did there; the test requests them in several
orders (which interpreter imports oruuid first varies), then all at once from
several threads, then restarts the daemon gracefully (each interpreter is destroyed
and made again) and asks again. Apache's error log must show no crash.

Needs root, Debian's packages and a venv of /usr/bin/python3.11 holding oruuid that
the www-data user can read: tests/mod-wsgi.sh sets that up and runs this module
with ORUUID_MODWSGI=1, without which it skips.
"""

import concurrent.futures
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request

import pytest

pytestmark = [
    pytest.mark.slow,  # starts Apache
    pytest.mark.skipif(
        os.environ.get("ORUUID_MODWSGI") != "1",
        reason="needs Apache with mod_wsgi: run by tests/mod-wsgi.sh (ORUUID_MODWSGI=1)",
    ),
]

MODULES = "/usr/lib/apache2/modules"
APPS = {"app1": "app1", "app2": "app2", "global": "%{GLOBAL}"}
THREADS = 4  # the daemon process's request threads
# Apache's children (and so mod_wsgi's daemon process) run as this user when Apache
# starts as root.
RUN_AS = "www-data"

# The WSGI script: each request reports on its own interpreter, as JSON.
APP = """
import json, os, sys, threading, time, traceback, types, warnings


def interpreter_id():
    for name in ("_interpreters", "_xxsubinterpreters"):
        try:
            api = __import__(name)
        except ImportError:
            continue
        current = api.get_current()
        return int(current[0] if isinstance(current, tuple) else current)
    return None


def canonical(u):
    h = "%032x" % u.int
    return "-".join((h[:8], h[8:12], h[12:16], h[16:20], h[20:]))


def report(environ):
    import uuid
    import oruuid

    r = {"installed_before": oruuid.installed()}
    u = oruuid.uuid4()
    r["uuid4 exact"] = type(u) is uuid.UUID
    r["str works"] = (str(u) == canonical(u) and uuid.UUID(str(u)) == u
                      and u.hex == str(u).replace("-", "") and u.version == 4)
    v = oruuid.ContextV7().uuid7()
    r["ContextV7 exact"] = type(v) is uuid.UUID and v.version == 7 and str(v) == canonical(v)
    w7 = [oruuid.uuid7() for _ in range(100)]
    r["uuid7 increasing"] = all(type(x) is uuid.UUID for x in w7) and w7 == sorted(set(w7))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        oruuid.install()
    r["install warnings"] = [str(w.message) for w in caught]
    r["installed"] = oruuid.installed() and not isinstance(uuid.uuid4, types.FunctionType)
    w = uuid.uuid4()
    r["installed uuid4 exact"] = (type(w) is uuid.UUID and w.version == 4
                                  and str(w) == canonical(w) and uuid.UUID(str(w)) == w)
    p = uuid.UUID("A8098C1A-F86E-11DA-BD1A-00112444BE1E")
    r["installed UUID() works"] = (type(p) is uuid.UUID
                                   and str(p) == "a8098c1a-f86e-11da-bd1a-00112444be1e"
                                   and p.fields[0] == 0xA8098C1A
                                   and hash(p) == hash(uuid.UUID(int=p.int)))
    r["interpreter id"] = interpreter_id()
    r["application group"] = environ.get("mod_wsgi.application_group")
    r["pid"] = os.getpid()
    r["uuid.UUID id"] = id(uuid.UUID)
    r["python"] = "%s %s" % (sys.version.split()[0], sys.prefix)
    r["oruuid"] = oruuid.__file__
    return r


def application(environ, start_response):
    try:
        if environ.get("QUERY_STRING") == "warm-up":
            time.sleep(1)
            body = {"thread": threading.get_ident(), "interpreter id": interpreter_id()}
        else:
            body = report(environ)
        status = "200 OK"
    except BaseException:
        body, status = {"error": traceback.format_exc()}, "500 Internal Server Error"
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(data)))])
    return [data]
"""

CHECKS = (
    "uuid4 exact",
    "str works",
    "ContextV7 exact",
    "uuid7 increasing",
    "installed",
    "installed uuid4 exact",
    "installed UUID() works",
)
# What Apache's error log must never say.
CRASH_SIGNS = (
    "Segmentation fault",
    "exit signal",
    "Fatal Python error",
    "double free",
    "Traceback",
    "core dumped",
    "Aborted",
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(root, port):
    as_root = os.geteuid() == 0
    lines = [
        f'ServerRoot "{root}"',
        "ServerName 127.0.0.1",
        f"Listen 127.0.0.1:{port}",
        f"PidFile {root}/httpd.pid",
        f"DefaultRuntimeDir {root}",
        f"ErrorLog {root}/error.log",
        "LogLevel info",
        f"LoadModule mpm_event_module {MODULES}/mod_mpm_event.so",
        f"LoadModule authz_core_module {MODULES}/mod_authz_core.so",
        f"LoadModule wsgi_module {MODULES}/mod_wsgi.so",
        *([f"User {RUN_AS}", f"Group {RUN_AS}"] if as_root else []),
        f"WSGISocketPrefix {root}/wsgi",
        f"WSGIPythonHome {sys.prefix}",
        "WSGIRestrictEmbedded On",
        (
            f"WSGIDaemonProcess oruuid python-home={sys.prefix} processes=1 threads={THREADS} "
            "display-name=oruuid-wsgi shutdown-timeout=10"
        ),
        "WSGIProcessGroup oruuid",
        f"<Directory {root}>",
        "    Require all granted",
        "</Directory>",
    ]
    for path, group in APPS.items():
        lines += [
            f"WSGIScriptAlias /{path} {root}/app.wsgi",
            f"<Location /{path}>",
            f"    WSGIApplicationGroup {group}",
            "</Location>",
        ]
    return "\n".join(lines) + "\n"


def apache_binary():
    for path in (shutil.which("apache2"), "/usr/sbin/apache2"):
        if path and os.access(path, os.X_OK):
            return path
    pytest.fail("ORUUID_MODWSGI=1 but there is no apache2 (Debian's apache2 package)")


def check_environment():
    """Fails, naming what is wrong, unless this Python can serve under Debian's mod_wsgi."""
    wsgi = os.path.join(MODULES, "mod_wsgi.so")
    if not os.path.exists(wsgi):
        pytest.fail(f"ORUUID_MODWSGI=1 but there is no {wsgi} (libapache2-mod-wsgi-py3)")
    embedded = os.path.realpath(wsgi).rsplit("-", 1)[-1]  # mod_wsgi.so-3.11
    here = "{}.{}".format(*sys.version_info[:2])
    if embedded != here:
        pytest.fail(f"mod_wsgi embeds Python {embedded}; this is {here}: run with a venv of it")
    if os.geteuid() == 0:
        # The daemon process runs as www-data: it must be able to import oruuid from here.
        proc = subprocess.run(
            ["runuser", "-u", RUN_AS, "--", sys.executable, "-c", "import oruuid"],
            capture_output=True,
            text=True,
            cwd="/",
            timeout=60,
            check=False,
        )
        assert proc.returncode == 0, (
            f"{RUN_AS} cannot import oruuid with {sys.executable} (make the venv readable):\n"
            + proc.stderr
        )


class Apache:
    """One Apache in the foreground, on its own config, port and scratch directory."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="oruuid-mod-wsgi-")
        os.chmod(self.root, 0o755)  # www-data reads the script and uses the sockets
        self.port = free_port()
        self.conf = os.path.join(self.root, "httpd.conf")
        with open(os.path.join(self.root, "app.wsgi"), "w") as f:
            f.write(textwrap.dedent(APP))
        with open(self.conf, "w") as f:
            f.write(config(self.root, self.port))
        for name in ("app.wsgi", "httpd.conf"):
            os.chmod(os.path.join(self.root, name), 0o644)
        env = {k: v for k, v in os.environ.items() if k not in ("ORUUID_INSTALL", "PYTHONPATH")}
        self.proc = subprocess.Popen(
            [apache_binary(), "-d", self.root, "-f", self.conf, "-DFOREGROUND"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
        )
        self.wait_for_port()
        self.warm_up()

    def log(self):
        try:
            with open(os.path.join(self.root, "error.log"), errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def wait_for_port(self, timeout=30):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                out = self.proc.stdout.read().decode(errors="replace")
                pytest.fail(f"apache2 exited with {self.proc.returncode}:\n{out}\n{self.log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"apache2 did not listen on port {self.port} in {timeout} s:\n{self.log()}")

    def warm_up(self):
        """Makes the main interpreter's thread state the first of each daemon thread.

        mod_wsgi runs %{GLOBAL} on the simplified GIL state API, whose thread state for an
        OS thread is the first one made on it (CPython's _PyGILState_NoteThreadState): a
        daemon thread that served app1 first would run later %{GLOBAL} requests in app1's
        sub-interpreter (mod_wsgi 4.9 on 3.11 does). So each thread serves a %{GLOBAL}
        request first, one that sleeps so that all threads are held at once and that
        imports neither uuid nor oruuid.
        """
        with concurrent.futures.ThreadPoolExecutor(max_workers=THREADS) as pool:
            got = list(pool.map(lambda app: self.get(app, wait=30), ["global?warm-up"] * THREADS))
        assert len({r["thread"] for r in got}) == THREADS, f"warm-up missed a thread: {got}"
        assert all(r["interpreter id"] == 0 for r in got), got

    def get(self, app, *, wait=0):
        """The JSON of one request; a 503 (the daemon process not started yet) is tried
        again for up to ``wait`` seconds."""
        url = f"http://127.0.0.1:{self.port}/{app}"
        end = time.monotonic() + wait
        while True:
            try:
                with urllib.request.urlopen(url, timeout=60) as r:
                    return json.loads(r.read())
            except urllib.error.HTTPError as e:
                body = e.read().decode(errors="replace")
                if e.code == 503 and time.monotonic() < end:
                    time.sleep(0.2)
                    continue
                pytest.fail(f"{app}: HTTP {e.code}:\n{body}\n--- error log:\n{self.log()}")

    def graceful_restart(self):
        """SIGUSR1: Apache restarts its children, and mod_wsgi its daemon process, whose
        interpreters are destroyed on the way out."""
        self.proc.send_signal(signal.SIGUSR1)
        end = time.monotonic() + 60
        while "resuming normal operations" not in self.log().split("SIGUSR1", 1)[-1]:
            if time.monotonic() > end or self.proc.poll() is not None:
                pytest.fail(f"apache2 did not restart:\n{self.log()}")
            time.sleep(0.1)
        self.wait_for_port()
        self.warm_up()

    def stop(self):
        """Stops Apache (if it still runs) and returns its error log."""
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: stop now
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        log = self.log()
        if os.path.isdir(self.root):
            self.final_log = log
            shutil.rmtree(self.root, ignore_errors=True)
        return self.final_log


@pytest.fixture
def apache():
    check_environment()
    server = Apache()
    try:
        yield server
    finally:
        server.stop()


def check_round(server, order, seen):
    """Requests ``order`` one by one and checks each report; ``seen`` maps an app to its
    first report (of this daemon process)."""
    for app in order:
        r = server.get(app)
        assert "error" not in r, f"{app}: {r.get('error')}"
        failed = [c for c in CHECKS if r[c] is not True]
        assert not failed, f"{app}: {failed} in {r}"
        assert r["install warnings"] == [], f"{app}: {r['install warnings']}"
        assert r["python"].endswith(" " + sys.prefix), r["python"]
        first = seen.setdefault(app, r)
        if first is r:
            # Nothing installed there yet: install() elsewhere left this interpreter alone.
            assert r["installed_before"] is False, f"{app}: installed before its own install()"
        else:
            assert r["installed_before"] is True, f"{app}: install() did not last"
            for key in ("interpreter id", "pid", "uuid.UUID id", "application group"):
                assert r[key] == first[key], f"{app}: {key} changed: {first[key]} -> {r[key]}"


def check_distinct(seen):
    assert set(seen) == set(APPS)
    assert len({r["pid"] for r in seen.values()}) == 1, "one daemon process serves every app"
    ids = {app: r["interpreter id"] for app, r in seen.items()}
    assert ids["global"] == 0, f"%{{GLOBAL}} is the main interpreter: {ids}"
    assert len(set(ids.values())) == 3, f"each app has an interpreter of its own: {ids}"
    assert len({r["uuid.UUID id"] for r in seen.values()}) == 3, "each has its own uuid.UUID"
    assert [seen[a]["application group"] for a in ("app1", "app2")] == ["app1", "app2"]


@pytest.mark.parametrize("first", ["app1", "global"])
def test_every_application_group_gets_its_own_exact_uuids(apache, first):
    # The first request decides which interpreter imports oruuid first: a sub-interpreter
    # (app1) or the main one (global).
    others = [a for a in APPS if a != first]
    seen = {}
    check_round(apache, [first, *others, others[1], first, others[0], others[0], first], seen)
    check_distinct(seen)

    # All at once, on the daemon's four threads.
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        for r, app in zip(pool.map(apache.get, list(APPS) * 8), list(APPS) * 8, strict=True):
            failed = [c for c in CHECKS if r.get(c) is not True]
            assert not failed, f"{app}: {failed} in {r}"
            assert r["installed_before"] is True, f"{app}: {failed} in {r}"
            assert r["interpreter id"] == seen[app]["interpreter id"], (app, r)

    # A graceful restart destroys the daemon's interpreters and makes new ones, which
    # import oruuid again in the reverse order.
    apache.graceful_restart()
    again = {}
    check_round(apache, [*reversed(others), first, first, others[0]], again)
    check_distinct(again)
    assert again["app1"]["pid"] != seen["app1"]["pid"], "the daemon process was not restarted"

    log = apache.stop()
    crashes = [line for line in log.splitlines() if any(s in line for s in CRASH_SIGNS)]
    assert not crashes, "Apache's error log:\n" + "\n".join(crashes)
