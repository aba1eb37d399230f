"""The Spark recipe of docs/guides/distributed.md on real Spark in local mode.

Spark's Python workers are processes of their own (forked by PySpark's daemon), one per
running task: with local[2] two at a time, each with its own oruuid v7 sequence.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest
from guide import N, check_v7, local_spark, now_ms, run_section, uuid_bytes_from_text

PARTITIONS = 8


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = local_spark("oruuid-engines", spark_sql_shuffle_partitions="4")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def recipe(spark: Any) -> dict[str, Any]:
    """The page's Spark blocks, run (their examples included) with ``spark`` given."""
    return run_section("Spark", spark=spark)


@pytest.fixture(scope="module")
def frame(spark: Any) -> Any:
    """A million rows in PARTITIONS partitions; ``n`` is the row's place, 0 to N - 1."""
    return spark.range(N, numPartitions=PARTITIONS).withColumnRenamed("id", "n")


def _rows(table: pa.Table) -> pa.Table:
    """The collected table in row order (by ``n``), each partition's rows contiguous."""
    table = table.sort_by("n")
    assert table.column("n").to_pylist() == list(range(N))
    return table


def test_string_column(recipe: dict[str, Any], frame: Any) -> None:
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType

    t0 = now_ms()
    out = recipe["with_uuid7"](frame).withColumn("part", F.spark_partition_id())
    assert out.schema["id"].dataType == StringType()
    assert out.schema.fieldNames() == ["n", "id", "part"]
    table = _rows(out.toArrow())
    t1 = now_ms()
    assert pa.types.is_string(table.schema.field("id").type) or pa.types.is_large_string(
        table.schema.field("id").type
    )
    assert table.column("id").null_count == 0
    text = table.column("id").to_pylist()
    assert {len(s) for s in text} == {36}
    rows = check_v7(uuid_bytes_from_text(text), table.column("part").to_pylist(), t0, t1)
    assert sorted(rows) == list(range(PARTITIONS))
    assert sum(rows.values()) == N


def test_binary_column(recipe: dict[str, Any], frame: Any) -> None:
    from pyspark.sql import functions as F
    from pyspark.sql.types import BinaryType

    t0 = now_ms()
    out = recipe["with_uuid7_binary"](frame).withColumn("part", F.spark_partition_id())
    assert out.schema["id"].dataType == BinaryType()
    table = _rows(out.toArrow())
    t1 = now_ms()
    assert table.column("id").null_count == 0
    ids = table.column("id").to_pylist()
    rows = check_v7(ids, table.column("part").to_pylist(), t0, t1)
    assert len(rows) == PARTITIONS


def test_unique_across_worker_processes(recipe: dict[str, Any], frame: Any) -> None:
    """The page's batch function, with each batch labelled by the partition and the
    Python worker process that made its IDs: the IDs of different processes, made
    at the same time, do not repeat."""
    from pyspark.sql.types import IntegerType, StructField, StructType

    add_uuid7_arrow = recipe["add_uuid7_arrow"]

    def labelled(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from pyspark import TaskContext

        part = TaskContext.get().partitionId()
        for batch in add_uuid7_arrow(batches):
            n = batch.num_rows
            labels = batch.append_column("part", pa.array([part] * n, pa.int32()))
            yield labels.append_column("pid", pa.array([os.getpid()] * n, pa.int32()))

    schema = StructType(
        [
            *recipe["with_uuid7"](frame).schema.fields,
            StructField("part", IntegerType(), False),
            StructField("pid", IntegerType(), False),
        ]
    )
    t0 = now_ms()
    table = _rows(frame.mapInArrow(labelled, schema).toArrow())
    t1 = now_ms()
    pids = set(table.column("pid").to_pylist())
    assert os.getpid() not in pids
    # local[2]: two tasks at a time, each in a Python worker of its own.
    assert len(pids) >= 2, f"every partition ran in one Python worker ({pids})"
    ids = uuid_bytes_from_text(table.column("id").to_pylist())
    rows = check_v7(ids, table.column("part").to_pylist(), t0, t1)
    assert len(rows) == PARTITIONS


def test_the_page_examples_ran(recipe: dict[str, Any]) -> None:
    events = recipe["events"]
    assert events.count() == 1000
    assert events.schema.fieldNames() == ["n"]
