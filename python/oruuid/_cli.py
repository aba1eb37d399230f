"""The ``oruuid`` command line, compatible with CPython 3.14's ``python -m uuid``.

    python -m oruuid [-h] [-u {uuid1,uuid3,uuid4,uuid5,uuid6,uuid7,uuid8}]
                     [-n {any UUID,@dns,@url,@oid,@x500}] [-N NAME] [-C NUM]

``-n`` and ``-N`` are required for uuid3 and uuid5; every usage error is
reported by argparse on stderr with exit status 2. ``oruuid bench ...`` hands
the rest of the command line to ``oruuid.bench.main``.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from uuid import UUID

import oruuid
from oruuid._install import _FUNCTIONS as _GENERATORS

_NAMED = ("uuid3", "uuid5")
_NAMESPACES = ("@dns", "@url", "@oid", "@x500")

# Lines are written in batches: one write per line is what makes a large
# ``-C`` slow, not the generation.
_BATCH = 4096


def _prog() -> str:
    """The program name as the user typed it: ``python -m oruuid`` or the script."""
    argv0 = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if argv0 in ("", "-c", "__main__.py", "-m"):
        return "python -m oruuid"
    return argv0


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        description="Generate a UUID using the selected UUID function.",
        epilog=f"'{prog} bench [ARGS]' runs the benchmarks.",
    )
    parser.add_argument(
        "-u",
        "--uuid",
        choices=_GENERATORS,
        default="uuid4",
        help="function to generate the UUID",
    )
    parser.add_argument(
        "-n",
        "--namespace",
        metavar="{any UUID," + ",".join(_NAMESPACES) + "}",
        help="uuid3/uuid5 only: a UUID, or a well-known predefined UUID "
        "addressed by namespace name",
    )
    parser.add_argument(
        "-N",
        "--name",
        help="uuid3/uuid5 only: name used as part of generating the UUID",
    )
    parser.add_argument(
        "-C",
        "--count",
        metavar="NUM",
        type=int,
        default=1,
        help="generate NUM fresh UUIDs",
    )
    return parser


def _bench(argv: list[str], prog: str) -> int:
    try:
        bench = importlib.import_module("oruuid.bench")
    except ImportError as exc:
        print(
            f"{prog} bench: the benchmark module is not available "
            f"(oruuid.bench could not be imported: {exc})",
            file=sys.stderr,
        )
        return 2
    result = bench.main(argv)
    return int(result) if result is not None else 0


def _write_lines(make: Callable[[], UUID], count: int) -> None:
    out = sys.stdout
    while count > 0:
        n = min(count, _BATCH)
        out.write("".join([f"{make()}\n" for _ in range(n)]))
        count -= n
    out.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    prog = _prog()
    if args_list and args_list[0] == "bench":
        return _bench(args_list[1:], prog)

    parser = _parser(prog)
    args = parser.parse_args(args_list)

    if args.uuid in _NAMED:
        namespace_text, name = args.namespace, args.name
        if not namespace_text or not name:
            parser.error(
                "Incorrect number of arguments. "
                f"{args.uuid} requires a namespace and a name. "
                f"Run '{prog} -h' for more information."
            )
        namespaces = {
            "@dns": oruuid.NAMESPACE_DNS,
            "@url": oruuid.NAMESPACE_URL,
            "@oid": oruuid.NAMESPACE_OID,
            "@x500": oruuid.NAMESPACE_X500,
        }
        if namespace_text in namespaces:
            namespace = namespaces[namespace_text]
        else:
            try:
                namespace = oruuid.parse(namespace_text)
            except ValueError as exc:
                parser.error(f"{exc}: {namespace_text!r}")
        named: Callable[[UUID, str], UUID] = getattr(oruuid, args.uuid)
        make: Callable[[], UUID] = functools.partial(named, namespace, name)
    else:
        make = getattr(oruuid, args.uuid)

    try:
        _write_lines(make, args.count)
    except BrokenPipeError:
        # ``oruuid -C 1000000 | head``: the reader went away, which is not an
        # error. Point stdout at devnull so the interpreter's final flush is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return 0
