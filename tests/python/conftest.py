"""Shared pytest configuration for the oruuid Python suite.

Hypothesis profiles, chosen with the ``HYPOTHESIS_PROFILE`` environment variable:

- ``ci`` (default): enough examples to find real divergences, quick enough for CI;
- ``dev``: a fast smoke run;
- ``long``: a soak run for hunting rare divergences.

No profile has a deadline: a cold cache or a loaded CI machine must not fail a test.

Two policies live here, so that every way of running the suite (tests/python/run, nox,
cibuildwheel's test command, a bare ``pytest``) honours them:

- Tests marked ``slow`` (leak loops, database servers, subprocess suites, CPython's own
  test_uuid, long Hypothesis runs) run unless ``-m "not slow"`` is given, as the local
  loop (``nox -s dev``) does.
- The modules that fork run first, in a pytest process of their own that imports
  nothing else. numpy and pyarrow, which other modules import, start threads, and a
  child forked from a multi-threaded process may only make async-signal-safe calls
  (CPython 3.12+ warns about it). The child gets the same arguments; the forking
  modules check that they run with no other thread.
"""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

for name, examples in (("ci", 300), ("long", 20_000)):
    settings.register_profile(
        name,
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        print_blob=True,
    )
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="module")
def arrow_system_pool():
    """glibc's allocator as pyarrow's pool for a module. pyarrow's default (mimalloc)
    keeps and returns freed memory on its own schedule, which made later tests' RSS leak
    checks (test_leaks.py) grow by a few MB now and then."""
    import pyarrow as pa

    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    yield
    pa.set_memory_pool(previous)


@pytest.fixture(scope="module", params=["oruuid", "oruuid._compat"])
def impl(request):
    """One behavioural suite for both implementations, as CPython's test_uuid runs for
    both of its own: oruuid (native fast paths) and oruuid._compat (the pure-Python
    statement of the stdlib's semantics that every fallback runs)."""
    return importlib.import_module(request.param)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: takes seconds or starts servers/subprocesses; deselect with -m 'not slow'",
    )


# --------------------------------------------------------------- the forking modules

FORKING = frozenset(
    {"test_reliability_fork.py", "test_threads_fork.py", "test_reliability_clock.py"}
)
_ROLE = "ORUUID_PYTEST_FORKING"  # set in the child that runs the forking modules
_forking_requested: list[Path] = []
_child_failed = pytest.StashKey[int]()
# Threads before any test module is imported: 1, or more where an emulator (qemu-user)
# runs threads of its own in the process.
_THREADS_AT_START = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 1


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # In the child, the directories it walks yield nothing but the forking modules.
    if os.environ.get(_ROLE) and collection_path.suffix == ".py":
        return collection_path.name.startswith("test_") and collection_path.name not in FORKING
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(_ROLE):
        return
    forking = [item for item in items if item.path.name in FORKING]
    if forking:
        _forking_requested.extend(sorted({item.path for item in forking}))
        config.hook.pytest_deselected(items=forking)
        items[:] = [item for item in items if item.path.name not in FORKING]


def _run_forking_child(config: pytest.Config) -> int:
    # The same arguments, less the other modules named on the command line.
    args = []
    for arg in config.invocation_params.args:
        name = Path(str(arg).split("::")[0]).name
        if name.startswith("test_") and name.endswith(".py") and name not in FORKING:
            continue
        args.append(str(arg))
    env = dict(os.environ, **{_ROLE: "1"})
    names = ", ".join(p.name for p in _forking_requested)
    print(f"\n== the forking modules, in a process of their own: {names}", flush=True)
    return subprocess.call(
        [sys.executable, "-m", "pytest", *args], env=env, cwd=config.invocation_params.dir
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> None:
    config = session.config
    if os.environ.get(_ROLE) or not _forking_requested or config.option.collectonly:
        return
    rc = _run_forking_child(config)
    # 5: no test selected there (-k, -m): not a failure.
    if rc not in (0, 5):
        # Reported at the end: counting it as a failure now would stop this run's tests.
        config.stash[_child_failed] = rc


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    rc = session.config.stash.get(_child_failed, None)
    if rc is not None:
        print(f"\n== the forking modules failed (pytest exit status {rc})", flush=True)
        if exitstatus in (0, 5):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True, scope="module")
def _forking_modules_run_alone(request: pytest.FixtureRequest) -> None:
    """A forking module runs only where no other thread exists (see above)."""
    if Path(str(request.path)).name not in FORKING or not os.path.isdir("/proc/self/task"):
        return
    threads = len(os.listdir("/proc/self/task"))
    assert threads == _THREADS_AT_START, (
        f"{request.path.name} forks, so it must run in a process with no other thread "
        f"(found {threads}, {_THREADS_AT_START} at start-up); run it through the suite "
        "(conftest.py starts it alone)"
    )
