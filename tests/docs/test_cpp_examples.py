"""Every complete C++ example of the docs (a ```cpp block with ``int main``) builds
against an installed oruuid with its page's ```cmake block as the CMakeLists.txt,
and runs, as tests/consumer does.

The install prefix is ORUUID_DOCS_CPP_PREFIX (tests/docs.sh installs the core there
once); without it, the test configures, builds and installs the core itself into a
temporary prefix.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pages import ROOT, Block, Page, pages

CMAKE = shutil.which("cmake")
pytestmark = pytest.mark.skipif(CMAKE is None, reason="cmake is not installed")
PAGES = [p for p in pages() if any(b.lang == "cpp" for b in p.blocks)]


def _items() -> Iterator[Any]:
    for page in PAGES:
        for block in page.blocks:
            if block.lang == "cpp" and "int main" in block.code:
                yield pytest.param(page, block, id=block.name)


def _run(*cmd: str, cwd: Path | None = None) -> None:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"{' '.join(cmd)}\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"


@pytest.fixture(scope="session")
def prefix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("ORUUID_DOCS_CPP_PREFIX")
    if given and (Path(given) / "include" / "oruuid" / "oruuid.hpp").exists():
        return Path(given)
    work = tmp_path_factory.mktemp("oruuid-core")
    build, inst = work / "build", work / "prefix"
    assert CMAKE is not None
    _run(
        CMAKE,
        "-S",
        str(ROOT),
        "-B",
        str(build),
        "-DCMAKE_BUILD_TYPE=Release",
        "-DORUUID_BUILD_TESTS=OFF",
    )
    _run(CMAKE, "--build", str(build), "-j", "2")
    _run(CMAKE, "--install", str(build), "--prefix", str(inst))
    return inst


def test_every_cpp_page_has_its_cmake_project() -> None:
    assert PAGES, "no page has C++ examples"
    for page in PAGES:
        cmake = [b for b in page.blocks if b.lang == "cmake"]
        assert len(cmake) == 1, f"{page.rel}: one ```cmake block, the examples' CMakeLists.txt"
        assert "find_package(oruuid CONFIG REQUIRED)" in cmake[0].code
        assert "main.cpp" in cmake[0].code


@pytest.mark.parametrize(("page", "block"), list(_items()))
def test_cpp_example(page: Page, block: Block, prefix: Path) -> None:
    (cmake,) = [b for b in page.blocks if b.lang == "cmake"]
    assert CMAKE is not None
    with tempfile.TemporaryDirectory(prefix="oruuid-docs-cpp-") as tmp:
        src, build = Path(tmp) / "src", Path(tmp) / "build"
        src.mkdir()
        (src / "CMakeLists.txt").write_text(cmake.code)
        (src / "main.cpp").write_text(block.code)
        _run(
            CMAKE,
            "-S",
            str(src),
            "-B",
            str(build),
            f"-DCMAKE_PREFIX_PATH={prefix}",
            "-DCMAKE_BUILD_TYPE=Debug",
        )  # Debug: the examples' asserts are checked
        _run(CMAKE, "--build", str(build))
        exe = build / "app"
        proc = subprocess.run([str(exe)], capture_output=True, text=True, check=False)
        assert proc.returncode == 0, f"{block.name}: exit {proc.returncode}\n{proc.stderr}"
        assert proc.stdout.strip(), f"{block.name}: printed nothing"
