"""``--install``: every path ``install()`` patches, timed as the stdlib ships it and with
every native path forced on, and the statistics that say which paths are slower (the
suggested ``_install._SLOWER`` entry for this interpreter)."""

from __future__ import annotations

import contextlib
import math
import statistics
import sys
import uuid as _uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import oruuid
from oruuid import _install
from oruuid._install import _FUNCTIONS

from ._contenders import _TEXT, _installed, _native_submodule
from ._timing import Entry, Result, quartiles

__all__ = ["install_entries"]

# The slots install() points at native code, and rows that go through each.
_SLOT_ROWS = (
    ("call", "UUID(text)"),
    ("call", "UUID(bytes=...)"),
    ("call", "UUID(int=...)"),
    ("str", "str(u)"),
    ("hash", "hash(u)"),
    ("compare", "u == w"),
    ("compare", "u < w"),
)
_STDLIB = "stdlib"
_PATCHED = "oruuid.install()"


def _patched_properties() -> list[str]:
    """The properties install() can serve natively, as the native module lists them."""
    patch = _native_submodule("patch")
    if patch is None:
        raise RuntimeError("oruuid's native install() module is missing from this build")
    return list(patch.properties())


def install_entries() -> list[Entry]:
    """Rows for ``--install``: each path ``install()`` patches, unpatched and patched.

    Module functions are called through the module (``uuid.uuid4()``), so the
    patched row reaches the function install() put there; properties and slots
    are reached through objects and the class, which install() patches in place.
    ``u`` is a version-4 UUID; ``time`` also gets rows on v1, v6 and v7 UUIDs,
    whose ``time`` each stdlib computes its own way. A function the running
    stdlib lacks (``uuid7`` before 3.14) has only its patched row.
    """
    out: list[Entry] = []

    def pair(op: str, path: str, stmt: str, *args: Any, stdlib: bool = True) -> None:
        if stdlib:
            out.append(Entry(op, _STDLIB, None, args, stmt=stmt, path=path))
        out.append(Entry(op, _PATCHED, None, args, stmt=stmt, context=_installed, path=path))

    for name in _FUNCTIONS:
        # Looked up on the module at each call: install() replaces the attribute.
        if name in ("uuid3", "uuid5"):
            op = f'uuid.{name}(uuid.NAMESPACE_DNS, "python.org")'
            stmt = f"a0.{name}(a1, a2)"
            extra: tuple[Any, ...] = (_uuid.NAMESPACE_DNS, "python.org")
        else:
            op, stmt, extra = f"uuid.{name}()", f"a0.{name}()", ()
        pair(op, name, stmt, _uuid, *extra, stdlib=hasattr(_uuid, name))

    u = _uuid.UUID(_TEXT)  # version 4
    # Other versions for `time`, made by oruuid: this stdlib may lack uuid6/uuid7.
    others = {"v1": oruuid.uuid1(), "v6": oruuid.uuid6(), "v7": oruuid.uuid7()}
    for name in _patched_properties():
        pair(f"u.{name}", name, f"a0.{name}", u)
        if name == "time":
            for version, other in others.items():
                pair(f"u.time ({version})", name, "a0.time", other)

    w = _uuid.UUID(int=u.int + 1)
    stmts = {
        "UUID(text)": ("a0(a1)", (_uuid.UUID, _TEXT)),
        "UUID(bytes=...)": ("a0(bytes=a1)", (_uuid.UUID, u.bytes)),
        "UUID(int=...)": ("a0(int=a1)", (_uuid.UUID, u.int)),
        "str(u)": ("str(a0)", (u,)),
        "hash(u)": ("hash(a0)", (u,)),
        "u == w": ("a0 == a1", (u, w)),
        "u < w": ("a0 < a1", (u, w)),
    }
    for slot, op in _SLOT_ROWS:
        stmt, args = stmts[op]
        pair(op, slot, stmt, *args)
    return out


def _native_paths() -> frozenset[str] | None:
    """The properties and slots served natively while installed (None: install() patched none)."""
    with _installed():
        record = getattr(_install, "_record", None)
        if record is None:
            return None
        return frozenset(record.cls) | frozenset(record.slots)


@dataclass
class _Paths:
    """Which paths install() serves natively here, as shipped and when forced."""

    here: frozenset[str] | None  # with this interpreter's _SLOWER entry
    forced: frozenset[str] | None  # with _SLOWER emptied: only the checks against the stdlib
    slower: frozenset[str]  # this interpreter's _SLOWER entry


@contextlib.contextmanager
def _every_native_path() -> Iterator[_Paths]:
    """install() with every native path on, ``_install._SLOWER`` ignored, for the duration.

    install() caches which paths it checked (``_verified``) after leaving out those
    in ``_SLOWER``, so a cached result would keep them out: it is cleared too, and
    both are put back on exit. Must be entered while install() is not in effect.
    """
    saved_slower, saved_verified = _install._SLOWER, _install._verified
    slower = frozenset(saved_slower.get(sys.version_info[:2], ()))
    try:
        here = _native_paths()
        _install._SLOWER = {}
        _install._verified = None
        yield _Paths(here, _native_paths(), slower)
    finally:
        _install._SLOWER, _install._verified = saved_slower, saved_verified


# A path is called slower only when the upper quartile of its per-round speed-ups
# is below 1.0: a sign test, where a median below 1.0 alone is a coin toss.
_RULE = (
    "Both rows of an operation are timed in the same rounds, so each round gives its "
    "own speed-up (stdlib ns ÷ install() ns in that round), which cancels load that "
    "hits both; speed-up is the median of those, per-round IQR their quartiles. A row "
    "is *slower* when the upper quartile of its per-round speed-ups is below 1.0 "
    "(install() lost at least 3 rounds in 4: were both equally fast, a full run's 25 "
    "rounds would show that by chance less than 1% of the time), *faster* when the "
    "lower quartile is above 1.0, and *noise* otherwise. A property or slot is "
    "suggested for _SLOWER when one of its rows is slower and none is faster."
)


def _false_slower_chance(rounds: int) -> float:
    """The chance that equally fast paths are called slower: the sign test's tail.

    With the inclusive method the upper quartile is the value at position
    0.75·(n-1); it is below 1.0 once that many rounds and one more are below 1.0.
    """
    if rounds < 1:
        return 1.0
    need = math.ceil(0.75 * (rounds - 1)) + 1
    return sum(math.comb(rounds, k) for k in range(need, rounds + 1)) / (1 << rounds)


def _install_report(results: Sequence[Result], paths: _Paths) -> dict[str, Any]:
    """Per operation: before, after, the speed-up and its spread, a verdict, whether installed."""
    by_op: dict[str, dict[str, Result]] = {}
    for r in results:
        by_op.setdefault(r.entry.operation, {})[r.entry.contender] = r
    class_paths = set(_patched_properties()) | {slot for slot, _ in _SLOT_ROWS}
    rows = []
    # Shrunk below to the fewest rounds a pair shares: the rule is weakest there.
    rounds = max((len(r.samples) for r in results), default=0)
    for op, pair in by_op.items():
        after = pair[_PATCHED]
        before = pair.get(_STDLIB)
        path = after.entry.path or ""
        row: dict[str, Any] = {
            "operation": op,
            "path": path,
            "kind": "property/slot" if path in class_paths else "function",
            "after_ns": after.median,
            "after_q1": after.quartiles[0],
            "after_q3": after.quartiles[1],
            "before_ns": None,
            "before_q1": None,
            "before_q3": None,
            "speedup": None,
            "speedup_q1": None,
            "speedup_q3": None,
        }
        if path in class_paths:
            # install() always replaces the module functions; only these can be left out.
            if paths.forced is None:  # install() found uuid.UUID changed: patched nothing
                row["installed_here"] = "no (uuid.UUID not as shipped)"
                row["native_when_forced"] = False
            elif path not in paths.forced:  # its check against the stdlib failed here
                row["installed_here"] = "no (differs from this stdlib)"
                row["native_when_forced"] = False
            else:
                row["native_when_forced"] = True
                on = paths.here is not None and path in paths.here
                row["installed_here"] = "yes" if on else "no (_SLOWER)"
        else:
            row["native_when_forced"] = True
            row["installed_here"] = "yes" if before is not None else "yes (added)"
        if before is None:
            row["verdict"] = "new"  # nothing to compare with
        else:
            # Round by round; a row's budget may have cut its rounds short of its pair's.
            ratios = [b / a for b, a in zip(before.samples, after.samples, strict=False)]
            q1, q3 = quartiles(ratios)
            rounds = min(rounds, len(ratios))
            row.update(
                before_ns=before.median,
                before_q1=before.quartiles[0],
                before_q3=before.quartiles[1],
                speedup=statistics.median(ratios),
                speedup_q1=q1,
                speedup_q3=q3,
                verdict="slower" if q3 < 1.0 else "faster" if q1 > 1.0 else "noise",
            )
            if not row["native_when_forced"]:
                row["verdict"] = "not native"
        rows.append(row)

    # Group the rows by path, in table order, for the suggestion.
    verdicts: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["kind"] == "property/slot" and row["native_when_forced"]:
            verdicts.setdefault(row["path"], []).append(row)
    suggested, mixed, noisy = [], [], []
    for path, rs in verdicts.items():
        kinds = {r["verdict"] for r in rs}
        if "slower" in kinds and "faster" in kinds:
            mixed.append(path)
        elif "slower" in kinds:
            suggested.append(path)
        elif any(r["speedup"] is not None and r["speedup"] < 1.0 for r in rs):
            noisy.append(path)
    functions = [
        r["operation"] for r in rows if r["kind"] == "function" and r["verdict"] == "slower"
    ]
    return {
        "rows": rows,
        "version": list(sys.version_info[:2]),
        "slower_now": sorted(paths.slower),
        "suggested_slower": suggested,
        "mixed": mixed,
        "median_below_1_noise": noisy,
        "slower_functions": functions,
        "rule": _RULE,
        "rounds": rounds,
        "false_slower_chance": _false_slower_chance(rounds),
    }
