"""The Arrow and Polars inputs of parse_many and format_many, layout by layout.

Each reader hands the array's own buffers (validity, offsets or views, data) to the
native code in binding/batch.cpp, so no layout is decoded into Python objects:

- text: ``string`` and ``large_string`` (offsets), ``string_view`` (16-byte views,
  short values inline), and a dictionary of any of them, whose dictionary is parsed
  once and gathered by index;
- UUIDs as 16 bytes: the ``arrow.uuid`` extension and ``fixed_size_binary(16)``,
  ``binary``, ``large_binary`` and ``binary_view`` (each value 16 bytes), and a
  dictionary of any of them;
- the ``null`` type, all nulls.

A ChunkedArray is read chunk by chunk (oruuid._batch joins the results), with each
chunk's first global index as ``base``, so errors name the caller's index. A Polars
Series is read through its Arrow export. Neither library is imported here: an object
can only be one of theirs if its library is already loaded.

parse_many reads text only: a binary layout holds bytes, which ``uuid.UUID(s)`` refuses
(TypeError), as parse_many refuses bytes items and numpy ``'S'`` arrays.
"""

from __future__ import annotations

import sys

from ._core import batch as _core_batch

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at import, and oruuid imports no typing
    from collections.abc import Callable
    from types import ModuleType
    from typing import Any, TypeAlias

    from ._batch import _Parse
    from ._core import _BatchResult, _Validity

    _Array: TypeAlias = Any  # pyarrow is optional: its arrays and types are untyped
    _Buffers: TypeAlias = tuple[Any, ...]


_native = _core_batch

# The layouts the native readers take: offset widths 4 and 8, or 16-byte views.
_VIEWS = 16


def arrow_input(items: object) -> tuple[ModuleType, _Array] | None:
    """(pyarrow, array) when ``items`` is a pyarrow Array or ChunkedArray or a Polars
    Series (as Arrow); None for anything else."""
    pl = sys.modules.get("polars")
    if pl is not None and isinstance(items, pl.Series):
        items = _from_polars(pl, items)
    pa = sys.modules.get("pyarrow")
    if pa is not None and isinstance(items, (pa.Array, pa.ChunkedArray)):
        return pa, items
    return None


def _from_polars(pl: ModuleType, series: Any) -> _Array:
    """A Polars Series as Arrow, without a copy where Polars allows it.

    Polars keeps text and binary as views: its newest compatibility level exports them
    as they are (string_view, binary_view), where the default converts them to
    large_string and large_binary. A Series of several chunks goes through the Arrow
    C stream, chunk by chunk, where ``to_arrow`` would first join them into one.
    """
    try:
        pa = __import__("pyarrow")
    except ImportError as e:
        raise ImportError(
            "a Polars Series is read through its Arrow export, which needs pyarrow, which is "
            "optional: install it with pip install 'oruuid[batch]' (or pip install pyarrow)"
        ) from e
    if series.n_chunks() > 1 and hasattr(series, "__arrow_c_stream__"):
        try:
            return pa.chunked_array(series)
        except TypeError:  # a pyarrow that reads no C stream: to_arrow below
            pass
    compat = getattr(pl, "CompatLevel", None)
    if compat is not None:
        return series.to_arrow(compat_level=compat.newest())
    return series.to_arrow()


def _is(pa: ModuleType, name: str, t: Any) -> bool:
    """pa.types.<name>(t), False where this pyarrow predates the type."""
    check = getattr(pa.types, name, None)
    return check is not None and bool(check(t))


# The native layout of each variable-size type, by pyarrow's predicate: 32- or 64-bit
# offsets, or 16-byte views.
_TEXT_LAYOUTS = (("is_string", 4), ("is_large_string", 8), ("is_string_view", _VIEWS))
_BINARY_LAYOUTS = (("is_binary", 4), ("is_large_binary", 8), ("is_binary_view", _VIEWS))


def _text_layout(pa: ModuleType, t: Any) -> int | None:
    """The native layout of a text type (4, 8 or _VIEWS), or None."""
    return next((layout for name, layout in _TEXT_LAYOUTS if _is(pa, name, t)), None)


def _binary_layout(pa: ModuleType, t: Any) -> int | None:
    """The native layout of a variable-size binary type (4, 8 or _VIEWS), or None."""
    return next((layout for name, layout in _BINARY_LAYOUTS if _is(pa, name, t)), None)


def is_text(pa: ModuleType, t: Any) -> bool:
    """Whether an Arrow type holds UUIDs as text: a text layout, a dictionary of one, or
    the null type (all nulls)."""
    if pa.types.is_dictionary(t):
        return _text_layout(pa, t.value_type) is not None
    return _text_layout(pa, t) is not None or pa.types.is_null(t)


def _validity(chunk: _Array) -> Any:
    """The validity buffer when the chunk has nulls (None: every item is present)."""
    return chunk.buffers()[0] if chunk.null_count else None


def _data(buffers: list[Any]) -> _Buffers:
    """The data buffers of a chunk (None, an empty buffer pyarrow leaves out, as b"")."""
    return tuple(b"" if b is None else b for b in buffers)


# --- parse_many ------------------------------------------------------------------------


def parse_chunk(job: _Parse, pa: ModuleType, chunk: _Array, base: int) -> Any:
    """One Arrow array of text as ``job`` asks (its format, errors and alphabet); the
    items are numbered from ``base``."""
    t = chunk.type
    if pa.types.is_null(t):
        chunk = pa.nulls(len(chunk), pa.string())
        t = chunk.type
    if is_text(pa, t):
        n = len(chunk)
        if n == 0:
            return job.sequence([])
        if pa.types.is_dictionary(t):
            return job.result(n, lambda kind, out: _parse_dictionary(job, chunk, base, kind, out))
        return job.result(
            n,
            lambda kind, out: _parse_text(
                job, pa, chunk, base, kind, out, job.errors_null, job.nulls_ok
            ),
        )
    hint = ""
    values = t.value_type if pa.types.is_dictionary(t) else t
    if _uuid_values(pa, values) or pa.types.is_fixed_size_binary(values):
        hint = " (bytes are not text; format_many takes UUIDs of 16 bytes)"
    raise TypeError(
        f"{job.func}: expected an Arrow string, large_string or string_view array, or "
        f"a dictionary of them, not {t}{hint}"
    )


def _parse_text(
    job: _Parse,
    pa: ModuleType,
    chunk: _Array,
    base: int,
    kind: int,
    out: Any,
    errors_null: bool,
    nulls_ok: bool,
) -> tuple[_BatchResult, _Validity]:
    """The native parse of a string, large_string or string_view array."""
    layout = _text_layout(pa, chunk.type)
    buffers = chunk.buffers()
    validity = buffers[0] if chunk.null_count else None
    # The arguments after the layout's own buffers, the same for both readers.
    rest = (chunk.offset, len(chunk), base, kind, out, errors_null, nulls_ok)
    rest_job = (job.parse, job.alphabet, job.func)
    if layout == _VIEWS:
        return _native.parse_views(validity, buffers[1], _data(buffers[2:]), *rest, *rest_job)
    assert layout is not None
    return _native.parse_arrow(
        validity, buffers[1], layout, _data(buffers[2:3])[0], *rest, *rest_job
    )


def _parse_dictionary(
    job: _Parse, chunk: _Array, base: int, kind: int, out: Any
) -> tuple[_BatchResult, _Validity]:
    """A dictionary of text: each dictionary value parsed once, the items gathered."""
    pa = sys.modules["pyarrow"]
    values = chunk.dictionary
    table: Any = b""
    table_valid = None
    if len(values):
        # Lenient here (a bad or null value becomes a null): a value that no item uses
        # must not raise, and take_uuids says which item needs one that did not parse.
        table, table_valid = _parse_text(
            job, pa, values, 0, _native.RAW, None, errors_null=True, nulls_ok=True
        )

    def fail(item: int, value: int) -> None:
        # The error the item's own text gives: that value parsed again, strictly.
        sole = values.slice(value, 1)
        _parse_text(job, pa, sole, base + item, _native.RAW, None, False, False)

    nulls_ok, errors_null = job.nulls_ok, job.errors_null
    result, validity, _ = _take(
        pa, chunk, table, table_valid, base, kind, out, nulls_ok, errors_null, job.func, fail
    )
    return result, validity


def _take(
    pa: ModuleType,
    chunk: _Array,
    table: Any,
    table_valid: _Validity,
    base: int,
    kind: int,
    out: Any,
    nulls_ok: bool,
    errors_null: bool,
    func: str,
    fail: Callable[[int, int], None],
) -> tuple[_BatchResult, _Validity, int]:
    """A dictionary array's items gathered from ``table`` (16 bytes per dictionary
    value); ``fail(item, value)`` raises for an item whose value did not read."""
    values = chunk.dictionary
    indices = chunk.indices
    t = indices.type
    result, validity, nulls, item, value = _native.take_uuids(
        table,
        table_valid,
        _validity(values),
        values.offset,
        _data(indices.buffers()[1:2])[0],
        t.bit_width // 8,
        pa.types.is_signed_integer(t),
        _validity(indices),
        indices.offset,
        len(chunk),
        kind,
        out,
        nulls_ok,
        errors_null,
        base,
        func,
    )
    if item >= 0:
        if value < 0:
            raise ValueError(f"{func}: item {base + item} is null")
        fail(item, value)
        raise AssertionError(f"{func}: item {base + item}: value {value} read the second time")
    return result, validity, nulls


# --- format_many -----------------------------------------------------------------------


def uuid_buffers(pa: ModuleType, chunk: _Array, base: int) -> tuple[Any, Any, int, int]:
    """The UUIDs of an Arrow array of 16-byte values, for format_many: (data of 16·n
    bytes, validity bitmap or None, the bitmap's first bit, null count)."""
    func = "format_many"
    t = chunk.type
    n = len(chunk)
    if getattr(t, "extension_name", None) == "arrow.uuid":
        chunk = chunk.storage
        t = chunk.type
    if pa.types.is_fixed_size_binary(t) and t.byte_width == 16:
        validity, data = chunk.buffers()
        data = data.slice(16 * chunk.offset, 16 * n) if data is not None else b""
        if not chunk.null_count:
            return data, None, 0, 0
        return data, validity, chunk.offset, chunk.null_count
    layout = _binary_layout(pa, t)
    if layout is not None:
        raw, validity, nulls = _binary(chunk, layout, base, errors_null=False)
        return raw, validity, 0, nulls
    if pa.types.is_dictionary(t) and _uuid_values(pa, t.value_type):
        values = chunk.dictionary
        value_layout = _binary_layout(pa, values.type)
        table: Any = b""
        table_valid = None  # the values' nulls: take_uuids reads the dictionary's bitmap
        if value_layout is None:  # uuid or fixed_size_binary(16): their own bytes
            table = uuid_buffers(pa, values, 0)[0] if len(values) else b""
        elif len(values):
            # Lenient here: a value of another length that no item uses must not raise.
            table, table_valid = _binary(values, value_layout, 0, errors_null=True)[:2]

        def fail(item: int, value: int) -> None:
            assert value_layout is not None
            _binary(values.slice(value, 1), value_layout, base + item, errors_null=False)

        taken, validity, nulls = _take(
            pa, chunk, table, table_valid, base, _native.RAW, None, True, False, func, fail
        )
        return taken, validity, 0, nulls
    raise TypeError(
        "format_many: expected an Arrow uuid, fixed_size_binary(16), string or large_string "
        "array (or binary, large_binary, binary_view, string_view, or a dictionary of "
        f"one of them), not {t}"
    )


def _uuid_values(pa: ModuleType, t: Any) -> bool:
    """Whether a dictionary's value type holds UUIDs as bytes."""
    if getattr(t, "extension_name", None) == "arrow.uuid":
        t = t.storage_type
    fixed = pa.types.is_fixed_size_binary(t) and t.byte_width == 16
    return fixed or _binary_layout(pa, t) is not None


def _binary(
    chunk: _Array, layout: int, base: int, errors_null: bool
) -> tuple[bytes | None, _Validity, int]:
    """The 16-byte values of a binary, large_binary or binary_view array as raw bytes."""
    buffers = chunk.buffers()
    return _native.binary_uuids(
        _validity(chunk),
        buffers[1],
        layout,
        _data(buffers[2:]),
        chunk.offset,
        len(chunk),
        base,
        None,
        errors_null,
        "format_many",
    )
