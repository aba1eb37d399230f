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
    python -m oruuid.bench --adapters --pg-start   # asyncpg/psycopg defaults against oruuid.adapters
    ORUUID_PG_DSN=postgresql://... python -m oruuid.bench --adapters   # on a server of your own

The report states how the interpreter was built (``--enable-optimizations``,
``--with-lto``, ``Py_DEBUG``, free-threading) and warns when it is not an
optimized build: its figures say little about the interpreters people run.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import dataclasses
import datetime
import importlib
import importlib.metadata
import json
import math
import os
import platform
import shlex
import statistics
import sys
import sysconfig
import time
import timeit
import uuid as _uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ContextManager, Optional

import oruuid

__all__ = ["Entry", "Result", "build_info", "entries", "install_entries", "main", "measure"]

# Contender keys, in table and chart order, with the distribution whose version is shown.
CONTENDERS: dict[str, Optional[str]] = {
    "stdlib": None,
    "oruuid": "oruuid",
    "oruuid.install()": "oruuid",
    "uuid_utils": "uuid-utils",
    "uuid_utils.compat": "uuid-utils",
    "fastuuid": "fastuuid",
    "uuid6": "uuid6",
    "uuid_backport": "uuid-backport",
    "python_ulid": "python-ulid",
    # --adapters: a PostgreSQL driver as it comes (versions in the report's "Drivers").
    "driver default": None,
    "driver default + convert": None,
}
FLOOR = "floor"

_TEXT = "67e55044-10b1-426f-9247-bb680e5fe0c8"
_NAME = "example.com"


@dataclass
class Entry:
    """One row to time: ``fn(*args, **kwargs)`` (or ``stmt``) as done by one contender.

    ``items`` is the number of UUIDs one call makes or reads: batch rows report
    ns per UUID. ``context`` wraps the row's timing (``oruuid.install()`` rows).
    ``path`` names what ``install()`` patches for the row (``--install`` rows): a
    module function (``uuid4``), or a property or slot as ``_install._SLOWER`` names them.
    """

    operation: str
    contender: str
    fn: Optional[Callable[..., Any]] = None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    stmt: Optional[str] = None
    items: int = 1
    label: Optional[str] = None
    context: Optional[Callable[[], ContextManager[Any]]] = None
    path: Optional[str] = None

    def timer(self, clock: Callable[[], float] = time.perf_counter) -> timeit.Timer:
        """A ``timeit.Timer`` on ``clock`` whose names are fast locals of its loop function."""
        env: dict[str, Any] = {"f": self.fn}
        env.update({f"a{i}": a for i, a in enumerate(self.args)})
        env.update({f"k_{k}": v for k, v in self.kwargs.items()})
        stmt = self.stmt
        if stmt is None:
            parts = [f"a{i}" for i in range(len(self.args))]
            parts += [f"{k}=k_{k}" for k in self.kwargs]
            stmt = f"f({', '.join(parts)})"
        # timeit runs `setup` inside its loop function: these become locals there.
        setup = "; ".join(f"{name} = _env[{name!r}]" for name in env) or "pass"
        return timeit.Timer(stmt, setup=setup, timer=clock, globals={"_env": env})


@dataclass
class Result:
    """The timing of one entry, in ns per call (per UUID for batch rows)."""

    entry: Entry
    loops: int
    samples: list[float]

    @property
    def median(self) -> float:
        """Median over the rounds."""
        return statistics.median(self.samples)

    @property
    def quartiles(self) -> tuple[float, float]:
        """First and third quartiles over the rounds (the min and max below 2 rounds)."""
        if len(self.samples) < 2:
            return min(self.samples), max(self.samples)
        q = statistics.quantiles(self.samples, n=4, method="inclusive")
        return q[0], q[2]


# --- contenders ---------------------------------------------------------------


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except Exception:  # an installed but broken peer is left out, not fatal
        return None


def _native_submodule(name: str) -> Any:
    """``oruuid._core.<name>`` (``patch``, ``bench``), or ``oruuid._<name>`` of earlier builds."""
    # Earlier builds shipped each as its own extension module; either may be installed.
    sub = getattr(_optional("oruuid._core"), name, None)
    return sub if sub is not None else _optional(f"oruuid._{name}")


def _version(contender: str) -> str:
    dist = CONTENDERS.get(contender)
    if contender == "stdlib":
        return f"Python {platform.python_version()}"
    if dist is None:
        return ""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return getattr(oruuid, "__version__", "?") if dist == "oruuid" else "?"


@contextlib.contextmanager
def _installed() -> Iterator[None]:
    """``oruuid.install()`` for the duration, leaving an earlier install in place."""
    earlier = getattr(oruuid, "installed", lambda: False)()
    if not earlier:
        getattr(oruuid, "install")()  # getattr: the attribute exists only once issue 7 lands
    try:
        yield
    finally:
        if not earlier:
            getattr(oruuid, "uninstall")()


@contextlib.contextmanager
def _stdlib_as_shipped() -> Iterator[None]:
    """Undo an ``install()`` (say from ORUUID_INSTALL=1) for the run, so stdlib rows are stdlib."""
    earlier = getattr(oruuid, "installed", lambda: False)()
    if earlier:
        getattr(oruuid, "uninstall")()
    try:
        yield
    finally:
        if earlier:
            getattr(oruuid, "install")()


def entries(batch: int = 10**6) -> list[Entry]:
    """Every row this interpreter can time, floor first; ``batch`` sizes the batch rows."""
    out: list[Entry] = []

    def add(op: str, contender: str, fn: Any, *args: Any, **kw: Any) -> None:
        if fn is not None:
            out.append(Entry(op, contender, fn, args, kw))

    # Floor: the cost of a call and an object before any UUID work.
    out.append(Entry(FLOOR, "loop", stmt="pass", label="empty loop"))
    add(FLOOR, "object()", object)
    bench = _native_submodule("bench")
    if bench is not None:
        out.append(Entry(FLOOR, "noop", bench.noop, label="native no-op"))
        out.append(Entry(FLOOR, "alloc", bench.alloc_shared, label="native: new UUID, cached int"))
        out.append(Entry(FLOOR, "make", bench.make_fixed, label="native: new UUID, new int"))
        out.append(Entry(FLOOR, "uuid4p", bench.uuid4p, label="uuid4p: native → uuid.uuid4()"))

    uu = _optional("uuid_utils")
    uuc = _optional("uuid_utils.compat")
    fu = _optional("fastuuid")
    u6 = _optional("uuid6")
    bp = _optional("uuid_backport")
    mods: list[tuple[str, Any]] = [
        ("stdlib", _uuid),
        ("oruuid", oruuid),
        ("uuid_utils", uu),
        ("uuid_utils.compat", uuc),
        ("fastuuid", fu),
        ("uuid6", u6),
        ("uuid_backport", bp),
    ]
    mods = [(k, m) for k, m in mods if m is not None]

    # Generators. The uuid6 package only counts for the versions it is named for.
    for op in ("uuid1", "uuid3", "uuid4", "uuid5", "uuid6", "uuid7", "uuid8"):
        for key, mod in mods:
            if key == "uuid6" and op not in ("uuid6", "uuid7"):
                continue
            fn = getattr(mod, op, None)
            if fn is None:
                continue
            if op in ("uuid3", "uuid5"):
                if key == "fastuuid":  # its own namespace type, bytes names only
                    add(op, key, fn, mod.UUID(str(_uuid.NAMESPACE_DNS)), _NAME.encode())
                else:
                    add(op, key, fn, getattr(mod, "NAMESPACE_DNS", _uuid.NAMESPACE_DNS), _NAME)
            else:
                add(op, key, fn)

    # Constructors. uuid_utils.compat.UUID is uuid.UUID itself: not repeated.
    value = _uuid.UUID(_TEXT)
    classes = [
        (k, m.UUID) for k, m in mods if k in ("stdlib", "uuid_utils", "fastuuid", "uuid_backport")
    ]
    install = hasattr(oruuid, "install") and hasattr(oruuid, "uninstall")

    def constructor_rows(op: str, native: Any, arg: Any, keyword: Optional[str]) -> None:
        args, kw = ((), {keyword: arg}) if keyword else ((arg,), {})
        for key, cls in classes:
            out.append(Entry(op, key, cls, args, kw))
            if key == "stdlib":
                out.append(Entry(op, "oruuid", native, (arg,)))
                if install:  # the stdlib's own constructor, patched in place
                    out.append(Entry(op, "oruuid.install()", cls, args, kw, context=_installed))

    constructor_rows("parse", oruuid.parse, _TEXT, None)
    constructor_rows("from_bytes", oruuid.from_bytes, value.bytes, "bytes")
    constructor_rows("from_int", oruuid.from_int, value.int, "int")

    # Accessors on each contender's own object. oruuid's objects are stdlib ones:
    # the row shows what a caller of oruuid gets without install().
    objects = [(k, cls(_TEXT)) for k, cls in classes]
    for op, stmt in (("str(u)", "str(a0)"), ("u.hex", "a0.hex"), ("u.bytes", "a0.bytes")):
        for key, obj in objects:
            out.append(Entry(op, key, None, (obj,), stmt=stmt))
            if key == "stdlib":
                out.append(Entry(op, "oruuid", None, (oruuid.parse(_TEXT),), stmt=stmt))
                if install:
                    out.append(
                        Entry(op, "oruuid.install()", None, (obj,), stmt=stmt, context=_installed)
                    )

    out.extend(_text_entries(_optional("ulid")))
    out.extend(_batch_entries(batch, uu, fu))
    return out


# --- v7 bounds, ULID and short text: oruuid, python-ulid, and Python on the stdlib ------

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_MS = datetime.timedelta(milliseconds=1)


def _py_uuid7_min(at: datetime.datetime) -> _uuid.UUID:
    """uuid7_min as plain Python: the millisecond, then version 7 and the RFC variant."""
    return _uuid.UUID(int=((at - _EPOCH) // _MS) << 80 | 0x7 << 76 | 0x2 << 62)


def _py_to_ulid(u: _uuid.UUID) -> str:
    n = u.int
    return "".join([_CROCKFORD[(n >> s) & 31] for s in range(125, -5, -5)])


def _py_from_ulid(text: str) -> _uuid.UUID:
    n = 0
    for c in text.upper():
        n = n << 5 | _CROCKFORD.index(c)
    return _uuid.UUID(int=n)


def _py_base58(u: _uuid.UUID) -> str:
    n, out = u.int, []
    for _ in range(22):
        n, r = divmod(n, 58)
        out.append(_BASE58[r])
    return "".join(reversed(out))


def _py_from_base58(text: str) -> _uuid.UUID:
    n = 0
    for c in text:
        n = n * 58 + _BASE58.index(c)
    return _uuid.UUID(int=n)


def _py_base64url(u: _uuid.UUID) -> str:
    return base64.urlsafe_b64encode(u.bytes).rstrip(b"=").decode()


def _py_from_base64url(text: str) -> _uuid.UUID:
    return _uuid.UUID(bytes=base64.urlsafe_b64decode(text + "=="))


def _text_entries(ulid: Any) -> list[Entry]:
    """uuid7_min, to_ulid/from_ulid and encode/decode, once oruuid has them; the
    "stdlib" rows are the same results written in Python on the stdlib."""
    out: list[Entry] = []
    if not hasattr(oruuid, "encode"):
        return out
    at = datetime.datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=datetime.timezone.utc)
    out.append(Entry("uuid7_min(dt)", "stdlib", _py_uuid7_min, (at,), label="Python on uuid"))
    out.append(Entry("uuid7_min(dt)", "oruuid", oruuid.uuid7_min, (at,)))
    u = _uuid.UUID(_TEXT)
    text = oruuid.to_ulid(u)
    out.append(Entry("to_ulid", "stdlib", _py_to_ulid, (u,), label="Python on uuid"))
    out.append(Entry("to_ulid", "oruuid", oruuid.to_ulid, (u,)))
    out.append(Entry("from_ulid", "stdlib", _py_from_ulid, (text,), label="Python on uuid"))
    out.append(Entry("from_ulid", "oruuid", oruuid.from_ulid, (text,)))
    if ulid is not None:
        ULID = ulid.ULID
        out.append(Entry("to_ulid", "python_ulid", None, (ULID, u), stmt="str(a0.from_uuid(a1))"))
        out.append(
            Entry("from_ulid", "python_ulid", None, (ULID, text), stmt="a0.from_str(a1).to_uuid()")
        )
    for alphabet, to_text, from_text in (
        ("base58", _py_base58, _py_from_base58),
        ("base64url", _py_base64url, _py_from_base64url),
    ):
        encoded = oruuid.encode(u, alphabet)
        op = f"encode {alphabet}"
        out.append(Entry(op, "stdlib", to_text, (u,), label="Python on uuid"))
        out.append(Entry(op, "oruuid", oruuid.encode, (u, alphabet)))
        op = f"decode {alphabet}"
        out.append(Entry(op, "stdlib", from_text, (encoded,), label="Python on uuid"))
        out.append(Entry(op, "oruuid", oruuid.decode, (encoded, alphabet)))
    return out


def _batch_entries(n: int, uu: Any, fu: Any) -> list[Entry]:
    """Batch rows (ns per UUID), once oruuid has its batch API."""
    out: list[Entry] = []
    rng = range(n)
    if hasattr(oruuid, "uuid4_many"):
        op = f"uuid4 ×{n:,} → list"
        out.append(
            Entry(
                op,
                "stdlib",
                _uuid.uuid4,
                (rng,),
                stmt="[f() for _ in a0]",
                items=n,
                label="stdlib (loop)",
            )
        )
        out.append(Entry(op, "oruuid", oruuid.uuid4_many, (n,), items=n))
        if fu is not None and hasattr(fu, "uuid4_bulk"):
            out.append(Entry(op, "fastuuid", fu.uuid4_bulk, (n,), items=n))
        op = f"uuid4 ×{n:,} → bytes"
        out.append(Entry(op, "stdlib", os.urandom, (16 * n,), items=n, label="os.urandom(16n)"))
        out.append(Entry(op, "oruuid", oruuid.uuid4_many, (n,), {"format": "bytes"}, items=n))
    if hasattr(oruuid, "uuid7_many"):
        op = f"uuid7 ×{n:,} → bytes"
        out.append(Entry(op, "stdlib", os.urandom, (16 * n,), items=n, label="os.urandom(16n)"))
        out.append(Entry(op, "oruuid", oruuid.uuid7_many, (n,), {"format": "bytes"}, items=n))
    if hasattr(oruuid, "parse_many"):
        op = f"parse ×{n:,} → list"
        texts = [str(_uuid.uuid4()) for _ in rng]
        loop = "[f(s) for s in a0]"
        out.append(
            Entry(op, "stdlib", _uuid.UUID, (texts,), stmt=loop, items=n, label="stdlib (loop)")
        )
        out.append(Entry(op, "oruuid", oruuid.parse_many, (texts,), items=n))
        if uu is not None:
            out.append(
                Entry(
                    op,
                    "uuid_utils",
                    uu.UUID,
                    (texts,),
                    stmt=loop,
                    items=n,
                    label="uuid_utils (loop)",
                )
            )
    return out


# --- install(): every patched path, before and after ------------------------------

_FUNCTIONS = ("uuid1", "uuid3", "uuid4", "uuid5", "uuid6", "uuid7", "uuid8")
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


def _native_paths() -> Optional[frozenset[str]]:
    """The properties and slots served natively while installed (None: install() patched none)."""
    from . import _install

    with _installed():
        record = getattr(_install, "_record", None)
        if record is None:
            return None
        return frozenset(record.cls) | frozenset(record.slots)


@dataclass
class _Paths:
    """Which paths install() serves natively here, as shipped and when forced."""

    here: Optional[frozenset[str]]  # with this interpreter's _SLOWER entry
    forced: Optional[frozenset[str]]  # with _SLOWER emptied: only the checks against the stdlib
    slower: frozenset[str]  # this interpreter's _SLOWER entry


@contextlib.contextmanager
def _every_native_path() -> Iterator[_Paths]:
    """install() with every native path on, ``_install._SLOWER`` ignored, for the duration.

    install() caches which paths it checked (``_verified``) after leaving out those
    in ``_SLOWER``, so a cached result would keep them out: it is cleared too, and
    both are put back on exit. Must be entered while install() is not in effect.
    """
    from . import _install

    saved_slower, saved_verified = _install._SLOWER, _install._verified
    slower = frozenset(saved_slower.get(sys.version_info[:2], ()))
    try:
        here = _native_paths()
        _install._SLOWER = {}
        _install._verified = None
        yield _Paths(here, _native_paths(), slower)
    finally:
        _install._SLOWER, _install._verified = saved_slower, saved_verified


def _quartiles(values: Sequence[float]) -> tuple[float, float]:
    if len(values) < 2:
        return min(values), max(values)
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


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
            ratios = [b / a for b, a in zip(before.samples, after.samples)]
            q1, q3 = _quartiles(ratios)
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


# --- PostgreSQL drivers: their defaults against oruuid.adapters ---------------------

#: The environment variable that gives ``--adapters`` a server (a libpq URI or DSN).
PG_DSN_ENV = "ORUUID_PG_DSN"
_PG_DEFAULT = "driver default"
_PG_TABLE = "oruuid_bench_uuid"


def _run_coroutine(loop: Any) -> Callable[[Any], Any]:
    return loop.run_until_complete


def adapter_entries(dsn: str, n: int, stack: contextlib.ExitStack) -> tuple[list[Entry], dict[str, str]]:
    """Rows for ``--adapters``: each driver's defaults, then with oruuid's adapters registered.

    Reads ``n`` uuid rows from the table ``oruuid_bench_uuid`` (made, filled and
    dropped here) with a SELECT and, where the driver decodes COPY output, a COPY TO;
    writes ``n`` uuid.UUID rows with COPY FROM (into a temporary table that empties at
    each commit). ``items`` is ``n``: the rows report ns per row. Drivers that are not
    installed are left out. Connections are closed, and the table dropped, by ``stack``.
    Returns the rows and the versions of the drivers and the server.
    """
    out: list[Entry] = []
    versions: dict[str, str] = {}
    ids = [(u,) for u in oruuid.uuid4_many(n)]
    k = f"×{n:,}"

    psycopg = _optional("psycopg")
    if psycopg is not None:
        from .adapters import psycopg as pa

        plain = stack.enter_context(psycopg.connect(dsn, autocommit=True))
        ours = stack.enter_context(psycopg.connect(dsn, autocommit=True))
        pa.unregister(plain)  # whatever the global map holds, this one is psycopg's own
        pa.register(ours, force=True)
        server = plain.info.server_version
        versions["PostgreSQL"] = f"{server // 10000}.{server % 10000}"
        versions["psycopg"] = f"{psycopg.__version__} ({psycopg.pq.__impl__} libpq wrapper)"
        plain.execute(f"DROP TABLE IF EXISTS {_PG_TABLE}")
        plain.execute(f"CREATE UNLOGGED TABLE {_PG_TABLE} (id uuid)")
        stack.callback(lambda: plain.execute(f"DROP TABLE IF EXISTS {_PG_TABLE}"))
        with plain.cursor().copy(f"COPY {_PG_TABLE} FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["uuid"])
            for row in ids:
                copy.write_row(row)
        for c in (plain, ours):
            c.execute("CREATE TEMP TABLE oruuid_bench_in (id uuid) ON COMMIT DELETE ROWS")

        def select(conn: Any, binary: bool) -> Callable[[], Any]:
            cur = conn.cursor(binary=binary)
            query = f"SELECT id FROM {_PG_TABLE}"
            return lambda: cur.execute(query).fetchall()

        def copy_out(conn: Any, binary: bool) -> Callable[[], Any]:
            query = f"COPY {_PG_TABLE} TO STDOUT" + (" (FORMAT BINARY)" if binary else "")

            def run() -> Any:
                with conn.cursor().copy(query) as copy:
                    copy.set_types(["uuid"])
                    return list(copy.rows())

            return run

        def copy_in(conn: Any, binary: bool) -> Callable[[], Any]:
            query = "COPY oruuid_bench_in FROM STDIN" + (" (FORMAT BINARY)" if binary else "")

            def run() -> None:
                with conn.cursor().copy(query) as copy:
                    copy.set_types(["uuid"])
                    for row in ids:
                        copy.write_row(row)

            return run

        for what, make in (("SELECT", select), ("COPY TO", copy_out), ("COPY FROM", copy_in)):
            for binary in (False, True):
                op = f"psycopg {what} {'binary' if binary else 'text'} {k}"
                for contender, conn in ((_PG_DEFAULT, plain), ("oruuid", ours)):
                    out.append(Entry(op, contender, make(conn, binary), items=n))

    asyncpg = _optional("asyncpg")
    if asyncpg is not None:
        import asyncio

        from .adapters import asyncpg as aa

        loop = asyncio.new_event_loop()
        stack.callback(loop.close)
        run = _run_coroutine(loop)
        conns = []
        for register in (False, True):
            conn = run(asyncpg.connect(dsn))
            stack.callback(lambda conn=conn: run(conn.close()))
            if register:
                run(aa.register(conn))
            run(conn.execute("CREATE TEMP TABLE oruuid_bench_in (id uuid) ON COMMIT DELETE ROWS"))
            conns.append(conn)
        versions["asyncpg"] = asyncpg.__version__
        if psycopg is None:  # the table is psycopg's to make; asyncpg makes it alone here
            run(conns[0].execute(f"DROP TABLE IF EXISTS {_PG_TABLE}"))
            run(conns[0].execute(f"CREATE UNLOGGED TABLE {_PG_TABLE} (id uuid)"))
            stack.callback(lambda: run(conns[0].execute(f"DROP TABLE IF EXISTS {_PG_TABLE}")))
            run(conns[1].copy_records_to_table(_PG_TABLE, records=ids))
            server = conns[0].get_server_version()
            versions["PostgreSQL"] = f"{server.major}.{server.minor}"

        for contender, conn in zip((_PG_DEFAULT, "oruuid"), conns):
            query = f"SELECT id FROM {_PG_TABLE}"
            out.append(
                Entry(f"asyncpg SELECT {k}", contender, lambda c=conn, q=query: run(c.fetch(q)), items=n)
            )
        # What exact uuid.UUID objects cost without the adapter: asyncpg's own, converted.
        convert = "[f(r[0].bytes) for r in a0(a1.fetch(a2))]"
        out.append(
            Entry(
                f"asyncpg SELECT {k}",
                "driver default + convert",
                oruuid.from_bytes,
                (run, conns[0], f"SELECT id FROM {_PG_TABLE}"),
                stmt=convert,
                items=n,
                label="driver default, then oruuid.from_bytes(v.bytes)",
            )
        )
        # asyncpg hands COPY TO output over undecoded; COPY FROM encodes each value.
        for contender, conn in zip((_PG_DEFAULT, "oruuid"), conns):
            out.append(
                Entry(
                    f"asyncpg COPY FROM (copy_records_to_table) {k}",
                    contender,
                    lambda c=conn: run(c.copy_records_to_table("oruuid_bench_in", records=ids)),
                    items=n,
                )
            )
    return out, versions


def _pg_dsn(args: argparse.Namespace, stack: contextlib.ExitStack) -> str:
    """The server for ``--adapters``: --pg-dsn, else $ORUUID_PG_DSN, else a throwaway one."""
    dsn = args.pg_dsn or os.environ.get(PG_DSN_ENV)
    if dsn:
        return str(dsn)
    if not args.pg_start:
        raise SystemExit(
            "--adapters needs a PostgreSQL server: --pg-dsn DSN, $ORUUID_PG_DSN, or --pg-start "
            "to start a throwaway one (python -m oruuid._pgserver starts one to share)"
        )
    from ._pgserver import PgServer, PgServerUnavailable

    try:
        server = stack.enter_context(PgServer())
    except PgServerUnavailable as e:
        raise SystemExit(f"--pg-start: {e}") from None
    return server.dsn


def _measure_adapters(args: argparse.Namespace, n: int) -> dict[str, Any]:
    """The ``--adapters`` run: each driver's defaults against oruuid.adapters, ns per row."""
    start = time.perf_counter()
    with contextlib.ExitStack() as stack:
        dsn = _pg_dsn(args, stack)
        rows, versions = adapter_entries(dsn, n, stack)
        if not rows:
            raise SystemExit("--adapters: neither asyncpg nor psycopg is installed")
        wanted = _wanted(args)
        if wanted:
            rows = [e for e in rows if any(w in e.operation for w in wanted)]
        progress = _progress()
        results = measure(rows, _settings(args), progress)
        if progress:
            print(file=sys.stderr)
    data = report(results, n)
    data["adapters"] = versions
    data["seconds"] = time.perf_counter() - start
    data["mode"] = "quick" if args.quick else "full"
    data["timer"] = args.timer
    return data


# --- measuring ------------------------------------------------------------------


@dataclass
class Settings:
    """How long to time: one loop's target duration, rounds, a per-row budget, the clock."""

    target: float  # seconds per timed loop
    rounds: int
    budget: float  # seconds per row, which caps the rounds of slow rows
    min_rounds: int
    # Wall time by default; process CPU time ignores the time other processes
    # take from us on a busy machine (but adds up every thread's time).
    clock: Callable[[], float] = time.perf_counter


FULL = Settings(target=0.02, rounds=25, budget=2.0, min_rounds=5)
QUICK = Settings(target=0.001, rounds=5, budget=0.05, min_rounds=3)


def _context(entry: Entry) -> ContextManager[Any]:
    return entry.context() if entry.context is not None else contextlib.nullcontext()


def _calibrate(timer: timeit.Timer, target: float) -> tuple[int, float]:
    """A loop count whose loop takes at least ``target`` seconds, and that loop's time."""
    number = 1
    while True:
        t = timer.timeit(number)
        if t >= target:
            return number, t
        # Grow towards the target, at most 10x a step so one slow outlier cannot overshoot.
        grow = target / t * 1.2 if t > 0 else 10.0
        number = max(number + 1, int(number * min(grow, 10.0)))


def measure(
    rows: Sequence[Entry],
    settings: Settings = FULL,
    progress: Optional[Callable[[str], None]] = None,
) -> list[Result]:
    """Time every entry: calibrate, then interleaved rounds; ns per call (or per UUID)."""
    timers = [e.timer(settings.clock) for e in rows]
    plans: list[tuple[int, int]] = []  # (loops, rounds) per entry
    for e, timer in zip(rows, timers):
        with _context(e):
            loops, t = _calibrate(timer, settings.target)
        rounds = max(settings.min_rounds, min(settings.rounds, int(settings.budget / t)))
        plans.append((loops, rounds))
    samples: list[list[float]] = [[] for _ in rows]
    total = max(r for _, r in plans) if plans else 0
    for r in range(total):
        if progress:
            progress(f"round {r + 1}/{total}")
        for i, (e, timer) in enumerate(zip(rows, timers)):
            loops, rounds = plans[i]
            if r >= rounds:
                continue
            with _context(e):
                t = timer.timeit(loops)
            samples[i].append(t / loops / e.items * 1e9)
    return [Result(e, plans[i][0], samples[i]) for i, e in enumerate(rows)]


# --- reporting ------------------------------------------------------------------


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _configure_option(args: Sequence[str], enable: str, disable: str) -> Optional[str]:
    """The value configure got for an option (``--with-lto=thin`` → "thin"), the last one wins."""
    value = None
    for a in args:
        if a == enable:
            value = "yes"
        elif a.startswith(enable + "="):
            value = a.split("=", 1)[1]
        elif a == disable:
            value = "no"
    return value


def _on(value: Optional[str]) -> bool:
    return value is not None and value != "no"


def build_info() -> dict[str, Any]:
    """How the running interpreter was built, from ``sysconfig``, and whether to warn.

    ``enable_optimizations`` and ``with_lto`` come from ``CONFIG_ARGS`` (None when
    the interpreter does not record it, as on Windows). Debian's packages (and
    Ubuntu's) are built with PGO and LTO by their packaging, which keeps those
    flags out of ``sysconfig`` on purpose (Debian bug #934771), so a Debian
    interpreter counts as optimized without them. ``optimized`` is False for a
    debug build or a configure run without ``--enable-optimizations``; then
    ``warning`` says why its figures should not be compared.
    """
    raw = sysconfig.get_config_var("CONFIG_ARGS")
    args: Optional[list[str]] = None
    if isinstance(raw, str):
        try:
            args = shlex.split(raw)
        except ValueError:  # unbalanced quotes: good enough to look for flags
            args = raw.split()
    pgo = lto = jit = None
    if args is not None:
        pgo = _on(
            _configure_option(args, "--enable-optimizations", "--disable-optimizations")
        )
        lto = _on(_configure_option(args, "--with-lto", "--without-lto"))
        jit = _configure_option(
            args, "--enable-experimental-jit", "--disable-experimental-jit"
        )
    debug = bool(sysconfig.get_config_var("Py_DEBUG")) or hasattr(sys, "gettotalrefcount")
    free_threading = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    # Debian's patched sysconfig adds this scheme; its interpreters live in /usr.
    debian = "deb_system" in sysconfig.get_scheme_names() and sys.base_prefix == "/usr"
    if debug:
        optimized: Optional[bool] = False
        why = "a debug build (Py_DEBUG)"
    elif pgo:
        optimized, why = True, ""
    elif debian:
        optimized, why = True, ""
    elif args is None:
        optimized, why = None, ""
    else:
        optimized, why = False, "configured without --enable-optimizations"
    warning = None
    if optimized is False:
        warning = (
            f"WARNING: this interpreter is not optimized ({why}): figures from an "
            "unoptimized interpreter are not comparable with those of an optimized build "
            "(--enable-optimizations, as python.org and the distributions ship), and must "
            "not decide which paths install() leaves out (_SLOWER)."
        )
    gil = getattr(sys, "_is_gil_enabled", None)
    return {
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "config_args": raw if isinstance(raw, str) else None,
        "enable_optimizations": pgo,
        "with_lto": lto,
        "py_debug": debug,
        "free_threading": free_threading,
        "gil_enabled": gil() if gil is not None else True,
        "jit": jit,
        "debian_package": debian,
        "optimized": optimized,
        "warning": warning,
    }


def _build_line(b: dict[str, Any]) -> str:
    def yn(v: Optional[bool]) -> str:
        return "not recorded" if v is None else "yes" if v else "no"

    parts = [
        f"--enable-optimizations: {yn(b['enable_optimizations'])}",
        f"--with-lto: {yn(b['with_lto'])}",
        f"Py_DEBUG: {yn(b['py_debug'])}",
        f"free-threading: {yn(b['free_threading'])}",
    ]
    if b.get("jit"):
        parts.append(f"JIT: {b['jit']}")
    line = f"Interpreter: {b['implementation']} {b['version']}; " + "; ".join(parts)
    if b.get("debian_package") and not b.get("py_debug"):
        line += (
            " (a Debian package: built with PGO and LTO by its packaging, "
            "which keeps those flags out of sysconfig)"
        )
    verdict = {True: "optimized", False: "NOT optimized", None: "unknown"}[b.get("optimized")]
    return line + f"; build: {verdict}."


def _index(results: Sequence[Result]) -> dict[tuple[str, str], float]:
    return {(r.entry.operation, r.entry.contender): r.median for r in results}


def _reference(cells: dict[tuple[str, str], float], op: str) -> tuple[Optional[float], bool]:
    """The stdlib's time for ``op``, else uuid-backport's (3.14's code) with a flag."""
    if (op, "stdlib") in cells:
        return cells[(op, "stdlib")], False
    if (op, "uuid_backport") in cells:
        return cells[(op, "uuid_backport")], True
    return None, False


@dataclass
class Goal:
    """A target ratio from the issues: ``num / den`` (median times) at most ``limit``."""

    text: str
    num: tuple[str, str]
    den: tuple[str, str]
    limit: float


def _goals(batch: int) -> list[Goal]:
    b = f"{batch:,}"
    return [
        Goal(
            "oruuid.uuid4 ≤ 1.2× uuid_utils.uuid4",
            ("uuid4", "oruuid"),
            ("uuid4", "uuid_utils"),
            1.2,
        ),
        Goal(
            "oruuid.uuid4 ≥ 4× faster than uuid_utils.compat.uuid4",
            ("uuid4", "oruuid"),
            ("uuid4", "uuid_utils.compat"),
            1 / 4,
        ),
        Goal(
            "oruuid.uuid7 ≥ 4× faster than uuid_utils.compat.uuid7",
            ("uuid7", "oruuid"),
            ("uuid7", "uuid_utils.compat"),
            1 / 4,
        ),
        Goal(
            "oruuid.parse ≤ 1.0× uuid_utils.UUID(s)",
            ("parse", "oruuid"),
            ("parse", "uuid_utils"),
            1.0,
        ),
        Goal("oruuid.uuid4 ≤ 3× object()", ("uuid4", "oruuid"), (FLOOR, "object()"), 3.0),
        Goal(
            "oruuid.uuid4 ≥ 20× faster than uuid.uuid4",
            ("uuid4", "oruuid"),
            ("uuid4", "stdlib"),
            1 / 20,
        ),
        Goal("oruuid.uuid7 ≤ 4× object()", ("uuid7", "oruuid"), (FLOOR, "object()"), 4.0),
        Goal(
            "oruuid.parse ≥ 10× faster than uuid.UUID(s)",
            ("parse", "oruuid"),
            ("parse", "stdlib"),
            1 / 10,
        ),
        Goal(
            "oruuid.from_bytes ≥ 10× faster than uuid.UUID(bytes=b)",
            ("from_bytes", "oruuid"),
            ("from_bytes", "stdlib"),
            1 / 10,
        ),
        *[
            Goal(
                f"install(): {op} ≥ 5× faster than unpatched",
                (op, "oruuid.install()"),
                (op, "stdlib"),
                1 / 5,
            )
            for op in ("parse", "from_bytes", "str(u)", "u.hex", "u.bytes")
        ],
        Goal(
            f"uuid4_many({b}, bytes) ≤ 0.5× os.urandom",
            (f"uuid4 ×{b} → bytes", "oruuid"),
            (f"uuid4 ×{b} → bytes", "stdlib"),
            0.5,
        ),
        Goal(
            f"uuid7_many({b}, bytes) ≤ 0.5× os.urandom",
            (f"uuid7 ×{b} → bytes", "oruuid"),
            (f"uuid7 ×{b} → bytes", "stdlib"),
            0.5,
        ),
        Goal(
            f"parse_many({b}) ≥ 20× faster than a uuid.UUID loop",
            (f"parse ×{b} → list", "oruuid"),
            (f"parse ×{b} → list", "stdlib"),
            1 / 20,
        ),
        Goal(
            "uuid4_many list: per UUID < one uuid4() call",
            (f"uuid4 ×{b} → list", "oruuid"),
            ("uuid4", "oruuid"),
            1.0,
        ),
    ]


def _goal_rows(results: Sequence[Result], batch: int) -> list[dict[str, Any]]:
    cells = _index(results)
    rows = []
    for g in _goals(batch):
        if g.num in cells and g.den in cells:
            ratio = cells[g.num] / cells[g.den]
            rows.append({"goal": g.text, "ratio": ratio, "limit": g.limit, "met": ratio <= g.limit})
    return rows


def _fmt_ns(ns: float) -> str:
    if ns >= 100:
        return f"{ns:,.0f}"
    if ns >= 10:
        return f"{ns:.1f}"
    return f"{ns:.2f}"


def _fmt_ratio(r: float) -> str:
    return f"{r:.0f}×" if r >= 100 else f"{r:.1f}×" if r >= 10 else f"{r:.2f}×"


def report(results: Sequence[Result], batch: int) -> dict[str, Any]:
    """The machine-readable run: environment, contender versions, rows and goals."""
    cells = _index(results)
    rows = []
    for r in results:
        e = r.entry
        q1, q3 = r.quartiles
        row: dict[str, Any] = {
            "operation": e.operation,
            "contender": e.contender,
            "label": e.label or e.contender,
            "ns": r.median,
            "q1": q1,
            "q3": q3,
            "min": min(r.samples),
            "max": max(r.samples),
            "rounds": len(r.samples),
            "loops": r.loops,
            "items": e.items,
        }
        if e.path is not None:
            row["path"] = e.path
        if e.operation != FLOOR:
            ref, _ = _reference(cells, e.operation)
            mine = cells.get((e.operation, "oruuid"))
            row["speedup_vs_stdlib"] = ref / r.median if ref else None
            row["time_vs_oruuid"] = r.median / mine if mine else None
        rows.append(row)
    present = {r.entry.contender for r in results}
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "build": build_info(),
        "cpu": _cpu(),
        "platform": platform.platform(),
        "contenders": {c: _version(c) for c in CONTENDERS if c in present},
        "unit": "ns per call (per UUID for batch rows); median over rounds, q1/q3 quartiles",
        "rows": rows,
        "goals": _goal_rows(results, batch),
    }


def _rows(data: dict[str, Any]) -> list[str]:
    """One line per (operation, contender), with its spread and both ratios."""
    lines = [
        "| operation | contender | ns/call | IQR | × faster than stdlib | × oruuid's time |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    cells = {(r["operation"], r["contender"]): r["ns"] for r in data["rows"]}
    for r in data["rows"]:
        vs_std = vs_or = ""
        if r["operation"] != FLOOR:
            if r.get("speedup_vs_stdlib") is not None:
                _, backport = _reference(cells, r["operation"])
                vs_std = _fmt_ratio(r["speedup_vs_stdlib"]) + (" †" if backport else "")
            if r.get("time_vs_oruuid") is not None:
                vs_or = _fmt_ratio(r["time_vs_oruuid"])
        iqr = f"{_fmt_ns(r['q1'])}–{_fmt_ns(r['q3'])}"
        lines.append(
            f"| {r['operation']} | {r['label']} | {_fmt_ns(r['ns'])} | {iqr} | {vs_std} | {vs_or} |"
        )
    return lines


def _grid(data: dict[str, Any]) -> list[str]:
    """One line per operation, one column per contender: the compact table."""
    cells = {(r["operation"], r["contender"]): r for r in data["rows"]}
    floor = [r for r in data["rows"] if r["operation"] == FLOOR]
    lines = ["| floor | ns/call |", "| --- | ---: |"]
    lines += [f"| {r['label']} | {_fmt_ns(r['ns'])} |" for r in floor]
    names = list(data["contenders"])
    lines += [
        "",
        "| ns/call | " + " | ".join(names) + " | stdlib ÷ oruuid |",
        "| --- |" + " ---: |" * (len(names) + 1),
    ]
    ops = list(dict.fromkeys(r["operation"] for r in data["rows"] if r["operation"] != FLOOR))
    ns_cells = {k: r["ns"] for k, r in cells.items()}
    for op in ops:
        row = []
        for c in names:
            r = cells.get((op, c))
            if r is None:
                row.append("—")
            elif r["label"] != c:  # a stand-in such as os.urandom, or a loop
                note = r["label"]
                if note.startswith(c + " (") and note.endswith(")"):
                    note = note[len(c) + 2 : -1]
                row.append(f"{_fmt_ns(r['ns'])} ({note})")
            else:
                row.append(_fmt_ns(r["ns"]))
        mine = cells.get((op, "oruuid"))
        ratio = ""
        if mine is not None and mine.get("speedup_vs_stdlib") is not None:
            _, backport = _reference(ns_cells, op)
            ratio = _fmt_ratio(mine["speedup_vs_stdlib"]) + (" †" if backport else "")
        lines.append(f"| {op} | " + " | ".join(row) + f" | {ratio} |")
    return lines


def _slower_entry(version: Sequence[int], names: Sequence[str]) -> str:
    inner = ", ".join(f'"{n}"' for n in names)
    return f"({version[0]}, {version[1]}): frozenset({{{inner}}})," if names else (
        f"({version[0]}, {version[1]}): frozenset(),"
    )


def _install_table(inst: dict[str, Any]) -> list[str]:
    """The ``--install`` table: one line per operation, then the suggested ``_SLOWER`` entry."""

    def ns(v: Optional[float]) -> str:
        return "—" if v is None else _fmt_ns(v)

    lines = [
        "| operation | path | stdlib ns | IQR | install() ns | IQR | speed-up "
        "| per-round IQR | verdict | installed here |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in inst["rows"]:
        before_iqr = after_iqr = spread = speedup = "—"
        if r["before_ns"] is not None:
            before_iqr = f"{ns(r['before_q1'])}–{ns(r['before_q3'])}"
            speedup = _fmt_ratio(r["speedup"])
            spread = f"{r['speedup_q1']:.2f}–{r['speedup_q3']:.2f}"
        after_iqr = f"{ns(r['after_q1'])}–{ns(r['after_q3'])}"
        lines.append(
            f"| {r['operation']} | {r['path']} | {ns(r['before_ns'])} | {before_iqr} "
            f"| {ns(r['after_ns'])} | {after_iqr} | {speedup} | {spread} | {r['verdict']} "
            f"| {r['installed_here']} |"
        )
    version = inst["version"]
    lines += [
        "",
        "stdlib: the uuid module as shipped; install(): every native path forced on, "
        "this interpreter's _SLOWER entry ignored. u is a version-4 UUID unless the row "
        "names another version; w is u + 1. installed here: whether a plain install() "
        "serves the path natively on this interpreter (the module functions are always "
        "replaced; `not native`: install() found it differs from this stdlib, so even the "
        "forced row runs the stdlib's code).",
        "",
        inst["rule"],
        "",
        f"Current _SLOWER entry for {version[0]}.{version[1]}: "
        + (", ".join(inst["slower_now"]) or "none")
        + ".",
        "",
        f"With {inst['rounds']} rounds, equally fast paths would be called slower by "
        f"chance {inst['false_slower_chance']:.1%} of the time"
        + (" (too few to decide anything: run without --quick)." if inst["rounds"] < 20 else "."),
        "",
        "Suggested `_SLOWER` entry, a suggestion from this one run and not a decision "
        "(confirm with a second run, on an optimized interpreter, before adopting it):",
        "",
        "    " + _slower_entry(version, inst["suggested_slower"]),
    ]
    if inst["mixed"]:
        lines += ["", "Mixed (slower in some rows, faster in others): " + ", ".join(inst["mixed"])]
    if inst["median_below_1_noise"]:
        lines += [
            "",
            "Median speed-up below 1.0 but within noise (not suggested): "
            + ", ".join(inst["median_below_1_noise"]),
        ]
    if inst["slower_functions"]:
        lines += [
            "",
            "Module functions measured slower (install() always replaces them; _SLOWER "
            "cannot leave them out): " + ", ".join(inst["slower_functions"]),
        ]
    return lines


def markdown(data: dict[str, Any], layout: str = "rows") -> str:
    """The run as Markdown: a header, the table (``rows`` or ``grid``), and the goals."""
    lines = [
        f"{data.get('implementation', 'CPython')} {data['python']} on {data['cpu']} "
        f"({data['platform']})",
        "",
    ]
    build = data.get("build")  # absent from runs saved before it was recorded
    if build:
        lines += [_build_line(build), ""]
        if build.get("warning"):
            lines += [f"**{build['warning']}**", ""]
    lines += [
        "Versions: " + ", ".join(f"{c} {v}" for c, v in data["contenders"].items()),
        "",
        f"Median of {data.get('mode', 'full')}-mode rounds, {data.get('timer', 'wall')} time; "
        "IQR: first to third quartile.",
        "",
    ]
    if "install" in data:
        return "\n".join(lines + _install_table(data["install"])) + "\n"
    if "adapters" in data:
        lines += [
            "Drivers: " + ", ".join(f"{k} {v}" for k, v in data["adapters"].items()),
            "",
            f"{_PG_DEFAULT}: the driver's own uuid adapters; oruuid: after "
            "oruuid.adapters.<driver>.register(conn). ns per row, server time included "
            "(with --timer cpu, this process's time only).",
            "",
        ]
    lines += _grid(data) if layout == "grid" else _rows(data)
    if any("†" in line for line in lines):
        lines += ["", "† this Python's `uuid` lacks it: compared with uuid-backport, 3.14's code."]
    if any(r["items"] > 1 for r in data["rows"]):
        note = "Batch rows are ns per UUID."
        if data.get("timer") == "cpu":
            note += " CPU time adds up every thread's, so a parallel batch shows its total work."
        lines += ["", note]
    if data["goals"]:
        lines += ["", "| goal | ratio | limit | |", "| --- | ---: | ---: | --- |"]
        for g in data["goals"]:
            verdict = "met" if g["met"] else "missed"
            lines.append(f"| {g['goal']} | {g['ratio']:.3f} | {g['limit']:.3f} | {verdict} |")
    return "\n".join(lines) + "\n"


_COLORS = {
    "stdlib": "#4c72b0",
    "oruuid": "#dd8452",
    "oruuid.install()": "#c44e52",
    "uuid_utils": "#55a868",
    "uuid_utils.compat": "#8fd19e",
    "fastuuid": "#8172b3",
    "uuid6": "#937860",
    "uuid_backport": "#da8bc3",
    "python_ulid": "#8c8c8c",
}


def plot(data: dict[str, Any], path: str) -> None:
    """A PNG of horizontal bars, log scale, one group per operation."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    groups: dict[str, list[dict[str, Any]]] = {}
    for r in data["rows"]:
        groups.setdefault(r["operation"], []).append(r)
    bars = sum(len(v) for v in groups.values())
    fig, ax = plt.subplots(figsize=(10, 0.8 + 0.22 * (bars + 1.2 * len(groups))))
    y = 0.0
    ticks, names = [], []
    for op, rows in groups.items():
        start = y
        for r in rows:
            color = _COLORS.get(r["contender"], "#999999")
            ax.barh(
                y,
                r["ns"],
                height=0.8,
                color=color,
                xerr=[[r["ns"] - r["q1"]], [r["q3"] - r["ns"]]],
                ecolor="#333333",
                capsize=0,
            )
            ax.text(
                max(r["ns"], r["q3"]) * 1.1,
                y,
                f"{r['label']}  {_fmt_ns(r['ns'])}",
                va="center",
                fontsize=7,
            )
            y += 1
        ticks.append((start + y - 1) / 2)
        names.append(op if op != FLOOR else "floor")
        y += 1.2
    ax.set_yticks(ticks, names)
    ax.set_ylim(y - 1.2 - 0.4, -0.6)  # top to bottom, in table order
    ax.set_xscale("log")
    lo = min(r["q1"] for r in data["rows"])
    hi = max(r["q3"] for r in data["rows"])
    ax.set_xlim(max(lo / 2, 1e-3), hi * 30)
    ax.set_xlabel("ns per call (per UUID for batches), log scale; whiskers: quartiles")
    ax.set_title(
        f"oruuid {data['contenders'].get('oruuid', '')}: CPython {data['python']}, {data['cpu']}",
        fontsize=10,
    )
    handles = [
        Rectangle((0, 0), 1, 1, color=_COLORS[c]) for c in data["contenders"] if c in _COLORS
    ]
    ax.legend(
        handles,
        [f"{c} {v}" for c, v in data["contenders"].items() if c in _COLORS],
        fontsize=7,
        loc="lower right",
    )
    ax.grid(axis="x", which="both", alpha=0.2)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _run(args: argparse.Namespace, batch: int) -> dict[str, Any]:
    """Measure the rows that ``args`` selects; the report of the run."""
    with _stdlib_as_shipped():  # also while the rows capture uuid.uuid4 and friends
        if args.install:
            return _measure_install(args)
        if args.adapters:
            return _measure_adapters(args, batch)
        return _measure_rows(args, batch)


def _wanted(args: argparse.Namespace) -> Optional[set[str]]:
    if not args.only:
        return None
    return {w.strip() for w in args.only.split(",") if w.strip()}


def _settings(args: argparse.Namespace) -> Settings:
    settings = QUICK if args.quick else FULL
    if args.timer == "cpu":
        settings = dataclasses.replace(settings, clock=time.process_time)
    return settings


def _progress() -> Optional[Callable[[str], None]]:
    if not sys.stderr.isatty():
        return None
    return lambda s: print(f"\r{s}", end="", file=sys.stderr, flush=True)


def _measure_rows(args: argparse.Namespace, batch: int) -> dict[str, Any]:
    rows = entries(batch)
    wanted = _wanted(args)
    if wanted:
        rows = [
            e
            for e in rows
            if e.operation == FLOOR or e.operation in wanted or e.operation.split(" ")[0] in wanted
        ]
    start = time.perf_counter()
    progress = _progress()
    results = measure(rows, _settings(args), progress)
    if progress:
        print(file=sys.stderr)
    data = report(results, batch)
    data["seconds"] = time.perf_counter() - start
    data["mode"] = "quick" if args.quick else "full"
    data["timer"] = args.timer
    return data


def _measure_install(args: argparse.Namespace) -> dict[str, Any]:
    """The ``--install`` run: every patched path, unpatched then with every native path on."""
    rows = install_entries()
    wanted = _wanted(args)
    if wanted:  # by operation or by path name: --only time,hash
        rows = [e for e in rows if e.operation in wanted or e.path in wanted]
    start = time.perf_counter()
    progress = _progress()
    with _every_native_path() as paths:
        results = measure(rows, _settings(args), progress)
    if progress:
        print(file=sys.stderr)
    data = report(results, 0)
    data["install"] = _install_report(results, paths)
    data["seconds"] = time.perf_counter() - start
    data["mode"] = "quick" if args.quick else "full"
    data["timer"] = args.timer
    return data


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the benchmark with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m oruuid.bench",
        description="ns per call of oruuid against the stdlib's uuid and the installed peers.",
    )
    parser.add_argument("--quick", action="store_true", help="a run of a few seconds, less precise")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument(
        "--plot", metavar="PATH", help="also draw a PNG bar chart (needs matplotlib)"
    )
    parser.add_argument(
        "--only",
        metavar="OPS",
        help="comma-separated operations to run (floor is always run); with --install, "
        "operations or path names (uuid7, time, hash, call, ...)",
    )
    parser.add_argument(
        "--install",
        "--install-only",
        action="store_true",
        help="run only the install() comparison: every path install() patches (module "
        "functions, properties, the call/str/hash/compare slots), the stdlib as shipped "
        "against install() with every native path forced on (this interpreter's _SLOWER "
        "entry ignored), then a suggested _SLOWER entry. " + _RULE.replace("%", "%%"),
    )
    parser.add_argument(
        "--adapters",
        action="store_true",
        help="run only the PostgreSQL driver rows: asyncpg's and psycopg's defaults against "
        "oruuid.adapters, reading (SELECT, COPY TO) and writing (COPY FROM) --batch uuid rows, "
        f"in ns per row. Needs a server: --pg-dsn, ${PG_DSN_ENV}, or --pg-start",
    )
    parser.add_argument(
        "--pg-dsn", metavar="DSN", help=f"the server for --adapters (default ${PG_DSN_ENV})"
    )
    parser.add_argument(
        "--pg-start",
        action="store_true",
        help="with --adapters and no DSN: start a throwaway server for the run (initdb in a "
        "temporary directory, as the tests do; needs Debian's postgresql package)",
    )
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
    parser.add_argument(
        "--batch",
        metavar="N",
        type=int,
        help="UUIDs per batch row (default 10**6, 10**4 with --quick); with --adapters, "
        "rows per query (default 10**5, 10**4 with --quick)",
    )
    args = parser.parse_args(None if argv is None else list(argv))
    full = 10**5 if args.adapters else 10**6
    batch = args.batch if args.batch is not None else 10**4 if args.quick else full
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
        data = _run(args, batch)
    sys.stdout.write(markdown(data, args.table))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
            f.write("\n")
    if args.plot:
        plot(data, args.plot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
