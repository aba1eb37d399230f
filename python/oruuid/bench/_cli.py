"""The command line of ``python -m oruuid.bench``, and what a bench of its own shares with
it (``benchmarks/bench_adapters.py`` in oruuid's repository): the common options, the
timed run, and the output (Markdown on stdout, ``--json``, ``--plot``, ``--from-json``)."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from ._build import build_info
from ._contenders import FLOOR, _stdlib_as_shipped, entries, semantics
from ._install_report import _RULE, _every_native_path, _install_report, install_entries
from ._report import markdown, plot, report
from ._timing import FULL, QUICK, Entry, Result, Settings, measure

__all__ = ["main", "options", "run", "stamped", "timed", "wanted"]

#: What ``--adapters`` (and its ``--pg-dsn`` and ``--pg-start``) say now.
ADAPTERS_MOVED = (
    "the PostgreSQL adapter bench is no longer part of the package: from a checkout of "
    "oruuid's repository, run `python benchmarks/bench_adapters.py --pg-start` (or give "
    "it a server of your own with --pg-dsn DSN or $ORUUID_PG_DSN)"
)


def options(
    prog: str,
    description: str,
    *,
    only: str,
    batch: str,
    extra: Callable[[argparse.ArgumentParser], None] | None = None,
) -> argparse.ArgumentParser:
    """A parser with the options every bench takes; ``extra`` adds its own after ``--only``.

    ``only`` and ``batch`` are the help texts of ``--only`` and ``--batch``.
    """
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--quick", action="store_true", help="a run of a few seconds, less precise")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument(
        "--plot", metavar="PATH", help="also draw a PNG bar chart (needs matplotlib)"
    )
    parser.add_argument("--only", metavar="OPS", help=only)
    if extra is not None:
        extra(parser)
    parser.add_argument(
        "--table",
        choices=("rows", "grid"),
        default="rows",
        help="rows: one line per operation and contender, with spread and ratios; "
        "grid: one line per operation, one column per contender",
    )
    parser.add_argument(
        "--from-json",
        metavar="PATH",
        help="measure nothing: print (and plot) the run saved in PATH by --json",
    )
    parser.add_argument(
        "--timer",
        choices=("wall", "cpu"),
        default="wall",
        help="wall: elapsed time; cpu: this process's CPU time, steadier on a busy machine",
    )
    parser.add_argument("--batch", metavar="N", type=int, help=batch)
    return parser


def wanted(args: argparse.Namespace) -> set[str] | None:
    """The operations ``--only`` names, or None for every one."""
    if not args.only:
        return None
    return {w.strip() for w in args.only.split(",") if w.strip()}


def _settings(args: argparse.Namespace) -> Settings:
    settings = QUICK if args.quick else FULL
    if args.timer == "cpu":
        settings = dataclasses.replace(settings, clock=time.process_time)
    return settings


def _progress() -> Callable[[str], None] | None:
    if not sys.stderr.isatty():
        return None
    return lambda s: print(f"\r{s}", end="", file=sys.stderr, flush=True)


def timed(rows: Sequence[Entry], args: argparse.Namespace) -> list[Result]:
    """``measure`` with the settings ``args`` ask for, showing the rounds on a terminal."""
    progress = _progress()
    results = measure(rows, _settings(args), progress)
    if progress:
        print(file=sys.stderr)
    return results


def stamped(data: dict[str, Any], args: argparse.Namespace, start: float) -> dict[str, Any]:
    """``data`` with the run's duration since ``start``, its mode and its timer."""
    data["seconds"] = time.perf_counter() - start
    data["mode"] = "quick" if args.quick else "full"
    data["timer"] = args.timer
    return data


def run(
    parser: argparse.ArgumentParser,
    args: argparse.Namespace,
    measure_run: Callable[[argparse.Namespace, int], dict[str, Any]],
    full_batch: int,
) -> int:
    """Measure (``measure_run(args, batch)``) or load ``--from-json``; print, save, plot.

    ``--batch`` defaults to ``full_batch``, and to 10**4 with ``--quick``.
    """
    batch = args.batch if args.batch is not None else 10**4 if args.quick else full_batch
    if batch < 1:
        parser.error("--batch must be at least 1")
    if args.plot:
        try:
            importlib.import_module("matplotlib")
        except ImportError:
            parser.error("--plot needs matplotlib: pip install 'oruuid[bench]'")

    if args.from_json:
        with open(args.from_json, encoding="utf-8") as f:
            data = json.load(f)
    else:
        warning = build_info()["warning"]
        if warning:  # said first, so nobody waits for figures they cannot use
            print(warning, file=sys.stderr)
        with _stdlib_as_shipped():  # also while the rows capture uuid.uuid4 and friends
            data = measure_run(args, batch)
    sys.stdout.write(markdown(data, args.table))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
            f.write("\n")
    if args.plot:
        plot(data, args.plot)
    return 0


def _measure_rows(args: argparse.Namespace, batch: int) -> dict[str, Any]:
    rows = entries(batch)
    only = wanted(args)
    if only:
        rows = [
            e
            for e in rows
            if e.operation == FLOOR or e.operation in only or e.operation.split(" ")[0] in only
        ]
    start = time.perf_counter()
    sample = args.sample if getattr(args, "sample", None) else _settings(args).sample
    checks = semantics(rows, sample)
    results = timed(rows, args)
    return stamped(report(results, batch, checks), args, start)


def _measure_install(args: argparse.Namespace) -> dict[str, Any]:
    """The ``--install`` run: every patched path, unpatched then with every native path on."""
    rows = install_entries()
    only = wanted(args)
    if only:  # by operation or by path name: --only time,hash
        rows = [e for e in rows if e.operation in only or e.path in only]
    start = time.perf_counter()
    with _every_native_path() as paths:
        results = timed(rows, args)
    data = report(results, 0)
    data["install"] = _install_report(results, paths)
    return stamped(data, args, start)


def _run(args: argparse.Namespace, batch: int) -> dict[str, Any]:
    """Measure the rows that ``args`` selects; the report of the run."""
    if args.install:
        return _measure_install(args)
    return _measure_rows(args, batch)


def _main_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sample",
        metavar="N",
        type=int,
        help="consecutive calls of each generator behind the semantics column: uniqueness, "
        "and for uuid6/uuid7 whether each result is above the one before (default 100,000, "
        "2,000 with --quick)",
    )
    _install_options(parser)


def _install_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--install",
        "--install-only",
        action="store_true",
        help="run only the install() comparison: every path install() patches (module "
        "functions, properties, the call/str/hash/compare slots), the stdlib as shipped "
        "against install() with every native path forced on (this interpreter's _SLOWER "
        "entry ignored), then a suggested _SLOWER entry. " + _RULE.replace("%", "%%"),
    )
    # The PostgreSQL bench left the package: its options remain, to say where it went.
    parser.add_argument(
        "--adapters",
        action="store_true",
        help="moved: the PostgreSQL driver rows are benchmarks/bench_adapters.py in "
        "oruuid's repository",
    )
    parser.add_argument("--pg-dsn", metavar="DSN", help=argparse.SUPPRESS)
    parser.add_argument("--pg-start", action="store_true", help=argparse.SUPPRESS)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = options(
        "python -m oruuid.bench",
        "ns per call of oruuid against the stdlib's uuid and the installed peers.",
        only="comma-separated operations to run (floor is always run); with --install, "
        "operations or path names (uuid7, time, hash, call, ...)",
        batch="UUIDs per batch row (default 10**6, 10**4 with --quick)",
        extra=_main_options,
    )
    args = parser.parse_args(argv)
    if args.adapters or args.pg_dsn or args.pg_start:
        parser.error(ADAPTERS_MOVED)
    if args.sample is not None and args.sample < 2:
        parser.error("--sample must be at least 2")
    return run(parser, args, _run, 10**6)
