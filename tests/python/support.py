"""Helpers shared by the test modules (``import support``: pytest puts this folder on the path)."""

import gc
import json
import os
import signal
import subprocess
import sys
from importlib import metadata

import pytest

# CPython 3.14's public ``uuid`` names (the module has no ``__all__``; these are
# its documented names, ``main`` excepted: that is the command line): its callables,
# then its constants.
STDLIB_314_CALLABLES = {
    "UUID",
    "SafeUUID",
    "getnode",
    "uuid1",
    "uuid3",
    "uuid4",
    "uuid5",
    "uuid6",
    "uuid7",
    "uuid8",
}
STDLIB_314_NAMES = STDLIB_314_CALLABLES | {
    "NAMESPACE_DNS",
    "NAMESPACE_URL",
    "NAMESPACE_OID",
    "NAMESPACE_X500",
    "NIL",
    "MAX",
    "RESERVED_NCS",
    "RFC_4122",
    "RESERVED_MICROSOFT",
    "RESERVED_FUTURE",
}

# oruuid's public names beyond CPython 3.14's uuid module's (test_api.py), each of them
# callable (test_reliability_hostile.py).
ORUUID_EXTRAS = {
    "parse",
    "from_bytes",
    "from_bytes_le",
    "from_fields",
    "from_int",
    "Timestamp",
    "ContextV7",
    "uuid4_many",
    "uuid7_many",
    "parse_many",
    "format_many",
    "install",
    "uninstall",
    "installed",
    "uuid7_min",
    "uuid7_max",
    "uuid1_to_uuid6",
    "uuid6_to_uuid1",
    "to_ulid",
    "from_ulid",
    "encode",
    "decode",
}


def _editable() -> bool:
    try:
        direct_url = metadata.distribution("oruuid").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return False
    return bool(direct_url and json.loads(direct_url).get("dir_info", {}).get("editable"))


# What only a wheel's layout has: the start-up hook (oruuid_install.pth/.start) in
# site-packages, the extension in RECORD. An editable install (nox -s dev) has neither.
needs_wheel_layout = pytest.mark.skipif(
    _editable(), reason="an editable install has no wheel layout (start-up hook, RECORD)"
)


def outcome(fn, arg):
    """What a call did: its exact value and type, or its exception's exact type and message."""
    try:
        r = fn(arg)
    except Exception as exc:  # noqa: BLE001 - comparing whatever is raised
        return ("raised", type(exc), str(exc))
    return ("returned", type(r), type(r.int), r.int, r.is_safe)


def write_all(fd, data):
    """Writes every byte of ``data`` to a pipe, however many writes it takes."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def read_all(fd):
    """Reads a pipe to its end."""
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def django_script(app_label, default, body, *, install=False):
    """A script for a fresh interpreter: Django on in-memory SQLite with a created model
    ``Thing`` (``id``, a UUIDField primary key whose default is the expression
    ``default``, and a nullable UUIDField ``other``), then ``body``. With ``install``,
    ``oruuid.install()`` runs first."""
    return (
        "import uuid, oruuid\n" + ("oruuid.install()\n" if install else "") + "import django\n"
        "from django.conf import settings\n"
        "settings.configure(\n"
        '    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},\n'
        '    INSTALLED_APPS=["django.contrib.contenttypes"],\n'
        "    USE_TZ=True,\n"
        '    DEFAULT_AUTO_FIELD="django.db.models.AutoField",\n'
        ")\n"
        "django.setup()\n"
        "from django.db import connection, models\n"
        "class Thing(models.Model):\n"
        f"    id = models.UUIDField(primary_key=True, default={default}, editable=False)\n"
        "    other = models.UUIDField(null=True)\n"
        "    class Meta:\n"
        f"        app_label = {app_label!r}\n"
        "with connection.schema_editor() as editor:\n"
        "    editor.create_model(Thing)\n" + body
    )


def sqlite_uuid_table(sa, *columns):
    """An in-memory SQLite engine and a created table "things" with a uuid primary key
    ``id`` and ``columns``; skips before SQLAlchemy 2.0, which has the Uuid type."""
    import pytest

    if not hasattr(sa, "Uuid"):
        pytest.skip("SQLAlchemy 2.0+ has the Uuid type")
    engine = sa.create_engine("sqlite://")
    meta = sa.MetaData()
    things = sa.Table("things", meta, sa.Column("id", sa.Uuid, primary_key=True), *columns)
    meta.create_all(engine)
    return engine, things


def child_output(pid, fd):
    """Everything a forked child wrote to the pipe ``fd`` (closed after), once the child
    has exited with status 0."""
    raw = read_all(fd)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status), status
    assert os.WEXITSTATUS(status) == 0, status
    return raw


def child_watchdog(seconds=120):
    """In a forked child: SIGALRM ends it after ``seconds``, so that a child deadlocked on a
    lock inherited in the held state fails its test instead of hanging the run."""
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # pytest-timeout's handler is the parent's
    signal.alarm(seconds)


def fork_child(produce):
    """Forks a child that writes the bytes ``produce()`` returns to a pipe, then exits with
    status 0 (1 if ``produce`` raised); returns (pid, the pipe's read end) for child_output."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            child_watchdog()
            os.close(r)
            write_all(w, produce())
            status = 0
        finally:
            os._exit(status)
    os.close(w)
    return pid, r


def python_child(*args, install=None, drop=(), env_extra=None, timeout=120, **run_args):
    """Runs a fresh interpreter, ``sys.executable *args``, to its end, its output captured as
    text; its environment is this one without ORUUID_INSTALL and the variables in ``drop``,
    plus ``env_extra``, and ORUUID_INSTALL=``install`` unless that is None."""
    env = {k: v for k, v in os.environ.items() if k != "ORUUID_INSTALL" and k not in drop}
    env.update(env_extra or {})
    if install is not None:
        env["ORUUID_INSTALL"] = install
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
        **run_args,
    )


def assert_blocks_steady(work, *, warm_up, rounds, limit=500):
    """Runs ``work`` ``warm_up`` times, then ``rounds`` times: the Python objects alive
    (``sys.getallocatedblocks()``) must not grow by ``limit`` or more over the rounds, as
    they would if a call leaked a reference. (test_leaks.py also watches refcounts and RSS.)
    """
    for _ in range(warm_up):
        work()
    gc.collect()
    before = sys.getallocatedblocks()
    for _ in range(rounds):
        work()
    gc.collect()
    grown = sys.getallocatedblocks() - before
    assert grown < limit, f"{grown} more blocks after {rounds} rounds"
