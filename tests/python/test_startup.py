"""The ORUUID_INSTALL start-up hook, as a fresh interpreter runs it (with test_install.py's).

Python 3.15 (PEP 829) reads ``oruuid_install.start`` in site-packages, resolves its
entry point with ``pkgutil.resolve_name(entry, strict=True)`` (which imports the
module, and so first its package) and calls it; that file's presence disables the
``import`` line of ``oruuid_install.pth``, which earlier versions run instead. Each
child runs with ``-W error``: a warning at start-up fails it, as does anything on
stderr.
"""

import pathlib
import re
import sys

import pytest

import oruuid
from support import needs_wheel_layout, python_child

PEP_829 = sys.version_info >= (3, 15)
ENTRY_POINT = "_oruuid_startup:main"
# pkgutil.resolve_name's strict form (3.15): dotted words, a colon, dotted words.
STRICT = re.compile(r"^(?!\d)\w+(\.(?!\d)\w+)*:(?!\d)\w+(\.(?!\d)\w+)*$")


def site_dir():
    return pathlib.Path(oruuid.__file__).resolve().parent.parent


def entry_points(path):
    lines = (line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def child(code, value, *flags):
    return python_child("-W", "error", *flags, "-c", code, install=value, drop=("PYTHONWARNINGS",))


def test_start_file_names_a_top_level_entry_point():
    site = site_dir()
    start = site / "oruuid_install.start"
    assert start.is_file(), sorted(p.name for p in site.glob("*.start"))
    assert (site / "oruuid_install.pth").is_file()  # same name: the .start disables its import line
    assert entry_points(start) == [ENTRY_POINT]
    assert STRICT.match(ENTRY_POINT)
    module = ENTRY_POINT.partition(":")[0]
    # No package to import on the way: resolving it loads one small module, not oruuid.
    assert "." not in module
    assert (site / f"{module}.py").is_file()
    if PEP_829:
        import pkgutil

        assert callable(pkgutil.resolve_name(ENTRY_POINT, strict=True))


STATE = (
    "import sys; "
    "print('_oruuid_startup' in sys.modules, 'oruuid' in sys.modules, 'uuid' in sys.modules)"
)


@needs_wheel_layout
def test_installs_at_start_up_with_warnings_as_errors():
    proc = child(
        STATE + "; import uuid, oruuid; "
        "print(oruuid.installed(), uuid.uuid4 is oruuid._core.stdlib_functions['uuid4'], "
        "str(uuid.UUID(int=1))[-4:])",
        "1",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    first, second = proc.stdout.splitlines()
    # The entry point ran on 3.15+; before it, the .pth line (which imports no module of its own).
    assert first.split() == [str(PEP_829), "True", "True"]
    assert second.split() == ["True", "True", "0001"]


@pytest.mark.parametrize("value", [None, "", "0", "true"])
def test_does_nothing_unless_set_to_1(value):
    proc = child(STATE, value)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.split() == [str(PEP_829), "False", "False"]


@pytest.mark.skipif(not PEP_829, reason="PEP 829 start files are read from 3.15")
def test_start_file_suppresses_the_pth_import_line():
    # site traces what it does under -v: the .pth's import line is suppressed by the
    # .start of the same name, and the entry point is executed once.
    proc = child("pass", "1", "-v")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    ours = [line for line in lines if "oruuid" in line]
    assert any("oruuid_install.pth" in line and "suppressed" in line for line in ours), ours
    assert sum(ENTRY_POINT in line and "Executing" in line for line in lines) == 1
    assert not any("Error" in line for line in ours), ours
