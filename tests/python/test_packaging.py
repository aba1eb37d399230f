"""What users install: the version, stubs, licence and metadata of the installed distribution.

These read the installed package's own metadata (``importlib.metadata``), never the
source tree, so they fail when a file is missing from the wheel or when a checkout
shadows the install. tests/release.sh runs them against wheels built from
the sdist.
"""

import importlib.metadata
import json
import os
import pathlib
import subprocess
import sys

import pytest

import oruuid
from support import needs_wheel_layout

DIST = importlib.metadata.distribution("oruuid")
HERE = pathlib.Path(__file__).resolve().parent


def _is_editable():
    text = DIST.read_text("direct_url.json")
    return bool(text) and json.loads(text).get("dir_info", {}).get("editable", False)


def _installed(relpath):
    """The installed file ``relpath`` (as RECORD names it), or None if RECORD lacks it."""
    for f in DIST.files or ():
        if f.as_posix() == relpath:
            return pathlib.Path(f.locate())
    return None


def test_version_has_one_source():
    # _core.__version__ comes from version.hpp, and so does the wheel's metadata.
    assert oruuid.__version__ == importlib.metadata.version("oruuid")


def test_imported_package_is_the_installed_one():
    if _is_editable():
        pytest.skip("editable install: the package is the checkout by design")
    init = _installed("oruuid/__init__.py")
    assert init is not None, "oruuid/__init__.py is not in the distribution's RECORD"
    assert init.resolve() == pathlib.Path(oruuid.__file__).resolve()


BENCH = [
    "__init__",
    "__main__",
    "_build",
    "_cli",
    "_contenders",
    "_install_report",
    "_pure_python",
    "_report",
    "_timing",
]
# The longest module the wheel may hold (issue 23): a longer one mixes concerns.
MAX_MODULE_LINES = 600


@pytest.mark.parametrize(
    "name",
    ["py.typed", "__init__.pyi", "adapters/__init__.py", "adapters/asyncpg.py",
     "adapters/psycopg.py", *[f"bench/{m}.py" for m in BENCH]],
)  # fmt: skip
def test_package_files_are_shipped(name):
    """Typing files and subpackages (scikit-build-core's wheel.packages takes subfolders)."""
    if _is_editable():
        pytest.skip("editable install: RECORD lists no package files")
    path = _installed(f"oruuid/{name}")
    assert path is not None, f"oruuid/{name} is not in the distribution's RECORD"
    assert path.is_file()
    package = pathlib.Path(oruuid.__file__).resolve().parent
    assert path.resolve() == package / name


def test_test_code_is_not_shipped():
    """The tests' PostgreSQL server stays in tests/python; the bench is a package, not bench.py."""
    if _is_editable():
        pytest.skip("editable install: RECORD lists no package files")
    names = sorted(f.as_posix() for f in DIST.files or ())
    unwanted = [n for n in names if n.endswith("pgserver.py") or n == "oruuid/bench.py"]
    assert not unwanted, unwanted


def test_no_module_is_over_600_lines():
    """Every .py the wheel installed is at most MAX_MODULE_LINES lines long."""
    if _is_editable():
        pytest.skip("editable install: RECORD lists no package files")
    modules = [f for f in DIST.files or () if f.suffix == ".py"]
    assert len(modules) > len(BENCH), modules
    lengths = {}
    for f in modules:
        with open(f.locate(), encoding="utf-8") as text:
            lengths[f.as_posix()] = sum(1 for _ in text)
    over = {name: n for name, n in lengths.items() if n > MAX_MODULE_LINES}
    assert not over, over


@needs_wheel_layout
def test_extension_is_shipped():
    core = pathlib.Path(oruuid._core.__file__).resolve()
    assert core.parent == pathlib.Path(oruuid.__file__).resolve().parent
    if not _is_editable():
        assert _installed(f"oruuid/{core.name}") is not None


@needs_wheel_layout
def test_one_native_module():
    """The wheel holds oruuid._core and no other extension: its parts are submodules."""
    import importlib.machinery

    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    natives = [f for f in DIST.files or () if f.name.endswith(suffixes)]
    assert [f.as_posix().split(".")[0] for f in natives] == ["oruuid/_core"], natives
    assert oruuid._core.patch.__name__ == "oruuid._core.patch"
    assert oruuid._core.bench.__name__ == "oruuid._core.bench"


def test_licence_is_shipped():
    assert DIST.metadata["License-Expression"]
    names = DIST.metadata.get_all("License-File") or []
    assert names, "no License-File in the metadata"
    shipped = {
        f.as_posix().split(".dist-info/licenses/", 1)[-1]: f
        for f in DIST.files or ()
        if ".dist-info/licenses/" in f.as_posix()
    }
    for name in names:
        assert name in shipped, name
        assert pathlib.Path(shipped[name].locate()).is_file(), name


def test_classifiers_name_this_interpreter():
    # Each interpreter that CI tests the wheels on must be declared to users.
    classifiers = DIST.metadata.get_all("Classifier") or []
    assert (
        f"Programming Language :: Python :: {sys.version_info[0]}.{sys.version_info[1]}"
        in classifiers
    )
    assert "Typing :: Typed" in classifiers


def test_project_urls_are_set():
    urls = dict(u.split(", ", 1) for u in DIST.metadata.get_all("Project-URL") or [])
    for label in ("Homepage", "Source", "Issues", "Changelog"):
        assert urls.get(label, "").startswith("https://"), label


@pytest.mark.slow
def test_stubs_match_the_installed_package(tmp_path):
    """``python -m mypy.stubtest oruuid``: every stub (``__init__.pyi``, ``_core.pyi``, and
    each module's own annotations) against the installed package at run time.

    What stubtest reports and the stubs cannot fix is in stubtest-allowlist.txt, each
    entry with its reason; an entry that no longer matches anything fails too.
    """
    pytest.importorskip("mypy.stubtest")
    env = dict(os.environ)
    env.pop("MYPYPATH", None)
    if _is_editable():
        # mypy finds no package through an editable install's import hook: the stubs
        # are the checkout's, the run-time objects still the import's.
        env["MYPYPATH"] = str(HERE.parents[1] / "python")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "oruuid",
         "--allowlist", str(HERE / "stubtest-allowlist.txt")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
