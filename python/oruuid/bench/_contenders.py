"""The contenders and their rows: the stdlib's ``uuid``, oruuid (plain and installed),
uuid-utils, fastuuid, uuid6, uuid-backport and python-ulid, each where installed, and
the floor rows that show what any native call costs before it does any UUID work."""

from __future__ import annotations

import contextlib
import datetime
import importlib
import importlib.metadata
import os
import platform
import uuid as _uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import oruuid
from oruuid._install import _FUNCTIONS

from . import _pure_python as py
from ._timing import Entry

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Literal, TypeAlias

    # For the type checker only: at run time a Literal of two values is no Union, which
    # stubtest, reading this module as its own stub, would report.
    _Alphabet: TypeAlias = Literal["base58", "base64url"]
    _ToText: TypeAlias = Callable[[_uuid.UUID], str]
    _FromText: TypeAlias = Callable[[str], _uuid.UUID]

__all__ = ["CONTENDERS", "FLOOR", "entries"]

# Contender keys, in table and chart order, with the distribution whose version is shown.
CONTENDERS: dict[str, str | None] = {
    "stdlib": None,
    "oruuid": "oruuid",
    "oruuid.install()": "oruuid",
    "uuid_utils": "uuid-utils",
    "uuid_utils.compat": "uuid-utils",
    "fastuuid": "fastuuid",
    "uuid6": "uuid6",
    "uuid_backport": "uuid-backport",
    "python_ulid": "python-ulid",
}
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
    for op in _FUNCTIONS:
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

    def constructor_rows(op: str, native: Any, arg: Any, keyword: str | None) -> None:
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
