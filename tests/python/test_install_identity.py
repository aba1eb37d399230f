"""Functions installed by ``oruuid.install()`` keep the stdlib's names: Django migrations, pickles.

Django's migration writer and pickle both record a function by ``__module__`` and
``__qualname__``. While installed, ``uuid.uuid4`` must be recorded as ``uuid.uuid4``,
so that a teammate or a CI without oruuid reads the same thing; ``oruuid.uuid7``
must be recorded as ``oruuid.uuid7``, never as the private ``oruuid._core``.
"""

import pickle
import textwrap
import uuid

import pytest

import oruuid
from support import python_child

# Run first in a child interpreter to make it one without oruuid: the import fails.
BLOCK_ORUUID = "import sys; sys.modules['oruuid'] = None\n"


def run(code, *, env_extra=None, cwd=None, without_oruuid=False):
    env_extra = dict(env_extra or {})
    if cwd is not None:
        env_extra["PYTHONPATH"] = str(cwd)
    prefix = BLOCK_ORUUID if without_oruuid else ""
    return python_child(
        "-c", prefix + code, drop=("PYTHONPATH",), env_extra=env_extra, cwd=cwd, timeout=300
    )


# ------------------------------------------------------------ pickle


def test_installed_functions_pickle_as_the_stdlibs_and_load_without_oruuid():
    # The stdlib's own functions on this interpreter (uuid6, uuid7, uuid8 from 3.14).
    oruuid.uninstall()
    names = [
        n
        for n in ("uuid1", "uuid3", "uuid4", "uuid5", "uuid6", "uuid7", "uuid8")
        if hasattr(uuid, n)
    ]
    oruuid.install()
    try:
        installed = [getattr(uuid, n) for n in names]
        assert all(f.__module__ == "uuid" for f in installed)
        payloads = [pickle.dumps(installed, p) for p in range(pickle.HIGHEST_PROTOCOL + 1)]
    finally:
        oruuid.uninstall()
    # What pickling the stdlib's own functions gives, byte for byte.
    assert payloads == [
        pickle.dumps([getattr(uuid, n) for n in names], p)
        for p in range(pickle.HIGHEST_PROTOCOL + 1)
    ]
    code = textwrap.dedent(
        f"""
        import pickle, uuid
        for h in {[d.hex() for d in payloads]!r}:
            fs = pickle.loads(bytes.fromhex(h))
            assert fs == [getattr(uuid, n) for n in {names!r}]
        print(fs[{names.index("uuid4")}]().version)
        """
    )
    proc = run(code, without_oruuid=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "4"


def test_oruuid_functions_pickle_by_their_public_name():
    data = pickle.dumps([oruuid.uuid7, oruuid.parse, oruuid.Timestamp])
    assert b"_core" not in data
    assert b"oruuid" in data
    proc = run(
        f"import pickle, oruuid; fs = pickle.loads(bytes.fromhex({data.hex()!r})); "
        "print(fs[0] is oruuid.uuid7, fs[1] is oruuid.parse, fs[2] is oruuid.Timestamp)"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "True", "True"]


# ------------------------------------------------------------ Django migrations

SETTINGS = """
SECRET_KEY = "test"
INSTALLED_APPS = ["things"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
"""

MODELS = """
import uuid
import oruuid
from django.db import models


class Stdlib(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    later = models.UUIDField(default=uuid.uuid1)


class Ours(models.Model):
    id = models.UUIDField(primary_key=True, default=oruuid.uuid7, editable=False)
"""

# The stdlib-only half of the models, for a project that has no oruuid at all.
MODELS_STDLIB_ONLY = MODELS.split("class Ours")[0].replace("import oruuid\n", "")

MANAGE = (
    "import os, sys\n"
    "os.environ['DJANGO_SETTINGS_MODULE'] = 'settings'\n"
    "import django; django.setup()\n"
    "from django.core.management import call_command\n"
    "args = sys.argv[1:] if len(sys.argv) > 1 else {args!r}\n"
    "try:\n"
    "    call_command(*args)\n"
    "except SystemExit as e:\n"
    "    raise SystemExit(e.code)\n"
)


def project(tmp_path, models):
    (tmp_path / "settings.py").write_text(SETTINGS)
    app = tmp_path / "things"
    (app / "migrations").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "migrations" / "__init__.py").write_text("")
    (app / "models.py").write_text(models)
    return app / "migrations"


def manage(tmp_path, *args, installed=False, without_oruuid=False):
    code = ("import oruuid; oruuid.install()\n" if installed else "") + MANAGE.format(
        args=list(args)
    )
    return run(code, cwd=tmp_path, without_oruuid=without_oruuid)


@pytest.fixture
def django_available():
    pytest.importorskip("django")


def migration_text(migrations):
    files = sorted(p for p in migrations.glob("0*.py"))
    assert len(files) == 1, files
    return files[0].read_text()


@pytest.mark.slow
def test_makemigrations_while_installed_writes_uuid_uuid4(django_available, tmp_path):
    migrations = project(tmp_path, MODELS)
    proc = manage(tmp_path, "makemigrations", "things", installed=True)
    assert proc.returncode == 0, proc.stderr
    text = migration_text(migrations)
    assert "default=uuid.uuid4" in text
    assert "default=uuid.uuid1" in text
    assert "default=oruuid.uuid7" in text
    assert "oruuid._core" not in text
    assert "oruuid.uuid4" not in text
    # The same project without install(): nothing to migrate, in either direction.
    for installed in (False, True):
        proc = manage(tmp_path, "makemigrations", "--check", "--dry-run", installed=installed)
        assert proc.returncode == 0, (installed, proc.stdout + proc.stderr)


@pytest.mark.slow
def test_migration_written_with_install_checks_clean_without_oruuid(django_available, tmp_path):
    """A teammate without oruuid sees no migration diff for the stdlib's defaults."""
    migrations = project(tmp_path, MODELS_STDLIB_ONLY)
    proc = manage(tmp_path, "makemigrations", "things", installed=True)
    assert proc.returncode == 0, proc.stderr
    assert "oruuid" not in migration_text(migrations)
    proc = manage(tmp_path, "makemigrations", "--check", "--dry-run", without_oruuid=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # And the migration applies there, oruuid-free.
    proc = manage(tmp_path, "migrate", "--run-syncdb", "-v", "0", without_oruuid=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.slow
def test_migration_written_without_oruuid_checks_clean_with_install(django_available, tmp_path):
    project(tmp_path, MODELS_STDLIB_ONLY)
    proc = manage(tmp_path, "makemigrations", "things", without_oruuid=True)
    assert proc.returncode == 0, proc.stderr
    proc = manage(tmp_path, "makemigrations", "--check", "--dry-run", installed=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
