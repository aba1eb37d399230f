"""Every python example of every page runs (pages.py says how blocks are read).

One test per python block. A page's blocks run in order, in one namespace, in one
fresh interpreter (run_page.py), which goes on after a failing block. A
block followed by an ``Output`` block must print exactly that. A page delegated to
another test directory (``<!-- executed-by: tests/DIR -->``) gets one test that
checks the delegation instead.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pages import ROOT, Block, Page, pages

PAGES = pages()
RESULTS: dict[Path, list[dict[str, Any]]] = {}


def _items() -> Iterator[Any]:
    for page in PAGES:
        if page.executed_by:
            continue
        for block in page.python():
            yield pytest.param(page, block, id=block.name)


@pytest.fixture(scope="session")
def postgresql() -> Iterator[str]:
    dsn = os.environ.get("ORUUID_PG_DSN")
    if dsn:
        yield dsn
        return
    from pgserver import PgServer

    with PgServer() as server:
        yield server.dsn


def _run(page: Page, env: dict[str, str]) -> list[dict[str, Any]]:
    if page.path not in RESULTS:
        runnable = [b for b in page.python() if b.not_run_reason is None]
        with tempfile.TemporaryDirectory(prefix="oruuid-docs-") as tmp:
            out = Path(tmp) / "results.json"
            proc = subprocess.run(
                [sys.executable, str(Path(__file__).with_name("run_page.py")), str(out)],
                input=json.dumps([{"name": b.name, "code": b.code} for b in runnable]),
                text=True,
                capture_output=True,
                cwd=tmp,
                env={**os.environ, **env},
                timeout=600,
                check=False,
            )
            assert out.exists(), f"{page.rel}: the worker died\n{proc.stdout}\n{proc.stderr}"
            results = json.loads(out.read_text())
        RESULTS[page.path] = [
            results.pop(0) if b.not_run_reason is None else {"status": "skipped"}
            for b in page.python()
        ]
    return RESULTS[page.path]


def _output_after(page: Page, block: Block) -> Block | None:
    i = page.blocks.index(block)
    following = page.blocks[i + 1] if i + 1 < len(page.blocks) else None
    return following if following is not None and following.is_output else None


@pytest.mark.parametrize(("page", "block"), list(_items()))
def test_example(page: Page, block: Block, request: pytest.FixtureRequest) -> None:
    reason = block.not_run_reason
    if reason is not None:
        assert len(reason.split()) >= 3, f"{block.name}: '# not run:' needs a reason"
        pytest.skip(f"not run, as the page says: {reason}")
    env = {}
    if "postgresql" in page.marks:
        env["DATABASE_URL"] = request.getfixturevalue("postgresql")
    result = _run(page, env)[page.python().index(block)]
    if result["status"] != "passed":
        pytest.fail(f"{block.name}: {result['status']}\n{result['stdout']}{result['error']}")
    expected = _output_after(page, block)
    if expected is not None:
        got = [line.rstrip() for line in result["stdout"].rstrip("\n").split("\n")]
        want = [line.rstrip() for line in expected.code.rstrip("\n").split("\n")]
        assert got == want, f"{block.name}: printed something else than its Output block"


def test_output_blocks_follow_an_example() -> None:
    """An Output block is checked only after a python block: nowhere else."""
    for page in PAGES:
        for i, block in enumerate(page.blocks):
            if block.is_output and not page.executed_by:
                assert i > 0, f"{block.name}: an Output block with no example before it"
                before = page.blocks[i - 1]
                assert before.lang == "python", f"{block.name}: Output after a non-python block"
                assert before.not_run_reason is None, f"{block.name}: Output after a block not run"


def test_every_python_block_is_seen() -> None:
    """No example hides from the collector under another spelling of python."""
    for page in PAGES:
        for block in page.blocks:
            lang = block.lang.lower()
            assert lang not in {"py", "python3", "pycon", "ipython"}, (
                f"{block.name}: write ```python so that the example runs"
            )


@pytest.mark.parametrize("page", [p for p in PAGES if p.executed_by], ids=lambda p: p.rel)
def test_delegated_page_is_run_elsewhere(page: Page) -> None:
    directory = ROOT / str(page.executed_by)
    assert directory.is_dir(), f"{page.rel}: executed-by {page.executed_by}, which does not exist"
    # A Python module there that names the page's file and reads a file: the page's
    # examples run from the page itself, not from a copy.
    readers = []
    for f in sorted(directory.rglob("*.py")):
        text = f.read_text(encoding="utf-8", errors="replace")
        if page.path.name in text and ("read_text(" in text or "open(" in text):
            readers.append(f)
    assert readers, f"{page.rel}: nothing in {page.executed_by} reads this page"
    assert page.python(), f"{page.rel}: delegated, but has no python examples"


def test_readme_links_lead_somewhere() -> None:
    """The README is the front door: each of its links into the tree names a file."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert local, "the README links nowhere into the site"
    missing = [link for link in local if not (ROOT / link.split("#")[0]).exists()]
    assert not missing, f"README.md links to missing files: {missing}"
