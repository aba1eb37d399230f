"""The contenders and their rows: the stdlib's ``uuid``, oruuid (plain and installed),
uuideal (plain and installed), hyperuuid, lastuuid, uuid7-standard, uuid-utils, c-uuid-v7,
uuid7-rs, fastuuid, fastuuid7, fastuuidv7, uuid6, uuid-backport and python-ulid, each where
installed; the floor rows that show what any native call costs before it does any UUID
work; and what each row returns, checked at run time (``semantics``)."""

from __future__ import annotations

import contextlib
import datetime
import functools
import importlib
import importlib.metadata
import itertools
import os
import platform
import uuid as _uuid
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import oruuid
from oruuid._install import _FUNCTIONS

from . import _pure_python as py
from ._timing import Entry, _context

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Literal, TypeAlias

    # For the type checker only: at run time a Literal of two values is no Union, which
    # stubtest, reading this module as its own stub, would report.
    _Alphabet: TypeAlias = Literal["base58", "base64url"]
    _ToText: TypeAlias = Callable[[_uuid.UUID], str]
    _FromText: TypeAlias = Callable[[str], _uuid.UUID]

__all__ = ["CONTENDERS", "FLOOR", "describe", "entries", "semantics"]

# Contender keys, in table and chart order, with the distribution whose version is shown.
# Those that return exact uuid.UUID objects come first, then the own types.
CONTENDERS: dict[str, str | None] = {
    "stdlib": None,
    "oruuid": "oruuid",
    "oruuid.install()": "oruuid",
    "uuideal": "uuideal",
    "uuideal.install()": "uuideal",
    "hyperuuid": "hyperuuid",
    "lastuuid": "lastuuid",
    "uuid7_standard": "uuid7-standard",
    "uuid_utils": "uuid-utils",
    "uuid_utils.compat": "uuid-utils",
    "c_uuid_v7": "c-uuid-v7",
    "c_uuid_v7.compat": "c-uuid-v7",
    "uuid7_rs": "uuid7-rs",
    "uuid7_rs.compat": "uuid7-rs",
    "fastuuid": "fastuuid",
    "fastuuid7": "fastuuid7",
    "fastuuidv7": "fastuuidv7",
    "uuid6": "uuid6",
    "uuid_backport": "uuid-backport",
    "python_ulid": "python-ulid",
}

# The generators of each contender module, by the stdlib's name (None: the stdlib's own
# names, every one the module has). uuid7-standard's module is `uuid7`, its uuid7 `create`.
_GENERATORS: tuple[tuple[str, str, dict[str, str] | None], ...] = (
    ("stdlib", "uuid", None),
    ("oruuid", "oruuid", None),
    ("uuideal", "uuideal", None),
    ("hyperuuid", "hyperuuid", {"uuid4": "new_v4", "uuid5": "new_v5", "uuid7": "new_v7"}),
    ("lastuuid", "lastuuid", {"uuid7": "uuid7"}),
    ("uuid7_standard", "uuid7", {"uuid7": "create"}),
    ("uuid_utils", "uuid_utils", None),
    ("uuid_utils.compat", "uuid_utils.compat", None),
    ("c_uuid_v7", "c_uuid_v7", {"uuid7": "uuid7"}),
    ("c_uuid_v7.compat", "c_uuid_v7.compat", {"uuid7": "uuid7"}),
    ("uuid7_rs", "uuid7_rs", {"uuid7": "uuid7"}),
    ("uuid7_rs.compat", "uuid7_rs.compat", {"uuid7": "uuid7"}),
    ("fastuuid", "fastuuid", None),
    ("fastuuid7", "fastuuid7", {"uuid7": "uuid7"}),
    ("fastuuidv7", "fastuuidv7", {"uuid7": "uuid7"}),
    # The uuid6 package only counts for the versions it is named for.
    ("uuid6", "uuid6", {"uuid6": "uuid6", "uuid7": "uuid7"}),
    ("uuid_backport", "uuid_backport", None),
)
# The classes timed as constructors and accessors, with the ones that take only text (no
# bytes= or int= keyword). uuid_utils.compat.UUID is uuid.UUID itself: not repeated.
_CLASSES = ("stdlib", "uuid_utils", "c_uuid_v7", "uuid7_rs", "fastuuid", "uuid_backport")
_TEXT_ONLY = ("fastuuidv7",)
# The contenders that patch the stdlib, whose uuid.UUID rows run under their install().
_PATCHERS = ("oruuid", "uuideal")
FLOOR = "floor"

_TEXT = "67e55044-10b1-426f-9247-bb680e5fe0c8"
_NAME = "example.com"


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except Exception:  # noqa: BLE001 - an installed but broken peer is left out, not fatal
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
def _patched(module: Any) -> Iterator[None]:
    """``module.install()`` (oruuid's or uuideal's) for the duration, leaving an earlier
    install in place."""
    earlier = module.installed() if hasattr(module, "installed") else False
    if not earlier:
        module.install()
    try:
        yield
    finally:
        if not earlier:
            module.uninstall()


@contextlib.contextmanager
def _installed() -> Iterator[None]:
    """``oruuid.install()`` for the duration, leaving an earlier install in place."""
    earlier = getattr(oruuid, "installed", lambda: False)()
    if not earlier:
        oruuid.install()
    try:
        yield
    finally:
        if not earlier:
            oruuid.uninstall()


@contextlib.contextmanager
def _stdlib_as_shipped() -> Iterator[None]:
    """Undo an ``install()`` (say from ORUUID_INSTALL=1) for the run, so stdlib rows are stdlib."""
    earlier = getattr(oruuid, "installed", lambda: False)()
    if earlier:
        oruuid.uninstall()
    try:
        yield
    finally:
        if earlier:
            oruuid.install()


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
    fu = _optional("fastuuid")
    mods: dict[str, tuple[Any, dict[str, str] | None]] = {}
    for key, name, names in _GENERATORS:
        mod = _uuid if key == "stdlib" else oruuid if key == "oruuid" else _optional(name)
        if mod is not None and (key != "uuid7_standard" or hasattr(mod, "create")):
            mods[key] = (mod, names)  # (`uuid7` is another package's name too)

    for op in _FUNCTIONS:
        for key, (mod, names) in mods.items():
            if names is not None and op not in names:
                continue
            fn = getattr(mod, op if names is None else names[op], None)
            if fn is None:
                continue
            if op in ("uuid3", "uuid5"):
                if key == "fastuuid":  # its own namespace type, bytes names only
                    add(op, key, fn, mod.UUID(str(_uuid.NAMESPACE_DNS)), _NAME.encode())
                else:
                    add(op, key, fn, getattr(mod, "NAMESPACE_DNS", _uuid.NAMESPACE_DNS), _NAME)
            else:
                add(op, key, fn)

    # Constructors: each class, and uuid.UUID itself under each patcher's install().
    value = _uuid.UUID(_TEXT)
    classes = [(k, mods[k][0].UUID) for k in _CLASSES if k in mods]
    text_only = [(k, mods[k][0].UUID) for k in _TEXT_ONLY if k in mods]
    patchers = [
        (f"{k}.install()", functools.partial(_patched, mods[k][0]))
        for k in _PATCHERS
        if k in mods and hasattr(mods[k][0], "install") and hasattr(mods[k][0], "uninstall")
    ]

    def constructor_rows(op: str, native: Any, arg: Any, keyword: str | None) -> None:
        args, kw = ((), {keyword: arg}) if keyword else ((arg,), {})
        for key, cls in classes + (text_only if keyword is None else []):
            out.append(Entry(op, key, cls, args, kw))
            if key == "stdlib":
                out.append(Entry(op, "oruuid", native, (arg,)))
                for name, patched in patchers:  # the stdlib's own constructor, patched
                    out.append(Entry(op, name, cls, args, kw, context=patched))

    constructor_rows("parse", oruuid.parse, _TEXT, None)
    constructor_rows("from_bytes", oruuid.from_bytes, value.bytes, "bytes")
    constructor_rows("from_int", oruuid.from_int, value.int, "int")

    # Accessors on each contender's own object. oruuid's objects are stdlib ones:
    # the row shows what a caller of oruuid gets without install().
    objects = [(k, cls(_TEXT)) for k, cls in classes + text_only]
    for op, stmt in (("str(u)", "str(a0)"), ("u.hex", "a0.hex"), ("u.bytes", "a0.bytes")):
        for key, obj in objects:
            out.append(Entry(op, key, None, (obj,), stmt=stmt))
            if key == "stdlib":
                out.append(Entry(op, "oruuid", None, (oruuid.parse(_TEXT),), stmt=stmt))
                for name, patched in patchers:
                    out.append(Entry(op, name, None, (obj,), stmt=stmt, context=patched))

    out.extend(_text_entries(_optional("ulid")))
    out.extend(_batch_entries(batch, uu, fu))
    return out


def _text_entries(ulid: Any) -> list[Entry]:
    """uuid7_min, to_ulid/from_ulid and encode/decode, once oruuid has them; the
    "stdlib" rows are the same results written in Python on the stdlib."""
    out: list[Entry] = []
    if not hasattr(oruuid, "encode"):
        return out
    at = datetime.datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=datetime.UTC)
    out.append(Entry("uuid7_min(dt)", "stdlib", py.py_uuid7_min, (at,), label="Python on uuid"))
    out.append(Entry("uuid7_min(dt)", "oruuid", oruuid.uuid7_min, (at,)))
    u = _uuid.UUID(_TEXT)
    text = oruuid.to_ulid(u)
    out.append(Entry("to_ulid", "stdlib", py.py_to_ulid, (u,), label="Python on uuid"))
    out.append(Entry("to_ulid", "oruuid", oruuid.to_ulid, (u,)))
    out.append(Entry("from_ulid", "stdlib", py.py_from_ulid, (text,), label="Python on uuid"))
    out.append(Entry("from_ulid", "oruuid", oruuid.from_ulid, (text,)))
    if ulid is not None:
        ULID = ulid.ULID
        out.append(Entry("to_ulid", "python_ulid", None, (ULID, u), stmt="str(a0.from_uuid(a1))"))
        out.append(
            Entry("from_ulid", "python_ulid", None, (ULID, text), stmt="a0.from_str(a1).to_uuid()")
        )
    alphabets: tuple[tuple[_Alphabet, _ToText, _FromText], ...] = (
        ("base58", py.py_base58, py.py_from_base58),
        ("base64url", py.py_base64url, py.py_from_base64url),
    )
    for alphabet, to_text, from_text in alphabets:
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
        # What a batch replaces: the same list built by calling oruuid.uuid4() n times.
        out.append(
            Entry(
                f"uuid4 loop ×{n:,} → list",
                "oruuid",
                oruuid.uuid4,
                (rng,),
                stmt="[f() for _ in a0]",
                items=n,
                label="oruuid (loop)",
            )
        )
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


# --- what each row returns, checked at run time ---------------------------------------

# Generators whose results must differ from call to call, and those whose order must follow
# the order of the calls (RFC 9562 §6.2: UUIDv7 is time-ordered; the stdlib's uuid6 and
# uuid7, and oruuid's, are monotonic within a process).
_RANDOM = ("uuid1", "uuid4", "uuid6", "uuid7", "uuid8")
_ORDERED = ("uuid6", "uuid7")
_PARSED = {"parse": _uuid.UUID(_TEXT).int, "from_bytes": _uuid.UUID(_TEXT).int}
_PARSED["from_int"] = _PARSED["parse"]


def _as_int(value: Any) -> int | None:
    """The 128 bits of a contender's result, whatever its type, or None."""
    if isinstance(value, _uuid.UUID):
        return value.int
    if isinstance(value, str):
        try:
            return _uuid.UUID(value).int
        except ValueError:
            return None
    if isinstance(value, bytes | bytearray):
        return int.from_bytes(value, "big") if len(value) == 16 else None
    bits = getattr(value, "int", None)
    if isinstance(bits, int):
        return bits
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _returns(value: Any) -> tuple[str, str]:
    """(kind, name): ``exact``, ``subclass``, ``own`` (another class), or the builtin type."""
    cls = type(value)
    name = f"{cls.__module__}.{cls.__qualname__}"
    if cls is _uuid.UUID:
        return "exact", "uuid.UUID"
    if isinstance(value, _uuid.UUID):
        return "subclass", name
    if cls in (str, bytes, bytearray, int):
        return cls.__name__, cls.__name__
    return "own", name


def _check(entry: Entry, sample: int) -> dict[str, Any]:
    """What ``entry`` returns: its type; for generators, the version and variant of every
    result in ``sample`` consecutive calls, how many repeat, and for uuid6/uuid7 how many
    steps go down (or stay); for parsers, whether the value is right."""
    op, fn = entry.operation, entry.fn
    assert fn is not None
    call = functools.partial(fn, *entry.args, **entry.kwargs)
    n = sample if op in _RANDOM else 1
    with _context(entry):
        bits = [_as_int(call()) for _ in range(n - 1)]
        last = call()
    bits.append(_as_int(last))
    kind, name = _returns(last)
    out: dict[str, Any] = {"returns": kind, "type": name, "sample": n}
    if any(b is None for b in bits):
        out["error"] = "results not readable as 128 bits"
        return out
    ints = [b for b in bits if b is not None]
    if op in _PARSED:
        out["value_ok"] = ints[0] == _PARSED[op]
    elif op.startswith("uuid") and op[4:].isdigit():
        version = int(op[4:])
        out["version_ok"] = all((b >> 76) & 0xF == version and (b >> 62) & 3 == 2 for b in ints)
    if op in _RANDOM:
        out["duplicates"] = n - len(set(ints))
    if op in _ORDERED:
        steps = list(itertools.pairwise(ints))
        out["decreases"] = sum(b < a for a, b in steps)
        out["repeats"] = sum(b == a for a, b in steps)
        out["monotonic"] = out["decreases"] == 0 and out["repeats"] == 0
    return out


def semantics(rows: Sequence[Entry], sample: int = 100_000) -> dict[tuple[str, str], Any]:
    """What every generator and constructor row returns, measured now rather than taken from
    the peers' documentation, so that a new release of a peer cannot make the table lie.

    Keyed by (operation, contender). ``sample`` is the number of consecutive calls behind
    the uniqueness and order counts."""
    out: dict[tuple[str, str], Any] = {}
    for e in rows:
        op = e.operation
        if e.fn is None or e.stmt is not None or e.items != 1:
            continue
        if not (op in _PARSED or (op.startswith("uuid") and op[4:].isdigit())):
            continue
        try:
            out[(op, e.contender)] = _check(e, max(2, sample))
        except Exception as exc:  # noqa: BLE001 - a peer that raises is reported, not fatal
            out[(op, e.contender)] = {"returns": "error", "error": f"{type(exc).__name__}: {exc}"}
    return out


def describe(check: dict[str, Any] | None, short: bool = False) -> str:
    """A check as words: ``exact; monotonic`` (``short``: only what departs from the ideal)."""
    if not check:
        return ""
    kind = check["returns"]
    if kind == "error":
        return f"error: {check.get('error', '')}"
    words = {
        "exact": "exact uuid.UUID",
        "subclass": f"subclass {check['type']}",
        "own": f"own type {check['type']}",
    }
    parts = [] if short and kind == "exact" else [words.get(kind, kind) if not short else kind]
    if "error" in check:
        parts.append(check["error"])
    if check.get("value_ok") is False:
        parts.append("WRONG VALUE")
    if check.get("version_ok") is False:
        parts.append("WRONG VERSION/VARIANT")
    steps = check["sample"] - 1
    if check.get("monotonic") is False:
        down = check["decreases"] + check["repeats"]
        parts.append(
            "NOT monotonic"
            if short
            else f"NOT monotonic: {down:,} of {steps:,} steps down ({down / steps:.0%})"
        )
    elif check.get("monotonic") and not short:
        parts.append(f"monotonic ({steps:,} steps)")
    if check.get("duplicates"):
        parts.append(f"{check['duplicates']:,} duplicates")
    return "; ".join(parts)
