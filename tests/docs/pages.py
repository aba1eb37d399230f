"""The documentation's pages as the docs tests read them: fenced blocks and page marks.

A page is a Markdown file under docs/, or README.md. Its fenced blocks, in order:

- ```python: an example, run by test_examples.py. All of a page's python blocks run
  in order, in one namespace, in a fresh interpreter of their own.
- A python block whose first line is ``# not run: REASON`` is shown but not run; the
  reason is on the page for the reader and must say something (three words or more).
- A ``{code-block} text`` directive captioned ``Output`` is what the python block
  before it prints: the test compares the two.
- ```cpp blocks with ``int main`` are complete programs, built against the installed
  C++ package with the page's ```cmake block (test_cpp_examples.py).

Page marks, HTML comments on the page's first line (invisible on the site):

- ``<!-- executed-by: tests/DIR -->``: the page's examples are run by that test
  directory instead (it needs a JVM, a cluster, ...). The collector checks that the
  directory exists and that a file in it names the page, so the delegation cannot
  silently skip it.
- A ``{include}`` of another file (the root GUARANTEES.md, ...) brings its blocks in.
- ``<!-- docs-test: postgresql -->``: the examples need a PostgreSQL server; the test
  starts a throwaway one (tests/python/pgserver.py) and sets ``DATABASE_URL``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
NOT_RUN = re.compile(r"#\s*not run:\s*(.*)", re.IGNORECASE)
EXECUTED_BY = re.compile(r"<!--\s*executed-by:\s*(\S+)\s*-->")
MARK = re.compile(r"<!--\s*docs-test:\s*([\w, -]+?)\s*-->")
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    info: str  # the fence's info string: "python", "{code-block} text", ...
    options: dict[str, str]
    code: str

    @property
    def lang(self) -> str:
        info = self.info.strip()
        if info.startswith("{"):
            parts = info.split(None, 1)
            return parts[1].strip() if len(parts) > 1 else ""
        return info.split(None, 1)[0] if info else ""

    @property
    def is_output(self) -> bool:
        return (
            self.info.strip().startswith("{code-block}")
            and self.options.get("caption", "").strip().lower() == "output"
        )

    @property
    def not_run_reason(self) -> str | None:
        first = self.code.lstrip("\n").split("\n", 1)[0]
        m = NOT_RUN.match(first.strip())
        return m.group(1).strip() if m else None

    @property
    def name(self) -> str:
        base = DOCS if self.page.is_relative_to(DOCS) else ROOT
        return f"{self.page.relative_to(base)}:{self.line}"


@dataclass
class Page:
    path: Path
    blocks: list[Block] = field(default_factory=list)
    executed_by: str | None = None
    marks: set[str] = field(default_factory=set)

    @property
    def rel(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    def python(self) -> list[Block]:
        return [b for b in self.blocks if b.lang == "python" and not b.is_output]


def read_page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    page = Page(path)
    if lines:
        m = EXECUTED_BY.fullmatch(lines[0].strip())
        if m:
            page.executed_by = m.group(1)
        m = MARK.fullmatch(lines[0].strip())
        if m:
            page.marks = {s.strip() for s in m.group(1).split(",")}
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info, start = m.group("fence"), m.group("info"), i
        body: list[str] = []
        i += 1
        while i < len(lines) and not re.match(
            rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$", lines[i]
        ):
            body.append(lines[i])
            i += 1
        i += 1  # the closing fence
        options: dict[str, str] = {}
        if info.strip().startswith("{"):
            while body and body[0].startswith(":"):
                key, _, value = body.pop(0)[1:].partition(":")
                options[key.strip()] = value.strip()
        block = Block(path, start + 1, info.strip(), options, "\n".join(body) + "\n")
        if block.info.startswith("{include}"):
            # An included file (GUARANTEES.md, ...): its blocks are the page's.
            target = (path.parent / block.info.split(None, 1)[1].strip()).resolve()
            page.blocks.extend(read_page(target).blocks)
        else:
            page.blocks.append(block)
    return page


def pages() -> list[Page]:
    """Every page of the site, and the README, the project's front door."""
    found = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)
    return [read_page(p) for p in [ROOT / "README.md", *found]]
