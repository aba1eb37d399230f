"""The batch API: millions of UUIDs at once, as lists, bytes, numpy arrays or Arrow arrays.

The native half (``oruuid._core.batch``, binding/batch.cpp) does the work on flat
buffers of 16-byte UUIDs; this module checks arguments, recognises numpy and
Arrow inputs, and wraps those buffers as arrays without copying them. numpy and pyarrow are
optional (the ``batch`` extra) and only imported when a format needs them.
"""

from __future__ import annotations

import functools
import operator
import sys

from . import _arrow_in, _batch_ts
from ._core import batch as _native
from ._core import decode as _decode
from ._core import parse as _parse

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at import, and oruuid imports no typing
    from collections.abc import Callable, Sequence
    from types import ModuleType
    from typing import Any, Literal, SupportsIndex, TypeAlias
    from uuid import UUID

    from ._core import ContextV7, _BatchResult, _Validity

    # The arguments as the stubs (__init__.pyi) declare them; each is checked at run time.
    _Format: TypeAlias = Literal["uuid", "str", "hex", "bytes", "numpy", "arrow"]
    _TextFormat: TypeAlias = Literal["str", "hex", "arrow"]
    _Errors: TypeAlias = Literal["raise", "null"]
    _AlphabetName: TypeAlias = Literal["base32", "base58", "base64url"]
    # numpy and pyarrow are optional and imported by name (their modules are plain
    # ModuleType here), so their arrays, buffers and types are untyped.
    _Array: TypeAlias = Any
    # What the batch functions return: a list, bytes, or a numpy or pyarrow array.
    _Result: TypeAlias = list[UUID | None] | list[str | None] | bytes | _Array
    # fill(out) / call(kind, out): the native call writing a raw result to ``out``.
    _Fill: TypeAlias = Callable[[Any], tuple[_BatchResult, _Validity]]

_FORMATS = ("uuid", "str", "hex", "bytes", "numpy", "arrow")
_TEXT_FORMATS = ("str", "hex", "arrow")
_LIST_KINDS = {"uuid": _native.UUID, "str": _native.STR, "hex": _native.HEX}
_ERRORS = ("raise", "null")
# The short text forms of encode() and decode(), by name: the native code's numbers.
_ALPHABETS = dict(_native.ALPHABETS)
# The largest batch: far enough from sys.maxsize that 36·n and the list's 8·n
# bytes cannot overflow; anything larger could never be allocated anyway.
_MAX_N = sys.maxsize // 64
_INT32_MAX = 2**31 - 1


def _require(module: str, why: str) -> ModuleType:
    """Imports numpy or pyarrow, or raises ImportError naming the extra that installs it."""
    try:
        return __import__(module)
    except ImportError as e:
        raise ImportError(
            f"{why} needs {module}, which is optional: install it with "
            f"pip install 'oruuid[batch]' (or pip install {module})"
        ) from e


def _loaded(module: str) -> ModuleType | None:
    """The module if the program has already imported it: an object can only be a numpy
    array or an Arrow array if its library is loaded, so checking costs no import."""
    return sys.modules.get(module)


def _check_format(func: str, format: object, allowed: tuple[str, ...]) -> None:
    if not isinstance(format, str) or format not in allowed:
        choices = ", ".join(repr(f) for f in allowed)
        raise ValueError(f"{func}: format must be one of {choices}, not {format!r}")


def _alphabet(func: str, alphabet: object) -> int:
    """The native number of an ``alphabet=`` argument: None for uuid.UUID's text."""
    if alphabet is None:
        return _native.STDLIB
    if not isinstance(alphabet, str):
        raise TypeError(
            f"{func}: alphabet must be None, 'base32', 'base58' or 'base64url', "
            f"not {type(alphabet).__name__}"
        )
    try:
        return _ALPHABETS[alphabet]
    except KeyError:
        raise ValueError(
            f"{func}: alphabet must be None, 'base32', 'base58' or 'base64url', not {alphabet!r}"
        ) from None


def _count(func: str, n: SupportsIndex) -> int:
    n = operator.index(n)
    if n < 0:
        raise ValueError(f"{func}: n must be >= 0, not {n}")
    if n > _MAX_N:
        raise MemoryError(f"{func}: n={n} UUIDs would not fit in memory")
    return n


def _arrow_uuid_type(pa: ModuleType) -> Any:
    """Arrow's canonical ``arrow.uuid`` extension type (pyarrow >= 18), else its storage."""
    uuid_type = getattr(pa, "uuid", None)
    return uuid_type() if uuid_type is not None else pa.binary(16)


def _raw(format: str, n: int, fill: _Fill) -> _Result:
    """A raw result of n UUIDs in ``format`` ("bytes", "numpy" or "arrow").

    ``fill(out)`` writes the 16·n bytes into ``out`` (None: into a new bytes object,
    which it returns) and may return a validity bitmap, for Arrow output.
    """
    if format == "bytes":
        return fill(None)[0]
    if format == "numpy":
        np = _require("numpy", "format='numpy'")
        array = np.empty(n, dtype="V16")  # numpy owns the memory; filled in place
        fill(array)
        return array
    pa = _require("pyarrow", "format='arrow'")
    data = pa.allocate_buffer(16 * n)  # 64-byte aligned, filled in place
    validity = fill(data)[1]
    if validity is None:
        return pa.Array.from_buffers(_arrow_uuid_type(pa), n, [None, data], null_count=0)
    return pa.Array.from_buffers(_arrow_uuid_type(pa), n, [pa.py_buffer(validity), data])


def _out_format(func: str, format: object) -> None:
    """out= returns the caller's buffer, so format= (the result's type) must stay unset."""
    if format != "uuid":
        raise ValueError(
            f"{func}: out= writes 16 bytes per UUID into the buffer and returns it; "
            f"format={format!r} does not apply (leave it out)"
        )


def _generate(
    func: str,
    version: int,
    n: SupportsIndex | None,
    format: _Format,
    out: Any = None,
    context: ContextV7 | None = None,
) -> _Result:
    if out is not None:
        _out_format(func, format)
        return _native.generate(version, -1 if n is None else _count(func, n), _OUT, out, context)
    _check_format(func, format, _FORMATS)
    if n is None:
        raise TypeError(f"{func}: n is required unless out= is given")
    n = _count(func, n)
    if format in _LIST_KINDS:
        return _native.generate(version, n, _LIST_KINDS[format], None, context)
    return _raw(
        format, n, lambda out: (_native.generate(version, n, _native.RAW, out, context), None)
    )


_OUT = _native.OUT  # the native kind: into the caller's out= buffer


def uuid4_many(
    n: SupportsIndex | None = None, *, format: _Format = "uuid", out: Any = None
) -> _Result:
    """Generate ``n`` random (version 4) UUIDs at once.

    ``format`` chooses the result:

    - ``"uuid"``: a list of ``uuid.UUID`` (the default);
    - ``"str"``: a list of canonical strings, as ``str(u)`` gives them;
    - ``"hex"``: a list of 32-digit strings, as ``u.hex`` gives them;
    - ``"bytes"``: one ``bytes`` object of ``16 * n`` bytes, UUID after UUID;
    - ``"numpy"``: a numpy array of dtype ``'V16'``, one element per UUID;
    - ``"arrow"``: a pyarrow array of the ``arrow.uuid`` extension type
      (``fixed_size_binary(16)`` before pyarrow 18).

    The last two need numpy or pyarrow: ``pip install 'oruuid[batch]'``.
    Raises ValueError for a negative ``n`` and MemoryError for one too large.

    ``out`` writes the UUIDs into a buffer of the caller's instead, and returns that
    buffer: a ``bytearray``, a ``memoryview``, a numpy array of dtype ``'V16'`` or
    ``'S16'`` or of ``uint8`` with shape ``(n, 16)``, or any writable C-contiguous
    buffer of bytes. The count is its size over 16, so ``n`` may be left out (if
    given, it must agree), and ``format`` must be. A read-only, non-contiguous or
    wrongly sized buffer raises ValueError (TypeError for another item type or no
    buffer) and is left as it was. The GIL is released while the buffer is filled.
    """
    if out is not None and n is None and format == "uuid":
        return _native.generate(4, -1, _OUT, out)  # the reused-buffer loop, kept short
    return _generate("uuid4_many", 4, n, format, out)


def uuid7_many(
    n: SupportsIndex | None = None,
    *,
    format: _Format = "uuid",
    out: Any = None,
    timestamps: Any = None,
    context: ContextV7 | None = None,
    naive: Literal["raise", "utc"] = "raise",
) -> _Result:
    """Generate ``n`` time-ordered (version 7) UUIDs at once.

    The batch continues the process-wide sequence that ``uuid7()`` uses: every UUID
    in it is greater than the one before, than any ``uuid7()`` result made before
    the call, and smaller than any made after it, across threads. With ``context``
    (an :class:`oruuid.ContextV7`) it continues that context's sequence instead.

    ``format`` is one of ``"uuid"``, ``"str"``, ``"hex"``, ``"bytes"``, ``"numpy"``
    and ``"arrow"``, and ``out`` a buffer to fill and return, as for
    :func:`uuid4_many`.

    ``timestamps`` makes one UUID per instant, the batch form of ``uuid7(timestamp)``:
    a pyarrow timestamp array or ChunkedArray (any unit), a numpy ``datetime64``
    array (any unit), a Polars Datetime Series, or a sequence of
    :class:`oruuid.Timestamp` and aware ``datetime``. ``n`` may then be left out (if
    given, it must agree). Without ``context`` each UUID stands alone, as
    ``uuid7(ts)`` gives it, leaving the process-wide sequence alone; with it, they are
    the strictly increasing UUIDs ``context.uuid7(ts)`` would give one call at a time.
    Nulls (Arrow nulls, ``NaT``, None) give None, or nulls with ``format="arrow"``;
    the formats without nulls (``"bytes"``, ``"numpy"``, ``out=``) raise ValueError
    naming the first. An instant outside UUIDv7's range (1970 to 10889) raises
    ValueError naming its index, as ``uuid7(ts)`` would, before anything is made.

    oruuid never guesses a zone: a naive column (numpy ``datetime64``, an Arrow
    timestamp without ``tz``, a naive ``datetime``) raises ValueError unless
    ``naive="utc"`` says its values are UTC.
    """
    if out is not None and timestamps is None and n is None and format == "uuid":
        if naive != "raise" and naive != "utc":
            raise ValueError(f"uuid7_many: naive must be 'raise' or 'utc', not {naive!r}")
        return _native.generate(7, -1, _OUT, out, context)  # the reused-buffer loop
    if timestamps is None:
        if naive != "raise" and naive != "utc":
            raise ValueError(f"uuid7_many: naive must be 'raise' or 'utc', not {naive!r}")
        return _generate("uuid7_many", 7, n, format, out, context)
    count, call = _batch_ts.reader(timestamps, naive)
    if n is not None and _count("uuid7_many", n) != count:
        raise ValueError(f"uuid7_many: n={operator.index(n)} but timestamps holds {count}")
    if out is not None:
        _out_format("uuid7_many", format)
        return call(_OUT, out, context, False)[0]
    _check_format("uuid7_many", format, _FORMATS)
    if format in _LIST_KINDS:
        return call(_LIST_KINDS[format], None, context, True)[0]
    return _raw(format, count, lambda out: call(_native.RAW, out, context, format == "arrow"))


# --- parse_many ------------------------------------------------------------------------


class _Parse:
    """One parse_many call: its options, and how each kind of input is read."""

    def __init__(
        self,
        format: _Format,
        errors: _Errors,
        alphabet: _AlphabetName | None = None,
        func: str = "parse_many",
    ) -> None:
        _check_format(func, format, _FORMATS)
        if not isinstance(errors, str) or errors not in _ERRORS:
            raise ValueError(f"{func}: errors must be 'raise' or 'null', not {errors!r}")
        if errors == "null" and format != "arrow":
            raise ValueError(f"{func}: errors='null' needs format='arrow', which has nulls")
        self.format = format
        self.errors_null = errors == "null"
        self.nulls_ok = format == "arrow"  # None or a null stays a null in Arrow output
        self.func = func
        self.alphabet = _alphabet(func, alphabet)
        # What the GIL-held pass parses odd items with: uuid.UUID's rules, or the
        # alphabet's (strict, with decode()'s error naming the position).
        self.parse: Callable[[str], UUID] = (
            _parse if alphabet is None else functools.partial(_decode, alphabet=alphabet)
        )

    def result(self, n: int, call: Callable[[int, Any], tuple[_BatchResult, _Validity]]) -> _Result:
        """``call(kind, out)`` parses into a list (kind UUID, STR, HEX) or raw bytes (RAW)."""
        if self.format in _LIST_KINDS:
            return call(_LIST_KINDS[self.format], None)[0]
        return _raw(self.format, n, lambda out: call(_native.RAW, out))

    def sequence(self, items: list[Any] | tuple[Any, ...]) -> _Result:
        return self.result(
            len(items),
            lambda kind, out: _native.parse_sequence(
                items, kind, out, self.nulls_ok, self.errors_null, self.parse, self.alphabet
            ),
        )

    def numpy(self, np: ModuleType, array: _Array) -> _Result:
        if array.ndim != 1:
            raise ValueError(f"{self.func}: expected a 1-D array, not {array.ndim}-D")
        kind = array.dtype.kind
        if kind == "U" and array.dtype.itemsize:
            # Native byte order, aligned and contiguous, so the buffer is plain UCS-4
            # (no copy when it already is).
            array = np.require(array, dtype=array.dtype.newbyteorder("="), requirements=["C", "A"])
            width = array.dtype.itemsize // 4
            return self.result(
                len(array),
                lambda kind, out: _native.parse_ucs4(
                    array, width, kind, out, self.errors_null, self.parse, self.alphabet
                ),
            )
        if kind in "UO":
            return self.sequence(array.tolist())
        if kind == "T":  # numpy 2's StringDType
            return self.sequence(array.astype(object).tolist())
        raise TypeError(
            f"{self.func}: expected a numpy array of str or of objects, not dtype {array.dtype}"
        )

    def arrow_chunk(self, pa: ModuleType, chunk: _Array, base: int) -> _Result:
        return _arrow_in.parse_chunk(self, pa, chunk, base)  # every Arrow text layout

    def arrow(self, pa: ModuleType, array: _Array) -> _Result:
        if isinstance(array, pa.Array):
            return self.arrow_chunk(pa, array, 0)
        parts, base = [], 0
        for chunk in array.chunks:
            parts.append(self.arrow_chunk(pa, chunk, base))
            base += len(chunk)
        return _join(self.format, parts, _arrow_uuid_type(pa))


def _join(format: str, parts: Sequence[Any], arrow_type: Any = None) -> _Result:
    """The results for the chunks of a pyarrow ChunkedArray, as one result."""
    if format in _LIST_KINDS:
        return [item for part in parts for item in part]
    if format == "bytes":
        return b"".join(parts)
    if format == "numpy":
        np = _require("numpy", "format='numpy'")
        return np.concatenate(parts) if parts else np.empty(0, dtype="V16")
    pa = _require("pyarrow", "format='arrow'")
    if not parts:
        return pa.chunked_array([], type=arrow_type)
    if len({p.type for p in parts}) > 1:  # a huge chunk needed large_string
        parts = [p.cast(pa.large_string()) for p in parts]
    return pa.chunked_array(parts)


def parse_many(
    items: Sequence[str | None] | _Array,
    *,
    format: _Format = "uuid",
    errors: _Errors = "raise",
    alphabet: _AlphabetName | None = None,
    out: Any = None,
) -> _Result:
    """Parse many UUID strings at once, each as ``uuid.UUID(s)`` would.

    ``items`` is a list or tuple of str, a 1-D numpy array of str (``'U'``), objects
    or numpy 2 strings, a pyarrow array or ChunkedArray of text (``string``,
    ``large_string``, ``string_view``, or a dictionary of one of them), or a Polars
    Series of text (read through its Arrow export). Arrow's binary types hold bytes,
    not text, and raise TypeError, as ``uuid.UUID(b"...")`` does; :func:`format_many`
    reads UUIDs of 16 bytes.
    Canonical text (hyphenated, 32 digits, braced) is parsed natively; anything
    else follows the stdlib's rules exactly, odd forms included.

    ``format`` is one of ``"uuid"``, ``"str"``, ``"hex"``, ``"bytes"``, ``"numpy"``
    and ``"arrow"``, as for :func:`uuid4_many`.

    A bad item raises ValueError naming its index and value, and an item that is not
    a str raises TypeError. With ``format="arrow"``, None and Arrow nulls give nulls,
    and ``errors="null"`` turns bad items into nulls too instead of raising.

    ``alphabet`` (``"base32"``, ``"base58"`` or ``"base64url"``) reads each item as
    :func:`decode` does instead, strictly; a bad item's ValueError then also says
    what is wrong and where.

    ``out`` parses into a buffer of the caller's and returns it, as for
    :func:`uuid4_many`: its size must be 16 bytes per item. It has no nulls, so a
    None or null item raises and ``errors`` must stay ``"raise"``; on any error the
    buffer is left as it was.
    """
    if out is not None:
        _out_format("parse_many", format)
        _Parse("bytes", errors, alphabet)  # the same checks, and errors='null' refused
        if isinstance(items, (list, tuple)):  # straight into the buffer (via scratch)
            parse = _parse if alphabet is None else functools.partial(_decode, alphabet=alphabet)
            code = _alphabet("parse_many", alphabet)
            return _native.parse_sequence(items, _OUT, out, False, False, parse, code)[0]
        data = parse_many(items, format="bytes", alphabet=alphabet)  # whole, then copied
        assert isinstance(data, bytes)
        return _native.copy_out(data, out, "parse_many")
    job = _Parse(format, errors, alphabet)
    if isinstance(items, (list, tuple)):
        return job.sequence(items)
    np = _loaded("numpy")
    if np is not None and isinstance(items, np.ndarray):
        return job.numpy(np, items)
    arrow = _arrow_in.arrow_input(items)  # pyarrow, or Polars as Arrow
    if arrow is not None:
        return job.arrow(*arrow)
    raise TypeError(
        "parse_many: expected a list or tuple of str, a numpy array, a pyarrow string "
        f"array or a Polars Series, not {type(items).__name__}"
    )


# --- format_many -----------------------------------------------------------------------


# The length of each item's text, by native alphabet number.
_TEXT_WIDTH = {
    _native.STDLIB: 36,
    **{a: 26 if name == "base32" else 22 for name, a in _ALPHABETS.items()},
}


def _format_part(
    format: str,
    data: Any,
    validity: Any,
    offset: int,
    n: int,
    null_count: int,
    alphabet: int = _native.STDLIB,
) -> _Result:
    """The text of one buffer of 16·n bytes, with an optional Arrow validity bitmap."""
    if format != "arrow":
        kind = _LIST_KINDS[format]
        return _native.format_list(data, kind, validity, offset, alphabet)
    pa = _require("pyarrow", "format='arrow'")
    present = n - null_count
    chars = _TEXT_WIDTH[alphabet]
    width = 4 if chars * present <= _INT32_MAX else 8
    offsets = pa.allocate_buffer((n + 1) * width)
    text = pa.allocate_buffer(chars * present)
    valid_out = pa.allocate_buffer((n + 7) // 8) if null_count else None
    _native.format_arrow(data, validity, offset, width, offsets, text, valid_out, alphabet)
    string_type = pa.string() if width == 4 else pa.large_string()
    return pa.Array.from_buffers(string_type, n, [valid_out, offsets, text], null_count=null_count)


def _arrow_format_chunk(
    pa: ModuleType, format: str, chunk: _Array, alphabet: int, base: int = 0
) -> _Result:
    if _arrow_in.is_text(pa, chunk.type):
        # Text, as DuckDB and Polars hand UUID columns to Arrow: parsed as parse_many
        # parses it (nulls stay null, a bad item raises naming its index), then formatted.
        chunk = _Parse("arrow", "raise", func="format_many").arrow_chunk(pa, chunk, base)
    data, validity, offset, nulls = _arrow_in.uuid_buffers(pa, chunk, base)
    return _format_part(format, data, validity, offset, len(chunk), nulls, alphabet)


def format_many(
    data: Any, *, format: _TextFormat = "str", alphabet: _AlphabetName | None = None
) -> _Result:
    """The text of many UUIDs at once: the inverse of :func:`parse_many`.

    ``data`` holds the UUIDs as 16 bytes each: a bytes-like object of ``16 * n``
    bytes, a 1-D numpy array of dtype ``'V16'`` or ``'S16'``, or a pyarrow array
    (or ChunkedArray) of the ``arrow.uuid`` type, ``fixed_size_binary(16)``,
    ``binary``, ``large_binary`` or ``binary_view`` (a value of another length than 16
    raises ValueError naming its index), or a dictionary of one of them. An Arrow array
    of text (``string``, ``large_string``, ``string_view`` or a dictionary of one, as
    DuckDB and Polars give UUID columns) is parsed first, as :func:`parse_many` parses
    it. A Polars Series is read through its Arrow export.

    ``format`` is ``"str"`` (a list of canonical strings, as ``str(u)``), ``"hex"``
    (a list of 32-digit strings, as ``u.hex``) or ``"arrow"`` (a pyarrow string
    array of canonical strings). Arrow nulls become None, or nulls in Arrow output.

    ``alphabet`` (``"base32"``, ``"base58"`` or ``"base64url"``) writes each UUID as
    :func:`encode` does instead of the canonical text, with ``format="str"`` or
    ``"arrow"``.
    """
    _check_format("format_many", format, _TEXT_FORMATS)
    code = _alphabet("format_many", alphabet)
    if format == "hex" and alphabet is not None:
        raise ValueError(
            "format_many: format='hex' is the 32-digit text; with an alphabet, "
            "use format='str' or 'arrow'"
        )
    np = _loaded("numpy")
    if np is not None and isinstance(data, np.ndarray):
        if data.ndim != 1:
            raise ValueError(f"format_many: expected a 1-D array, not {data.ndim}-D")
        dt = data.dtype
        if not (dt.itemsize == 16 and dt.names is None and dt.kind in "VS"):
            raise TypeError(f"format_many: expected a numpy array of dtype V16 or S16, not {dt}")
        data = np.ascontiguousarray(data)
        return _format_part(format, data, None, 0, len(data), 0, code)
    arrow = _arrow_in.arrow_input(data)  # pyarrow, or Polars as Arrow
    pa, data = arrow if arrow is not None else (None, data)
    if pa is not None and isinstance(data, pa.Array):
        return _arrow_format_chunk(pa, format, data, code)
    if pa is not None and isinstance(data, pa.ChunkedArray):
        parts, base = [], 0
        for chunk in data.chunks:
            parts.append(_arrow_format_chunk(pa, format, chunk, code, base))
            base += len(chunk)
        return _join(format, parts, pa.string())
    try:
        view = memoryview(data)
    except TypeError:
        raise TypeError(
            "format_many: expected bytes, a numpy V16/S16 array or a pyarrow uuid array, "
            f"not {type(data).__name__}"
        ) from None
    with view:
        if view.nbytes % 16:
            raise ValueError(f"format_many: expected a multiple of 16 bytes, not {view.nbytes}")
        return _format_part(format, view, None, 0, view.nbytes // 16, 0, code)
