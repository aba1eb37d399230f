"""``python -m oruuid.bench``: ns per call of oruuid against the stdlib and its peers.

Every row is one operation (``uuid4``, ``parse``, ``str(u)``, ...) done by one
contender (the stdlib's ``uuid``, oruuid, uuid-utils, fastuuid, ...). Contenders
that are not installed are left out. The *floor* rows show what any native call
costs before it does any UUID work: an empty loop, ``object()``, a native no-op,
a native call that allocates an exact ``uuid.UUID``, and the talk's "uuid4p",
a native function that returns ``uuid.uuid4()`` by calling back into Python.

Method: every row's loop count is first calibrated so that one loop takes a
fixed time (as ``timeit``'s autorange does); then the rows are timed in rounds,
each round timing every row's loop once, so that noise from the rest of the
machine falls on all rows alike. A row reports the median of its rounds in ns
per call, and the quartiles as its spread.

    python -m oruuid.bench                  # full run, a Markdown table on stdout
    python -m oruuid.bench --quick --json r.json --plot r.png
    oruuid bench --only uuid4,uuid7,parse --table grid
    python -m oruuid.bench --timer cpu     # on a busy machine: CPU time, not wall time
    python -m oruuid.bench --install --timer cpu   # every path install() patches, before/after

The PostgreSQL drivers' defaults against ``oruuid.adapters`` are timed by
``benchmarks/bench_adapters.py`` in oruuid's repository, which builds on this package.

The report states how the interpreter was built (``--enable-optimizations``,
``--with-lto``, ``Py_DEBUG``, free-threading) and warns when it is not an
optimized build: its figures say little about the interpreters people run.

The parts: ``_timing`` (rows, calibration, interleaved rounds), ``_contenders`` (the
peers and their rows; ``_pure_python``, the stdlib's side of the text rows),
``_install_report`` (``--install`` and its statistics), ``_build`` (how the
interpreter was built), ``_report`` (the report, Markdown and the chart) and
``_cli`` (the command line).
"""

from __future__ import annotations

# `x as x`: names the tests reach through this package (and bench.sysconfig, through
# which they fake the interpreter's build).
import sysconfig as sysconfig

from ._build import build_info
from ._cli import main
from ._contenders import CONTENDERS, FLOOR, entries
from ._install_report import _every_native_path as _every_native_path
from ._install_report import _false_slower_chance as _false_slower_chance
from ._install_report import _patched_properties as _patched_properties
from ._install_report import install_entries
from ._report import Goal, markdown, plot, report
from ._timing import FULL, QUICK, Entry, Result, Settings, measure
from ._timing import _context as _context

__all__ = [
    "CONTENDERS",
    "FLOOR",
    "FULL",
    "QUICK",
    "Entry",
    "Goal",
    "Result",
    "Settings",
    "build_info",
    "entries",
    "install_entries",
    "main",
    "markdown",
    "measure",
    "plot",
    "report",
]
