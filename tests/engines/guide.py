"""The recipes of docs/guides/distributed.md, and the checks every engine's IDs must pass.

The page's ```python blocks are grouped by the ``## `` section they are in (its first
word: Spark, Dask, Polars); each engine's tests run that section's blocks, in order, in
one namespace, and then put the functions the blocks defined to work on a million rows.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "guides" / "distributed.md"
MARKER = "<!-- executed-by: tests/engines -->"
# The sections whose blocks the tests run: test_spark.py, test_dask.py, test_polars.py.
ENGINES = ("Spark", "Dask", "Polars")
N = 1_000_000

_FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def blocks(text: str | None = None) -> dict[str, list[str]]:
    """The page's python blocks by section (the first word of their ``## `` heading)."""
    text = PAGE.read_text(encoding="utf-8") if text is None else text
    found: dict[str, list[str]] = {}
    section = ""
    pos = 0
    for m in _FENCE.finditer(text):
        for line in text[pos : m.start()].splitlines():
            if line.startswith("## "):
                section = line[3:].split()[0].rstrip(":")
        pos = m.end()
        found.setdefault(section, []).append(m.group(1))
    return found


def run_section(engine: str, **given: Any) -> dict[str, Any]:
    """Runs the page's blocks of one section in a fresh namespace (with ``given`` in it)."""
    code = blocks()[engine]
    # A module name no process can import: cloudpickle (Spark's, Dask's) then ships the
    # functions the blocks define by value to the worker processes, as it does for
    # functions defined in a notebook or a script's __main__.
    namespace: dict[str, Any] = {"__name__": f"distributed_guide_{engine.lower()}", **given}
    for i, block in enumerate(code):
        exec(compile(block, f"{PAGE}:{engine}[{i}]", "exec"), namespace)
    return namespace


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def uuid_bytes_from_text(ids: Iterable[str]) -> list[bytes]:
    """Canonical lowercase text to 16 bytes each, checked with the stdlib's rules only."""
    pattern = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
    out = []
    for i, s in enumerate(ids):
        assert isinstance(s, str), f"row {i}: {type(s).__name__}, not str"
        assert pattern.fullmatch(s), f"row {i}: {s!r} is not canonical UUID text"
        out.append(bytes.fromhex(s.replace("-", "")))
    return out


def check_v7(
    ids: Sequence[bytes], partitions: Sequence[Any], t0_ms: int, t1_ms: int
) -> dict[Any, int]:
    """Asserts what the page promises of a column of UUIDv7 (16 bytes each, in row order,
    with each row's partition): every one a UUIDv7 of the RFC 9562 variant whose time
    lies in [t0_ms, t1_ms], no two equal, and strictly increasing down each partition.
    Returns the number of rows of each partition."""
    assert len(ids) == len(partitions)
    for i, b in enumerate(ids):
        assert isinstance(b, bytes), f"row {i}: {type(b).__name__}, not bytes"
        assert len(b) == 16, f"row {i}: {b!r} is not 16 bytes"
        assert b[6] >> 4 == 7, f"row {i}: version {b[6] >> 4}, not 7: {b.hex()}"
        assert b[8] >> 6 == 0b10, f"row {i}: not the RFC 9562 variant: {b.hex()}"
        ms = int.from_bytes(b[:6], "big")
        assert t0_ms <= ms <= t1_ms, f"row {i}: time {ms} ms outside [{t0_ms}, {t1_ms}]"
    assert len(set(ids)) == len(ids), f"{len(ids) - len(set(ids))} repeated IDs"
    last: dict[Any, bytes] = {}
    rows: dict[Any, int] = {}
    for i, (b, part) in enumerate(zip(ids, partitions, strict=True)):
        before = last.get(part)
        assert before is None or before < b, (
            f"row {i} (partition {part}): {b.hex()} does not follow {before.hex()}"
        )
        last[part] = b
        rows[part] = rows.get(part, 0) + 1
    return rows


def local_spark(app: str, **config: str) -> Any:
    """A Spark session in local mode on two cores, bound to 127.0.0.1, with no UI, whose
    Python workers run this interpreter (the venv's, not whatever python3 is on PATH);
    ``config`` adds settings (dots as underscores: spark_sql_shuffle_partitions)."""
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master("local[2]")
        .appName(app)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    for key, value in config.items():
        builder = builder.config(key.replace("_", "."), value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
