"""The page and the checks themselves: every python block belongs to an engine whose tests
run it, and the checks the engines' tests rely on do fail on bad IDs."""

from __future__ import annotations

import os
import re

import pytest
from guide import ENGINES, MARKER, PAGE, blocks, check_v7, now_ms, uuid_bytes_from_text

import oruuid


def test_every_python_block_is_run_by_an_engine_test() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MARKER
    found = blocks(text)
    assert set(found) == set(ENGINES), f"python blocks outside the engines' sections: {found}"
    # Every fence opening a python block is one the extraction found.
    fences = len(re.findall(r"^```python\b", text, re.MULTILINE))
    assert sum(len(code) for code in found.values()) == fences
    assert "BENCH_TABLE" not in text, "the throughput table was never filled in"


def test_blocks_by_section() -> None:
    text = (
        "# T\n```python\na = 0\n```\n"
        "## Spark: x\n```python\nb = 1\n```\ntext\n```sh\nls\n```\n"
        "## Dask\n```python\nc\n```\n"
    )
    assert blocks(text) == {"": ["a = 0\n"], "Spark": ["b = 1\n"], "Dask": ["c\n"]}


def _good(n: int = 1000) -> tuple[list[bytes], int, int]:
    t0 = now_ms()
    ids = [u.bytes for u in oruuid.uuid7_many(n)]
    return ids, t0, now_ms()


def test_check_v7_accepts_a_good_column() -> None:
    ids, t0, t1 = _good()
    # Two partitions, interleaved: each increasing on its own.
    parts = [i % 2 for i in range(len(ids))]
    assert check_v7(ids, parts, t0, t1) == {0: 500, 1: 500}


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda ids: ids.__setitem__(slice(4, 6), ids[5:3:-1]), "does not follow"),
        (lambda ids: ids.__setitem__(900, ids[3]), "repeated"),
        (lambda ids: ids.reverse(), "does not follow"),
        (lambda ids: ids.__setitem__(7, oruuid.uuid4().bytes), "version 4"),
        (
            lambda ids: ids.__setitem__(7, ids[7][:8] + bytes([ids[7][8] | 0x40]) + ids[7][9:]),
            "variant",
        ),
        (lambda ids: ids.__setitem__(0, ids[0][:15]), "16 bytes"),
        (lambda ids: ids.__setitem__(0, bytes(6) + ids[0][6:]), "outside"),
    ],
)
def test_check_v7_fails_on_bad_ids(spoil, message) -> None:
    ids, t0, t1 = _good()
    spoil(ids)
    with pytest.raises(AssertionError, match=message):
        check_v7(ids, [0] * len(ids), t0, t1)


def test_check_v7_sees_repeats_across_partitions() -> None:
    ids, t0, t1 = _good()
    ids = ids[:500] + ids[:500]
    with pytest.raises(AssertionError, match="500 repeated"):
        check_v7(ids, [0] * 500 + [1] * 500, t0, t1)


def test_check_v7_window() -> None:
    ids, t0, _ = _good()
    with pytest.raises(AssertionError, match="outside"):
        check_v7(ids, [0] * len(ids), t0 - 10_000, t0 - 1)


def test_text_check() -> None:
    u = oruuid.uuid7()
    assert uuid_bytes_from_text([str(u)]) == [u.bytes]
    for bad in (str(u).upper(), u.hex, "{" + str(u) + "}", str(u)[:-1]):
        with pytest.raises(AssertionError, match="canonical"):
            uuid_bytes_from_text([bad])
    with pytest.raises(AssertionError, match="not str"):
        uuid_bytes_from_text([os.urandom(16)])
