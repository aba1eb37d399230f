"""The Polars recipe of docs/guides/distributed.md: one process, one sequence."""

from __future__ import annotations

from typing import Any

import pytest
from guide import N, check_v7, now_ms, run_section, uuid_bytes_from_text


@pytest.fixture(scope="module")
def recipe() -> dict[str, Any]:
    """The page's Polars blocks, run (their example included)."""
    return run_section("Polars")


def test_lazy_map_batches(recipe: dict[str, Any]) -> None:
    import polars as pl

    t0 = now_ms()
    out = recipe["with_uuid7_lazy"](pl.LazyFrame({"n": range(N)})).collect()
    t1 = now_ms()
    assert out.schema == pl.Schema({"n": pl.Int64, "id": pl.String})
    assert out["n"].to_list() == list(range(N))
    assert out["id"].null_count() == 0
    # One frame, one call: the whole column increases in row order.
    check_v7(uuid_bytes_from_text(out["id"].to_list()), [0] * N, t0, t1)


def test_eager(recipe: dict[str, Any]) -> None:
    import polars as pl

    t0 = now_ms()
    out = recipe["add_uuid7_polars"](pl.DataFrame({"n": range(1000)}), column="key")
    t1 = now_ms()
    assert out.columns == ["n", "key"]
    check_v7(uuid_bytes_from_text(out["key"].to_list()), [0] * 1000, t0, t1)


def test_the_page_example_ran(recipe: dict[str, Any]) -> None:
    assert recipe["table"].height == N
    assert recipe["table"].columns == ["n", "id"]
