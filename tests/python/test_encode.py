"""ULID and short text: to_ulid/from_ulid, encode/decode, and the batch functions' alphabet=.

Pairs with tests/cpp/test_encode.cpp. The ULID functions are tested differentially
against python-ulid (``ULID.from_uuid(u)``, ``ULID.from_str(s).to_uuid()``), base64url
against the stdlib's ``base64``, base58 against a plain Python reference.
"""

import base64
import pickle
import string
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oruuid

ulid = pytest.importorskip("ulid", reason="python-ulid is in the test extra")
ULID = ulid.ULID

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ALPHABETS = ("base32", "base58", "base64url")
WIDTH = {"base32": 26, "base58": 22, "base64url": 22}

uuids = st.integers(0, (1 << 128) - 1).map(lambda i: uuid.UUID(int=i))
edge_uuids = st.sampled_from(
    [uuid.UUID(int=0), uuid.UUID(int=(1 << 128) - 1), uuid.UUID(int=1), uuid.UUID(int=1 << 127)]
)


def base58_reference(u):
    n, out = u.int, ""
    for _ in range(22):
        n, r = divmod(n, 58)
        out = BASE58[r] + out
    return out


def base64url_reference(u):
    return base64.urlsafe_b64encode(u.bytes).rstrip(b"=").decode()


def outcome(fn, *args, **kwargs):
    try:
        return ("ok", fn(*args, **kwargs))
    except ValueError:
        return ("ValueError", None)
    except TypeError:
        return ("TypeError", None)


# ---------------------------------------------------------------- ULID vs python-ulid


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(u=uuids | edge_uuids)
def test_to_ulid_agrees_with_python_ulid(u):
    text = oruuid.to_ulid(u)
    assert text == str(ULID.from_uuid(u))
    assert text == oruuid.encode(u, "base32")
    back = oruuid.from_ulid(text)
    assert back == u
    assert type(back) is uuid.UUID


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(text=st.text(alphabet=CROCKFORD + CROCKFORD.lower(), min_size=26, max_size=26))
def test_from_ulid_agrees_with_python_ulid_on_well_formed_text(text):
    """Every 26-character text in the alphabet, either case: the same UUID, or (first
    character above 7) the same refusal."""
    ours, theirs = (
        outcome(oruuid.from_ulid, text),
        outcome(lambda s: ULID.from_str(s).to_uuid(), text),
    )
    assert ours == theirs


# Text close to valid: right or wrong lengths, I L O U, punctuation, non-ASCII.
near_ulid = st.text(
    alphabet=st.sampled_from(
        list(CROCKFORD + CROCKFORD.lower() + "ILOUilou-_ =é\x00\u0660\U0001f600")
    ),
    min_size=24,
    max_size=28,
)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(text=near_ulid | st.text(max_size=30))
def test_from_ulid_accepts_and_refuses_what_python_ulid_does(text):
    ours = outcome(oruuid.from_ulid, text)
    theirs = outcome(lambda s: ULID.from_str(s).to_uuid(), text)
    assert ours == theirs, text


@settings(max_examples=1000, deadline=None)
@given(u=uuids)
def test_from_ulid_version_7_sets_six_bits_in_place(u):
    text = oruuid.to_ulid(u)
    v7 = oruuid.from_ulid(text, version=7)
    assert (v7.version, v7.variant) == (7, uuid.RFC_4122)
    # The stdlib's version= does the same, in place: the timestamp and 74 bits kept.
    expected = (u.int & ~(0xF << 76) & ~(0x3 << 62)) | (7 << 76) | (0x2 << 62)
    assert v7.int == expected
    assert v7.int >> 80 == ULID.from_str(text).milliseconds
    assert (v7.int ^ u.int).bit_count() <= 6


def test_ulid_known_texts():
    # The ULID spec's example text.
    assert oruuid.from_ulid("01ARZ3NDEKTSV4RRFFQ69G5FAV") == uuid.UUID(
        "01563e3a-b5d3-d676-4c61-efb99302bd5b"
    )
    assert oruuid.to_ulid(oruuid.NIL) == "0" * 26
    assert oruuid.to_ulid(oruuid.MAX) == "7" + "Z" * 25
    u7 = oruuid.uuid7()
    assert ULID.from_str(oruuid.to_ulid(u7)).milliseconds == u7.int >> 80


def test_ulid_errors():
    good = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
    with pytest.raises(
        ValueError, match=r"invalid base32 character 'I' at position 3 .*no I, L, O or U"
    ):
        oruuid.from_ulid("01AIZ3NDEKTSV4RRFFQ69G5FAV")
    with pytest.raises(ValueError, match=r"position 0 .*first character must be 0-7"):
        oruuid.from_ulid("8" + good[1:])
    with pytest.raises(ValueError, match="invalid length 25: base32 text has 26"):
        oruuid.from_ulid(good[:-1])
    with pytest.raises(ValueError, match="character 'é' at position 25"):
        oruuid.from_ulid(good[:-1] + "é")
    with pytest.raises(ValueError, match=r"character '\\ud800' at position 2"):
        oruuid.from_ulid("01\ud800" + good[3:])
    for bad in (good.encode(), None, 5, ULID.from_str(good)):
        with pytest.raises(TypeError, match="text must be a str"):
            oruuid.from_ulid(bad)
    for version in (4, 6, 8, -7, 7 + (1 << 70)):
        with pytest.raises(ValueError, match="version must be None or 7"):
            oruuid.from_ulid(good, version=version)
    for version in ("7", 7.0, True):
        with pytest.raises((TypeError, ValueError), match="version must be None or 7"):
            oruuid.from_ulid(good, version=version)
    with pytest.raises(TypeError):
        oruuid.from_ulid(good, 7)  # version is keyword-only
    with pytest.raises(TypeError, match=r"expected a uuid\.UUID"):
        oruuid.to_ulid(good)


# ---------------------------------------------------------------- encode / decode


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(u=uuids | edge_uuids)
def test_encode_matches_references_and_round_trips(u):
    assert oruuid.encode(u, "base58") == base58_reference(u)
    assert oruuid.encode(u, "base64url") == base64url_reference(u)
    for a in ALPHABETS:
        text = oruuid.encode(u, a)
        assert len(text) == WIDTH[a]
        assert text.isascii()
        back = oruuid.decode(text, a)
        assert back == u
        assert type(back) is uuid.UUID
    # base64url decodes as the stdlib decodes it
    assert base64.urlsafe_b64decode(oruuid.encode(u, "base64url") + "==") == u.bytes


@settings(max_examples=500, deadline=None)
@given(a=uuids, b=uuids)
def test_base32_and_base58_sort_as_the_uuids(a, b):
    for alphabet in ("base32", "base58"):
        assert (oruuid.encode(a, alphabet) < oruuid.encode(b, alphabet)) == (a < b)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(text=st.text(alphabet=BASE58 + "0OIl+/=", min_size=21, max_size=23))
def test_decode_base58_agrees_with_a_reference(text):
    if len(text) == 22 and all(c in BASE58 for c in text):
        n = 0
        for c in text:
            n = n * 58 + BASE58.index(c)
        want = ("ok", uuid.UUID(int=n)) if n < 1 << 128 else ("ValueError", None)
    else:
        want = ("ValueError", None)
    assert outcome(oruuid.decode, text, "base58") == want


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(
    text=st.text(alphabet=string.ascii_letters + string.digits + "-_+/=", min_size=21, max_size=23)
)
def test_decode_base64url_agrees_with_the_stdlib_on_canonical_text(text):
    ours = outcome(oruuid.decode, text, "base64url")
    canonical = (
        len(text) == 22
        and all(c in string.ascii_letters + string.digits + "-_" for c in text)
        and text[-1] in "AQgw"
    )
    if canonical:
        assert ours == ("ok", uuid.UUID(bytes=base64.urlsafe_b64decode(text + "==")))
    else:
        assert ours == ("ValueError", None)


def test_known_texts():
    assert oruuid.encode(oruuid.NIL, "base58") == "1" * 22
    assert oruuid.encode(oruuid.MAX, "base58") == "YcVfxkQb6JRzqk5kF2tNLv"
    assert oruuid.encode(oruuid.MAX, "base64url") == "_" * 21 + "w"
    assert oruuid.encode(uuid.UUID(bytes=bytes(range(16))), "base64url") == "AAECAwQFBgcICQoLDA0ODw"
    assert oruuid.encode(u=oruuid.NIL, alphabet="base32") == "0" * 26


@pytest.mark.parametrize(
    ("alphabet", "text", "message"),
    [
        ("base58", "1" * 21, "invalid length 21: base58 text has 22 characters"),
        ("base58", "1" * 23, "invalid length 23"),
        ("base58", "", "invalid length 0"),
        ("base58", "1" * 5 + "0" + "1" * 16, "invalid base58 character '0' at position 5"),
        ("base58", "1" * 21 + "l", "invalid base58 character 'l' at position 21"),
        ("base58", "YcVfxkQb6JRzqk5kF2tNLw", "position 21 makes the value exceed 128 bits"),
        ("base58", "z" * 22, "position 0 makes the value exceed 128 bits"),
        ("base64url", "A" * 21 + "B", "position 21 sets bits past the 128th"),
        ("base64url", "A" * 3 + "+" + "A" * 18, "invalid base64url character '\\+' at position 3"),
        ("base64url", "A" * 20 + "==", "invalid base64url character '=' at position 20"),
        ("base64url", "A" * 24, "invalid length 24: base64url text has 22"),
        ("base32", "0" * 10 + "u" + "0" * 15, "'u' at position 10 .*no I, L, O or U"),
        ("base32", "0" * 25 + "\x00", "invalid base32 character '\\\\x00' at position 25"),
        ("base32", "0" * 25 + "\U0001f600", "at position 25"),  # one code point, not 4 bytes
        ("base32", "\u0660" * 26, "invalid base32 character '\u0660' at position 0"),
    ],
)
def test_decode_errors_name_the_position(alphabet, text, message):
    with pytest.raises(ValueError, match=message) as info:
        oruuid.decode(text, alphabet)
    assert str(info.value).startswith("decode(): ")


def test_encode_decode_argument_errors():
    u = oruuid.uuid4()
    for bad in ("base16", "BASE58", "base64", ""):
        with pytest.raises(ValueError, match="alphabet must be 'base32', 'base58' or 'base64url'"):
            oruuid.encode(u, bad)
        with pytest.raises(ValueError, match="alphabet must be"):
            oruuid.decode("1" * 22, bad)
    for bad in (None, 58, b"base58"):
        with pytest.raises(TypeError, match="alphabet must be"):
            oruuid.encode(u, bad)
    for bad in (b"1" * 22, bytearray(b"1" * 22), None, 5, u):
        with pytest.raises(TypeError, match="text must be a str"):
            oruuid.decode(bad, "base58")
    for bad in (str(u), u.int, u.bytes, None):
        with pytest.raises(TypeError, match=r"expected a uuid\.UUID"):
            oruuid.encode(bad, "base58")
    with pytest.raises(TypeError, match="missing 2 required positional arguments"):
        oruuid.encode()
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'alphabet'"):
        oruuid.decode("x")


class StrSub(str):
    pass


class UUIDSub(uuid.UUID):
    pass


def test_subclasses_are_read_by_value():
    u = oruuid.uuid4()
    assert oruuid.decode(StrSub(oruuid.encode(u, "base58")), "base58") == u
    assert oruuid.encode(UUIDSub(int=u.int), StrSub("base64url")) == oruuid.encode(u, "base64url")
    assert oruuid.to_ulid(UUIDSub(int=u.int)) == oruuid.to_ulid(u)


def test_pickle_by_name():
    for fn in (oruuid.to_ulid, oruuid.from_ulid, oruuid.encode, oruuid.decode):
        assert fn.__module__ == "oruuid"
        assert pickle.loads(pickle.dumps(fn)) is fn


# ---------------------------------------------------------------- batches


@pytest.mark.parametrize("alphabet", ALPHABETS)
def test_format_and_parse_many_with_an_alphabet(alphabet):
    us = [*oruuid.uuid4_many(1000), oruuid.NIL, oruuid.MAX]
    raw = b"".join(u.bytes for u in us)
    texts = oruuid.format_many(raw, alphabet=alphabet)
    assert texts == [oruuid.encode(u, alphabet) for u in us]
    assert oruuid.parse_many(texts, alphabet=alphabet) == us
    assert oruuid.parse_many(tuple(texts), alphabet=alphabet, format="bytes") == raw
    assert oruuid.parse_many(texts, alphabet=alphabet, format="str") == [str(u) for u in us]


@pytest.mark.parametrize("alphabet", ALPHABETS)
def test_batch_alphabets_with_numpy_and_arrow(alphabet):
    np = pytest.importorskip("numpy")
    pa = pytest.importorskip("pyarrow")
    us = oruuid.uuid7_many(3000)
    texts = [oruuid.encode(u, alphabet) for u in us]
    arr = oruuid.uuid7_many(0, format="numpy")
    arr = np.array([u.bytes for u in us], dtype="S16").view("V16")
    assert oruuid.format_many(arr, alphabet=alphabet) == texts
    out = oruuid.format_many(
        oruuid.parse_many(texts, format="arrow", alphabet=alphabet),
        format="arrow",
        alphabet=alphabet,
    )
    assert out.type == pa.string()
    assert out.to_pylist() == texts
    assert oruuid.parse_many(np.array(texts), alphabet=alphabet) == us
    assert oruuid.parse_many(np.array(texts, dtype=object), alphabet=alphabet) == us
    for string_type in (pa.string(), pa.large_string()):
        with_nulls = pa.array([*texts[:5], None, *texts[5:10]], string_type)
        parsed = oruuid.parse_many(with_nulls, format="arrow", alphabet=alphabet)
        assert parsed.null_count == 1
        back = oruuid.format_many(parsed, format="arrow", alphabet=alphabet)
        assert back.to_pylist() == [*texts[:5], None, *texts[5:10]]
        assert oruuid.format_many(parsed, alphabet=alphabet)[5] is None
    chunked = pa.chunked_array([texts[:7], texts[7:20]])
    assert oruuid.parse_many(chunked, alphabet=alphabet) == us[:20]


def test_batch_alphabet_errors_name_index_and_position():
    texts = [oruuid.encode(u, "base58") for u in oruuid.uuid4_many(5)]
    bad = [*texts[:3], "1" * 4 + "0" + "1" * 17, *texts[3:]]
    with pytest.raises(ValueError, match=r"parse_many: item 3 is not a UUID: '11110.*position 4"):
        oruuid.parse_many(bad, alphabet="base58")
    with pytest.raises(ValueError, match=r"item 3 .*position 4"):
        oruuid.parse_many(tuple(bad), alphabet="base58", format="bytes")
    # Canonical UUID text is not base58: strict, no falling back to uuid.UUID's rules.
    with pytest.raises(ValueError, match=r"item 0 .*invalid length 36"):
        oruuid.parse_many([str(oruuid.uuid4())], alphabet="base58")
    with pytest.raises(TypeError, match="item 1 is bytes"):
        oruuid.parse_many([texts[0], b"x"], alphabet="base58")
    with pytest.raises(ValueError, match="alphabet must be None, 'base32'"):
        oruuid.parse_many(texts, alphabet="base62")
    with pytest.raises(TypeError, match="alphabet must be None"):
        oruuid.parse_many(texts, alphabet=58)
    with pytest.raises(ValueError, match="format='hex' is the 32-digit text"):
        oruuid.format_many(b"\x00" * 16, format="hex", alphabet="base58")
    with pytest.raises(ValueError, match="alphabet must be None"):
        oruuid.format_many(b"\x00" * 16, alphabet="hex")
    np = pytest.importorskip("numpy")
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(ValueError, match=r"item 3 .*position 4"):
        oruuid.parse_many(np.array(bad), alphabet="base58")
    with pytest.raises(ValueError, match=r"item 3 .*position 4"):
        oruuid.parse_many(pa.array(bad), alphabet="base58")
    nulled = oruuid.parse_many(pa.array(bad), alphabet="base58", format="arrow", errors="null")
    assert nulled.null_count == 1
    assert not nulled[3].is_valid


# ---------------------------------------------------------------- Arrow strings in format_many


def test_format_many_parses_arrow_string_arrays():
    """DuckDB hands UUID columns to Arrow as strings: format_many takes those too."""
    pa = pytest.importorskip("pyarrow")
    us = oruuid.uuid4_many(2000)
    canonical = [str(u) for u in us]
    # Text as a database might return it: upper case, braced, 32 digits, URN.
    mixed = [
        s.upper()
        if i % 4 == 0
        else "{" + s + "}"
        if i % 4 == 1
        else s.replace("-", "")
        if i % 4 == 2
        else "urn:uuid:" + s
        for i, s in enumerate(canonical)
    ]
    for string_type in (pa.string(), pa.large_string()):
        arr = pa.array(mixed, string_type)
        assert oruuid.format_many(arr) == canonical
        assert oruuid.format_many(arr, format="hex") == [u.hex for u in us]
        out = oruuid.format_many(arr, format="arrow")
        assert out.type == pa.string()
        assert out.to_pylist() == canonical
        assert oruuid.format_many(arr, alphabet="base32") == [oruuid.to_ulid(u) for u in us]
        assert oruuid.format_many(arr[5:9]) == canonical[5:9]  # a slice: offset honoured
    with_nulls = pa.array([mixed[0], None, mixed[2]])
    assert oruuid.format_many(with_nulls) == [canonical[0], None, canonical[2]]
    out = oruuid.format_many(with_nulls, format="arrow")
    assert out.null_count == 1
    assert out.to_pylist() == [canonical[0], None, canonical[2]]
    chunked = pa.chunked_array([mixed[:3], [], mixed[3:10]])
    assert oruuid.format_many(chunked) == canonical[:10]
    assert oruuid.format_many(pa.array([], pa.string())) == []
    # Bad text: a ValueError naming the index across chunks, and the function.
    bad = pa.chunked_array([mixed[:3], [mixed[3], "not a uuid"]])
    with pytest.raises(ValueError, match="format_many: item 4 is not a UUID: 'not a uuid'"):
        oruuid.format_many(bad)


def test_format_many_arrow_strings_from_duckdb():
    duckdb = pytest.importorskip("duckdb")
    us = oruuid.uuid4_many(100)
    con = duckdb.connect()
    con.execute("CREATE TABLE t (id UUID)")
    con.executemany("INSERT INTO t VALUES (?)", [[str(u)] for u in us])
    relation = con.sql("SELECT id FROM t")
    to_arrow = getattr(relation, "to_arrow_table", None) or relation.arrow  # duckdb 1.x / 2.x
    column = to_arrow().column("id")
    pa = pytest.importorskip("pyarrow")
    assert column.type in (pa.string(), pa.large_string())  # what the issue describes
    assert sorted(oruuid.format_many(column)) == sorted(str(u) for u in us)
