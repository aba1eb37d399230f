"""The Dask recipe of docs/guides/distributed.md on real Dask: the threaded scheduler
(every partition in this process, on two threads sharing its v7 sequence) and a
``distributed`` LocalCluster of two worker processes (a v7 sequence each)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from guide import N, check_v7, now_ms, run_section, uuid_bytes_from_text

PARTITIONS = 8


@pytest.fixture(scope="module")
def recipe() -> dict[str, Any]:
    """The page's Dask blocks, run (their example included)."""
    return run_section("Dask")


@pytest.fixture(scope="module")
def frame() -> Any:
    import dask.dataframe as dd

    return dd.from_pandas(pd.DataFrame({"n": range(N)}), npartitions=PARTITIONS)


def _labelled(recipe: dict[str, Any]) -> Any:
    """The page's function, with each row labelled by its partition and process."""
    add_uuid7_pandas = recipe["add_uuid7_pandas"]

    def labelled(part: pd.DataFrame, partition_info: dict[str, Any] | None = None) -> Any:
        number = partition_info["number"] if partition_info else -1
        return add_uuid7_pandas(part).assign(part=number, pid=os.getpid())

    return labelled


def _check(result: pd.DataFrame, t0: int, t1: int) -> set[int]:
    """Checks a computed frame (n, id, part, pid); returns the pids that made its IDs."""
    assert list(result.columns) == ["n", "id", "part", "pid"]
    assert result["id"].dtype == pd.ArrowDtype(pa.string())
    result = result.sort_values("n")
    assert result["n"].tolist() == list(range(N))
    assert not result["id"].isna().any()
    rows = check_v7(uuid_bytes_from_text(result["id"].tolist()), result["part"].tolist(), t0, t1)
    assert sorted(rows) == list(range(PARTITIONS))
    return set(result["pid"].tolist())


def test_meta(recipe: dict[str, Any], frame: Any) -> None:
    out = frame.map_partitions(recipe["add_uuid7_pandas"])
    assert list(out.columns) == ["n", "id"]
    assert out.dtypes["id"] == pd.ArrowDtype(pa.string())
    assert out.npartitions == PARTITIONS


def test_threaded_scheduler(recipe: dict[str, Any], frame: Any) -> None:
    t0 = now_ms()
    result = frame.map_partitions(_labelled(recipe)).compute(scheduler="threads", num_workers=2)
    t1 = now_ms()
    assert _check(result, t0, t1) == {os.getpid()}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_distributed_worker_processes(recipe: dict[str, Any], frame: Any, cluster: Any) -> None:
    workers = cluster.run(os.getpid)
    assert len(set(workers.values())) == 2
    assert os.getpid() not in workers.values()
    t0 = now_ms()
    result = cluster.compute(frame.map_partitions(_labelled(recipe))).result()
    t1 = now_ms()
    pids = _check(result, t0, t1)
    # The partitions were spread over both worker processes, and made nowhere else.
    assert pids == set(workers.values())


def test_the_page_example_ran(recipe: dict[str, Any]) -> None:
    head = recipe["frame"].head(3)
    assert list(head.columns) == ["n", "id"]
    assert len(head) == 3
