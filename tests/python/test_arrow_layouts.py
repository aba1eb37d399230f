"""parse_many and format_many on every Arrow layout a producer hands over, and on Polars.

Text (``string``, ``large_string``, ``string_view``, dictionaries of them) and 16-byte
values (``binary``, ``large_binary``, ``binary_view``, ``fixed_size_binary(16)``, the
``arrow.uuid`` extension, dictionaries of them), each plain, sliced mid-bitmap-byte,
chunked with empty chunks and dictionary-encoded with nulls in the indices and in the
dictionary, are checked against ``uuid.UUID``: Hypothesis over mixed items, and
hand-picked layouts (empty, all-null, inline and out-of-line views over several
buffers, 64-bit offsets past 4 GiB, malformed buffers). A bad item is named by its
index across chunks. Polars Series go through their Arrow export and back.
"""

import mmap
import struct
import subprocess
import sys
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")

import oruuid  # noqa: E402
from oruuid._core import batch as native  # noqa: E402
from support import assert_blocks_steady  # noqa: E402

FORMATS = ["uuid", "str", "hex", "bytes", "numpy", "arrow"]
ARROW_UUID = pa.uuid() if hasattr(pa, "uuid") else None
VIEWS = hasattr(pa, "string_view")  # pyarrow >= 16
TEXT_TYPES = [pa.string(), pa.large_string()] + ([pa.string_view()] if VIEWS else [])
BINARY_TYPES = [pa.binary(), pa.large_binary()] + ([pa.binary_view()] if VIEWS else [])
INDEX_TYPES = [pa.int8(), pa.uint8(), pa.int16(), pa.uint16()]
INDEX_TYPES += [pa.int32(), pa.uint32(), pa.int64(), pa.uint64()]
S = "12345678-1234-5678-1234-567812345678"
BIG = 300_000  # above the native code's threshold (2^18) for a second thread
views_only = pytest.mark.skipif(not VIEWS, reason="pyarrow < 16 has no view layouts")


pytestmark = pytest.mark.usefixtures("arrow_system_pool")


# --- references and layouts ------------------------------------------------------------


def reference(items, *, nulls_ok, errors_null, parse=uuid.UUID):
    """What parse_many must give, item by item as the stdlib parses them: a list of UUID
    or None, or ("null" | "bad", index) for the first item that must raise."""
    out = []
    for i, s in enumerate(items):
        if s is None:
            if not nulls_ok:
                return ("null", i)
            out.append(None)
            continue
        try:
            out.append(parse(s))
        except ValueError:
            if not errors_null:
                return ("bad", i)
            out.append(None)
    return out


def as_uuids(result, format):
    """A result of any format as a list of UUID or None."""
    if isinstance(result, pa.ChunkedArray):
        result = result.combine_chunks()
    if format == "uuid":
        assert all(type(u) is uuid.UUID or u is None for u in result)
        return list(result)
    if format in ("str", "hex"):
        width = 36 if format == "str" else 32
        assert all(s is None or (type(s) is str and len(s) == width) for s in result)
        return [None if s is None else uuid.UUID(s) for s in result]
    if format == "numpy":
        assert result.dtype == np.dtype("V16")
        result = result.tobytes()
    if format in ("bytes", "numpy"):
        return [uuid.UUID(bytes=result[i : i + 16]) for i in range(0, len(result), 16)]
    if ARROW_UUID is not None:
        assert result.type == ARROW_UUID
        result = result.storage
    return [None if b is None else uuid.UUID(bytes=b) for b in result.to_pylist()]


def chunked(items, t, make=None):
    """The items as a ChunkedArray with empty chunks at the ends and in the middle."""
    make = make or (lambda part: pa.array(part, t))
    third = len(items) // 3
    parts = [[], items[:third], [], items[third:], []]
    return pa.chunked_array([make(p) for p in parts], type=make([]).type)


def dictionary(items, value_type, index_type=None, *, junk=("not a uuid",)):
    """The items dictionary-encoded by hand: unreferenced junk values first (which must
    never raise), a null value, and None items alternately as a null index and as an
    index of the null value; the dictionary itself sliced, so it has an offset."""
    values = list(dict.fromkeys(s for s in items if s is not None))
    table = ["pad", *junk, None, *values]
    null_at = 1 + len(junk)
    indices = []
    for k, s in enumerate(items):
        if s is None:
            indices.append(None if k % 2 else null_at - 1)
        else:
            indices.append(null_at + values.index(s))
    return pa.DictionaryArray.from_arrays(
        pa.array(indices, index_type or pa.int32()), pa.array(table, value_type).slice(1)
    )


def text_layouts(items):
    """(name, array) for the same items (str or None) in every Arrow text layout."""
    for t in TEXT_TYPES:
        yield str(t), pa.array(items, t)
        # 3 items in: the slice starts mid-byte in the validity bitmap.
        padded = pa.array([S, None, "x", *items, None, S], t)
        yield f"{t} sliced", padded.slice(3, len(items))
        yield f"{t} chunked", chunked(items, t)
        yield f"{t} dictionary_encode", pa.array(items, t).dictionary_encode()
        yield f"{t} dictionary", dictionary(items, t)
        yield f"{t} chunked dictionaries", chunked(items, t, lambda p, t=t: dictionary(p, t))
        yield f"{t} sliced dictionary", dictionary(["x", "y", *items], t).slice(2)
    for index_type in INDEX_TYPES:
        yield f"dictionary {index_type}", dictionary(items, pa.string(), index_type)


def uuid_array(values):
    """An arrow.uuid array (fixed_size_binary(16) before pyarrow 18) of bytes or None."""
    storage = pa.array(values, pa.binary(16))
    if ARROW_UUID is None:
        return storage
    return pa.ExtensionArray.from_storage(ARROW_UUID, storage)


def bytes_layouts(values):
    """(name, array) for the same 16-byte values (or None) in every Arrow bytes layout."""
    makers = {str(t): (lambda p, t=t: pa.array(p, t)) for t in [*BINARY_TYPES, pa.binary(16)]}
    makers["uuid"] = uuid_array
    for name, make in makers.items():
        yield name, make(values)
        pad = [b"\x01" * 16, None, b"\x02" * 16]
        yield f"{name} sliced", make([*pad, *values, None]).slice(3, len(values))
        yield f"{name} chunked", chunked(values, None, make)
        typed = make([]).type
        table = [None, *dict.fromkeys(v for v in values if v is not None)]
        indices = [None if v is None else table.index(v) for v in values]
        encoded = pa.DictionaryArray.from_arrays(pa.array(indices, pa.int16()), make(table))
        yield f"{name} dictionary", encoded
        if typed != pa.binary(16) and name != "uuid":
            # A value of another length that no item uses never raises.
            table = [b"short", *table]
            indices = [None if i is None else i + 1 for i in indices]
            encoded = pa.DictionaryArray.from_arrays(pa.array(indices, pa.uint8()), make(table))
            yield f"{name} dictionary with junk", encoded


def check_parse(data, format, errors, expected, name, **kwargs):
    if isinstance(expected, tuple):
        what, index = expected
        message = "is null" if what == "null" else "is not a UUID"
        with pytest.raises(ValueError, match=rf"^parse_many: item {index} {message}"):
            oruuid.parse_many(data, format=format, errors=errors, **kwargs)
        return
    result = oruuid.parse_many(data, format=format, errors=errors, **kwargs)
    assert as_uuids(result, format) == expected, name


# --- parse_many -------------------------------------------------------------------------

# Text the stdlib parses, in many forms, and text it refuses: short text sits inline in
# its view (12 bytes or less), longer text in a data buffer.
UUID_TEXT = st.uuids().flatmap(
    lambda u: st.sampled_from(
        [str(u), str(u).upper(), u.hex, f"{{{u}}}", f"urn:uuid:{u}", f" {u.hex}", f"+{u.hex[1:]}"]
    )
)
ODD = [
    "\u0663" * 32,  # Unicode decimal digits: int() reads them
    "{{" + S + "}}",
    "urn:" + S[:8] + "urn:" + S[8:],
    "1234_5678" + S.replace("-", "")[8:],
    "",
    "not a uuid at all, and longer than twelve",
    S[:-1],
    S + "0",
]
TEXT_ITEM = st.one_of(
    UUID_TEXT, st.sampled_from(ODD), st.text(st.characters(codec="utf-8"), max_size=14), st.none()
)


@given(items=st.lists(TEXT_ITEM, max_size=30), format=st.sampled_from(FORMATS), null=st.booleans())
def test_parse_many_every_text_layout_against_the_stdlib(items, format, null):
    errors = "null" if null and format == "arrow" else "raise"
    expected = reference(items, nulls_ok=format == "arrow", errors_null=errors == "null")
    for name, data in text_layouts(items):
        check_parse(data, format, errors, expected, name)


@pytest.mark.parametrize("format", FORMATS)
def test_parse_many_empty_and_all_null(format):
    for name, data in text_layouts([]):
        assert len(oruuid.parse_many(data, format=format)) == 0, name
    for name, data in [*text_layouts([None] * 11), ("null type", pa.nulls(11))]:
        if format != "arrow":
            with pytest.raises(ValueError, match=r"^parse_many: item 0 is null"):
                oruuid.parse_many(data, format=format)
            continue
        result = oruuid.parse_many(data, format="arrow")
        assert len(result) == 11, name
        assert result.null_count == 11, name


@pytest.mark.parametrize("t", TEXT_TYPES, ids=str)
def test_parse_many_names_the_global_index(t):
    items = [S] * 10
    bad = [*items[:7], "bad", *items[8:]]
    layouts = {
        "plain": pa.array(bad, t),
        "chunked": chunked(bad, t),
        "dictionary": dictionary(bad, t),
        "chunked dictionaries": chunked(bad, t, lambda p: dictionary(p, t)),
    }
    for name, data in layouts.items():
        with pytest.raises(ValueError, match=r"^parse_many: item 7 is not a UUID: 'bad'") as e:
            oruuid.parse_many(data)
        assert isinstance(e.value.__cause__, ValueError), name  # the stdlib's own error
        result = oruuid.parse_many(data, format="arrow", errors="null")
        expected = oruuid.parse_many([*items[:7], None, *items[8:]], format="arrow")
        assert as_uuids(result, "arrow") == as_uuids(expected, "arrow"), name
    # A null named as such: the dictionary's null value, or a null index.
    for data in (dictionary([S, S, None], t), chunked([S, S, None, S], t)):
        with pytest.raises(ValueError, match=r"^parse_many: item 2 is null"):
            oruuid.parse_many(data, format="uuid")


@views_only
def test_string_view_inline_and_out_of_line_over_several_buffers():
    texts = [str(uuid.uuid4()) for _ in range(6)]
    items = [texts[0], "short", texts[1], "", None, texts[2], "123456789012", texts[3]]
    items += ["1234567890123", texts[4].upper(), texts[5]]
    data = views_array(items, pa.string_view())
    assert len(data.buffers()) > 4  # one data buffer per long value
    expected = reference(items, nulls_ok=True, errors_null=True)
    assert as_uuids(oruuid.parse_many(data, format="arrow", errors="null"), "arrow") == expected
    good = [s for s in items if s and len(s) > 13]
    assert oruuid.parse_many(views_array(good, pa.string_view()), format="str") == [
        str(uuid.UUID(s)) for s in good
    ]
    with pytest.raises(ValueError, match=r"^parse_many: item 1 is not a UUID: 'short'"):
        oruuid.parse_many(data, format="arrow")


def views_array(items, t):
    """A view array of the items (str, bytes or None) that puts each value longer than 12
    bytes in a data buffer of its own, at an odd offset after some padding."""
    views, buffers = bytearray(), []
    for s in items:
        b = s.encode() if isinstance(s, str) else (s or b"")
        if len(b) <= 12:
            views += struct.pack("<i", len(b)) + b.ljust(12, b"\0")
        else:
            views += struct.pack("<i4sii", len(b), b[:4], len(buffers), 3)
            buffers.append(pa.py_buffer(b"pad" + b))
    valid = pa.array([s is not None for s in items]).buffers()[1]
    nulls = sum(s is None for s in items)
    return pa.Array.from_buffers(
        t, len(items), [valid if nulls else None, pa.py_buffer(bytes(views)), *buffers]
    )


@pytest.mark.parametrize("t", TEXT_TYPES, ids=str)
def test_parse_many_two_threads(t):
    texts = oruuid.uuid4_many(BIG, format="str")
    texts[BIG - 5] = "bad"
    data = pa.array(texts, t)
    with pytest.raises(ValueError, match=rf"^parse_many: item {BIG - 5} is not a UUID"):
        oruuid.parse_many(data, format="bytes")
    result = oruuid.parse_many(data, format="arrow", errors="null")
    assert result.null_count == 1
    assert oruuid.format_many(result)[: BIG - 5] == texts[: BIG - 5]
    assert oruuid.format_many(result)[BIG - 4 :] == texts[BIG - 4 :]


@pytest.mark.parametrize("alphabet", ["base32", "base58", "base64url"])
def test_parse_many_alphabets_on_every_layout(alphabet):
    ids = oruuid.uuid4_many(20)
    items = [oruuid.encode(u, alphabet) for u in ids]
    for name, data in text_layouts(items):
        assert oruuid.parse_many(data, alphabet=alphabet) == ids, name
    bad = [*items[:5], items[5][:-1], *items[6:]]
    for name, data in text_layouts(bad):
        with pytest.raises(ValueError, match=r"^parse_many: item 5 is not a UUID"):
            oruuid.parse_many(data, alphabet=alphabet)
        got = oruuid.parse_many(data, alphabet=alphabet, format="arrow", errors="null")
        assert got.to_pylist()[5] is None, name


def test_parse_many_refuses_bytes():
    # Bytes are not text: uuid.UUID(b"...") raises TypeError, and so does parse_many on
    # a list of bytes or a numpy 'S' array. format_many reads 16-byte values.
    with pytest.raises(TypeError):
        uuid.UUID(S.encode())  # type: ignore[arg-type]
    for _name, data in bytes_layouts([uuid.UUID(S).bytes]):
        with pytest.raises(TypeError, match=r"^parse_many: expected an Arrow string.*format_many"):
            oruuid.parse_many(data)
    with pytest.raises(TypeError, match=r"^parse_many: expected an Arrow string"):
        oruuid.parse_many(pa.array([1, 2]))


# --- format_many ------------------------------------------------------------------------

VALUE = st.one_of(st.binary(min_size=16, max_size=16), st.none())


@given(values=st.lists(VALUE, max_size=30), format=st.sampled_from(["str", "hex", "arrow"]))
def test_format_many_every_bytes_layout_against_the_stdlib(values, format):
    text = (lambda u: u.hex) if format == "hex" else str
    expected = [None if b is None else text(uuid.UUID(bytes=b)) for b in values]
    for name, data in bytes_layouts(values):
        result = oruuid.format_many(data, format=format)
        if format == "arrow":
            if isinstance(result, pa.ChunkedArray):
                result = result.combine_chunks()
            assert result.type == pa.string(), name
            result = result.to_pylist()
        assert result == expected, name


@given(items=st.lists(TEXT_ITEM, max_size=30))
def test_format_many_every_text_layout_against_the_stdlib(items):
    expected = reference(items, nulls_ok=True, errors_null=False)
    for name, data in text_layouts(items):
        if isinstance(expected, tuple):
            with pytest.raises(ValueError, match=rf"^format_many: item {expected[1]} is not a"):
                oruuid.format_many(data)
            continue
        canonical = [None if u is None else str(u) for u in expected]
        assert oruuid.format_many(data) == canonical, name
        arrow = oruuid.format_many(data, format="arrow")
        if isinstance(arrow, pa.ChunkedArray):
            arrow = arrow.combine_chunks()
        assert arrow.to_pylist() == canonical, name


@pytest.mark.parametrize("t", BINARY_TYPES, ids=str)
def test_format_many_names_a_value_of_another_length(t):
    ids = [u.bytes for u in oruuid.uuid4_many(9)]
    for length in (0, 15, 17, 36):
        bad = [*ids[:6], b"x" * length, *ids[6:]]
        message = rf"^format_many: item 6 is {length} bytes long, not a UUID's 16"
        table = [*ids, b"x" * length]
        layouts = {
            "plain": pa.array(bad, t),
            "chunked": chunked(bad, t),
            "dictionary": pa.DictionaryArray.from_arrays(
                pa.array([*range(6), 9, *range(6, 9)], pa.int8()), pa.array(table, t)
            ),
        }
        for data in layouts.values():
            for format in ("str", "hex", "arrow"):
                with pytest.raises(ValueError, match=message):
                    oruuid.format_many(data, format=format)
    if VIEWS and t == pa.binary_view():
        assert oruuid.format_many(views_array(ids, t)) == [str(uuid.UUID(bytes=b)) for b in ids]


def test_format_many_empty_and_all_null():
    for name, data in [*bytes_layouts([]), *text_layouts([])]:
        assert oruuid.format_many(data) == [], name
        assert len(oruuid.format_many(data, format="arrow")) == 0, name
    for name, data in [*bytes_layouts([None] * 9), ("null type", pa.nulls(9))]:
        assert oruuid.format_many(data, format="hex") == [None] * 9, name
        result = oruuid.format_many(data, format="arrow")
        assert result.null_count == 9, name


@pytest.mark.parametrize("alphabet", ["base32", "base58", "base64url"])
def test_format_many_alphabets(alphabet):
    ids = oruuid.uuid4_many(12)
    for name, data in bytes_layouts([u.bytes for u in ids]):
        expected = [oruuid.encode(u, alphabet) for u in ids]
        assert oruuid.format_many(data, alphabet=alphabet) == expected, name


def test_format_many_refuses_other_types():
    for bad in (pa.array([1, 2]), pa.array([b"x" * 8], pa.binary(8)), pa.array([[1]])):
        with pytest.raises(TypeError, match=r"^format_many: expected an Arrow uuid"):
            oruuid.format_many(bad)
    with pytest.raises(TypeError, match=r"^format_many: expected an Arrow uuid"):
        oruuid.format_many(pa.array([1, 2]).dictionary_encode())


# --- 64-bit offsets and malformed buffers -----------------------------------------------


def sparse_buffer(size, tail):
    """A pyarrow buffer of `size` bytes that ends with `tail`, the rest untouched pages of
    an anonymous mapping (no memory is used for them)."""
    m = mmap.mmap(-1, size)
    m[size - len(tail) :] = tail
    return pa.py_buffer(m)


def test_large_offsets_past_4_gib():
    size = 2**32 + 4096
    ids = oruuid.uuid4_many(3)
    text = "".join(str(u) for u in ids).encode()
    raw = b"".join(u.bytes for u in ids)
    try:
        data, data_raw = sparse_buffer(size, text), sparse_buffer(size, raw)
    except (OSError, ValueError, OverflowError):
        pytest.skip("no 4 GiB anonymous mapping here")
    offsets = [size - len(text) + 36 * i for i in range(4)]
    arr = pa.Array.from_buffers(
        pa.large_string(), 3, [None, pa.py_buffer(struct.pack("<4q", *offsets)), data]
    )
    assert oruuid.parse_many(arr) == ids
    assert oruuid.parse_many(arr.slice(1)) == ids[1:]
    offsets = [size - len(raw) + 16 * i for i in range(4)]
    arr = pa.Array.from_buffers(
        pa.large_binary(), 3, [None, pa.py_buffer(struct.pack("<4q", *offsets)), data_raw]
    )
    assert oruuid.format_many(arr) == [str(u) for u in ids]


def test_malformed_buffers_raise_not_crash():
    kw = {"kind": native.RAW, "out": None, "errors_null": False, "nulls_ok": True}
    kw["parse"] = oruuid.parse
    far = struct.pack("<i4sii", 36, b"1234", 0, 100)  # 36 bytes from 100 in a 50-byte buffer
    for view in (far, struct.pack("<i4sii", 36, b"1234", 1, 0), struct.pack("<i12x", -1)):
        with pytest.raises(ValueError, match=r"parse_many: malformed Arrow array: item 4"):
            native.parse_views(None, view, (b"x" * 50,), 0, 1, 4, **kw)
        with pytest.raises(ValueError, match=r"format_many: malformed Arrow array: item 2"):
            native.binary_uuids(None, view, 16, (b"x" * 50,), 0, 1, 2, None, False)
    with pytest.raises(ValueError, match="too short"):
        native.parse_views(None, far, (), 1, 1, 0, **kw)
    for offsets in (struct.pack("<2i", *pair) for pair in ((0, 99), (8, 0), (-1, 15))):
        with pytest.raises(ValueError, match=r"format_many: malformed Arrow array: item 0"):
            native.binary_uuids(None, offsets, 4, (b"x" * 16,), 0, 1, 0, None, False)
    take = {"kind": native.RAW, "out": None, "nulls_ok": True, "errors_null": False, "base": 10}
    for index in (2, -1):
        indices = struct.pack("<2b", 0, index)
        with pytest.raises(ValueError, match=r"malformed Arrow array: item 11 has a dictionary"):
            native.take_uuids(b"\0" * 32, None, None, 0, indices, 1, True, None, 0, 2, **take)
    with pytest.raises(ValueError, match="indices buffer too short"):
        native.take_uuids(b"\0" * 32, None, None, 0, b"\0", 4, True, None, 0, 1, **take)
    with pytest.raises(TypeError):
        native.parse_views(None, far, [b""], 0, 1, 0, **kw)


# --- Polars and DuckDB ------------------------------------------------------------------


def test_polars_round_trip():
    pl = pytest.importorskip("polars")
    ids = oruuid.uuid7_many(1000)
    text = pl.Series("id", [str(u).upper() if i % 3 else str(u) for i, u in enumerate(ids)])
    parsed = oruuid.parse_many(text, format="arrow")
    column = pl.from_arrow(parsed)
    assert column.dtype == pl.Binary
    back = pl.from_arrow(oruuid.format_many(column, format="arrow"))
    assert back.dtype == pl.String
    assert back.to_list() == text.str.to_lowercase().to_list()
    assert oruuid.parse_many(text) == ids
    assert oruuid.format_many(column) == [str(u) for u in ids]


def test_polars_nulls_chunks_categoricals():
    pl = pytest.importorskip("polars")
    ids = [str(u) for u in oruuid.uuid4_many(10)]
    items = [ids[0], None, ids[1], ids[0], None, *ids[2:]]
    with_nulls = pl.Series(items)
    expected = reference(items, nulls_ok=True, errors_null=False)
    assert as_uuids(oruuid.parse_many(with_nulls, format="arrow"), "arrow") == expected
    parts = [pl.Series(items[:3]), pl.Series(items[3:6]), pl.Series(items[6:])]
    many = pl.concat(parts, rechunk=False)
    assert many.n_chunks() == 3
    result = oruuid.parse_many(many, format="arrow")
    assert as_uuids(result, "arrow") == expected
    assert oruuid.format_many(many) == items
    bad = pl.concat([pl.Series(items[:3]), pl.Series(["x", *items[4:]])], rechunk=False)
    with pytest.raises(ValueError, match=r"^parse_many: item 3 is not a UUID: 'x'"):
        oruuid.parse_many(bad, format="arrow")
    for dtype in (pl.Categorical, pl.Enum(sorted(set(ids)))):
        encoded = with_nulls.cast(dtype)
        assert as_uuids(oruuid.parse_many(encoded, format="arrow"), "arrow") == expected
        assert oruuid.format_many(encoded) == items
    raw = pl.Series([None if s is None else uuid.UUID(s).bytes for s in items], dtype=pl.Binary)
    assert oruuid.format_many(raw) == items
    assert oruuid.format_many(pl.Series([None, None])) == [None, None]
    with pytest.raises(ValueError, match=r"^format_many: item 0 is 3 bytes long"):
        oruuid.format_many(pl.Series([b"abc"]))
    with pytest.raises(TypeError, match=r"^parse_many: "):
        oruuid.parse_many(pl.Series([1, 2]))
    objects = pl.Series([object()], dtype=pl.Object)
    with pytest.raises(TypeError, match=r"^format_many: expected an Arrow uuid"):
        oruuid.format_many(objects)
    with pytest.raises(TypeError, match=r"^parse_many: expected an Arrow string"):
        oruuid.parse_many(objects)


def test_polars_without_pyarrow_names_the_extra(monkeypatch):
    pl = pytest.importorskip("polars")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail
    for func in (oruuid.parse_many, oruuid.format_many):
        with pytest.raises(ImportError, match=r"pip install 'oruuid\[batch\]'"):
            func(pl.Series([S]))


def test_polars_is_never_imported():
    code = (
        "import sys, oruuid\n"
        "oruuid.parse_many(['" + S + "'])\n"
        "oruuid.format_many(b'\\0' * 16)\n"
        "assert 'polars' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


@pytest.mark.parametrize("lossless", [False, True])
def test_duckdb_uuid_columns(lossless):
    duckdb = pytest.importorskip("duckdb")
    ids = oruuid.uuid4_many(50)
    con = duckdb.connect()
    con.execute("CREATE TABLE t (id UUID)")
    con.executemany("INSERT INTO t VALUES (?)", [[str(u)] for u in ids] + [[None]])
    if lossless:
        try:
            con.execute("SET arrow_lossless_conversion = true")  # UUIDs as arrow.uuid
        except duckdb.Error:
            pytest.skip("this DuckDB has no arrow_lossless_conversion")
    relation = con.sql("SELECT id FROM t ORDER BY id NULLS LAST")
    to_arrow = getattr(relation, "to_arrow_table", None) or relation.arrow
    column = to_arrow().column("id")
    expected = [str(u) for u in sorted(ids)] + [None]
    assert oruuid.format_many(column) == expected
    if not lossless:
        assert as_uuids(oruuid.parse_many(column, format="arrow"), "arrow") == [
            None if s is None else uuid.UUID(s) for s in expected
        ]


# --- leaks ------------------------------------------------------------------------------


def test_no_leaks():
    ids = [str(u) for u in oruuid.uuid4_many(8)]
    layouts = [data for _, data in text_layouts([*ids, None, "bad"])]
    raw = [data for _, data in bytes_layouts([uuid.UUID(s).bytes for s in ids] + [None])]

    def work():
        for data in layouts:
            oruuid.parse_many(data, format="arrow", errors="null")
            oruuid.parse_many(data.slice(0, 8), format="uuid")
            with pytest.raises(ValueError, match=r"^parse_many: item 8 is null"):
                oruuid.parse_many(data, format="uuid")
        for data in raw:
            oruuid.format_many(data)
            oruuid.format_many(data, format="arrow")

    assert_blocks_steady(work, warm_up=20, rounds=200)
