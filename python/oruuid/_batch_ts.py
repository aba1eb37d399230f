"""``uuid7_many(timestamps=...)``: the readers of each kind of timestamp column.

Arrow timestamp arrays and numpy ``datetime64`` arrays go to the native code as their
int64 buffers with the unit as a fraction of a second (num/den), read without the
GIL; lists and tuples of ``Timestamp``/``datetime`` are read item by item, as
``oruuid.uuid7(ts)`` reads its argument. oruuid never guesses a unit or a zone: a
naive column (numpy ``datetime64``, Arrow ``timestamp`` without ``tz``, a naive
``datetime``) is refused unless the caller passes ``naive="utc"``.
"""

from __future__ import annotations

import sys

from ._core import batch as _native

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from ._core import _BatchResult, _Validity

    # call(kind, out, context, nulls_ok): the native call for the whole column.
    _Call = Callable[[int, Any, Any, bool], tuple[_BatchResult, _Validity]]

_FUNC = "uuid7_many"
_INT64_MAX = 2**63 - 1
# numpy's datetime64 units that the native code reads: one tick is num/den seconds.
_NUMPY_UNITS = {
    "W": (604800, 1),
    "D": (86400, 1),
    "h": (3600, 1),
    "m": (60, 1),
    "s": (1, 1),
    "ms": (1, 10**3),
    "us": (1, 10**6),
    "ns": (1, 10**9),
    "ps": (1, 10**12),
    "fs": (1, 10**15),
    "as": (1, 10**18),
}
# Calendar units, converted to days by numpy after a bound that keeps the cast exact:
# anything farther than this from 1970 is outside Timestamp's range (±17,000 years).
_CALENDAR_LIMIT = {"Y": 10**6, "M": 12 * 10**6}
_ARROW_UNITS = {"s": (1, 1), "ms": (1, 10**3), "us": (1, 10**6), "ns": (1, 10**9)}
_OUT_OF_RANGE = (
    "Timestamp out of range: seconds must be within [-2**39, 2**39) of 1970-01-01 "
    "(years -15452 to 19391)"
)


def _naive_error(what: str) -> ValueError:
    return ValueError(
        f"{_FUNC}: {what} has no time zone, and oruuid never guesses one: pass naive='utc' "
        "if its values are UTC, or give it a zone"
    )


def _numpy(np: Any, array: Any, naive_utc: bool) -> tuple[int, _Call]:
    if array.ndim != 1:
        raise ValueError(f"{_FUNC}: expected a 1-D array of timestamps, not {array.ndim}-D")
    if array.dtype.kind == "O":
        return _objects(array.tolist(), naive_utc)
    if array.dtype.kind != "M":
        raise TypeError(
            f"{_FUNC}: expected a numpy datetime64 array (or one of objects), not dtype "
            f"{array.dtype}: a bare number has no unit"
        )
    if not naive_utc:
        raise _naive_error("a numpy datetime64 array")
    unit, count = np.datetime_data(array.dtype)
    if unit == "generic":
        raise TypeError(f"{_FUNC}: a numpy datetime64 array needs a unit, not generic datetime64")
    if unit in _CALENDAR_LIMIT or count != 1:
        # Years, months and multiples such as [10ms]: converted by numpy to a unit the
        # native code reads, after checking that the conversion cannot overflow.
        values = array.view("i8")
        limit = _CALENDAR_LIMIT[unit] // count if unit in _CALENDAR_LIMIT else _INT64_MAX // count
        far = (values != np.iinfo("i8").min) & ((values > limit) | (values < -limit))
        if far.any():
            raise ValueError(f"{_FUNC}: timestamps[{int(far.argmax())}]: {_OUT_OF_RANGE}")
        unit = "D" if unit in _CALENDAR_LIMIT else unit
        array = array.astype(f"datetime64[{unit}]")
    num, den = _NUMPY_UNITS[unit]
    # Native byte order, aligned and contiguous: a plain int64 buffer (no copy if it is).
    data = np.require(array, dtype=array.dtype.newbyteorder("="), requirements=["C", "A"])
    n = len(data)
    return n, lambda kind, out, context, nulls_ok: _native.v7_from_ints(
        data.view("i8"), None, 0, n, num, den, True, kind, out, context, nulls_ok
    )


def _arrow(pa: Any, array: Any, naive_utc: bool) -> tuple[int, _Call]:
    if isinstance(array, pa.ChunkedArray):
        t = array.type
        array = pa.concat_arrays(array.chunks) if array.num_chunks else pa.array([], type=t)
    t = array.type
    if not pa.types.is_timestamp(t):
        raise TypeError(f"{_FUNC}: expected an Arrow timestamp array, not {t}")
    if t.tz is None and not naive_utc:
        raise _naive_error(f"an Arrow {t} array")
    num, den = _ARROW_UNITS[t.unit]
    validity, data = array.buffers()
    n = len(array)
    validity = validity if array.null_count else None
    data = data if data is not None else b""
    offset = array.offset
    return n, lambda kind, out, context, nulls_ok: _native.v7_from_ints(
        data, validity, offset, n, num, den, False, kind, out, context, nulls_ok
    )


def _objects(items: Any, naive_utc: bool) -> tuple[int, _Call]:
    return len(items), lambda kind, out, context, nulls_ok: _native.v7_from_objects(
        items, kind, out, context, nulls_ok, naive_utc
    )


def reader(timestamps: object, naive: object) -> tuple[int, _Call]:
    """(n, call) for a timestamp column: ``call(kind, out, context, nulls_ok)`` makes
    the UUIDs and returns (result, validity)."""
    if not isinstance(naive, str) or naive not in ("raise", "utc"):
        raise ValueError(f"{_FUNC}: naive must be 'raise' or 'utc', not {naive!r}")
    naive_utc = naive == "utc"
    if isinstance(timestamps, (list, tuple)):
        return _objects(timestamps, naive_utc)
    np = sys.modules.get("numpy")
    if np is not None and isinstance(timestamps, np.ndarray):
        return _numpy(np, timestamps, naive_utc)
    pa = sys.modules.get("pyarrow")
    pl = sys.modules.get("polars")
    if pl is not None and pa is not None and isinstance(timestamps, pl.Series):
        timestamps = timestamps.to_arrow()
    if pa is not None and isinstance(timestamps, (pa.Array, pa.ChunkedArray)):
        return _arrow(pa, timestamps, naive_utc)
    if isinstance(timestamps, (str, bytes, bytearray)) or not hasattr(timestamps, "__iter__"):
        raise TypeError(
            f"{_FUNC}: timestamps must be an Arrow timestamp array, a numpy datetime64 array "
            f"or a sequence of Timestamp or aware datetime, not {type(timestamps).__name__}"
        )
    return _objects(tuple(timestamps), naive_utc)  # any other iterable, read once
