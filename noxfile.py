"""Every check of oruuid, one session each: ``nox -l`` lists them, ``nox -s NAME`` runs one.

The sessions run the project's check scripts (``tests/*.sh``, ``tests/platforms/``,
``tests/python/``, ``fuzz/run``) with the interpreters and roots they need, so each check
is defined once, in its script, and reached from here. ``tests/run`` (the README's test
command, and CI's) runs ``nox -s all``: every session, side by side.
Sessions that install Debian packages or make chroots need root, as CI runs them.

The two-minute loop (see CONTRIBUTING.md)::

    nox -s dev              # editable install, rebuilds what changed, fast tests
    nox -s dev -- -k parse  # pytest arguments after --
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
from pathlib import Path

import nox

nox.options.default_venv_backend = "none"
nox.options.sessions = ["lint", "cpp", "dev"]
nox.needs_version = ">=2024.3.2"

ROOT = Path(__file__).resolve().parent
# Interpreters of the host (pyenv) and of the Debian unstable root (tests/platforms/sid.sh).
HOST_PYTHONS = ["3.11", "3.12", "3.13"]
SID_PYTHONS = ["3.14", "3.15", "3.14-dbg"]


def host_python(version: str) -> str:
    """The newest pyenv CPython ``version``, else ``pythonX.Y`` from PATH."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = sorted(
        glob.glob(f"{root}/versions/{version}.*/bin/python3"),
        key=lambda p: [int(x) for x in Path(p).parts[-3].split(".") if x.isdigit()],
    )
    if found:
        return found[-1]
    exe = shutil.which(f"python{version}")
    if not exe:
        raise SystemExit(f"noxfile: no CPython {version} (pyenv or PATH)")
    return exe


def run(session: nox.Session, *cmd: str, env: dict[str, str] | None = None) -> None:
    session.run(*cmd, external=True, env=env or {})


# --------------------------------------------------------------------------- checks


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format), mypy --strict on the package, shellcheck, clang-format."""
    run(session, "tests/lint")


@nox.session
def cpp(session: nox.Session) -> None:
    """The C++ core: configure, build with -Werror, ctest (GoogleTest)."""
    run(session, "tests/cpp.sh", *session.posargs)


def _tests(version: str) -> None:
    def tests(session: nox.Session) -> None:
        run(session, "tests/python/install-and-run", host_python(version), *session.posargs)

    tests.__doc__ = (
        f"The whole Python suite on CPython {version} (pyenv): from the working tree, or "
        "from a wheel built from the sdist when ORUUID_SDIST is set (as `nox -s all` does)."
    )
    nox.session(name=f"tests-{version}")(tests)


for _version in HOST_PYTHONS:
    _tests(_version)


@nox.session
def sid(session: nox.Session) -> None:
    """CPython 3.14, 3.15 and 3.14's debug build, with CPython's own test_uuid, and the
    C++ core built by GCC's newest release, in a Debian unstable root. Steps may be
    named: nox -s sid -- 3.15 cpp."""
    run(session, "tests/platforms/sid.sh", *session.posargs)


@nox.session
def sdist(session: nox.Session) -> None:
    """The source distribution (build/dist), checked, and the release tools' venv."""
    run(session, "tests/release.sh", "sdist")


@nox.session
def release(session: nox.Session) -> None:
    """The release as users get it: the wheel built from the sdist without test hooks,
    repaired, twine-checked, installed and inspected; cibuildwheel's build list."""
    run(session, "tests/release.sh", "wheel")


@nox.session
def compilers(session: nox.Session) -> None:
    """The C++ tests built by clang, and the platform layer's macOS, generic POSIX and
    Windows branches compiled against glibc's and MinGW's declarations."""
    run(session, "tests/compilers.sh")


@nox.session
def docs(session: nox.Session) -> None:
    """The documentation site from docs/: Sphinx with warnings as errors, every example
    run, the API reference complete, the site checked in headless Chromium."""
    run(session, "tests/docs.sh", *session.posargs)


@nox.session(name="all")
def all_sessions(session: nox.Session) -> None:
    """Every session above, side by side where the machine has room (tests/pipeline.py):
    what tests/run and CI run."""
    nox_exe = str(Path(sys.executable).parent / "nox")
    run(session, sys.executable, "tests/pipeline.py", nox_exe, *session.posargs)


@nox.session
def dev(session: nox.Session) -> None:
    """The local loop: an editable install that rebuilds only what changed (one build
    directory per interpreter, kept in build/), then the tests not marked slow."""
    version = os.environ.get("ORUUID_DEV_PYTHON", "3.11")
    python = host_python(version)
    venv = ROOT / "build" / f"dev-{version}"
    bin_ = venv / "bin"
    if not (bin_ / "python").exists():
        run(session, python, "-m", "venv", str(venv))
        run(session, str(bin_ / "pip"), "install", "-q", "--upgrade", "pip")
    stamp = venv / ".deps"
    pyproject = ROOT / "pyproject.toml"
    if not stamp.exists() or stamp.stat().st_mtime < pyproject.stat().st_mtime:
        # The build requirements too: --no-build-isolation keeps the build directory.
        run(
            session,
            str(bin_ / "pip"),
            "install",
            "-q",
            "scikit-build-core>=0.11",
            "cmake>=3.25",
            "ninja>=1.11",
        )
        run(
            session,
            str(bin_ / "pip"),
            "install",
            "-q",
            "--no-build-isolation",
            f"--config-settings=build-dir=build/editable-{version}",
            "--config-settings=editable.rebuild=true",
            "--config-settings=editable.verbose=false",
            "--config-settings=cmake.define.ORUUID_BUILD_TESTING_MODULE=ON",
            "-e",
            ".[test]",
        )
        stamp.touch()
    # editable.rebuild rebuilds the extension on import when a source changed.
    run(session, str(bin_ / "python"), "-c", "import oruuid")
    session.chdir(ROOT / "tests" / "python")
    pytest = [str(bin_ / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    run(
        session,
        *pytest,
        "-m",
        "not slow",
        *(session.posargs or ["."]),
        env={"HYPOTHESIS_PROFILE": "dev"},
    )


@nox.session
def sanitize(session: nox.Session) -> None:
    """ASan+UBSan and valgrind over the C++ tests, the extension under ASan."""
    run(session, "tests/sanitize.sh")


@nox.session
def fuzz(session: nox.Session) -> None:
    """libFuzzer targets (parse, differential against CPython) for 60 s each."""
    run(
        session,
        "fuzz/run",
        *(session.posargs or ["60"]),
        env={"ORUUID_FUZZ_PYTHON": host_python("3.11")},
    )


@nox.session(name="mod-wsgi")
def mod_wsgi(session: nox.Session) -> None:
    """install() under Apache mod_wsgi's sub-interpreters (Debian's Apache)."""
    run(session, "tests/mod-wsgi.sh")


@nox.session
def engines(session: nox.Session) -> None:
    """The recipes of docs/guides/distributed.md on a million rows: PySpark in local mode
    (Debian's OpenJDK 17), Dask (threads, and two worker processes) and Polars."""
    run(session, "tests/engines.sh", *session.posargs)


# Other platforms, under emulation (tests/platforms/NAME.sh): session -> what it checks.
PLATFORMS = {
    "portable": "the core without SIMD kernels (-DORUUID_PORTABLE=ON), C++ and Python",
    "plain-cmake": "a bare Debian root with only g++/cmake/make: build, install, consume",
    "windows-wine": "MinGW-w64 build, ctest under wine64",
    "s390x-qemu": "big-endian: ctest under qemu-s390x",
    "aarch64-qemu": "ctest under qemu-aarch64",
    "arm64-root-python": "an arm64 Debian root under QEMU: build and test the package",
}


def _platform(name: str, doc: str) -> None:
    def platform(session: nox.Session) -> None:
        run(session, f"tests/platforms/{name}.sh", *session.posargs)

    platform.__doc__ = doc[0].upper() + doc[1:] + "."
    nox.session(name=name)(platform)


for _name, _doc in PLATFORMS.items():
    _platform(_name, _doc)


@nox.session
def bench(session: nox.Session) -> None:
    """python -m oruuid.bench on Debian's optimized 3.11 with the peers (not a test)."""
    venv = ROOT / "build" / "bench-venv"
    if not (venv / "bin" / "python").exists():
        run(session, "/usr/bin/python3.11", "-m", "venv", str(venv))
    run(session, str(venv / "bin" / "pip"), "install", "-q", ".[bench]")
    run(session, str(venv / "bin" / "python"), "-m", "oruuid.bench", *session.posargs)
