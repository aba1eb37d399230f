"""Helpers shared by the test modules (``import support``: pytest puts this folder on the path)."""

import json
import os
from importlib import metadata

import pytest


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
