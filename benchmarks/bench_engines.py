"""Rows per second for adding a UUID column to one million-row DataFrame, in Spark and Dask.

    build/venv-engines/bin/python benchmarks/bench_engines.py [--rows N] [--rounds R]

The venv is the one `nox -s engines` makes (pyspark, dask, pandas, pyarrow and oruuid).
Spark runs in local mode on two cores; each way of adding the column runs on
``spark.range(rows)`` and the result goes to Spark's ``noop`` sink, so the whole column
is computed and nothing is collected. Dask runs ``map_partitions`` on the threaded
scheduler and counts the rows of each partition, so nothing is concatenated either.
The candidates run in interleaved rounds after one warm-up round each; the table gives
the median and the range of the rounds, and a Markdown copy of it for the docs.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

import oruuid

PARTITIONS = 8


# --- Spark -------------------------------------------------------------------------------


def spark_session() -> Any:
    # PySpark 4 warns that it does not "fully" support pandas 3 (the pandas_udf works).
    warnings.filterwarnings("ignore", message="PySpark does not yet fully", category=FutureWarning)
    # The session the tests use (tests/engines/guide.py).
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "engines"))
    from guide import local_spark

    return local_spark("oruuid-bench-engines")


def oruuid_text(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        ids = oruuid.uuid7_many(batch.num_rows, format="arrow")
        yield batch.append_column("id", oruuid.format_many(ids, format="arrow"))


def oruuid_binary(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        ids = oruuid.uuid7_many(batch.num_rows, format="arrow")
        yield batch.append_column("id", ids.cast(pa.binary()))


def stdlib_text(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        ids = pa.array([str(uuid.uuid4()) for _ in range(batch.num_rows)], pa.string())
        yield batch.append_column("id", ids)


def identity(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    yield from batches


def spark_candidates(spark: Any, rows: int) -> dict[str, Callable[[], None]]:
    from pyspark.sql import functions as F
    from pyspark.sql.functions import pandas_udf, udf

    frame = spark.range(rows, numPartitions=PARTITIONS)

    def sink(df: Any) -> Callable[[], None]:
        return lambda: df.write.format("noop").mode("overwrite").save()

    stdlib_udf = udf(lambda: str(uuid.uuid4()), "string").asNondeterministic()

    @pandas_udf("string")
    def stdlib_pandas_udf(n: pd.Series) -> pd.Series:
        return pd.Series([str(uuid.uuid4()) for _ in range(len(n))])

    return {
        "Spark: no UUID column (range to the noop sink)": sink(frame),
        "Spark: mapInArrow, identity (the Arrow round trip)": sink(
            frame.mapInArrow(identity, "id long")
        ),
        "Spark: oruuid uuid7 text, mapInArrow": sink(
            frame.withColumnRenamed("id", "n").mapInArrow(oruuid_text, "n long, id string")
        ),
        "Spark: oruuid uuid7 binary(16), mapInArrow": sink(
            frame.withColumnRenamed("id", "n").mapInArrow(oruuid_binary, "n long, id binary")
        ),
        "Spark: built-in uuid() (v4 text)": sink(frame.withColumn("u", F.expr("uuid()"))),
        "Spark: stdlib str(uuid4()), mapInArrow": sink(
            frame.withColumnRenamed("id", "n").mapInArrow(stdlib_text, "n long, id string")
        ),
        "Spark: stdlib str(uuid4()), pandas_udf": sink(
            frame.withColumn("u", stdlib_pandas_udf("id"))
        ),
        "Spark: stdlib str(uuid4()), Python udf": sink(frame.withColumn("u", stdlib_udf())),
    }


# --- Dask --------------------------------------------------------------------------------


def dask_oruuid(part: pd.DataFrame) -> pd.DataFrame:
    ids = oruuid.format_many(oruuid.uuid7_many(len(part), format="arrow"), format="arrow")
    return part.assign(id=pd.arrays.ArrowExtensionArray(ids))


def dask_stdlib(part: pd.DataFrame) -> pd.DataFrame:
    ids = pa.array([str(uuid.uuid4()) for _ in range(len(part))], pa.string())
    return part.assign(id=pd.arrays.ArrowExtensionArray(ids))


def dask_stdlib_object(part: pd.DataFrame) -> pd.DataFrame:
    return part.assign(id=[str(uuid.uuid4()) for _ in range(len(part))])


def dask_candidates(rows: int) -> dict[str, Callable[[], None]]:
    import dask.dataframe as dd

    frame = dd.from_pandas(pd.DataFrame({"n": range(rows)}), npartitions=PARTITIONS).persist(
        scheduler="threads"
    )

    def run(func: Callable[[pd.DataFrame], pd.DataFrame] | None) -> Callable[[], None]:
        out = frame if func is None else frame.map_partitions(func)

        def compute() -> None:
            sizes = out.map_partitions(len).compute(scheduler="threads", num_workers=2)
            assert int(sizes.sum()) == rows

        return compute

    return {
        "Dask: no UUID column": run(None),
        "Dask: oruuid uuid7 text, map_partitions": run(dask_oruuid),
        "Dask: stdlib str(uuid4()) to Arrow, map_partitions": run(dask_stdlib),
        "Dask: stdlib str(uuid4()) as objects, map_partitions": run(dask_stdlib_object),
    }


# --- the rounds --------------------------------------------------------------------------


def measure(cands: dict[str, Callable[[], None]], rounds: int) -> dict[str, list[float]]:
    for f in cands.values():  # warm-up: Python workers started, JIT, imports
        f()
    times: dict[str, list[float]] = {name: [] for name in cands}
    for _ in range(rounds):
        for name, f in cands.items():
            t = time.perf_counter()
            f()
            times[name].append(time.perf_counter() - t)
    return times


def table(rows: int, times: dict[str, list[float]]) -> list[str]:
    lines = [
        "| how the column is added | rows/s (median) | range of the rounds | ms per million |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, ts in times.items():
        med = statistics.median(ts)
        lines.append(
            f"| {name} | {rows / med:,.0f} | {rows / max(ts):,.0f}–{rows / min(ts):,.0f} "
            f"| {med * 1e3 * 1e6 / rows:,.0f} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", choices=["spark", "dask"])
    args = parser.parse_args()

    import dask
    import pyspark

    print(
        f"# {args.rows:,} rows, {PARTITIONS} partitions, {args.rounds} rounds; "
        f"Python {platform.python_version()}, pyspark {pyspark.__version__}, "
        f"dask {dask.__version__}, pandas {pd.__version__}, pyarrow {pa.__version__}, "
        f"oruuid {oruuid.__version__}, {os.cpu_count()} CPUs",
        flush=True,
    )
    times: dict[str, list[float]] = {}
    if args.only in (None, "spark"):
        spark = spark_session()
        try:
            arrow_udf = spark.conf.get("spark.sql.execution.pythonUDF.arrow.enabled")
            print(f"# Spark: local[2], spark.sql.execution.pythonUDF.arrow.enabled={arrow_udf}")
            times |= measure(spark_candidates(spark, args.rows), args.rounds)
        finally:
            spark.stop()
    if args.only in (None, "dask"):
        times |= measure(dask_candidates(args.rows), args.rounds)
    print("\n".join(table(args.rows, times)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
