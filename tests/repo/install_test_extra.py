"""Installs pyproject.toml's ``test`` extra into the interpreter that runs this script.

    python tests/repo/install_test_extra.py [--partial] [--pyproject PATH]

Without ``--partial``: one ``pip install`` of the whole extra, which fails if any part
of it fails.

``--partial`` is for the builds where some packages of the extra have no wheel yet
(free-threaded CPython, musllinux, a CPython just released): each requirement is
installed from a wheel only (pip would otherwise try to build, say, orjson from its
Rust sources, and fail), and those without a wheel for this interpreter and platform
are listed and left out; their tests skip (``pytest.importorskip``). The test runner's
own packages (``CORE``) must install in either mode.

``.github/workflows/ci.yml`` runs it for those interpreters, and cibuildwheel's
``before-test`` can run it for those wheels (``{project}/tests/repo/...``).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

# What the suite and the test command cannot run without.
CORE = frozenset({"pytest", "hypothesis", "mypy"})
PIP = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check"]


def requirement_name(requirement: str) -> str:
    """The normalised project name of a PEP 508 requirement: ``psycopg[binary]>=3.1`` ->
    ``psycopg``."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if not match:
        raise ValueError(f"not a requirement: {requirement!r}")
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def read_test_extra(pyproject: Path) -> list[str]:
    with pyproject.open("rb") as f:
        extra: list[str] = tomllib.load(f)["project"]["optional-dependencies"]["test"]
    return extra


def pip_install(*args: str) -> bool:
    print("+ pip install", " ".join(args), flush=True)
    return subprocess.call([*PIP, *args]) == 0


def install_one(requirement: str) -> bool:
    """``requirement`` from wheels; failing that, the project without its extras
    (psycopg without psycopg-binary: pure Python, on the system's libpq if any), so that
    mypy still sees its types."""
    if pip_install("--only-binary=:all:", requirement):
        return True
    bare = re.sub(r"\[[^]]*\]", "", requirement, count=1)
    if bare != requirement and pip_install("--only-binary=:all:", bare):
        print(f"install_test_extra: installed {bare} without {requirement}'s extras", flush=True)
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--partial", action="store_true", help="wheels only, and leave out what has none (not CORE)"
    )
    parser.add_argument(
        "--pyproject", type=Path, default=Path(__file__).resolve().parents[2] / "pyproject.toml"
    )
    args = parser.parse_args(argv)
    requirements = read_test_extra(args.pyproject)
    missing_core = CORE - {requirement_name(r) for r in requirements}
    if missing_core:
        print(f"install_test_extra: the test extra lacks {sorted(missing_core)}", file=sys.stderr)
        return 2
    if not args.partial:
        return 0 if pip_install(*requirements) else 1
    # All at once when every package has a wheel; one by one otherwise.
    if pip_install("--only-binary=:all:", *requirements):
        return 0
    left_out = [r for r in requirements if not install_one(r)]
    if not left_out:
        return 0
    names = ", ".join(left_out)
    tag = f"{sys.implementation.name} {sys.version.split()[0]} {sys.platform}"
    print(f"install_test_extra: no wheel for {tag}, left out: {names}", flush=True)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(f"::warning title=test extra::left out on {tag} (no wheel): {names}", flush=True)
    core_left_out = CORE & {requirement_name(r) for r in left_out}
    if core_left_out:
        print(f"install_test_extra: {sorted(core_left_out)} must install", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
