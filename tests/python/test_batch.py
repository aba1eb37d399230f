"""The batch API (uuid4_many, uuid7_many, parse_many, format_many) against the stdlib.

Every format of every function is checked against the single-UUID functions and
``uuid.UUID``; v7 order across batch and single calls and threads; edge sizes
(0, 1, negative, huge); bad input at known indices; numpy and Arrow inputs,
including sliced, chunked, byte-swapped and null-bearing ones; the round trip
``parse_many(format_many(x)) == x``; and an Arrow uuid column through Parquet.
Batches of 300 000 take the two-thread path of the native code.
"""

import gc
import itertools
import string
import sys
import threading
import time
import uuid
import weakref

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oruuid
from support import assert_blocks_steady

FORMATS = ["uuid", "str", "hex", "bytes", "numpy", "arrow"]
GENERATORS = [(oruuid.uuid4_many, 4), (oruuid.uuid7_many, 7)]
BIG = 300_000  # above the native code's threshold (2^18) for a second thread
ARROW_UUID = pa.uuid() if hasattr(pa, "uuid") else pa.binary(16)
S = "12345678-1234-5678-1234-567812345678"


pytestmark = pytest.mark.usefixtures("arrow_system_pool")


def raw_of(result, format):
    """The 16·n bytes behind a result in any format."""
    if format == "uuid":
        return b"".join(u.bytes for u in result)
    if format == "str":
        return b"".join(uuid.UUID(s).bytes for s in result)
    if format == "hex":
        return b"".join(uuid.UUID(hex=h).bytes for h in result)
    if format == "bytes":
        return result
    if format == "numpy":
        return result.tobytes()
    return b"".join(storage(result).to_pylist())


def storage(array):
    """The fixed_size_binary(16) storage of an Arrow uuid array (or the array itself)."""
    return array.storage if isinstance(array, pa.ExtensionArray) else array


def chunks(raw):
    return [raw[i : i + 16] for i in range(0, len(raw), 16)]


def check_shape(result, format, n):
    """The container each format promises, holding n UUIDs."""
    if format == "uuid":
        assert type(result) is list
        assert len(result) == n
        assert all(type(u) is uuid.UUID and u.is_safe is uuid.SafeUUID.unknown for u in result)
    elif format == "str":
        assert type(result) is list
        assert all(type(s) is str and len(s) == 36 for s in result)
        assert [str(uuid.UUID(s)) for s in result] == result
    elif format == "hex":
        assert type(result) is list
        assert all(type(s) is str and len(s) == 32 for s in result)
        assert [uuid.UUID(hex=h).hex for h in result] == result
    elif format == "bytes":
        assert type(result) is bytes
        assert len(result) == 16 * n
    elif format == "numpy":
        assert type(result) is np.ndarray
        assert result.dtype == np.dtype("V16")
        assert result.shape == (n,)
        assert result.flags.writeable
        assert result.flags.c_contiguous
    else:
        assert isinstance(result, pa.Array)
        assert result.type == ARROW_UUID
        assert len(result) == n
        assert result.null_count == 0


# --- generation --------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(("gen", "version"), GENERATORS)
def test_generate_every_format(gen, version, format):
    result = gen(500, format=format)
    check_shape(result, format, 500)
    raw = raw_of(result, format)
    assert len(set(chunks(raw))) == 500
    for b in chunks(raw):
        u = uuid.UUID(bytes=b)
        assert u.version == version
        assert u.variant == uuid.RFC_4122


@pytest.mark.parametrize(("gen", "version"), GENERATORS)
def test_generate_list_formats_agree_with_the_stdlib(gen, version):
    for u in gen(200):
        assert uuid.UUID(str(u)) == u
        assert uuid.UUID(bytes=u.bytes) == u
        assert hash(u) == hash(uuid.UUID(int=u.int))
    text = gen(200, format="str")
    assert [str(uuid.UUID(s)) for s in text] == text


@pytest.mark.parametrize("format", ["bytes", "numpy", "arrow"])
@pytest.mark.parametrize(("gen", "version"), GENERATORS)
def test_generate_big_batches(gen, version, format):
    raw = raw_of(gen(BIG, format=format), format)
    assert len(raw) == 16 * BIG
    assert all(b >> 4 == version for b in raw[6::16])
    assert all(b >> 6 == 0b10 for b in raw[8::16])
    parts = chunks(raw)
    if version == 7:
        assert all(a < b for a, b in itertools.pairwise(parts))
    else:
        assert len(set(parts)) == BIG


def test_uuid7_many_continues_uuid7_sequence():
    values = [oruuid.uuid7()]
    for format in FORMATS:
        raw = raw_of(oruuid.uuid7_many(300, format=format), format)
        values.extend(uuid.UUID(bytes=b) for b in chunks(raw))
        values.append(oruuid.uuid7())
    values.extend(uuid.UUID(bytes=b) for b in chunks(oruuid.uuid7_many(BIG, format="bytes")))
    values.append(oruuid.uuid7())
    assert all(a < b for a, b in itertools.pairwise(values))


def test_uuid7_many_time_is_now():
    before = time.time_ns() // 1_000_000
    batch = oruuid.uuid7_many(1000)
    after = time.time_ns() // 1_000_000
    # The counter may borrow a millisecond or two ahead under heavy use (RFC 9562 §6.2).
    assert before - 1 <= batch[0].int >> 80 <= batch[-1].int >> 80 <= after + 2


def test_uuid7_many_ordered_across_threads():
    results = {}

    def work(k):
        mine = []
        for _ in range(20):
            mine.append(oruuid.uuid7().bytes)
            mine.extend(chunks(oruuid.uuid7_many(500, format="bytes")))
        results[k] = mine

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = [b for mine in results.values() for b in mine]
    assert len(set(everything)) == len(everything) == 4 * 20 * 501
    for mine in results.values():
        assert all(a < b for a, b in itertools.pairwise(mine))


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(("gen", "version"), GENERATORS)
def test_generate_empty_and_one(gen, version, format):
    check_shape(gen(0, format=format), format, 0)
    one = gen(1, format=format)
    check_shape(one, format, 1)
    assert uuid.UUID(bytes=raw_of(one, format)).version == version


@pytest.mark.parametrize("gen", [g for g, _ in GENERATORS])
def test_generate_bad_counts(gen):
    with pytest.raises(ValueError, match="n must be >= 0"):
        gen(-1)
    for n in (1.0, "3", None, 2.5):
        with pytest.raises(TypeError):
            gen(n)
    assert len(gen(True)) == 1  # an int, as range() would take it
    with pytest.raises(ValueError, match="format"):
        gen(3, format="xml")
    with pytest.raises(ValueError, match="format"):
        gen(3, format=None)
    with pytest.raises(TypeError):
        gen(3, "uuid")  # format is keyword-only


@pytest.mark.parametrize("n", [2**45, 2**57, sys.maxsize, 2**62, 2**100])
@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("gen", [g for g, _ in GENERATORS])
def test_generate_huge_counts_fail_cleanly(gen, format, n):
    with pytest.raises(MemoryError):
        gen(n, format=format)


def test_batch_objects_are_gc_tracked_like_the_stdlibs():
    # Issue 22: as the stdlib's UUIDs are, so a cycle forced through a slot is collected.
    batch = oruuid.uuid4_many(10) + oruuid.parse_many([S] * 10)
    assert all(gc.is_tracked(u) for u in batch)
    ref = weakref.ref(batch[3])
    del batch
    assert ref() is None
    u = oruuid.uuid7_many(1)[0]
    object.__setattr__(u, "int", [u])
    ref = weakref.ref(u)
    del u
    gc.collect()
    assert ref() is None


# --- parse_many --------------------------------------------------------------------

ODD = [
    S.upper(),
    "{" + S + "}",
    "urn:uuid:" + S,
    "uuid:" + S,
    "+" + "1" * 31,
    " " + "2" * 31,
    "1_" + "3" * 30,
    "\u0663" * 32,
    "{{" + S + "}}",
    "12345678-1234-urn:5678-1234-567812345678",
    S.replace("-", ""),
    "{" + S.replace("-", "") + "}",
    "--" + S.replace("-", "") + "--",
    "{" + S,
]
BAD = [
    "",
    "nope",
    S[:-1],
    S + "0",
    "URN:UUID:" + S,
    "g" * 32,
    "-0x" + "1" * 29,
    "\ud800" * 32,
    "é" * 36,
    S.replace("-", " "),
]


def stdlib(items):
    """[uuid.UUID(s)] and the index of the first bad item (None if every item parses)."""
    out = []
    for i, s in enumerate(items):
        try:
            out.append(uuid.UUID(s))
        except ValueError:
            return out, i
    return out, None


def test_the_odd_and_bad_cases_are_what_they_claim():
    assert stdlib(ODD)[1] is None
    for s in BAD:
        assert stdlib([s])[1] == 0, s


def to_format(uuids, format):
    """What parse_many should return for these stdlib UUIDs."""
    if format == "uuid":
        return uuids
    if format == "str":
        return [str(u) for u in uuids]
    if format == "hex":
        return [u.hex for u in uuids]
    raw = b"".join(u.bytes for u in uuids)
    if format == "bytes":
        return raw
    if format == "numpy":
        return np.frombuffer(raw, dtype="V16")
    return pa.Array.from_buffers(ARROW_UUID, len(uuids), [None, pa.py_buffer(raw)])


def same(result, expected, format):
    if format == "numpy":
        return result.dtype == expected.dtype and result.tobytes() == expected.tobytes()
    if format == "arrow":
        return result.equals(expected)
    return result == expected


def inputs(items):
    """The same strings as every kind of input parse_many takes (UTF-8 ones only for
    the inputs that can't hold lone surrogates)."""
    yield "list", items
    yield "tuple", tuple(items)
    yield "numpy U", np.array(items, dtype=str) if items else np.array([], dtype="U36")
    yield "numpy U big-endian", np.array(items, dtype=">U64")
    yield "numpy U strided", np.array([x for s in items for x in (s, "pad")], dtype="U64")[::2]
    yield "numpy object", np.array([*items, None], dtype=object)[:-1]
    packed = b"\0" + np.array(items, dtype="<U64").tobytes()
    yield "numpy U unaligned", np.frombuffer(packed, dtype="<U64", offset=1)
    if any("\ud800" <= c <= "\udfff" for s in items for c in s):
        return
    if hasattr(np, "dtypes") and hasattr(np.dtypes, "StringDType"):
        yield "numpy StringDType", np.array(items, dtype=np.dtypes.StringDType())
    yield "arrow string", pa.array(items, pa.string())
    yield "arrow large_string", pa.array(items, pa.large_string())
    yield "arrow sliced", pa.array(["x", *items, "y"], pa.string()).slice(1, len(items))
    half = len(items) // 2
    yield "arrow chunked", pa.chunked_array([items[:half], [], items[half:]], pa.string())


@pytest.mark.parametrize("format", FORMATS)
def test_parse_every_input_and_format(format):
    items = [str(uuid.uuid4()) for _ in range(50)] + ODD + [u.hex for u in oruuid.uuid4_many(20)]
    expected = to_format(stdlib(items)[0], format)
    for name, data in inputs(items):
        result = oruuid.parse_many(data, format=format)
        if format == "arrow" and isinstance(data, pa.ChunkedArray):
            result = result.combine_chunks()
        assert same(result, expected, format), name
        if format == "uuid":
            assert all(type(u) is uuid.UUID for u in result)


@pytest.mark.parametrize("format", FORMATS)
def test_parse_empty_and_one(format):
    for name, data in inputs([]):
        result = oruuid.parse_many(data, format=format)
        assert len(result) == 0, name
    for name, data in inputs([S]):
        result = oruuid.parse_many(data, format=format)
        if isinstance(result, pa.ChunkedArray):
            result = result.combine_chunks()
        assert same(result, to_format([uuid.UUID(S)], format), format), name


@given(
    st.lists(
        st.one_of(
            st.sampled_from(ODD + BAD),
            st.uuids().map(str),
            st.uuids().map(lambda u: u.hex),
            st.text(alphabet=string.hexdigits + "-{}:urnid_ +", max_size=40),
        ),
        max_size=30,
    )
)
def test_parse_matches_the_stdlib(items):
    expected, bad = stdlib(items)
    for name, data in inputs(items):
        if bad is None:
            assert oruuid.parse_many(data) == expected, name
        else:
            with pytest.raises(ValueError, match=f"item {bad} ") as info:
                oruuid.parse_many(data)
            assert isinstance(info.value.__cause__, ValueError), name


@pytest.mark.slow
def test_bad_item_named_by_index_and_value():
    items = [str(u) for u in oruuid.uuid4_many(BIG)]
    items[BIG - 7] = "not-a-uuid"
    items[BIG - 3] = "also bad"
    for name, data in inputs(items):
        for format in FORMATS:
            with pytest.raises(ValueError, match=r"item \d+ is not a UUID") as info:
                oruuid.parse_many(data, format=format)
            assert f"item {BIG - 7} is not a UUID: 'not-a-uuid'" in str(info.value), name
            assert "badly formed" in str(info.value.__cause__)


@pytest.mark.slow
def test_big_batches_with_odd_items_in_both_halves():
    items = [str(u) for u in oruuid.uuid4_many(BIG)]
    for i in (5, 100_000, 200_000, BIG - 1):  # two in each thread's half
        items[i] = "{" + items[i].upper().replace("-", "") + "}"
    expected = [uuid.UUID(s) for s in items]
    for name, data in inputs(items):
        assert oruuid.parse_many(data, format="bytes") == b"".join(u.bytes for u in expected), name
    assert oruuid.parse_many(items) == expected


def test_wrong_item_types():
    for bad in (None, 5, b"12345678123456781234567812345678", uuid.UUID(S)):
        items = [S, S, bad, S]
        what = "None" if bad is None else type(bad).__name__
        with pytest.raises(TypeError, match=f"item 2 is {what}, not a str"):
            oruuid.parse_many(items)
        with pytest.raises(TypeError):
            oruuid.parse_many(np.array(items, dtype=object))
    with pytest.raises(TypeError, match="item 1 is int"):
        oruuid.parse_many([S, 1], format="arrow", errors="null")


def test_str_subclasses_follow_the_stdlib():
    class Text(str):
        pass

    assert oruuid.parse_many([Text(S), Text("{" + S + "}")]) == [uuid.UUID(S)] * 2


def test_wrong_containers():
    for bad in (S, S.encode(), None, 5, iter([S]), {S}, {S: 1}, uuid.UUID(S)):
        with pytest.raises(TypeError, match="parse_many: expected"):
            oruuid.parse_many(bad)
    for bad in (np.array([[S]]), np.zeros((2, 2))):
        with pytest.raises((TypeError, ValueError)):
            oruuid.parse_many(bad)
    for bad in (np.array([S.encode()]), np.array([1, 2]), np.zeros(2, dtype="V16")):
        with pytest.raises(TypeError, match="dtype"):
            oruuid.parse_many(bad)
    for bad in (pa.array([1, 2]), pa.array([S.encode()]), oruuid.uuid4_many(2, format="arrow")):
        with pytest.raises(TypeError, match="string"):
            oruuid.parse_many(bad)


def test_bad_options():
    with pytest.raises(ValueError, match="format"):
        oruuid.parse_many([S], format="UUID")
    with pytest.raises(ValueError, match="errors"):
        oruuid.parse_many([S], errors="ignore")
    for format in ("uuid", "str", "hex", "bytes", "numpy"):
        with pytest.raises(ValueError, match="errors='null' needs format='arrow'"):
            oruuid.parse_many([S], format=format, errors="null")


def test_nulls_in_arrow_output():
    items = [S, None, "bad", "{" + S + "}", "urn:uuid:" + S, "\u0663" * 32, None]
    valid = [True, False, False, True, True, True, False]
    for name, data in [
        ("list", items),
        ("object", np.array(items, dtype=object)),
        ("arrow", pa.array(items, pa.string())),
    ]:
        result = oruuid.parse_many(data, format="arrow", errors="null")
        assert result.type == ARROW_UUID, name
        assert len(result) == len(items), name
        assert result.is_valid().to_pylist() == valid, name
        for item, ok, got in zip(items, valid, storage(result).to_pylist(), strict=True):
            assert got == (uuid.UUID(item).bytes if ok else None), name
        with pytest.raises(ValueError, match="item 2 is not a UUID: 'bad'"):
            oruuid.parse_many(data, format="arrow")  # None stays null; bad still raises
    with pytest.raises(ValueError, match="item 1 is null"):
        oruuid.parse_many(pa.array([S, None]))
    with pytest.raises(TypeError, match="item 1 is None"):
        oruuid.parse_many([S, None])


def test_errors_null_in_big_chunked_arrow():
    items = [str(u) for u in oruuid.uuid4_many(BIG)]
    bad = {3, BIG // 2, BIG - 1}
    for i in bad:
        items[i] = "x" * 36
    data = pa.chunked_array([items[:1000], items[1000:]])
    result = oruuid.parse_many(data, format="arrow", errors="null")
    assert result.null_count == len(bad)
    assert {i for i, v in enumerate(result.is_valid().to_pylist()) if not v} == bad
    items[3] = items[BIG - 1] = S
    with pytest.raises(ValueError, match=f"item {BIG // 2} is not"):  # counted across chunks
        oruuid.parse_many(pa.chunked_array([items[:1000], items[1000:]]), format="bytes")


def test_list_changed_by_another_thread():
    items = [str(u) for u in oruuid.uuid4_many(BIG)]
    stop = threading.Event()

    def churn():
        while not stop.is_set():
            items.append(str(uuid.uuid4()))
            items.pop()

    t = threading.Thread(target=churn)
    t.start()
    try:
        for _ in range(5):
            # A snapshot: taken before or after one of churn's appends.
            assert len(oruuid.parse_many(items, format="bytes")) in (16 * BIG, 16 * BIG + 16)
    finally:
        stop.set()
        t.join()


# --- format_many -------------------------------------------------------------------


def expected_text(raw, format):
    us = [uuid.UUID(bytes=b) for b in chunks(raw)]
    if format == "hex":
        return [u.hex for u in us]
    return [str(u) for u in us]


@pytest.mark.parametrize("n", [0, 1, 100, pytest.param(BIG, marks=pytest.mark.slow)])
def test_format_every_input(n):
    raw = oruuid.uuid4_many(n, format="bytes")
    arr = np.frombuffer(raw, dtype="V16")
    sources = {
        "bytes": raw,
        "bytearray": bytearray(raw),
        "memoryview": memoryview(raw),
        "numpy V16": arr,
        "numpy S16": arr.view("S16"),
        "numpy strided": np.repeat(arr, 2)[::2],
        "arrow uuid": pa.Array.from_buffers(ARROW_UUID, n, [None, pa.py_buffer(raw)]),
        "arrow binary16": pa.array(chunks(raw), pa.binary(16)),
        "arrow chunked": pa.chunked_array(
            [chunks(raw)[: n // 3], chunks(raw)[n // 3 :]], pa.binary(16)
        ),
    }
    for format in ("str", "hex"):
        expected = expected_text(raw, format)
        for name, data in sources.items():
            assert oruuid.format_many(data, format=format) == expected, (name, format)
    expected = pa.array(expected_text(raw, "str"), pa.string())
    for name, data in sources.items():
        result = oruuid.format_many(data, format="arrow")
        if isinstance(result, pa.ChunkedArray):
            result = result.combine_chunks()
        assert result.equals(expected), name
    assert oruuid.format_many(raw) == expected_text(raw, "str")  # str is the default


def test_format_keeps_trailing_zero_bytes_of_s16():
    raw = b"\x01" + b"\x00" * 15 + b"\x00" * 16
    arr = np.frombuffer(raw, dtype="S16")
    assert arr[1] == b""  # numpy strips them from items...
    assert oruuid.format_many(arr) == ["01000000-0000-0000-0000-000000000000", str(oruuid.NIL)]


def test_format_arrow_nulls_and_slices():
    raw = oruuid.uuid4_many(10, format="bytes")
    values = [b if i % 3 else None for i, b in enumerate(chunks(raw))]
    arr = pa.array(values, pa.binary(16))
    for data, vals in [(arr, values), (arr.slice(2, 5), values[2:7]), (arr.slice(1), values[1:])]:
        text = [str(uuid.UUID(bytes=b)) if b else None for b in vals]
        assert oruuid.format_many(data) == text
        out = oruuid.format_many(data, format="arrow")
        assert out.equals(pa.array(text, pa.string()))
        assert out.null_count == vals.count(None)
        assert oruuid.format_many(data, format="hex") == [
            uuid.UUID(bytes=b).hex if b else None for b in vals
        ]


def test_format_wrong_input():
    with pytest.raises(ValueError, match="multiple of 16"):
        oruuid.format_many(b"\x00" * 17)
    # A strided view names the function and the layout, not a bare BufferError.
    for format in ("str", "hex", "arrow"):
        with pytest.raises(ValueError, match="format_many: expected a C-contiguous buffer of 16"):
            oruuid.format_many(memoryview(b"\x00" * 64)[::2], format=format)
    with pytest.raises(ValueError, match="format"):
        oruuid.format_many(b"\x00" * 16, format="uuid")
    for bad in (S, [uuid.UUID(S)], None, 5, [b"\x00" * 16]):
        with pytest.raises(TypeError, match="format_many: expected"):
            oruuid.format_many(bad)
    for bad in (
        np.zeros(4, "u1"),
        np.zeros(2, "S8"),
        np.zeros(2, "U16"),
        np.zeros(2, [("a", "u8"), ("b", "u8")]),
    ):
        with pytest.raises(TypeError, match="dtype"):
            oruuid.format_many(bad)
    with pytest.raises(ValueError, match="1-D"):
        oruuid.format_many(np.zeros((2, 2), "V16"))
    # (A string array is text to parse: see test_format_arrow_strings in test_extras.py.)
    # A binary value of another length than 16 is named by its index.
    with pytest.raises(ValueError, match=r"format_many: item 0 is 1 byte long, not a UUID's 16"):
        oruuid.format_many(pa.array([b"x"]))
    for bad in (pa.array([b"\x00" * 8], pa.binary(8)), pa.array([1, 2])):
        with pytest.raises(
            TypeError, match=r"uuid, fixed_size_binary\(16\), string or large_string"
        ):
            oruuid.format_many(bad)


# --- round trips -------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 1000, BIG])
def test_numpy_round_trip(n):
    arr = oruuid.uuid7_many(n, format="numpy")
    for format in ("str", "hex"):
        text = np.array(oruuid.format_many(arr, format=format), dtype="U36")
        back = oruuid.parse_many(text, format="numpy")
        assert back.dtype == arr.dtype
        assert back.tobytes() == arr.tobytes()


@pytest.mark.parametrize("n", [0, 1, 1000, BIG])
def test_arrow_round_trip(n):
    arr = oruuid.uuid4_many(n, format="arrow")
    assert oruuid.parse_many(oruuid.format_many(arr, format="arrow"), format="arrow").equals(arr)
    if n:
        with_nulls = oruuid.parse_many([None, *oruuid.format_many(arr), None], format="arrow")
        text = oruuid.format_many(with_nulls, format="arrow")
        assert text.null_count == 2
        assert oruuid.parse_many(text, format="arrow").equals(with_nulls)


def test_parquet_keeps_the_uuid_column(tmp_path):
    ids = oruuid.uuid7_many(1000, format="arrow")
    path = tmp_path / "ids.parquet"
    pq.write_table(pa.table({"id": ids}), path)
    column = pq.read_table(path).column("id")
    assert column.type == ARROW_UUID
    assert column.combine_chunks().equals(ids)
    assert oruuid.format_many(column) == oruuid.format_many(ids)


# --- packaging -----------------------------------------------------------------------


@pytest.mark.parametrize(("module", "format"), [("numpy", "numpy"), ("pyarrow", "arrow")])
def test_missing_optional_library_names_the_extra(monkeypatch, module, format):
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(ImportError, match=r"pip install 'oruuid\[batch\]'"):
        oruuid.uuid4_many(3, format=format)
    with pytest.raises(ImportError, match=r"oruuid\[batch\]"):
        oruuid.parse_many([S], format=format)
    assert oruuid.uuid4_many(3, format="bytes")  # the other formats need neither


def test_exports():
    for name in ("uuid4_many", "uuid7_many", "parse_many", "format_many"):
        assert name in oruuid.__all__
        assert getattr(oruuid, name).__doc__


def test_no_leaks():
    def work():
        oruuid.uuid4_many(50)
        oruuid.uuid7_many(50, format="str")
        oruuid.parse_many([S, "{" + S + "}"], format="hex")
        oruuid.format_many(b"\x00" * 64)
        oruuid.parse_many(pa.array([S, None]), format="arrow")
        with pytest.raises(ValueError, match="item 1 is not a UUID: 'bad'"):
            oruuid.parse_many([S, "bad"])
        with pytest.raises(TypeError):
            oruuid.parse_many([S, 5])

    assert_blocks_steady(work, warm_up=200, rounds=2000)
